/** Batched reads of inspection orders' cylinders (one query per request, whatever the page). */

import type { Drizzle } from "@cylinder/db";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { sql } from "drizzle-orm";
import { intArray, rows } from "../shared/sql";
import type { InspectionOrderItemRow } from "./order.type";

export function createOrderLoaders(db: Drizzle) {
  const items = batchLoader<number, InspectionOrderItemRow[]>(async (orderIds) => {
    const found = await rows<InspectionOrderItemRow>(
      db,
      sql`select i.order_id, i.barcode, i.seq_no, i.added_at from trace.inspection_order_item i
        where i.order_id = any(${intArray([...orderIds])}) and i.removed_at is null
        order by i.order_id, i.seq_no nulls last, i.id`,
    );
    const byOrder = new Map<number, InspectionOrderItemRow[]>(orderIds.map((id) => [id, []]));
    for (const r of found) byOrder.get(r.order_id)?.push(r);
    return orderIds.map((id) => byOrder.get(id) ?? []);
  });
  return { items };
}
