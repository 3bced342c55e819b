/**
 * THE seam for the tamper-evident ledger (防篡改, DESIGN "Security"): every upload
 * transaction calls `appendAcceptedToLedger(tx, records)` once, after its records (and their
 * alarms) are stored and before it commits, with the rows accepted NOW (duplicates are not
 * new leaves). Today it does nothing.
 *
 * When `appendLeaves(tx, records)` lands in `@cylinder/db` (db/src/ledger), this function
 * becomes a call to it: same transaction, so a record and its leaf commit or roll back
 * together. Records are named by schema, table and id; the ledger reads and serialises them
 * itself, inside the same transaction.
 */
import type { Executor } from "../shared/sql";

export interface LedgerRecord {
  readonly schema: "trace";
  /** before_fill_check, fill_record, after_fill_check, inspection_result, inspection_order, reconciliation… */
  readonly table: string;
  readonly id: number;
}

export async function appendAcceptedToLedger(_tx: Executor, _records: readonly LedgerRecord[]): Promise<void> {
  // no-op until the ledger's appendLeaves(tx, records) is merged (see the module comment)
}
