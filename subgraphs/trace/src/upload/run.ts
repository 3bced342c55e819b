/**
 * One upload batch, end to end: in ONE transaction store the batch idempotently, store the
 * alarms of the items accepted now, run the kind's extra writes (outbox, order status), hand
 * the accepted rows to the ledger seam; after COMMIT publish the alarms. Nothing is stored
 * if anything fails.
 */
import type { AlarmType } from "@cylinder/db";
import { type AlarmToStore, insertAlarms, publishAlarms } from "../alarm/alarm.store";
import type { TraceDeps } from "../context";
import type { Lateness } from "../inspection/lateness";
import { appendAcceptedToLedger } from "../ledger/seam";
import type { Executor } from "../shared/sql";
import { type BatchSpec, type StoredItem, storeBatch } from "./store";
import { type UploadItemResult, type UploadResult, UploadStatus } from "./upload.type";

export interface UploadRun {
  spec: BatchSpec;
  /** The alarms an item stored now raises (already bound to barcode, unit, prefecture). */
  alarmsFor(item: StoredItem): AlarmToStore[];
  /** Further writes in the same transaction. */
  afterStore?(tx: Executor, stored: readonly StoredItem[]): Promise<void>;
  /** Inspection results only. */
  latenessOf?(item: StoredItem): Lateness | null;
}

export async function runUpload(deps: TraceDeps, run: UploadRun): Promise<UploadResult> {
  const { stored, alarms } = await deps.db.transaction(async (tx) => {
    const stored = await storeBatch(tx, run.spec);
    const accepted = stored.filter((s) => s.status === "ACCEPTED");
    const alarms = await insertAlarms(
      tx,
      accepted.flatMap((item) => run.alarmsFor(item)),
      deps.clock.now(),
    );
    await run.afterStore?.(tx, stored);
    await appendAcceptedToLedger(
      tx,
      accepted.map((a) => ({ schema: "trace", table: run.spec.table, id: a.id, row: a.canonical })),
    );
    return { stored, alarms };
  });
  await publishAlarms(deps.alarmBus, deps.log, alarms);

  const raised = new Map<number, AlarmType[]>();
  for (const a of alarms) {
    const id = Number(a.record_id);
    raised.set(id, [...(raised.get(id) ?? []), a.type]);
  }
  const items: UploadItemResult[] = stored.map((s) => ({
    thirdId: String(s.thirdId),
    barcode: s.barcode,
    status: s.status === "ACCEPTED" ? UploadStatus.ACCEPTED : UploadStatus.DUPLICATE,
    id: s.id,
    alarms: s.status === "ACCEPTED" ? (raised.get(s.id) ?? []) : s.alarms,
    lateness: run.latenessOf?.(s) ?? null,
  }));
  const accepted = items.filter((i) => i.status === UploadStatus.ACCEPTED).length;
  return { accepted, duplicates: items.length - accepted, items };
}
