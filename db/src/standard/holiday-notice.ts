/**
 * A year's holiday notice (国务院办公厅关于 Y 年部分节假日安排的通知) as an operator writes it
 * down: the public holidays (放假) and the make-up working days (调休上班) of one year, in a
 * small line format that can be typed from the published notice and reviewed in a diff.
 * The format and the operator's steps are in db/calendar/README.md:
 *
 *     # 国务院办公厅关于2027年部分节假日安排的通知
 *     year 2027
 *     source 国办发明电〔2026〕N号
 *     rest 2027-01-01..2027-01-03 元旦
 *     work 2027-02-07 春节
 *
 * Parsing is strict and names the file and line of the first fault: the platform decides
 * whether an inspection result was late on these days, so a typo must stop the process at
 * start, not move a deadline. Checked per notice: one `year` line first; real dates; a range
 * that runs forward; every date inside the notice's year (元旦 may begin on 30 or 31 December
 * of the year before, e.g. 2018-12-30..2019-01-01, and a make-up day may precede it there);
 * no date both rest and work, or listed twice; make-up working days on a Saturday or Sunday
 * (a weekday is a working day already: listing one is a typo); and every one of the seven
 * public holidays named at least once (元旦 春节 清明 劳动 端午 中秋 国庆).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { type Clock, chinaToday } from "../clock";
import type { Config } from "../config";
import { PlatformError } from "../errors";
import { calendarOutlook, createWorkingCalendar, type WorkingCalendar } from "./calendar";
import { addDays, type IsoDate, parseIsoDate } from "./dates";

/** One year's arrangement. */
export interface HolidayNotice {
  readonly year: number;
  /** Where it came from: the file and the line of its `year` line (the library: line 0). */
  readonly file: string;
  readonly line: number;
  readonly source: string | null;
  /** Public-holiday days (放假), including their bridge days. */
  readonly rest: ReadonlySet<IsoDate>;
  /** Make-up working days (调休上班) on a weekend. */
  readonly work: ReadonlySet<IsoDate>;
}

/** The seven public holidays every notice arranges (GB/T names as the notices write them). */
export const PUBLIC_HOLIDAYS = ["元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆"] as const;

const weekday = (d: IsoDate) => new Date(`${d}T00:00:00Z`).getUTCDay();

export function parseHolidayNotice(text: string, file: string): HolidayNotice {
  const fail = (line: number, reason: string): never => {
    throw new PlatformError("CALENDAR_NOTICE_INVALID", { file, line, reason });
  };
  let year: number | null = null;
  let yearLine = 0;
  let source: string | null = null;
  const rest = new Map<IsoDate, number>();
  const work = new Map<IsoDate, number>();
  const named = new Set<string>();

  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const [keyword, ...rest_] = line.split(/\s+/);
    const args = rest_.join(" ");
    if (year === null && keyword !== "year") fail(n, "第一条有效内容须为 `year YYYY`");
    switch (keyword) {
      case "year": {
        if (year !== null) fail(n, `重复的 year（已在第 ${yearLine} 行声明 ${year}）`);
        if (!/^\d{4}$/.test(args)) fail(n, `year 须为四位年份，而不是 "${args}"`);
        year = Number(args);
        yearLine = n;
        return;
      }
      case "source":
        source = args || null;
        return;
      case "rest":
      case "work": {
        const m = /^(\S+?)(?:\.\.(\S+))?\s+(\S.*)$/.exec(args);
        if (!m) fail(n, `应为 "${keyword} YYYY-MM-DD[..YYYY-MM-DD] 节日名称"`);
        const [, fromText, toText, name] = m as RegExpExecArray & [string, string, string | undefined, string];
        const date = (t: string) => {
          try {
            return parseIsoDate(t, "date");
          } catch {
            return fail(n, `日期无效：${t}（格式 YYYY-MM-DD）`);
          }
        };
        const from = date(fromText);
        const to = toText === undefined ? from : date(toText);
        if (to < from) fail(n, `日期范围倒置：${from}..${to}`);
        if (keyword === "work" && to !== from) fail(n, "调休上班日须逐日列出");
        const y = year as number;
        const earliest = `${y - 1}-12-24`;
        for (let d = from; d <= to; d = addDays(d, 1)) {
          if (d < earliest || d > `${y}-12-31`) fail(n, `${d} 不属于 ${y} 年的安排`);
          if (d.startsWith(`${y - 1}-`) && !name.includes("元旦"))
            fail(n, `${d} 在上一年，只有元旦安排可以从上一年底开始`);
          const seen = rest.get(d) ?? work.get(d);
          if (seen !== undefined) fail(n, `${d} 已在第 ${seen} 行列出`);
          if (keyword === "work" && weekday(d) !== 0 && weekday(d) !== 6) {
            fail(n, `调休上班日 ${d} 不是周末（工作日无需列出）`);
          }
          (keyword === "rest" ? rest : work).set(d, n);
        }
        if (keyword === "rest") for (const h of PUBLIC_HOLIDAYS) if (name.includes(h)) named.add(h);
        return;
      }
      default:
        fail(n, `无法识别 "${keyword}"（可用 year / source / rest / work，# 开头为注释）`);
    }
  });
  if (year === null) return fail(lines.length, "文件中没有 `year YYYY`");
  const missing = PUBLIC_HOLIDAYS.filter((h) => !named.has(h));
  if (missing.length > 0) fail(yearLine, `${year} 年的通知缺少节日：${missing.join("、")}`);
  return {
    year,
    file,
    line: yearLine,
    source,
    rest: new Set(rest.keys()),
    work: new Set(work.keys()),
  };
}

/** The notices checked in with the platform (db/calendar/*.txt), one file per year. */
export const CHECKED_IN_NOTICES_DIR = fileURLToPath(new URL("../../calendar/", import.meta.url));

function readNotice(file: string): HolidayNotice {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new PlatformError("CALENDAR_NOTICE_INVALID", { file, line: 0, reason: `无法读取：${(e as Error).message}` });
  }
  return parseHolidayNotice(text, file);
}

/** Notices of one origin (the checked-in folder, or the operator's files): one per year. */
function onePerYear(notices: readonly HolidayNotice[]): HolidayNotice[] {
  const seen = new Map<number, HolidayNotice>();
  for (const n of notices) {
    const before = seen.get(n.year);
    if (before) {
      throw new PlatformError("CALENDAR_NOTICE_INVALID", {
        file: n.file,
        line: n.line,
        reason: `${n.year} 年已由 ${before.file} 第 ${before.line} 行给出`,
      });
    }
    seen.set(n.year, n);
  }
  return [...seen.values()];
}

/**
 * The platform's calendar: the library's data, then the checked-in notices, then the
 * operator's `files` (HOLIDAY_NOTICE_FILES), each replacing the years it gives. Throws
 * CALENDAR_NOTICE_INVALID naming the file and line of the first fault, so a process stops at
 * start rather than count deadlines on a wrong calendar.
 */
export function loadWorkingCalendar(files: readonly string[], dir = CHECKED_IN_NOTICES_DIR): WorkingCalendar {
  const checkedIn = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readNotice(join(dir, f)));
  return createWorkingCalendar([...onePerYear(checkedIn), ...onePerYear(files.map(readNotice))]);
}

/**
 * What each process does at start: load the calendar (a bad notice throws, naming file and
 * line) and log the operator's warning when next year's notice is due and missing.
 */
export function startupCalendar(config: Pick<Config, "calendar">, clock: Clock, log: Logger): WorkingCalendar {
  const calendar = loadWorkingCalendar(config.calendar.noticeFiles);
  const outlook = calendarOutlook(calendar, chinaToday(clock));
  if (outlook.warning) log.warn({ neededYear: outlook.neededYear, lastYear: outlook.lastYear }, outlook.warning);
  return calendar;
}
