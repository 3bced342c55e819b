/**
 * The Chinese working-day calendar (法定节假日与调休): the one place the platform asks whether
 * a China calendar date is a working day. Deadlines such as "inspection results within 5
 * working days of the report" (the province plan, 二(二)2) are counted here.
 *
 * Sources, merged per year (a later source replaces a year wholesale):
 * 1. the State Council's yearly notices as collected by the `chinese-days` package (2004 to
 *    the last year of its release). We read its bundled data table rather than its
 *    functions: chinese-days 1.5.7 builds its lookup table in the process's local time zone,
 *    so west of UTC (e.g. TZ=America/New_York) it shifts every holiday by a day;
 * 2. notices checked in under db/calendar/ (one file per year, see its README);
 * 3. the operator's notice files named in HOLIDAY_NOTICE_FILES: a new year's notice is added
 *    without a release, the day the State Council publishes it.
 * Together they must cover consecutive years; see holiday-notice.ts for what a notice must hold.
 * Dates here are `IsoDate` strings and the weekday is computed in UTC arithmetic, so the
 * answer never depends on the server's TZ.
 *
 * Never guessed: a date whose year's arrangement is not known throws
 * `PlatformError("CALENDAR_UNKNOWN_YEAR", { year, date })`. The last days of December also
 * need the NEXT year's notice, because the New Year's Day (元旦) arrangement of year Y+1 can
 * turn late-December days of year Y into rest days or make-up working days (2007-12-31 and
 * 2018-12-31, both Mondays, were rest days; Saturday 2011-12-31 was a working day). So a date
 * on or after 24 December of year Y is known only when year Y+1 is covered too; otherwise the
 * error names year Y+1.
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
import type { HolidayNotice } from "./holiday-notice";

/**
 * From this month-day on, a date of year Y also depends on year Y+1's 元旦 arrangement.
 * Observed effects start on 29 December (2007, 2018); 24 December leaves a margin of a week.
 */
export const YEAR_END_WINDOW_FROM = "12-24";

/** From this month-day of year Y the platform warns when year Y+1's notice is missing. */
export const NOTICE_DUE_FROM = "11-01";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface WorkingCalendar {
  /** The first and last year (inclusive) whose arrangement is known. */
  readonly firstYear: number;
  readonly lastYear: number;
  /** Where each year's arrangement came from (chinese-days, or a notice file:line). */
  readonly origins: ReadonlyMap<number, string>;
  /** True when the holiday arrangement of `year` is known. */
  isYearKnown(year: number): boolean;
  /** Whether a China calendar date is a working day: a make-up working day (调休上班) is one
   * even on a weekend; a public holiday or its bridge days are not; otherwise Monday to Friday. */
  isWorkingDay(date: IsoDate): boolean;
  /** The n-th working day after `date` (n > 0) or before it (n < 0); `date` is not counted.
   * Throws CALENDAR_UNKNOWN_YEAR as soon as the walk reaches a date not settled. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** The working days met walking from `a` to `b` (`a` not counted, `b` counted). */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
}

/**
 * The library's notices, year by year. A December date labelled New Year's Day belongs to the
 * next year's notice (the 元旦 arrangement that reaches back into December).
 */
function libraryNotices(): HolidayNotice[] {
  const years = new Map<number, { rest: Set<IsoDate>; work: Set<IsoDate> }>();
  const add = (table: Record<string, string>, kind: "rest" | "work") => {
    for (const [date, label] of Object.entries(table)) {
      const y = Number(date.slice(0, 4));
      const year = date.slice(5, 7) === "12" && label.startsWith("New Year") ? y + 1 : y;
      if (!years.has(year)) years.set(year, { rest: new Set(), work: new Set() });
      years.get(year)![kind].add(date);
    }
  };
  add(data.holidays, "rest");
  add(data.workdays, "work");
  return [...years].map(([year, days]) => ({ year, file: "chinese-days", line: 0, source: null, ...days }));
}

const LIBRARY = libraryNotices();

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

/**
 * The calendar of the library's data with `notices` merged over it: a notice replaces its
 * year wholesale (the library's days of that year, the late-December 元旦 days included, are
 * dropped). The covered years must be consecutive; a gap is reported at the first notice
 * after it.
 */
export function createWorkingCalendar(notices: readonly HolidayNotice[] = []): WorkingCalendar {
  const byYear = new Map<number, HolidayNotice>();
  for (const n of [...LIBRARY, ...notices]) byYear.set(n.year, n);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  for (let i = 1; i < years.length; i++) {
    if (years[i]! !== years[i - 1]! + 1) {
      const after = byYear.get(years[i]!)!;
      throw new PlatformError("CALENDAR_NOTICE_INVALID", {
        file: after.file,
        line: after.line,
        reason: `缺少 ${years[i - 1]! + 1} 年的安排：节假日数据须逐年连续（已有 ${years[0]}–${years[i - 1]}）`,
      });
    }
  }
  const rest = new Set<IsoDate>();
  const work = new Set<IsoDate>();
  for (const n of byYear.values()) {
    for (const d of n.rest) rest.add(d);
    for (const d of n.work) work.add(d);
  }
  const firstYear = years[0]!;
  const lastYear = years[years.length - 1]!;
  const isYearKnown = (year: number) => Number.isInteger(year) && year >= firstYear && year <= lastYear;

  const isWorkingDay = (date: IsoDate): boolean => {
    const { y, m, d } = parse(date, "date");
    if (!isYearKnown(y)) throw new PlatformError("CALENDAR_UNKNOWN_YEAR", { year: y, date });
    if (date.slice(5) >= YEAR_END_WINDOW_FROM && !isYearKnown(y + 1)) {
      throw new PlatformError("CALENDAR_UNKNOWN_YEAR", { year: y + 1, date });
    }
    if (work.has(date)) return true;
    if (rest.has(date)) return false;
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  };

  return {
    firstYear,
    lastYear,
    origins: new Map([...byYear].map(([y, n]) => [y, n.line > 0 ? `${n.file}:${n.line}` : n.file])),
    isYearKnown,
    isWorkingDay,
    addWorkingDays(date, n) {
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
    },
    workingDaysBetween(a, b) {
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
    },
  };
}

/** The calendar of the library's data alone (what a platform without notice files runs on). */
export const LIBRARY_CALENDAR: WorkingCalendar = createWorkingCalendar();

/** What the platform tells its operator about the calendar on a given day. */
export interface CalendarOutlook {
  readonly today: IsoDate;
  readonly firstYear: number;
  readonly lastYear: number;
  /** The year whose notice is needed next (this year's, if even that is missing). */
  readonly neededYear: number;
  readonly neededYearKnown: boolean;
  /** From 1 November, or whenever this year is unknown: what the operator must do. */
  readonly warning: string | null;
}

/**
 * Whether the operator must add a notice now: from 1 November of year Y when year Y+1 is
 * missing (results reported from 24 December on would be undetermined), or at once when
 * this year's own arrangement is missing.
 */
export function calendarOutlook(calendar: WorkingCalendar, today: IsoDate): CalendarOutlook {
  const { y } = parse(today, "today");
  const base = { today, firstYear: calendar.firstYear, lastYear: calendar.lastYear };
  if (!calendar.isYearKnown(y)) {
    return {
      ...base,
      neededYear: y,
      neededYearKnown: false,
      warning: `尚未收录 ${y} 年的法定节假日安排：检验结果是否超过 5 个工作日上传现在无法判定。请运维按 db/calendar/README.md 加入国务院办公厅 ${y} 年节假日安排通知（HOLIDAY_NOTICE_FILES）。`,
    };
  }
  const next = y + 1;
  const known = calendar.isYearKnown(next);
  const due = today.slice(5) >= NOTICE_DUE_FROM;
  return {
    ...base,
    neededYear: next,
    neededYearKnown: known,
    warning:
      known || !due
        ? null
        : `尚未收录 ${next} 年的法定节假日安排：自 ${y}-12-24 起上传的检验结果将无法判定是否超期。国务院办公厅通常于 11 月发布次年安排，请运维按 db/calendar/README.md 加入（HOLIDAY_NOTICE_FILES）。`,
  };
}
