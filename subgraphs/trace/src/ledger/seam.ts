/**
 * THE seam for the tamper-evident ledger (防篡改, DESIGN "Security", db/src/ledger/README.md):
 * every upload transaction calls `appendAcceptedToLedger(tx, records)` once, after its records
 * (and their alarms) are stored and before it commits, with the rows accepted NOW (duplicates
 * of an idempotent retry are not passed, and the ledger would add no second leaf anyway).
 * Same transaction: a record and its leaf commit or roll back together.
 *
 * Ledgered are the accepted trace records the design names (before/after-fill checks, fills,
 * inspection results: `tables.ts`). Inspection orders and reconciliation reports are
 * workflow state, not evidence: callers pass them, the seam skips them (tables.ts decides).
 */
import { appendLeaves, type CanonicalRow, isLedgeredTable, type RecordRef } from "@cylinder/db/ledger";
import type { Executor } from "../shared/sql";

export interface LedgerRecord {
  readonly schema: "trace";
  /** before_fill_check, fill_record, after_fill_check, inspection_result, inspection_order, reconciliation… */
  readonly table: string;
  readonly id: number;
  /** The canonical row from the writer's INSERT … RETURNING, when it has it (saves a read). */
  readonly row?: CanonicalRow;
}

let enabled = true;

/**
 * BENCHMARK ONLY (test/bench/ledger-upload.ts measures uploads with and without the log in
 * one run): switches the seam off in this process. Not a configuration: nothing in the
 * platform calls it, and production code must never.
 */
export function setLedgerSeamForBenchmark(on: boolean): void {
  enabled = on;
}

export async function appendAcceptedToLedger(tx: Executor, records: readonly LedgerRecord[]): Promise<number> {
  if (!enabled) return 0;
  const refs: RecordRef[] = [];
  for (const r of records) {
    const table = `${r.schema}.${r.table}`;
    if (isLedgeredTable(table)) refs.push(r.row ? { table, id: r.id, row: r.row } : { table, id: r.id });
  }
  if (refs.length === 0) return 0;
  return appendLeaves(tx, refs);
}
