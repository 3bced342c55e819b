/**
 * Batched per-cylinder pages (the pattern of Cylinder.fills, for every list a cylinder has):
 * all cylinders of one request asking for the same page (same `first`/`after`) are answered
 * by ONE query, `unnest(barcodes) CROSS JOIN LATERAL (… where barcode = b.barcode order by
 * time desc limit n)`, each cylinder reading only its newest rows from the (barcode, time)
 * index. So 10 or 100 cylinders with their last 5 fills, checks and alarms cost the same
 * number of statements.
 */
import type { Drizzle } from "@cylinder/db";
import { batchLoader, decodeCursor, encodeCursor, type PageInfo } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { type SQL, sql } from "drizzle-orm";
import { rows, textArray } from "../shared/sql";

export interface LateralSpec {
  /** e.g. `trace.fill_record` (aliased x) */
  table: string;
  /** select list over x (raw, trusted) */
  columns: string;
  /** sort column over x, newest first, e.g. `x.end_at` */
  sort: string;
  sortType: "timestamptz" | "date";
  /** the reader's scope as a condition over x */
  scope: SQL;
}

export interface PageKey {
  barcode: string;
  /** rows to fetch (page size + 1) */
  limit: number;
  after: string | null;
}

export type LateralRow = { id: number; barcode: string | null; sort_key: string };

const shapeOf = (k: Pick<PageKey, "limit" | "after">) => `${k.limit}|${k.after ?? ""}`;

export function lateralLoader<Row extends LateralRow>(db: Drizzle, spec: LateralSpec) {
  async function page(limit: number, after: string | null, barcodes: string[]): Promise<Row[]> {
    const cursor = decodeCursor(after);
    const before = cursor
      ? sql`and (${sql.raw(spec.sort)}, x.id) < (${String(cursor[0])}::${sql.raw(spec.sortType)}, ${Number(cursor[1])}::bigint)`
      : sql``;
    return rows<Row>(
      db,
      sql`select p.* from unnest(${textArray(barcodes)}) as b(barcode)
        cross join lateral (
          select ${sql.raw(spec.columns)}, ${sql.raw(spec.sort)}::text as sort_key
          from ${sql.raw(spec.table)} x
          where x.barcode = b.barcode and ${spec.scope} ${before}
          order by ${sql.raw(spec.sort)} desc, x.id desc
          limit ${limit}
        ) p`,
    );
  }

  return batchLoader<PageKey, Row[], string>(
    async (keys) => {
      // one query per distinct page shape (normally one: every cylinder asks for the same page)
      const groups = new Map<string, PageKey[]>();
      for (const k of keys) {
        const g = shapeOf(k);
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const byKey = new Map<string, Row[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { limit, after } = group[0]!;
          const found = await page(limit, after, [...new Set(group.map((k) => k.barcode))]);
          for (const k of group) byKey.set(`${k.barcode}|${shapeOf(k)}`, []);
          for (const r of found) byKey.get(`${r.barcode}|${shapeOf({ limit, after })}`)?.push(r);
        }),
      );
      return keys.map((k) => byKey.get(`${k.barcode}|${shapeOf(k)}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.barcode}|${shapeOf(k)}` },
  );
}

/** A connection from `limit + 1` fetched rows. */
export function lateralConnection<Row extends LateralRow, Item>(
  found: Row[],
  size: number,
  toItem: (r: Row) => Item,
): { nodes: Item[]; pageInfo: PageInfo } {
  const kept = found.slice(0, size);
  const last = kept[kept.length - 1];
  return {
    nodes: kept.map(toItem),
    pageInfo: {
      endCursor: last ? encodeCursor([last.sort_key, Number(last.id)]) : null,
      hasNextPage: found.length > size,
    },
  };
}
