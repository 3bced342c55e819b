/**
 * Violation rules (违规报警规则): pure functions that turn an accepted trace record into the
 * alarm drafts it raises. The caller stores the record first (evidence is never discarded),
 * then stores each draft with the record's kind and id, barcode, unit and prefecture.
 *
 * Each function returns every alarm that applies, in a fixed order, or an empty list.
 *
 * Rules and their conventions:
 * - Unknown cylinder: a fill, check or inspection result naming a barcode that is not
 *   registered. A fill of an unregistered cylinder is also a refused cylinder filled (the
 *   permit rule refuses it with NOT_REGISTERED), so it raises both alarms: one says the
 *   platform does not know the barcode, the other that a forbidden fill took place.
 * - Refused cylinder filled: decideFillPermit re-run at the fill's beginAt, with the
 *   cylinder, unit, permissions and latest before-fill check as the caller reads them now
 *   (the caller should pass the latest check made before beginAt).
 * - Overfill: netWeight above the cylinder's fillWeight (最大充装量), compared in hundredths
 *   of a kilogram (the annex's decimal(10,2)); a cylinder without a fillWeight is not judged.
 * - Late upload (plan 二(二)1(3), 24 h): received more than 24 hours after the fill's endAt
 *   or the check's checkedAt; exactly 24 h is on time. A check whose time stood in from its
 *   receipt (`checkedAtSource = "received"`) cannot be late.
 * - Late inspection (plan 二(二)2, 5 working days): the report date is day 0 and is not
 *   counted (Civil Code art. 201); the deadline is the 5th working day after it on the
 *   Chinese public-holiday calendar (make-up working days count), until 24:00 China time of
 *   that day (art. 203). A result received (China date) after the deadline is late. Only the
 *   days between the report and the receipt are looked up, so a result received within 5
 *   calendar days is never late whatever the calendar, and a year the calendar does not know
 *   surfaces CALENDAR_UNKNOWN_YEAR instead of a guess.
 * - Permit refusal: every refused permit raises `permit_refused` with the refusal reasons.
 */
import {
  type AlarmType,
  addDays,
  CheckState,
  chinaDateOf,
  daysBetween,
  formatChinaDateTime,
  type IsoDate,
  type RecordKind,
  type WorkingCalendar,
} from "@cylinder/db";
import { decideFillPermit, permitMessage } from "../permit/decide";
import type {
  CylinderPermitRow,
  FillPermissionRow,
  FillPermitDecision,
  LatestBeforeFillCheck,
  PermitReasonCode,
  UnitPermitRow,
} from "../permit/types";

export const ALARM_REASON_CODES = [
  "UNKNOWN_CYLINDER",
  "OVERFILL",
  "LATE_UPLOAD",
  "CHECK_FAILED",
  "LATE_INSPECTION",
  "RECONCILIATION_GAP",
  "CALENDAR_NOTICE_MISSING",
  "CITIZEN_REPORT",
  "UNKNOWN_CODE",
  "MALFORMED_CODE",
] as const;
export type AlarmReasonCode = (typeof ALARM_REASON_CODES)[number];

export interface AlarmReason {
  /** An AlarmReasonCode, or the PermitReasonCodes of a refusal. */
  code: AlarmReasonCode | PermitReasonCode;
  message: string;
}

export interface AlarmDraft {
  type: AlarmType;
  reasons: AlarmReason[];
  /** One Chinese line for the command centre. */
  message: string;
}

/** Trace records are due on the platform within 24 hours (plan 二(二)1(3)). */
export const UPLOAD_DEADLINE_MS = 24 * 60 * 60 * 1000;
/** Inspection results are due within 5 working days of the report (plan 二(二)2). */
export const INSPECTION_DEADLINE_WORKING_DAYS = 5;

/** What the rules need of a fill record (a row of trace.fill_record). */
export interface FillRecordFacts {
  barcode: string;
  netWeight: number;
  beginAt: Date;
  endAt: Date;
  receivedAt: Date;
}

/** The registry's view of the fill, read when the record is accepted. */
export interface FillContext {
  cylinder: CylinderPermitRow | null;
  unit: UnitPermitRow | null;
  permissions: readonly FillPermissionRow[];
  /** The cylinder's latest before-fill check before the fill began, or null. */
  latestBeforeFillCheck: LatestBeforeFillCheck | null;
}

/** What the rules need of a before-fill or after-fill check (trace.before_fill_check / after_fill_check). */
export interface CheckRecordFacts {
  kind: Extract<RecordKind, "before_fill_check" | "after_fill_check">;
  barcode: string;
  /** CheckState: 0 合格, 1 不合格. */
  state: number;
  remark: string | null;
  checkedAt: Date;
  /** "received" when the upload omitted Date and the time of receipt stood in. */
  checkedAtSource: "reported" | "received";
  receivedAt: Date;
}

/** What the rules need of an inspection result (trace.inspection_result). */
export interface InspectionResultFacts {
  barcode: string;
  /** 检验报告完成日期, a China calendar date. */
  reportDate: IsoDate;
  receivedAt: Date;
}

function draft(type: AlarmType, reasons: AlarmReason[], message: string): AlarmDraft {
  return { type, reasons, message };
}

/** The unknown-cylinder alarm of a record (`what`: 充装记录, 充装前检查, 检验结果…). */
export function unknownCylinderAlarm(barcode: string, what: string): AlarmDraft {
  const message = `${what}中的气瓶 ${barcode.trim()} 未在平台登记`;
  return draft("unknown_cylinder", [{ code: "UNKNOWN_CYLINDER", message }], message);
}

/** "25 小时 3 分" for a duration in milliseconds (whole minutes, rounded down). */
function durationText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分`;
}

function lateUpload(what: string, at: Date, receivedAt: Date): AlarmDraft | null {
  const delay = receivedAt.getTime() - at.getTime();
  if (delay <= UPLOAD_DEADLINE_MS) return null;
  const message = `${what}超过 24 小时上传（${what}时间 ${formatChinaDateTime(at)}，平台收到 ${formatChinaDateTime(receivedAt)}，相隔 ${durationText(delay)}）`;
  return draft("late_upload", [{ code: "LATE_UPLOAD", message }], message);
}

const kg = (hundredths: number) => (hundredths / 100).toFixed(2);

/** Alarms raised by an accepted fill record: unknown cylinder, refused cylinder filled, overfill, late upload. */
export function fillRecordAlarms(fill: FillRecordFacts, context: FillContext): AlarmDraft[] {
  const out: AlarmDraft[] = [];
  const barcode = fill.barcode.trim();
  if (context.cylinder === null) out.push(unknownCylinderAlarm(barcode, "充装记录"));

  const decision = decideFillPermit({ barcode, ...context, now: fill.beginAt });
  if (!decision.permitted) {
    out.push(
      draft(
        "refused_cylinder_filled",
        decision.reasons,
        `违规充装：气瓶 ${barcode} 于 ${formatChinaDateTime(fill.beginAt)} 充装，按规定${permitMessage(decision)}`,
      ),
    );
  }

  const maxWeight = context.cylinder?.fillWeight;
  if (maxWeight !== null && maxWeight !== undefined) {
    const net = Math.round(fill.netWeight * 100);
    const max = Math.round(maxWeight * 100);
    if (net > max) {
      const message = `超装：净重 ${kg(net)} kg，最大充装量 ${kg(max)} kg，超出 ${kg(net - max)} kg`;
      out.push(draft("overfill", [{ code: "OVERFILL", message }], message));
    }
  }

  const late = lateUpload("充装结束", fill.endAt, fill.receivedAt);
  if (late) out.push(late);
  return out;
}

/** Alarms raised by an accepted before-fill or after-fill check: failed, unknown cylinder, late upload. */
export function checkRecordAlarms(
  check: CheckRecordFacts,
  context: { cylinder: CylinderPermitRow | null },
): AlarmDraft[] {
  const out: AlarmDraft[] = [];
  const what = check.kind === "before_fill_check" ? "充装前检查" : "充装后检查";
  const barcode = check.barcode.trim();
  if (check.state !== CheckState.values.PASS) {
    const remark = check.remark?.trim();
    const message = `气瓶 ${barcode} ${what}不合格${remark ? `：${remark}` : "（未注明原因）"}`;
    out.push(draft("check_failed", [{ code: "CHECK_FAILED", message }], message));
  }
  if (context.cylinder === null) out.push(unknownCylinderAlarm(barcode, what));
  if (check.checkedAtSource === "reported") {
    const late = lateUpload(what, check.checkedAt, check.receivedAt);
    if (late) out.push(late);
  }
  return out;
}

/**
 * The 5-working-day deadline of an inspection result, when it has passed by `receivedOn`;
 * null when the result is on time. Looks up only the dates after the report and before the
 * receipt (see the module comment).
 */
export function inspectionDeadlinePassed(
  calendar: WorkingCalendar,
  reportDate: IsoDate,
  receivedOn: IsoDate,
): IsoDate | null {
  // n working days fit in no fewer than n calendar days: within n days it cannot be late
  if (daysBetween(reportDate, receivedOn) <= INSPECTION_DEADLINE_WORKING_DAYS) return null;
  let counted = 0;
  for (let d = addDays(reportDate, 1); d < receivedOn; d = addDays(d, 1)) {
    if (calendar.isWorkingDay(d)) {
      counted += 1;
      if (counted === INSPECTION_DEADLINE_WORKING_DAYS) return d;
    }
  }
  return null;
}

/** Alarms raised by an accepted inspection result: late (5 working days), unknown cylinder. */
export function inspectionResultAlarms(
  result: InspectionResultFacts,
  context: { cylinder: CylinderPermitRow | null; calendar: WorkingCalendar },
): AlarmDraft[] {
  const out: AlarmDraft[] = [];
  const barcode = result.barcode.trim();
  const late = lateInspectionAlarm(result, context.calendar);
  if (late) out.push(late);
  if (context.cylinder === null) out.push(unknownCylinderAlarm(barcode, "检验结果"));
  return out;
}

/**
 * The late-inspection alarm of a result, or null when it is on time; throws
 * CALENDAR_UNKNOWN_YEAR when the calendar does not settle the days between report and receipt.
 */
export function lateInspectionAlarm(result: InspectionResultFacts, calendar: WorkingCalendar): AlarmDraft | null {
  const barcode = result.barcode.trim();
  const receivedOn = chinaDateOf(result.receivedAt);
  const deadline = inspectionDeadlinePassed(calendar, result.reportDate, receivedOn);
  if (deadline === null) return null;
  const message = `气瓶 ${barcode} 的检验结果超过 5 个工作日上传（报告日期 ${result.reportDate}，应于 ${deadline} 前上传，平台 ${formatChinaDateTime(result.receivedAt)} 收到）`;
  return draft("late_inspection", [{ code: "LATE_INSPECTION", message }], message);
}

/** The alarm a refused permit raises, or null when the permit was granted. */
export function permitRefusedAlarm(barcode: string, decision: FillPermitDecision): AlarmDraft | null {
  if (decision.permitted) return null;
  return draft("permit_refused", decision.reasons, `气瓶 ${barcode.trim()} ${permitMessage(decision)}`);
}

/** What the rules need of a monthly count (trace.reconciliation). */
export interface ReconciliationFacts {
  year: number;
  month: number;
  /** ReconciliationType label, e.g. 充装记录笔数 */
  typeLabel: string;
  reportedCount: number;
  platformCount: number;
}

/** The alarm a monthly count raises when it differs from what the platform holds. */
export function reconciliationAlarms(r: ReconciliationFacts): AlarmDraft[] {
  const difference = r.reportedCount - r.platformCount;
  if (difference === 0) return [];
  const message = `${r.year} 年 ${r.month} 月${r.typeLabel}对账不符：单位上报 ${r.reportedCount} 笔，平台收到 ${r.platformCount} 笔，相差 ${difference} 笔`;
  return [draft("reconciliation_gap", [{ code: "RECONCILIATION_GAP", message }], message)];
}
