/**
 * Shape checks of uploaded batches (pure). A malformed item refuses its whole batch with a
 * PlatformError naming the item: `details.field` is the path (`items[3].netWeight`),
 * `details.index` the item's position (0-based) and `details.name` the field, so the REST
 * adapter can say which annex property (`Items[3].NetWeight`) was wrong.
 *
 * What is NOT malformed: an unknown barcode, a refused cylinder, a failed check, an
 * overweight or late fill. Those are evidence; they are stored and raise alarms.
 */
import { type IntEnum, PlatformError, parseDate8 } from "@cylinder/db";

/** At most this many items per upload (a station's day, or a backlog after an outage). */
export const MAX_BATCH_ITEMS = 1000;
/** barcode columns are varchar(40). */
export const MAX_BARCODE_LENGTH = 40;
/** decimal(10,2): below 10^8. */
export const MAX_DECIMAL_10_2 = 99_999_999.99;
/** Station clocks drift; a time further ahead of the platform than this is impossible. */
export const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;
/** Nothing the platform traces happened before this (the province plan dates from 2021). */
export const EARLIEST_INSTANT = new Date("2000-01-01T00:00:00+08:00");

export function itemPath(index: number, name: string): string {
  return `items[${index}].${name}`;
}

export function invalidItem(index: number, name: string, reason: string): PlatformError {
  return new PlatformError("INVALID_FIELD", { field: itemPath(index, name), index, name, reason });
}

export function missingItemField(index: number, name: string): PlatformError {
  return new PlatformError("MISSING_FIELD", { field: itemPath(index, name), index, name });
}

/** A batch must have 1..MAX_BATCH_ITEMS items. */
export function checkBatchSize(items: readonly unknown[] | null | undefined, limit = MAX_BATCH_ITEMS): void {
  if (!items || items.length === 0) throw new PlatformError("MISSING_FIELD", { field: "items" });
  if (items.length > limit) throw new PlatformError("BATCH_TOO_LARGE", { limit, count: items.length });
}

/** Trims a barcode (the annex's examples pad them: `" 1103007831"`); refuses empty or too long. */
export function normalizeBarcode(value: string | null | undefined, index: number, name = "barcode"): string {
  const b = (value ?? "").trim();
  if (b === "") throw missingItemField(index, name);
  if (b.length > MAX_BARCODE_LENGTH) throw invalidItem(index, name, `长度超过 ${MAX_BARCODE_LENGTH} 个字符`);
  return b;
}

/** A ThridId/ThirdId: the annex's bigint, as decimal digits (safe-integer range). */
export function parseThirdIdText(value: string | number | null | undefined): number | null {
  const text = typeof value === "number" ? String(value) : (value ?? "").trim();
  if (!/^\d{1,16}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

export function parseItemThirdId(value: string | null | undefined, index: number, name = "thirdId"): number {
  if (value === null || value === undefined || value.trim() === "") throw missingItemField(index, name);
  const n = parseThirdIdText(value);
  if (n === null) throw invalidItem(index, name, "须为非负整数（不超过 16 位）");
  return n;
}

/** Refuses a batch that names one ThridId twice (it could not be idempotent). */
export function checkUniqueThirdIds(thirdIds: readonly number[], name = "thirdId"): void {
  const seen = new Map<number, number>();
  thirdIds.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) throw invalidItem(i, name, `与第 ${first} 条重复（${id}）`);
    seen.set(id, i);
  });
}

/** An instant that could have happened: a real time, not before 2000, not (much) in the future. */
export function checkInstant(value: Date, index: number, name: string, now: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalidItem(index, name, "不是有效时间");
  if (value.getTime() < EARLIEST_INSTANT.getTime()) throw invalidItem(index, name, "时间早于 2000 年");
  if (value.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw invalidItem(index, name, "时间晚于平台当前时间（请检查设备时钟）");
  }
  return value;
}

/** A weight in kg: finite, not negative, fits decimal(10,2). */
export function checkWeight(value: number, index: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidItem(index, name, "不是有效数值");
  if (value < 0) throw invalidItem(index, name, "不能为负数");
  if (value > MAX_DECIMAL_10_2) throw invalidItem(index, name, "数值过大");
  return Math.round(value * 100) / 100;
}

/** An int enum value of an item (CheckState, InspectionConclusion…), refused naming the item. */
export function parseItemEnum(e: IntEnum<string>, value: unknown, index: number, name: string): number {
  try {
    return e.parse(value, itemPath(index, name));
  } catch {
    throw new PlatformError("INVALID_ENUM", {
      field: itemPath(index, name),
      index,
      name,
      value: String(value),
      allowed: e.entries.map((x) => `${x.value} ${x.label}`),
    });
  }
}

/** A real calendar date `YYYY-MM-DD` (the scalar checks only the shape). */
export function checkIsoDate(value: string, index: number, name: string): string {
  try {
    return parseDate8(value.replace(/-/g, ""), itemPath(index, name));
  } catch {
    throw invalidItem(index, name, `不是有效日期：${value}`);
  }
}

/** Optional free text: trimmed, empty becomes null. */
export function optionalText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  return t === "" ? null : t;
}
