/** Batched reads of spot-check items. */

import type { Drizzle } from "@cylinder/db";
import { spotCheckItem } from "@cylinder/db/schema";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { asc, inArray } from "drizzle-orm";
import type { SpotCheckItemRow } from "./spot-check.type";

export function createSpotCheckItemLoader(db: Drizzle) {
  return batchLoader<number, SpotCheckItemRow[]>(async (ids) => {
    const rows = await db
      .select()
      .from(spotCheckItem)
      .where(inArray(spotCheckItem.spotCheckId, ids as number[]))
      .orderBy(asc(spotCheckItem.id));
    const bySpotCheck = new Map<number, SpotCheckItemRow[]>();
    for (const r of rows) {
      const list = bySpotCheck.get(r.spotCheckId) ?? [];
      list.push(r);
      bySpotCheck.set(r.spotCheckId, list);
    }
    return ids.map((id) => bySpotCheck.get(id) ?? []);
  });
}
