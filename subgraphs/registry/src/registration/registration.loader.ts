/** Batched reads of registration items: every application's items in one query per request. */

import type { Drizzle } from "@cylinder/db";
import { registrationItem } from "@cylinder/db/schema";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { asc, inArray } from "drizzle-orm";
import type { RegistrationItemRow } from "./registration.type";

export function createRegistrationItemLoader(db: Drizzle) {
  return batchLoader<number, RegistrationItemRow[]>(async (ids) => {
    const rows = await db
      .select()
      .from(registrationItem)
      .where(inArray(registrationItem.registrationId, ids as number[]))
      .orderBy(asc(registrationItem.id));
    const byRegistration = new Map<number, RegistrationItemRow[]>();
    for (const r of rows) {
      const list = byRegistration.get(r.registrationId) ?? [];
      list.push(r);
      byRegistration.set(r.registrationId, list);
    }
    return ids.map((id) => byRegistration.get(id) ?? []);
  });
}
