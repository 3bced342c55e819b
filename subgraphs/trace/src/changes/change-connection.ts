/**
 * "Changes since a time" connections (the REST lists' `lasttime` and the prefecture sync):
 * rows ordered by (updatedAt, id), `since` inclusive, and only rows older than the change
 * horizon (db/src/changes.ts), so a puller that keeps its watermark never misses a row
 * committed late. Each page says the horizon it was read under.
 */

import { DateTime, PageInfo } from "@cylinder/subgraph-kit";
import { type ClassType, Field, ObjectType } from "type-graphql";

export function ChangeConnection<Item extends object>(itemClass: ClassType<Item>) {
  @ObjectType()
  abstract class ChangeConnectionClass {
    @Field(() => [itemClass], { description: "变更的记录，按 (updatedAt, id) 升序 (changed rows, oldest first)" })
    nodes!: Item[];

    @Field(() => PageInfo, { description: "分页信息 (page info)" })
    pageInfo!: PageInfo;

    @Field(() => DateTime, {
      description:
        "变更视界：本次只返回早于此时间的变更，之后的变更下次必能读到 (the change horizon: only changes before it are returned; later ones will be)",
    })
    horizon!: Date;
  }
  return ChangeConnectionClass;
}
