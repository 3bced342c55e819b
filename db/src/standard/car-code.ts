/**
 * 车用气瓶编码 (car-cylinder codes, annex 2): the province allocates each car filling station
 * (加气站) ranges of serials of its prefecture (号段); the station prints the codes on its
 * labels (QR code and 1-D barcode) and binds one to a car cylinder's archive when it labels
 * the cylinder. The annex names an encoding rule (编码规则) but does not give it; this is the
 * platform's, stable from now on:
 *
 *     5301 8 0000042 7
 *     │    │ │       └ check digit (Damm algorithm over the 12 digits before it)
 *     │    │ └──────── serial within the prefecture, 7 digits, 0000001..9999999
 *     │    └────────── 8 = car cylinder (the kind digit; generic cylinders never use it here)
 *     └─────────────── the first 4 digits of the prefecture's GB/T 2260 code (530100 → 5301)
 *
 * 13 digits, digits only, so it prints as a compact 1-D barcode (Code 128 set C) beside the QR
 * code and can be keyed on a numeric pad. Every Yunnan prefecture code ends in 00, so 4 digits
 * name it. The Damm check digit catches every single mistyped digit and every swap of two
 * adjacent digits (tested exhaustively in db/test/car-code.test.ts), with no letter such as
 * the X of ISO 7064 MOD 11-2.
 */
import { PlatformError } from "../errors";
import { isPrefectureCode } from "./prefectures";

export const CAR_CODE_LENGTH = 13;
export const CAR_KIND_DIGIT = "8";
export const MIN_CAR_SERIAL = 1;
export const MAX_CAR_SERIAL = 9_999_999;

/** The Damm algorithm's quasigroup of order 10 (weakly totally anti-symmetric). */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of digits. */
export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) {
    const d = ch.charCodeAt(0) - 48;
    if (d < 0 || d > 9) throw new PlatformError("INVALID_FIELD", { field: "digits", reason: "只能包含数字" });
    interim = DAMM[interim]![d]!;
  }
  return interim;
}

export interface CarCode {
  /** The 6-digit prefecture code, e.g. 530100. */
  readonly prefectureCode: string;
  readonly serial: number;
}

function checkSerial(serial: number, field: string): void {
  if (!Number.isInteger(serial) || serial < MIN_CAR_SERIAL || serial > MAX_CAR_SERIAL) {
    throw new PlatformError("INVALID_FIELD", {
      field,
      reason: `车用气瓶序号须在 ${MIN_CAR_SERIAL} 到 ${MAX_CAR_SERIAL} 之间`,
    });
  }
}

/** The code of a prefecture's serial: formatCarCode("530100", 42) → "5301800000427". */
export function formatCarCode(prefectureCode: string, serial: number): string {
  if (!isPrefectureCode(prefectureCode)) {
    throw new PlatformError("INVALID_FIELD", {
      field: "prefectureCode",
      reason: `${prefectureCode} 不是云南省州市代码`,
    });
  }
  checkSerial(serial, "serial");
  const body = `${prefectureCode.slice(0, 4)}${CAR_KIND_DIGIT}${String(serial).padStart(7, "0")}`;
  return `${body}${dammCheckDigit(body)}`;
}

/** Why a text is not a car code, in Chinese, or null when it is one. */
export function carCodeProblem(text: string): string | null {
  const code = text.trim();
  if (!/^\d+$/.test(code)) return "车用气瓶编码只能由数字组成";
  if (code.length !== CAR_CODE_LENGTH) return `车用气瓶编码应为 ${CAR_CODE_LENGTH} 位数字（当前 ${code.length} 位）`;
  if (!isPrefectureCode(`${code.slice(0, 4)}00`)) return `前 4 位 ${code.slice(0, 4)} 不是云南省州市代码`;
  if (code[4] !== CAR_KIND_DIGIT) return `第 5 位应为车用气瓶类别码 ${CAR_KIND_DIGIT}`;
  if (Number(code.slice(5, 12)) < MIN_CAR_SERIAL) return "序号不能为 0000000";
  if (dammCheckDigit(code.slice(0, 12)) !== Number(code[12])) return "校验位不符，编码可能输错";
  return null;
}

export function isCarCode(text: string): boolean {
  return carCodeProblem(text) === null;
}

/** Reads a car code (surrounding spaces ignored); throws INVALID_FIELD naming `field` and why. */
export function parseCarCode(text: string, field = "Barcode"): CarCode {
  const problem = carCodeProblem(text);
  if (problem !== null) throw new PlatformError("INVALID_FIELD", { field, reason: problem });
  const code = text.trim();
  return { prefectureCode: `${code.slice(0, 4)}00`, serial: Number(code.slice(5, 12)) };
}
