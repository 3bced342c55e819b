/**
 * Whether an inspection result is late (5 working days, plan 二(二)2), without ever failing
 * an upload because of the calendar: the working-day calendar throws CALENDAR_UNKNOWN_YEAR
 * for dates whose year's holiday notice is not published yet (from 24 December on, until
 * the State Council publishes the next year's). Then the result is still stored, its
 * lateness is `undetermined` (on the record and in the upload response), and the caller
 * logs a warning; the other alarms (unknown cylinder) are raised as usual. Pure.
 */
import { isPlatformError } from "@cylinder/db";
import {
  type AlarmDraft,
  type InspectionResultFacts,
  inspectionResultAlarms,
  unknownCylinderAlarm,
} from "../alarm/rules";
import type { CylinderPermitRow } from "../permit/types";

export type Lateness = "on_time" | "late" | "undetermined";

export interface InspectionAssessment {
  alarms: AlarmDraft[];
  lateness: Lateness;
  /** The year the calendar did not know, when lateness is undetermined. */
  unknownYear?: number;
}

export function assessInspectionResult(
  result: InspectionResultFacts,
  context: { cylinder: CylinderPermitRow | null },
): InspectionAssessment {
  try {
    const alarms = inspectionResultAlarms(result, context);
    return { alarms, lateness: alarms.some((a) => a.type === "late_inspection") ? "late" : "on_time" };
  } catch (e) {
    if (!isPlatformError(e) || e.code !== "CALENDAR_UNKNOWN_YEAR") throw e;
    const alarms = context.cylinder === null ? [unknownCylinderAlarm(result.barcode, "检验结果")] : [];
    return { alarms, lateness: "undetermined", unknownYear: Number(e.details.year) };
  }
}
