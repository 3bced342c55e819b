/**
 * THE LEDGER SEAM (防篡改). Registrations, their reviews, new cylinder archives and every
 * cylinder state change are to become leaves of the tamper-evident SM3 Merkle log, appended
 * in the same transaction as the record itself (see db/src/schema/ledger.ts and DESIGN.md).
 * The ledger's `appendLeaves(tx, records)` is being built in db/src/ledger on another branch;
 * until it lands this is a deliberate no-op, called at every place a leaf belongs:
 *
 *   - registration/registration.service.ts: an application (version 1) and its review (2);
 *   - registration/registration.service.ts: each cylinder created by an approval;
 *   - car-code/car-cylinder.service.ts: each car cylinder bound to a code;
 *   - cylinder/cylinder-state.service.ts: each regulator state change (cylinder_state_change);
 *   - cylinder/inspection-results.service.ts: each inspection scrap (cylinder_state_change).
 *
 * To wire the ledger in, replace the body with `await appendLeaves(tx, records)` (mapping the
 * fields if its record type differs); nothing else in the registry needs to change.
 */
import type { Tx } from "../db-util";

export interface LedgerRecord {
  /** `recordSchema` / `recordTable` / `recordId` / `recordVersion` of ledger.leaf. */
  readonly schema: "registry";
  readonly table: "registration" | "cylinder" | "cylinder_state_change";
  readonly id: number;
  /** 1 for a record's first leaf; later state changes of the same record add versions. */
  readonly version: number;
  /** The record as it was accepted, to be canonically serialised and hashed (SM3). */
  readonly body: Readonly<Record<string, unknown>>;
}

export async function appendLedgerLeaves(_tx: Tx, records: readonly LedgerRecord[]): Promise<void> {
  if (records.length === 0) return;
  // no-op until db/src/ledger's appendLeaves lands (see above)
}
