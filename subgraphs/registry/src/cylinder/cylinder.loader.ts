/** Batched cylinder reads: every barcode asked for in one request becomes one SQL query. */

import type { Drizzle } from "@cylinder/db";
import { cylinder } from "@cylinder/db/schema";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { inArray } from "drizzle-orm";

export type CylinderRow = typeof cylinder.$inferSelect;

export function createCylinderLoaders(db: Drizzle) {
  const byBarcode = batchLoader<string, CylinderRow | null>(async (barcodes) => {
    const rows = await db
      .select()
      .from(cylinder)
      .where(inArray(cylinder.barcode, barcodes as string[]));
    const map = new Map(rows.map((r) => [r.barcode, r]));
    return barcodes.map((b) => map.get(b) ?? null);
  });
  return { byBarcode };
}
