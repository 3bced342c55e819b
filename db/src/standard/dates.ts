/**
 * The one date codec of the platform: the annex's `yyyyMMdd` (a calendar date in China) and
 * `yyyyMMddHHmmss` (a wall-clock time in China Standard Time, UTC+8).
 *
 * China has kept a fixed UTC+8 offset without daylight saving since 1991, and every date the
 * contract carries is later than that, so the offset is a constant, not a time-zone lookup.
 * Parsing is strict: the string must have exactly the digits of its format and name a real
 * date (no 20210230, no hour 24). Invalid input throws a PlatformError with code INVALID_DATE.
 *
 * Calendar dates are kept as ISO strings `YYYY-MM-DD` (what a Postgres `date` column holds);
 * instants are JavaScript `Date`s.
 */
import { PlatformError } from "../errors";

/** UTC+8 in milliseconds. */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const DATE8 = /^(\d{4})(\d{2})(\d{2})$/;
const DATETIME14 = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as Postgres `date` text: `YYYY-MM-DD`. */
export type IsoDate = string;

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `20210228` → `2021-02-28`; throws INVALID_DATE on anything that is not a real date. */
export function parseDate8(text: string, field = "日期"): IsoDate {
  const m = DATE8.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (isRealDate(y, mo, d)) return `${m[1]}-${m[2]}-${m[3]}`;
  }
  throw new PlatformError("INVALID_DATE", { field, value: text, format: "yyyyMMdd" });
}

/** A GraphQL `Date` (`YYYY-MM-DD`) that must name a real date; throws INVALID_DATE naming the
 * field (the scalar checks only the shape, so 2021-02-30 reaches resolvers). */
export function parseIsoDate(text: string, field = "日期"): IsoDate {
  const m = ISO_DATE.exec(text.trim());
  if (m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return `${m[1]}-${m[2]}-${m[3]}`;
  throw new PlatformError("INVALID_DATE", { field, value: text, format: "YYYY-MM-DD" });
}

/** `2021-02-28` → `20210228`. */
export function formatDate8(date: IsoDate): string {
  const m = ISO_DATE.exec(date);
  if (!m) throw new PlatformError("INVALID_DATE", { field: "date", value: date, format: "YYYY-MM-DD" });
  return `${m[1]}${m[2]}${m[3]}`;
}

/** `20200420195401` (China time) → the instant; throws INVALID_DATE on impossible times. */
export function parseDateTime14(text: string, field = "时间"): Date {
  const m = DATETIME14.exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    if (isRealDate(y, mo, d) && h < 24 && mi < 60 && s < 60) {
      return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS);
    }
  }
  throw new PlatformError("INVALID_DATE", { field, value: text, format: "yyyyMMddHHmmss" });
}

/** The instant → `yyyyMMddHHmmss` in China time (milliseconds are dropped, not rounded). */
export function formatDateTime14(instant: Date): string {
  const t = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return (
    String(t.getUTCFullYear()) +
    pad2(t.getUTCMonth() + 1) +
    pad2(t.getUTCDate()) +
    pad2(t.getUTCHours()) +
    pad2(t.getUTCMinutes()) +
    pad2(t.getUTCSeconds())
  );
}

/** The instant as China wall-clock text for people, `2026-05-10 23:59:59` (messages, alarms). */
export function formatChinaDateTime(instant: Date): string {
  const t = formatDateTime14(instant);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
}

/** The calendar date in China on which an instant falls. */
export function chinaDateOf(instant: Date): IsoDate {
  const t = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** The instant a China calendar date begins (00:00:00 UTC+8). */
export function chinaMidnight(date: IsoDate): Date {
  const m = ISO_DATE.exec(date);
  if (!m) throw new PlatformError("INVALID_DATE", { field: "date", value: date, format: "YYYY-MM-DD" });
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CHINA_OFFSET_MS);
}

/** Whole calendar days from `a` to `b` (b - a), both ISO dates. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((chinaMidnight(b).getTime() - chinaMidnight(a).getTime()) / 86_400_000);
}

/** Adds calendar days to an ISO date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return chinaDateOf(new Date(chinaMidnight(date).getTime() + days * 86_400_000));
}

/**
 * Adds whole years to an ISO date; 29 February becomes 28 February in a common year
 * (the inspection-period convention: a period never ends after the anniversary month).
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const m = ISO_DATE.exec(date);
  if (!m) throw new PlatformError("INVALID_DATE", { field: "date", value: date, format: "YYYY-MM-DD" });
  const y = Number(m[1]) + years;
  const mo = Number(m[2]);
  let d = Number(m[3]);
  while (!isRealDate(y, mo, d)) d -= 1;
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}

/** True when the text is a real `yyyyMMdd` date (no throw). */
export function isDate8(text: string): boolean {
  const m = DATE8.exec(text);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}
