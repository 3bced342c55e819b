/**
 * Storing alarms inside the record's transaction and publishing them after it commits.
 *
 * An alarm is unique per (type, record kind, record id) (`alarm_record_key`), so storing the
 * drafts of a record twice stores them once. Publishing happens only after COMMIT (a rolled
 * back upload must not ring a command centre) and never fails the request: the alarm is in
 * the database either way, and the console also reads `alarms(open: true)`.
 */
import type { AlarmBus, AlarmType, Logger } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { type Executor, jsonb, rows } from "../shared/sql";
import type { AlarmDraft } from "./rules";

/** A draft with what it is about. */
export interface AlarmToStore extends AlarmDraft {
  barcode: string | null;
  unitId: number | null;
  prefectureCode: string | null;
  recordKind: string | null;
  recordId: number | null;
}

/** What was stored (and will be published). */
export interface StoredAlarm {
  id: number;
  type: AlarmType;
  barcode: string | null;
  unit_id: number | null;
  prefecture_code: string | null;
  record_kind: string | null;
  record_id: number | null;
  raised_at: string;
}

/** Inserts the alarms in one statement, raised at `raisedAt` (the platform clock's time);
 * returns those stored now (not earlier duplicates). */
export async function insertAlarms(
  tx: Executor,
  alarms: readonly AlarmToStore[],
  raisedAt: Date,
): Promise<StoredAlarm[]> {
  if (alarms.length === 0) return [];
  const payload = alarms.map((a, n) => ({
    n,
    type: a.type,
    barcode: a.barcode,
    unit_id: a.unitId,
    prefecture_code: a.prefectureCode,
    record_kind: a.recordKind,
    record_id: a.recordId,
    reasons: a.reasons,
    message: a.message,
  }));
  return rows<StoredAlarm>(
    tx,
    sql`insert into trace.alarm (type, barcode, unit_id, prefecture_code, record_kind, record_id, reasons, message, raised_at)
      select r.type::trace.alarm_type, r.barcode, r.unit_id, r.prefecture_code, r.record_kind, r.record_id, r.reasons, r.message,
        ${raisedAt.toISOString()}::timestamptz
      from jsonb_to_recordset(${jsonb(payload)}) as r(n int, type text, barcode text, unit_id int,
        prefecture_code text, record_kind text, record_id bigint, reasons jsonb, message text)
      order by r.n
      on conflict (type, record_kind, record_id) where record_id is not null do nothing
      returning id, type, barcode, unit_id, prefecture_code, record_kind, record_id, raised_at`,
  );
}

/** Publishes stored alarms on the bus (after commit). Failures are logged, not thrown. */
export async function publishAlarms(bus: AlarmBus, log: Logger, alarms: readonly StoredAlarm[]): Promise<void> {
  await Promise.all(
    alarms.map(async (a) => {
      try {
        await bus.publish({
          id: Number(a.id),
          type: a.type,
          prefectureCode: a.prefecture_code,
          unitId: a.unit_id,
          barcode: a.barcode,
          raisedAt: new Date(a.raised_at).toISOString(),
        });
      } catch (err) {
        log.warn({ err, alarmId: a.id }, "alarm stored but not published on the bus");
      }
    }),
  );
}
