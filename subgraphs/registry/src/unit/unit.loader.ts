/** Batched unit reads by id. */

import type { Drizzle } from "@cylinder/db";
import { unit } from "@cylinder/db/schema";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { inArray } from "drizzle-orm";

export type UnitRow = typeof unit.$inferSelect;

export function createUnitLoader(db: Drizzle) {
  return batchLoader<number, UnitRow | null>(async (ids) => {
    const rows = await db
      .select()
      .from(unit)
      .where(inArray(unit.id, ids as number[]));
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}
