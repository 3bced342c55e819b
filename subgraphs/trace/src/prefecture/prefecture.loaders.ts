/** Per-prefecture figures, batched: one grouped query per figure for all prefectures asked. */

import { addDays, chinaMidnight, chinaToday } from "@cylinder/db";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { type SQL, sql } from "drizzle-orm";
import type { TraceDeps } from "../context";
import { rows, textArray } from "../shared/sql";

export function createPrefectureLoaders(deps: TraceDeps) {
  const count = (query: (codes: string[]) => SQL) =>
    batchLoader<string, number>(async (codes) => {
      const found = await rows<{ code: string; n: number }>(deps.db, query([...codes]));
      const byCode = new Map(found.map((r) => [r.code.trim(), Number(r.n)]));
      return codes.map((c) => byCode.get(c) ?? 0);
    });

  return {
    /** Fills that ended today (China calendar day), by the filling unit's prefecture. */
    fillsToday: count((codes) => {
      const today = chinaToday(deps.clock);
      const from = chinaMidnight(today).toISOString();
      const to = chinaMidnight(addDays(today, 1)).toISOString();
      return sql`select f.prefecture_code as code, count(*)::int as n from trace.fill_record f
        where f.prefecture_code = any(${textArray(codes)}) and f.end_at >= ${from}::timestamptz and f.end_at < ${to}::timestamptz
        group by f.prefecture_code`;
    }),
    /** Alarms not yet acknowledged. */
    openAlarms: count(
      (codes) => sql`select a.prefecture_code as code, count(*)::int as n from trace.alarm a
        where a.prefecture_code = any(${textArray(codes)}) and a.acknowledged_at is null
        group by a.prefecture_code`,
    ),
  };
}
