import type { Drizzle } from "@cylinder/db";
import { prefecture } from "@cylinder/db/schema";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { inArray } from "drizzle-orm";

export type PrefectureRow = typeof prefecture.$inferSelect;

export function createPrefectureLoader(db: Drizzle) {
  return batchLoader<string, PrefectureRow | null>(async (codes) => {
    const rows = await db
      .select()
      .from(prefecture)
      .where(inArray(prefecture.code, codes as string[]));
    const map = new Map(rows.map((r) => [r.code, r]));
    return codes.map((c) => map.get(c) ?? null);
  });
}
