/**
 * Whether an inspection result is late (5 working days, plan 二(二)2), without ever failing
 * an upload because of the calendar: the working-day calendar throws CALENDAR_UNKNOWN_YEAR
 * for dates whose year's holiday notice is not known yet (from 24 December on, until the
 * operator adds the next year's notice). Then the result is still stored, its lateness is
 * `undetermined` (on the record and in the upload response), and the caller logs a warning;
 * the other alarms (unknown cylinder) are raised as usual. Once the notice is added, the
 * calendar job assesses the result again on its original times (`reassessLateness`). Pure.
 */
import { isPlatformError, type WorkingCalendar } from "@cylinder/db";
import { type AlarmDraft, type InspectionResultFacts, lateInspectionAlarm, unknownCylinderAlarm } from "../alarm/rules";
import type { CylinderPermitRow } from "../permit/types";

export type Lateness = "on_time" | "late" | "undetermined";

export interface InspectionAssessment {
  alarms: AlarmDraft[];
  lateness: Lateness;
  /** The year the calendar did not know, when lateness is undetermined. */
  unknownYear?: number;
}

/** The late-inspection alarm on `calendar`, or the year it does not know. */
function judge(
  result: InspectionResultFacts,
  calendar: WorkingCalendar,
): { late: AlarmDraft | null } | { unknownYear: number } {
  try {
    return { late: lateInspectionAlarm(result, calendar) };
  } catch (e) {
    if (!isPlatformError(e) || e.code !== "CALENDAR_UNKNOWN_YEAR") throw e;
    return { unknownYear: Number(e.details.year) };
  }
}

export function assessInspectionResult(
  result: InspectionResultFacts,
  context: { cylinder: CylinderPermitRow | null; calendar: WorkingCalendar },
): InspectionAssessment {
  const unknown = context.cylinder === null ? [unknownCylinderAlarm(result.barcode, "检验结果")] : [];
  const j = judge(result, context.calendar);
  if ("unknownYear" in j) return { alarms: unknown, lateness: "undetermined", unknownYear: j.unknownYear };
  return { alarms: [...(j.late ? [j.late] : []), ...unknown], lateness: j.late ? "late" : "on_time" };
}

/**
 * An undetermined result judged again on a calendar that may know more now: its lateness and
 * the late-inspection alarm it raises (with its original report and receipt times), or null
 * while the calendar still does not settle its days.
 */
export function reassessLateness(
  result: InspectionResultFacts,
  calendar: WorkingCalendar,
): { lateness: "on_time" | "late"; alarm: AlarmDraft | null } | null {
  const j = judge(result, calendar);
  if ("unknownYear" in j) return null;
  return { lateness: j.late ? "late" : "on_time", alarm: j.late };
}
