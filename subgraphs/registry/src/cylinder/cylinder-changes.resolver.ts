/**
 * "Changes since" (GenericBottle/List, CarBottle/List and the prefecture sync): cylinders of
 * one kind whose updated_at is at or after `since`, ordered by (updatedAt, id), keyset-paged.
 *
 * Never missing a row: every page of one read stops at the same horizon (changeHorizon(),
 * computed by the first page and carried in the cursor), before which every change is
 * committed and visible; the reader then calls again with `since = horizon` (inclusive). A
 * row written by a transaction still open during the read carries that transaction's start
 * time, which is at or after the horizon, so the next read returns it. Rows exactly at
 * `since` are returned again: consumers upsert by barcode.
 *
 * The cursor carries updated_at to the microsecond (JavaScript dates keep milliseconds only),
 * so rows in the same millisecond are neither skipped nor repeated between pages.
 */
import { changeHorizon, chinaToday, type Drizzle, PlatformError } from "@cylinder/db";
import { cylinder } from "@cylinder/db/schema";
import { DateTime, decodeCursor, encodeCursor, PageInfo, pageSize } from "@cylinder/subgraph-kit";
import { and, asc, eq, getTableColumns, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Sql } from "postgres";
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import { cylinderListScope } from "./cylinder.scope";
import { Cylinder, CylinderKind, toCylinder } from "./cylinder.type";

@ObjectType("CylinderChangeConnection", {
  description: "气瓶档案变更分页 (a page of changed cylinders); 读完所有页后以 horizon 作为下次的 since",
})
export class CylinderChangeConnection {
  @Field(() => [Cylinder], { description: "变更的气瓶，按 (updatedAt, id) 升序" })
  nodes!: Cylinder[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => DateTime, {
    description: "水位 (watermark): 本次读取只含此时刻之前的变更；读完最后一页后，下次以它作为 since（含）",
  })
  horizon!: Date;
}

function clientOf(db: Drizzle): Sql {
  const client = (db as Drizzle & { $client?: Sql }).$client;
  if (!client) throw new Error("drizzle instance without its postgres.js client");
  return client;
}

const updatedAtText = sql<string>`to_char(${cylinder.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@Resolver(() => Cylinder)
export class CylinderChangesResolver {
  @Query(() => CylinderChangeConnection, {
    description:
      "自 since（含）以来变更的气瓶档案 (changes since a time; GenericBottle/List, CarBottle/List, prefecture sync)，按权限过滤",
  })
  async cylinderChanges(
    @Arg("kind", () => CylinderKind) kind: CylinderKind,
    @Arg("since", () => DateTime) since: Date,
    @Ctx() ctx: RegistryContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CylinderChangeConnection> {
    const scope = cylinderListScope(ctx.scope, chinaToday(ctx.deps.clock));
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    let horizon: Date;
    const conditions: (SQL | undefined)[] = [scope, eq(cylinder.kind, kind), gte(cylinder.updatedAt, since)];
    if (cursor) {
      const [ts, id, h] = cursor;
      if (typeof ts !== "string" || typeof id !== "number" || typeof h !== "string") {
        throw new PlatformError("INVALID_FIELD", { field: "after", reason: "游标无效" });
      }
      horizon = new Date(h);
      conditions.push(sql`(${cylinder.updatedAt}, ${cylinder.id}) > (${ts}::timestamptz, ${id})`);
    } else {
      horizon = await changeHorizon(clientOf(ctx.deps.db));
    }
    conditions.push(lt(cylinder.updatedAt, horizon));
    const rows = await ctx.deps.db
      .select({ ...getTableColumns(cylinder), cursorTs: updatedAtText })
      .from(cylinder)
      .where(and(...conditions))
      .orderBy(asc(cylinder.updatedAt), asc(cylinder.id))
      .limit(size + 1);
    const hasNextPage = rows.length > size;
    const kept = hasNextPage ? rows.slice(0, size) : rows;
    const last = kept[kept.length - 1];
    return {
      nodes: kept.map(({ cursorTs: _, ...row }) => toCylinder(row, ctx.scope, ctx.deps.config.dataKey)),
      pageInfo: {
        endCursor: last ? encodeCursor([last.cursorTs, last.id, horizon.toISOString()]) : null,
        hasNextPage,
      },
      horizon,
    };
  }
}
