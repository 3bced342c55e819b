/**
 * A source that keeps failing raises a `sync_failure` alarm: once per outage and list (while
 * an earlier one for the same prefecture and list is still unacknowledged, no second one),
 * stored in trace.alarm and published on the alarm bus like every other alarm.
 */
import type { AlarmBus, Logger } from "@cylinder/db";
import type { Sql } from "postgres";
import { type CylinderList, LIST_SPECS, type TraceList } from "./lists";

export async function raiseSyncAlarm(
  sql: Sql,
  bus: AlarmBus | null,
  log: Logger,
  alarm: { prefectureCode: string; list: CylinderList | TraceList; failures: number; error: string; raisedAt: Date },
): Promise<number | null> {
  const recordKind = `sync:${alarm.list}`;
  const message = `州市平台 ${alarm.prefectureCode} 的${LIST_SPECS[alarm.list].label}同步连续失败 ${alarm.failures} 次：${alarm.error}`;
  const [row] = await sql<{ id: number; raised_at: string }[]>`
    insert into trace.alarm (type, prefecture_code, record_kind, reasons, message, raised_at)
    select 'sync_failure', ${alarm.prefectureCode}, ${recordKind},
      ${JSON.stringify([{ code: "SYNC_FAILURE", message: alarm.error.slice(0, 500) }])}::jsonb, ${message},
      ${alarm.raisedAt.toISOString()}::timestamptz
    where not exists (
      select 1 from trace.alarm where type = 'sync_failure' and prefecture_code = ${alarm.prefectureCode}
        and record_kind = ${recordKind} and acknowledged_at is null)
    returning id, raised_at`;
  if (!row) return null;
  if (bus) {
    try {
      await bus.publish({
        id: Number(row.id),
        type: "sync_failure",
        prefectureCode: alarm.prefectureCode,
        unitId: null,
        barcode: null,
        raisedAt: new Date(row.raised_at).toISOString(),
      });
    } catch (err) {
      log.warn({ err, alarmId: row.id }, "sync alarm stored but not published on the bus");
    }
  }
  return Number(row.id);
}
