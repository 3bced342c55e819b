/**
 * The calendar job (scheduled; see infra/src/platform.ts and CALENDAR_JOB_SECONDS):
 * 1. tells the province operator when next year's holiday notice is due and missing: from
 *    1 November, one `calendar_notice_missing` alarm per missing year, to the province
 *    (the alarm key `calendar_year`/year makes a second run store nothing);
 * 2. assesses again every inspection result stored with lateness `undetermined`, once the
 *    calendar settles its days (the operator added the notice and restarted): the judgement
 *    goes to `trace.inspection_reassessment` on the result's original report and receipt
 *    times, and a late result raises the late-inspection alarm it would have raised then.
 * Idempotent: a result is reassessed once (its row is the marker), an alarm stored once.
 */
import { type AlarmType, calendarOutlook, chinaDateOf, chinaToday, PROVINCE_CODE } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { type AlarmToStore, insertAlarms, publishAlarms, type StoredAlarm } from "../alarm/alarm.store";
import type { TraceDeps } from "../context";
import { rows } from "../shared/sql";
import { reassessLateness } from "./lateness";

const PAGE = 500;

export interface CalendarJobReport {
  /** The year whose notice is due and missing, when the operator was (or already had been) told. */
  missingYear: number | null;
  reassessed: number;
  late: number;
  /** Undetermined results the calendar still does not settle. */
  stillUndetermined: number;
}

interface UndeterminedRow {
  id: number;
  barcode: string;
  station_unit_id: number;
  prefecture_code: string;
  report_date: string;
  received_at: string;
}

/** Which notices settled the days from the report to the receipt (for the record). */
function sourcesOf(deps: TraceDeps, reportDate: string, receivedAt: Date): string {
  const from = Number(reportDate.slice(0, 4));
  const received = chinaDateOf(receivedAt);
  const to = Number(received.slice(0, 4)) + (received.slice(5) >= "12-24" ? 1 : 0);
  const out: string[] = [];
  for (let y = from; y <= to; y++) out.push(`${y}: ${deps.calendar.origins.get(y) ?? "?"}`);
  return out.join("; ");
}

async function warnOperator(deps: TraceDeps): Promise<{ year: number | null; alarms: StoredAlarm[] }> {
  const outlook = calendarOutlook(deps.calendar, chinaToday(deps.clock));
  if (!outlook.warning) return { year: null, alarms: [] };
  const type: AlarmType = "calendar_notice_missing";
  const alarms = await insertAlarms(
    deps.db,
    [
      {
        type,
        reasons: [{ code: "CALENDAR_NOTICE_MISSING", message: outlook.warning }],
        message: outlook.warning,
        barcode: null,
        unitId: null,
        prefectureCode: PROVINCE_CODE,
        recordKind: "calendar_year",
        recordId: outlook.neededYear,
      },
    ],
    deps.clock.now(),
  );
  return { year: outlook.neededYear, alarms };
}

export async function runCalendarJob(deps: TraceDeps): Promise<CalendarJobReport> {
  const warned = await warnOperator(deps);
  await publishAlarms(deps.alarmBus, deps.log, warned.alarms);
  const report: CalendarJobReport = { missingYear: warned.year, reassessed: 0, late: 0, stillUndetermined: 0 };
  let after = 0;
  for (;;) {
    const page = await rows<UndeterminedRow>(
      deps.db,
      sql`select r.id, r.barcode, r.station_unit_id, r.prefecture_code, r.report_date, r.received_at
          from trace.inspection_result r
          where r.lateness = 'undetermined' and r.id > ${after}
            and not exists (select 1 from trace.inspection_reassessment a where a.result_id = r.id)
          order by r.id limit ${PAGE}`,
    );
    if (page.length === 0) break;
    after = Number(page[page.length - 1]!.id);
    const judged = page.flatMap((r) => {
      const receivedAt = new Date(r.received_at);
      const facts = { barcode: r.barcode, reportDate: r.report_date, receivedAt };
      const j = reassessLateness(facts, deps.calendar);
      if (j === null) return [];
      return [{ row: r, ...j, source: sourcesOf(deps, r.report_date, receivedAt) }];
    });
    report.stillUndetermined += page.length - judged.length;
    if (judged.length === 0) continue;
    const assessedAt = deps.clock.now();
    const alarms = await deps.db.transaction(async (tx) => {
      const stored = await rows<{ result_id: number }>(
        tx,
        sql`insert into trace.inspection_reassessment (result_id, lateness, deadline, calendar_source, assessed_at)
            select r.result_id, r.lateness::trace.inspection_lateness, r.deadline, r.source, ${assessedAt.toISOString()}::timestamptz
            from jsonb_to_recordset(${JSON.stringify(
              judged.map((j) => ({
                result_id: j.row.id,
                lateness: j.lateness,
                deadline: j.alarm ? deps.calendar.addWorkingDays(j.row.report_date, 5) : null,
                source: j.source,
              })),
            )}::jsonb) as r(result_id bigint, lateness text, deadline date, source text)
            on conflict (result_id) do nothing
            returning result_id`,
      );
      const fresh = new Set(stored.map((s) => Number(s.result_id)));
      const drafts: AlarmToStore[] = judged
        .filter((j) => j.alarm !== null && fresh.has(Number(j.row.id)))
        .map((j) => ({
          ...j.alarm!,
          barcode: j.row.barcode,
          unitId: j.row.station_unit_id,
          prefectureCode: j.row.prefecture_code,
          recordKind: "inspection_result",
          recordId: Number(j.row.id),
        }));
      report.reassessed += fresh.size;
      report.late += drafts.length;
      return insertAlarms(tx, drafts, assessedAt);
    });
    await publishAlarms(deps.alarmBus, deps.log, alarms);
  }
  if (report.reassessed > 0) {
    deps.log.info({ ...report }, "calendar: undetermined inspection results assessed again");
  }
  return report;
}
