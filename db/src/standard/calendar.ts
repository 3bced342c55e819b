/**
 * The Chinese working-day calendar (法定节假日与调休): the one place the platform asks whether
 * a China calendar date is a working day. Deadlines such as "inspection results within 5
 * working days of the report" (the province plan, 二(二)2) are counted here.
 *
 * Source: the State Council's yearly holiday notices as collected by the `chinese-days`
 * package (public holidays, and make-up working days 调休上班 such as a Sunday that is a
 * working day). We read its bundled data table (`dist/chinese-days.json`) rather than its
 * functions: chinese-days 1.5.7 builds its lookup table with the process's local time zone,
 * so in a time zone west of UTC (e.g. TZ=America/New_York) it shifts every holiday by a day
 * and reports Monday 2026-09-21 as a rest day. Dates here are `IsoDate` strings and the
 * weekday is computed in UTC arithmetic, so the answer never depends on the server's TZ.
 *
 * Never guessed: a date whose year's holiday notice is not in the data throws
 * `PlatformError("CALENDAR_UNKNOWN_YEAR", { year, date })`. The last days of December also
 * need the NEXT year's notice, because the New Year's Day (元旦) arrangement of year Y+1 can
 * turn late-December days of year Y into rest days or make-up working days (2007-12-31 and
 * 2018-12-31, both Mondays, were rest days; Saturday 2011-12-31 was a working day). So a date
 * on or after 24 December of year Y is known only when year Y+1 is covered too; otherwise the
 * error names year Y+1. When the State Council publishes a new notice, bump chinese-days.
 *
 * Counting convention (Civil Code art. 201: the day a period starts is not counted):
 * - `addWorkingDays(d, n)` is the n-th working day after `d` (n > 0), before `d` (n < 0);
 *   `d` itself is never counted, whether or not it is a working day; n = 0 returns `d`.
 * - `workingDaysBetween(a, b)` counts the working days met walking from `a` to `b`: `a`
 *   excluded, `b` included, i.e. the working days in (a, b] when a <= b; negative when
 *   b < a (minus the working days in [b, a)). So
 *   `workingDaysBetween(d, addWorkingDays(d, n)) === n` for every n.
 */
import data from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { PlatformError } from "../errors";
import { addDays, type IsoDate } from "./dates";

/** Date → label (e.g. "Spring Festival,春节,4"), as chinese-days ships them. */
type DayTable = Record<string, string>;
const REST_DAYS: DayTable = data.holidays;
const MAKE_UP_WORKING_DAYS: DayTable = data.workdays;

/**
 * From this month-day on, a date of year Y also depends on year Y+1's 元旦 arrangement.
 * Observed effects start on 29 December (2007, 2018); 24 December leaves a margin of a week.
 */
const YEAR_END_WINDOW_FROM = "12-24";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The years whose holiday notice is in the data: a year counts when it has a public holiday
 * before December (every notice has 元旦 and 春节); December entries may belong to the next
 * year's 元旦 and prove nothing about their own year. */
function coveredYears(): { firstYear: number; lastYear: number } {
  const years = new Set<number>();
  for (const d of Object.keys(REST_DAYS)) {
    if (d.slice(5, 7) !== "12") years.add(Number(d.slice(0, 4)));
  }
  const sorted = [...years].sort((a, b) => a - b);
  const firstYear = sorted[0];
  const lastYear = sorted[sorted.length - 1];
  if (firstYear === undefined || lastYear === undefined || lastYear - firstYear + 1 !== sorted.length) {
    throw new PlatformError("CONFIG_INVALID", { reason: `节假日数据不连续：${sorted.join(",")}` });
  }
  return { firstYear, lastYear };
}

const COVERAGE = coveredYears();

/** The first and last year (inclusive) whose holiday arrangements the calendar knows. */
export function calendarCoverage(): { firstYear: number; lastYear: number } {
  return { ...COVERAGE };
}

/** True when the holiday arrangement of `year` is in the data. */
export function isCalendarYearKnown(year: number): boolean {
  return Number.isInteger(year) && year >= COVERAGE.firstYear && year <= COVERAGE.lastYear;
}

function parse(date: IsoDate, field: string): { y: number; m: number; d: number } {
  const match = ISO_DATE.exec(date);
  if (match) {
    const y = Number(match[1]);
    const m = Number(match[2]);
    const d = Number(match[3]);
    const t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d) return { y, m, d };
  }
  throw new PlatformError("INVALID_DATE", { field, value: date, format: "YYYY-MM-DD" });
}

/** Throws CALENDAR_UNKNOWN_YEAR unless the working-day status of `date` is settled by the data. */
function assertKnown(date: IsoDate, y: number): void {
  if (!isCalendarYearKnown(y)) throw new PlatformError("CALENDAR_UNKNOWN_YEAR", { year: y, date });
  if (date.slice(5) >= YEAR_END_WINDOW_FROM && !isCalendarYearKnown(y + 1)) {
    throw new PlatformError("CALENDAR_UNKNOWN_YEAR", { year: y + 1, date });
  }
}

/**
 * Whether a China calendar date is a working day: a make-up working day (调休上班) is one even
 * on a weekend; a public holiday or its bridge days are not; otherwise Monday to Friday.
 */
export function isWorkingDay(date: IsoDate): boolean {
  const { y, m, d } = parse(date, "date");
  assertKnown(date, y);
  if (MAKE_UP_WORKING_DAYS[date] !== undefined) return true;
  if (REST_DAYS[date] !== undefined) return false;
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/**
 * The n-th working day after `date` (n > 0) or before it (n < 0); `date` itself is not
 * counted. n = 0 returns `date` unchanged. Throws CALENDAR_UNKNOWN_YEAR as soon as the walk
 * reaches a date the data does not settle.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  parse(date, "date");
  if (!Number.isSafeInteger(n)) throw new PlatformError("INVALID_FIELD", { field: "n", reason: "须为整数" });
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  let d = date;
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/**
 * The working days met walking from `a` to `b`: `a` is not counted, `b` is. For b after a
 * that is the working days in (a, b]; for b before a it is minus the working days in
 * [b, a); 0 when equal. It is the inverse of addWorkingDays:
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Every date walked must be known.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  parse(a, "a");
  parse(b, "b");
  if (a === b) return 0;
  const step = a < b ? 1 : -1;
  let count = 0;
  for (let d = a; d !== b; ) {
    d = addDays(d, step);
    if (isWorkingDay(d)) count += 1;
  }
  return step * count;
}
