/**
 * Scans of codes no cylinder carries. A label printed by someone other than the registration
 * authority (a counterfeit) scans to a code the platform does not know; each such code is
 * recorded and raises one alarm, to the prefecture a car code names (annex 2) or else to the
 * province. An address scanning more than a few dozen unknown codes an hour is not a citizen
 * with a phone: its further scans are not recorded (the page still answers).
 */
import { carCodeProblem, parseCarCode } from "@cylinder/db";

export const UNKNOWN_SCAN_LIMIT = { perAddress: { max: 30, windowMs: 60 * 60_000 } } as const;

/** At most this much of a scanned text is kept. */
export const MAX_CODE_KEPT = 100;

export interface ScannedCode {
  /** Trimmed, at most MAX_CODE_KEPT characters. */
  code: string;
  /** Not shaped like any code the platform issues (letters, digits, - only). */
  malformed: boolean;
  /** The prefecture of a well-formed car code; null otherwise. */
  prefectureCode: string | null;
}

export function scannedCode(text: string): ScannedCode {
  const code = [...text.trim()].slice(0, MAX_CODE_KEPT).join("");
  const malformed = code === "" || !/^[0-9A-Za-z-]{1,40}$/.test(code);
  const prefectureCode = !malformed && carCodeProblem(code) === null ? parseCarCode(code).prefectureCode : null;
  return { code, malformed, prefectureCode };
}

export function unknownCodeAlarmMessage(c: ScannedCode): string {
  return c.malformed
    ? `扫码查询了格式不正确的编码「${c.code}」（疑似伪造标签）`
    : `扫码查询了未登记的编码 ${c.code}（疑似假冒标签）`;
}
