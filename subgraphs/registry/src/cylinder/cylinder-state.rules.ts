/**
 * 气瓶状态变更 (lock / suspend / scrap / restore) and periodic-inspection results, as pure
 * rules: which changes are allowed, and whether an inspection result is newer than what the
 * archive already holds.
 */
import { CylinderState, InspectionConclusion, type IsoDate, PlatformError, parseIsoDate } from "@cylinder/db";
import { normalizeBarcode, parseThirdId } from "../registration/registration.rules";

export const SCRAPPED = CylinderState.values.SCRAPPED;

export type StateChange = { kind: "unchanged" } | { kind: "change"; from: number; to: number };

/** A regulator's change of state. Scrapping is final: a scrapped cylinder is destroyed (plan 三(六)). */
export function decideStateChange(from: number, toValue: unknown): StateChange {
  const to = CylinderState.parse(toValue, "state");
  if (from === to) return { kind: "unchanged" };
  if (from === SCRAPPED) {
    throw new PlatformError("INVALID_STATE", { reason: `气瓶已报废，不能改为「${CylinderState.label(to)}」` });
  }
  return { kind: "change", from, to };
}

export function checkReason(reason: string | null | undefined): string {
  const t = reason?.trim() ?? "";
  if (t === "") throw new PlatformError("MISSING_FIELD", { field: "reason（变更理由）" });
  if (t.length > 500) throw new PlatformError("INVALID_FIELD", { field: "reason", reason: "长度不能超过 500" });
  return t;
}

export interface InspectionResultIn {
  barcode: string;
  conclusion: number;
  reportDate: string;
  nextDate?: string | null;
  stationName: string;
  resultId: string;
}

export interface InspectionResultUpdate {
  barcode: string;
  /** InspectionConclusion: 0 合格, 1 不合格报废 */
  conclusion: number;
  reportDate: IsoDate;
  nextDate: IsoDate | null;
  stationName: string;
  resultId: number;
}

export function validateInspectionResult(item: InspectionResultIn, index: number): InspectionResultUpdate {
  const f = (name: string) => `items[${index}].${name}`;
  const conclusion = InspectionConclusion.parse(item.conclusion, f("conclusion"));
  const reportDate = parseIsoDate(item.reportDate ?? "", f("reportDate"));
  let nextDate: IsoDate | null = null;
  if (conclusion === InspectionConclusion.values.PASS) {
    if (!item.nextDate?.trim()) throw new PlatformError("MISSING_FIELD", { field: f("nextDate") });
    nextDate = parseIsoDate(item.nextDate, f("nextDate"));
    if (nextDate <= reportDate) {
      throw new PlatformError("INVALID_FIELD", { field: f("nextDate"), reason: "下检日期须晚于检验日期" });
    }
  }
  const stationName = item.stationName?.trim() ?? "";
  if (stationName === "") throw new PlatformError("MISSING_FIELD", { field: f("stationName") });
  return {
    barcode: normalizeBarcode(item.barcode, f("barcode")),
    conclusion,
    reportDate,
    nextDate,
    stationName,
    resultId: parseThirdId(item.resultId, f("resultId")),
  };
}

/**
 * Whether a result is newer than the one the archive holds: results are ordered by report date,
 * then by result id; the same result delivered again is not applied twice, and an older result
 * never overwrites a newer one. A check date without a result id (from registration) is older
 * than any result of that day.
 */
export function isNewerResult(
  current: { checkDate: IsoDate | null; lastInspectionResultId: number | null },
  result: { reportDate: IsoDate; resultId: number },
): boolean {
  if (current.lastInspectionResultId === result.resultId) return false;
  if (current.checkDate === null || result.reportDate > current.checkDate) return true;
  if (result.reportDate < current.checkDate) return false;
  return current.lastInspectionResultId === null || result.resultId > current.lastInspectionResultId;
}
