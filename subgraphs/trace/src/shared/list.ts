/**
 * Keyset-paginated lists over trace tables: ordered by (sort column, id), the cursor is the
 * sort key (as Postgres text, so microseconds survive) and the id of the last row, and a page
 * is an index range scan however deep it is. Also the "changes since" lists (ascending
 * updated_at below the change horizon).
 */
import { changeHorizon, type Drizzle } from "@cylinder/db";
import { decodeCursor, encodeCursor, type PageInfo, pageSize } from "@cylinder/subgraph-kit";
import { and, type SQL, sql } from "drizzle-orm";
import { clientOf, rows } from "./sql";

export interface ListSpec {
  /** e.g. sql`trace.fill_record x` */
  from: SQL;
  /** The select list (raw, trusted). */
  columns: string;
  /** Conditions, the scope among them. */
  where: (SQL | undefined)[];
  /** The sort column (raw, trusted), e.g. `x.end_at`. */
  sort: string;
  sortType: "timestamptz" | "date" | "bigint";
  direction: "asc" | "desc";
  /** The id column, `x.id` unless told. */
  id?: string;
  first?: number | null;
  after?: string | null;
}

export interface Page<Row> {
  rows: Row[];
  pageInfo: PageInfo;
}

export async function listPage<Row extends { id: number; sort_key: string }>(
  db: Drizzle,
  spec: ListSpec,
): Promise<Page<Row>> {
  const size = pageSize(spec.first);
  const cursor = decodeCursor(spec.after);
  const id = spec.id ?? "x.id";
  const key = sql.raw(`(${spec.sort}, ${id})`);
  const cmp = sql.raw(spec.direction === "desc" ? "<" : ">");
  const type = sql.raw(spec.sortType);
  const conditions = [...spec.where];
  if (cursor) {
    conditions.push(sql`${key} ${cmp} (${String(cursor[0])}::${type}, ${Number(cursor[1])}::bigint)`);
  }
  const dir = sql.raw(spec.direction);
  const found = await rows<Row>(
    db,
    sql`select ${sql.raw(spec.columns)}, ${sql.raw(spec.sort)}::text as sort_key
      from ${spec.from}
      where ${and(sql`true`, ...conditions)}
      order by ${sql.raw(spec.sort)} ${dir}, ${sql.raw(id)} ${dir}
      limit ${size + 1}`,
  );
  const hasNextPage = found.length > size;
  const kept = hasNextPage ? found.slice(0, size) : found;
  const last = kept[kept.length - 1];
  return {
    rows: kept,
    pageInfo: { endCursor: last ? encodeCursor([last.sort_key, Number(last.id)]) : null, hasNextPage },
  };
}

/** A page of rows changed since `since` (inclusive), oldest change first, below the horizon. */
export async function changesPage<Row extends { id: number; sort_key: string }>(
  db: Drizzle,
  spec: Omit<ListSpec, "sort" | "sortType" | "direction"> & { since: Date },
): Promise<Page<Row> & { horizon: Date }> {
  const horizon = await changeHorizon(clientOf(db));
  const page = await listPage<Row>(db, {
    ...spec,
    where: [
      ...spec.where,
      sql`x.updated_at >= ${spec.since.toISOString()}::timestamptz`,
      sql`x.updated_at < ${horizon.toISOString()}::timestamptz`,
    ],
    sort: "x.updated_at",
    sortType: "timestamptz",
    direction: "asc",
  });
  return { ...page, horizon };
}
