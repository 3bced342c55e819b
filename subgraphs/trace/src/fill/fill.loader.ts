/**
 * Batched per-cylinder fill pages: all cylinders in one request asking for the same page
 * (same `first`/`after`) are answered by one LATERAL query, each cylinder reading only its
 * newest rows from the (barcode, end_at) index.
 */
import type { Drizzle, Scope } from "@cylinder/db";
import { decodeCursor, type Keyset } from "@cylinder/subgraph-kit";
import DataLoader from "dataloader";
import { sql } from "drizzle-orm";

export interface FillRow {
  id: number;
  unit_id: number;
  third_id: number;
  barcode: string;
  idle_weight: string;
  gross_weight: string;
  net_weight: string;
  begin_at: string;
  end_at: string;
  machine: number | null;
  scale_factory: string | null;
  filler_name: string | null;
  prefecture_code: string;
  received_at: string;
}

export interface FillPageKey {
  barcode: string;
  /** rows to fetch (page size + 1) */
  limit: number;
  after: string | null;
  scope: Scope;
}

function scopeSql(scope: Scope) {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "prefecture":
      return sql`f.prefecture_code = ${scope.prefectureCode}`;
    case "unit":
      return sql`f.unit_id = ${scope.unitId}`;
    default:
      return sql`false`;
  }
}

export function createFillLoaders(db: Drizzle) {
  async function page(limit: number, after: string | null, scope: Scope, barcodes: string[]) {
    const cursor: Keyset | null = decodeCursor(after);
    const before = cursor
      ? sql`and (f.end_at, f.id) < (${String(cursor[0])}::timestamptz, ${Number(cursor[1])})`
      : sql``;
    return (await db.execute(sql`
      select x.* from unnest(${sql.param(barcodes)}::text[]) as b(barcode)
      cross join lateral (
        select f.id, f.unit_id, f.third_id, f.barcode, f.idle_weight, f.gross_weight, f.net_weight,
               f.begin_at, f.end_at, f.machine, f.scale_factory, f.filler_name, f.prefecture_code, f.received_at
        from trace.fill_record f
        where f.barcode = b.barcode and ${scopeSql(scope)} ${before}
        order by f.end_at desc, f.id desc
        limit ${limit}
      ) x`)) as unknown as FillRow[];
  }

  const pages = new DataLoader<FillPageKey, FillRow[], string>(
    async (keys) => {
      // one query per distinct page shape (normally one: every cylinder asks for the same page)
      const groups = new Map<string, FillPageKey[]>();
      for (const k of keys) {
        const g = `${k.limit}|${k.after ?? ""}`;
        groups.set(g, [...(groups.get(g) ?? []), k]);
      }
      const byKey = new Map<string, FillRow[]>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { limit, after, scope } = group[0]!;
          const rows = await page(limit, after, scope, [...new Set(group.map((k) => k.barcode))]);
          for (const k of group) byKey.set(`${k.barcode}|${k.limit}|${k.after ?? ""}`, []);
          for (const r of rows) byKey.get(`${r.barcode}|${limit}|${after ?? ""}`)?.push(r);
        }),
      );
      return keys.map((k) => byKey.get(`${k.barcode}|${k.limit}|${k.after ?? ""}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.barcode}|${k.limit}|${k.after ?? ""}` },
  );
  return { pages };
}
