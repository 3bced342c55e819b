/**
 * Cursor pagination (Relay-style connections) on keyset cursors: the cursor is the sort key
 * and id of the last row seen, so a page costs an index range scan however deep it is.
 */
import { PlatformError } from "@cylinder/db";
import { type ClassType, Directive, Field, ObjectType } from "type-graphql";

// every subgraph pages its lists the same way, so the type is shared across them
@ObjectType("PageInfo", { description: "分页信息 (page info)" })
@Directive("@shareable")
export class PageInfo {
  @Field(() => String, { nullable: true, description: "本页最后一条的游标 (cursor of the last item)" })
  endCursor!: string | null;

  @Field(() => Boolean, { description: "是否还有下一页 (whether more items follow)" })
  hasNextPage!: boolean;
}

/** A connection type for `Item`: `nodes` and `pageInfo`. */
export function Connection<Item extends object>(itemClass: ClassType<Item>) {
  // not emitted itself: type-graphql 2 emits only types reachable from resolvers
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [itemClass])
    nodes!: Item[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

export type Keyset = readonly (string | number | null)[];

export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(key)) return key as Keyset;
  } catch {
    // fall through
  }
  throw new PlatformError("INVALID_FIELD", { field: "after", reason: "游标无效" });
}

export const MAX_PAGE = 500;

/** Clamps `first` to 1..MAX_PAGE (default 50). */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return 50;
  if (!Number.isInteger(first) || first < 1) {
    throw new PlatformError("INVALID_FIELD", { field: "first", reason: "须为正整数" });
  }
  return Math.min(first, MAX_PAGE);
}

/** Builds a page from `size + 1` fetched rows. */
export function toPage<Row, Item>(
  rows: Row[],
  size: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => Keyset,
): { nodes: Item[]; pageInfo: PageInfo } {
  const hasNextPage = rows.length > size;
  const kept = hasNextPage ? rows.slice(0, size) : rows;
  const last = kept[kept.length - 1];
  return {
    nodes: kept.map(toItem),
    pageInfo: { endCursor: last === undefined ? null : encodeCursor(keyOf(last)), hasNextPage },
  };
}
