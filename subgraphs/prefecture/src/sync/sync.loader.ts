import type { Drizzle } from "@cylinder/db";
import { batchLoader } from "@cylinder/subgraph-kit";
import { type SyncStateRow, syncStates } from "@cylinder/sync/control";
import type { Sql } from "postgres";

/** Sync states of many prefectures in one query. */
export function createSyncStatesLoader(db: Drizzle) {
  const sql = (db as unknown as { $client: Sql }).$client;
  return batchLoader<string, SyncStateRow[]>(async (codes) => {
    const rows = await syncStates(sql, codes as string[]);
    return codes.map((c) => rows.filter((r) => r.prefectureCode === c));
  });
}
