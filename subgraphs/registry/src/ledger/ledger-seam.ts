/**
 * THE LEDGER SEAM (防篡改). Registrations, their reviews, new cylinder archives and every
 * cylinder state change become leaves of the tamper-evident SM3 Merkle log
 * (db/src/ledger/README.md), appended in the same transaction as the record itself:
 *
 *   - registration/registration.service.ts: an application (version 1) and its review (2);
 *   - registration/registration.service.ts: each cylinder created by an approval;
 *   - car-code/car-cylinder.service.ts: each car cylinder bound to a code;
 *   - cylinder/cylinder-state.service.ts: each regulator state change and every archive update
 *     by an inspection result (a scrap included).
 *
 * `registry.registration` and `registry.cylinder` are versioned in the ledger: the ledger
 * serialises the record's CURRENT stored state and adds a version leaf only when that state
 * differs from the last one it holds (so a retried or no-op write adds nothing). A
 * `cylinder_state_change` row is the audit trail of a cylinder change: its leaf is the
 * cylinder's new version (the change row itself is not a ledgered table), so a writer names
 * the cylinder.
 */
import { appendLeaves } from "@cylinder/db/ledger";
import type { Tx } from "../db-util";

/** A registry record whose current stored state becomes (a version of) its leaf. */
export interface LedgerRecord {
  readonly table: "registration" | "cylinder";
  readonly id: number;
}

export async function appendLedgerLeaves(tx: Tx, records: readonly LedgerRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  return appendLeaves(
    tx,
    records.map((r) => ({ table: `registry.${r.table}` as const, id: r.id })),
  );
}
