import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import cd from "chinese-days";
import { afterEach, describe, expect, it } from "vitest";
import { PlatformError } from "../src/errors";
import { calendarOutlook, createWorkingCalendar, LIBRARY_CALENDAR } from "../src/standard/calendar";
import { addDays } from "../src/standard/dates";
import { loadWorkingCalendar, parseHolidayNotice } from "../src/standard/holiday-notice";

/** The library's data alone: what a platform without notice files runs on. */
const cal = LIBRARY_CALENDAR;
const isWorkingDay = (d: string) => cal.isWorkingDay(d);
const addWorkingDays = (d: string, n: number) => cal.addWorkingDays(d, n);
const workingDaysBetween = (a: string, b: string) => cal.workingDaysBetween(a, b);

function thrown(f: () => unknown): PlatformError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PlatformError);
    return e as PlatformError;
  }
  throw new Error("expected a PlatformError");
}

describe("isWorkingDay: 2025 and 2026 public holidays and 调休", () => {
  it.each([
    // 2025 (国办发明电〔2024〕12号)
    ["2025-01-01", false, "元旦 (Wed)"],
    ["2025-01-02", true, "ordinary Thursday"],
    ["2025-01-26", true, "Sunday, make-up working day for 春节"],
    ["2025-01-28", false, "春节 除夕 (Tue)"],
    ["2025-02-04", false, "春节 last day (Tue)"],
    ["2025-02-05", true, "first day back (Wed)"],
    ["2025-02-08", true, "Saturday, make-up working day"],
    ["2025-04-04", false, "清明 (Fri)"],
    ["2025-04-27", true, "Sunday, make-up working day for 劳动节"],
    ["2025-05-05", false, "劳动节 (Mon)"],
    ["2025-06-02", false, "端午 (Mon)"],
    ["2025-09-28", true, "Sunday, make-up working day for 国庆"],
    ["2025-10-06", false, "中秋 inside 国庆 (Mon)"],
    ["2025-10-08", false, "国庆 last day (Wed)"],
    ["2025-10-09", true, "first day back (Thu)"],
    ["2025-10-11", true, "Saturday, make-up working day"],
    ["2025-10-12", false, "ordinary Sunday"],
    // 2026 (国办发明电〔2025〕7号)
    ["2026-01-01", false, "元旦 (Thu)"],
    ["2026-01-02", false, "元旦 bridge (Fri)"],
    ["2026-01-04", true, "Sunday, make-up working day for 元旦"],
    ["2026-02-14", true, "Saturday, make-up working day for 春节"],
    ["2026-02-16", false, "春节 除夕 (Mon)"],
    ["2026-02-23", false, "春节 last day (Mon)"],
    ["2026-02-24", true, "first day back (Tue)"],
    ["2026-02-28", true, "Saturday, make-up working day"],
    ["2026-03-07", false, "ordinary Saturday"],
    ["2026-03-09", true, "ordinary Monday"],
    ["2026-04-06", false, "清明 (Mon)"],
    ["2026-05-05", false, "劳动节 (Tue)"],
    ["2026-05-09", true, "Saturday, make-up working day"],
    ["2026-06-19", false, "端午 (Fri)"],
    ["2026-09-20", true, "Sunday, make-up working day for 国庆"],
    ["2026-09-21", true, "ordinary Monday"],
    ["2026-09-25", false, "中秋 (Fri)"],
    ["2026-10-01", false, "国庆 (Thu)"],
    ["2026-10-07", false, "国庆 last day (Wed)"],
    ["2026-10-08", true, "first day back (Thu)"],
    ["2026-10-10", true, "Saturday, make-up working day"],
    ["2026-10-11", false, "ordinary Sunday"],
    ["2026-12-23", true, "last date of 2026 settled without the 2027 notice (Wed)"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe("addWorkingDays: the n-th working day after (n > 0) or before (n < 0), start excluded", () => {
  it.each([
    ["2026-09-30", 5, "2026-10-13", "across 国庆 2026 and the Saturday 10-10 make-up day"],
    ["2026-09-30", 1, "2026-10-08", "first working day after 国庆"],
    ["2026-02-13", 1, "2026-02-14", "the make-up Saturday counts"],
    ["2026-02-13", 2, "2026-02-24", "then 春节 2026"],
    ["2025-09-26", 1, "2025-09-28", "the make-up Sunday counts"],
    ["2026-03-06", 5, "2026-03-13", "an ordinary week: weekends skipped"],
    ["2026-03-07", 1, "2026-03-09", "from a Saturday"],
    ["2025-12-31", 1, "2026-01-04", "across the year end and 元旦 2026 (Sunday make-up day)"],
    ["2026-10-13", -5, "2026-09-30", "backwards"],
    ["2026-10-01", 0, "2026-10-01", "n = 0 returns the date itself, even on a holiday"],
  ])("%s + %i → %s (%s)", (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it("rejects a non-integer n", () => {
    expect(thrown(() => addWorkingDays("2026-03-06", 1.5)).code).toBe("INVALID_FIELD");
  });
});

describe("workingDaysBetween: working days walking from a to b, a excluded, b included", () => {
  it.each([
    ["2026-09-30", "2026-10-12", 4],
    ["2026-10-12", "2026-09-30", -4],
    ["2026-10-13", "2026-09-30", -5],
    ["2026-10-11", "2026-10-07", -3],
    ["2026-09-30", "2026-10-07", 0],
    ["2026-10-07", "2026-10-08", 1],
    ["2026-02-13", "2026-02-24", 2],
    ["2025-12-31", "2026-01-05", 2],
    ["2026-03-06", "2026-03-06", 0],
    ["2026-03-06", "2026-03-13", 5],
  ])("%s → %s: %i", (a, b, expected) => {
    expect(workingDaysBetween(a, b)).toBe(expected);
  });

  it("is the inverse of addWorkingDays", () => {
    for (const start of ["2025-01-24", "2025-09-26", "2026-02-13", "2026-09-18", "2026-10-01", "2026-06-20"]) {
      for (let n = -12; n <= 12; n++) {
        expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
      }
    }
  });
});

describe("years the data does not cover are reported, never guessed", () => {
  it("knows 2004 to 2026 from chinese-days", () => {
    expect([cal.firstYear, cal.lastYear]).toEqual([2004, 2026]);
    expect(cal.isYearKnown(2026)).toBe(true);
    expect(cal.isYearKnown(2027)).toBe(false);
    expect(cal.isYearKnown(2003)).toBe(false);
    expect(cal.origins.get(2026)).toBe("chinese-days");
  });

  it.each([
    ["2027-01-04", 2027, "a 2027 Monday"],
    ["2027-06-15", 2027, "mid 2027"],
    ["2026-12-24", 2027, "late December depends on the next year's 元旦 arrangement"],
    ["2026-12-31", 2027, "New Year's Eve 2026"],
    ["2003-12-31", 2003, "before the data starts"],
  ])("isWorkingDay(%s) throws CALENDAR_UNKNOWN_YEAR naming %i (%s)", (date, year) => {
    const e = thrown(() => isWorkingDay(date));
    expect(e.code).toBe("CALENDAR_UNKNOWN_YEAR");
    expect(e.details.year).toBe(year);
    expect(e.details.date).toBe(date);
    expect(e.message).toContain(`${year} 年`);
  });

  it("addWorkingDays throws when the walk reaches an unknown date, not before", () => {
    expect(addWorkingDays("2026-12-18", 3)).toBe("2026-12-23");
    expect(thrown(() => addWorkingDays("2026-12-18", 4)).code).toBe("CALENDAR_UNKNOWN_YEAR");
    expect(thrown(() => addWorkingDays("2004-01-05", -5)).details.year).toBe(2003);
  });

  it("workingDaysBetween throws when the interval reaches an unknown date", () => {
    expect(thrown(() => workingDaysBetween("2026-12-30", "2027-01-05")).code).toBe("CALENDAR_UNKNOWN_YEAR");
    expect(thrown(() => workingDaysBetween("2027-01-05", "2026-12-01")).code).toBe("CALENDAR_UNKNOWN_YEAR");
  });

  it.each(["2026-02-30", "20260101", "2026-1-5", ""])("rejects the malformed date %j", (date) => {
    expect(thrown(() => isWorkingDay(date)).code).toBe("INVALID_DATE");
  });
});

describe("independent of the server's time zone", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it.each(["America/New_York", "Pacific/Pago_Pago", "Asia/Shanghai", "Pacific/Kiritimati"])("TZ=%s", (tz) => {
    process.env.TZ = tz;
    expect(isWorkingDay("2026-09-20")).toBe(true);
    expect(isWorkingDay("2026-09-21")).toBe(true);
    expect(isWorkingDay("2026-10-01")).toBe(false);
    expect(addWorkingDays("2026-09-30", 5)).toBe("2026-10-13");
  });

  // chinese-days builds its own lookup table in the local zone at import, so its functions
  // agree with the data only where the zone is not west of UTC.
  it.runIf(new Date(2020, 0, 1).getTimezoneOffset() <= 0)(
    "agrees with chinese-days' own answer on every settled date 2004-01-01 .. 2026-12-23",
    () => {
      for (let d = "2004-01-01"; d <= "2026-12-23"; d = addDays(d, 1)) {
        if (isWorkingDay(d) !== cd.isWorkday(d)) expect.fail(`disagrees on ${d}`);
      }
    },
  );
});

const FIXTURES = join(import.meta.dirname, "fixtures");
/** An invented 2027 notice for tests (see its header): never the official one. */
const TEST_NOTICE_2027 = join(FIXTURES, "holiday-notice-2027.test-only.txt");
const EMPTY_DIR = mkdtempSync(join(tmpdir(), "cyl-calendar-"));

describe("every year in the data: National Day week, Spring Festival week, a make-up Saturday", () => {
  // [year, 国庆 first and last rest day, 春节 first and last rest day, a Saturday make-up working day]
  // read from the State Council notices as chinese-days carries them; a data bump that changes
  // one of these fails here, and 2027 is the invented test notice (db/test/fixtures).
  const withTestNotice = loadWorkingCalendar([TEST_NOTICE_2027], EMPTY_DIR);
  it.each([
    [2004, "2004-10-01", "2004-10-07", "2004-01-22", "2004-01-28", "2004-01-17"],
    [2005, "2005-10-01", "2005-10-07", "2005-02-09", "2005-02-15", "2005-02-05"],
    [2006, "2006-10-01", "2006-10-07", "2006-01-29", "2006-02-04", "2006-01-28"],
    [2007, "2007-10-01", "2007-10-07", "2007-02-18", "2007-02-24", "2007-02-17"],
    [2008, "2008-09-29", "2008-10-05", "2008-02-06", "2008-02-12", "2008-02-02"],
    [2009, "2009-10-01", "2009-10-08", "2009-01-25", "2009-01-31", "2009-01-24"],
    [2010, "2010-10-01", "2010-10-07", "2010-02-13", "2010-02-19", "2010-02-20"],
    [2011, "2011-10-01", "2011-10-07", "2011-02-02", "2011-02-08", "2011-02-12"],
    [2012, "2012-10-01", "2012-10-07", "2012-01-22", "2012-01-28", "2012-01-21"],
    [2013, "2013-10-01", "2013-10-07", "2013-02-09", "2013-02-15", "2013-01-05"],
    [2014, "2014-10-01", "2014-10-07", "2014-01-31", "2014-02-06", "2014-02-08"],
    [2015, "2015-10-01", "2015-10-07", "2015-02-18", "2015-02-24", "2015-02-28"],
    [2016, "2016-10-01", "2016-10-07", "2016-02-07", "2016-02-13", "2016-02-06"],
    [2017, "2017-10-01", "2017-10-08", "2017-01-27", "2017-02-02", "2017-02-04"],
    [2018, "2018-10-01", "2018-10-07", "2018-02-15", "2018-02-21", "2018-02-24"],
    [2019, "2019-10-01", "2019-10-07", "2019-02-04", "2019-02-10", "2019-02-02"],
    [2020, "2020-10-01", "2020-10-08", "2020-01-24", "2020-02-02", "2020-05-09"],
    [2021, "2021-10-01", "2021-10-07", "2021-02-11", "2021-02-17", "2021-02-20"],
    [2022, "2022-10-01", "2022-10-07", "2022-01-31", "2022-02-06", "2022-01-29"],
    [2023, "2023-09-30", "2023-10-06", "2023-01-21", "2023-01-27", "2023-01-28"],
    [2024, "2024-10-01", "2024-10-07", "2024-02-10", "2024-02-17", "2024-05-11"],
    [2025, "2025-10-01", "2025-10-08", "2025-01-28", "2025-02-04", "2025-02-08"],
    [2026, "2026-10-01", "2026-10-07", "2026-02-15", "2026-02-23", "2026-02-14"],
    [2027, "2027-10-01", "2027-10-07", "2027-02-06", "2027-02-13", "2027-05-08"],
  ])("%i: 国庆 %s..%s, 春节 %s..%s rest; %s (Saturday) works", (year, nd0, nd1, sf0, sf1, saturday) => {
    const c = year === 2027 ? withTestNotice : cal;
    for (const [from, to] of [
      [nd0, nd1],
      [sf0, sf1],
    ] as const) {
      for (let d = from; d <= to; d = addDays(d, 1)) expect(c.isWorkingDay(d), d).toBe(false);
      // the day after the holiday week is worked (a weekday, or a make-up weekend day)
      const after = addDays(to, 1);
      expect(c.isWorkingDay(after) || [0, 6].includes(new Date(`${after}T00:00:00Z`).getUTCDay()), after).toBe(true);
    }
    expect(new Date(`${saturday}T00:00:00Z`).getUTCDay()).toBe(6);
    expect(c.isWorkingDay(saturday)).toBe(true);
  });
});

describe("holiday notices: strict, and a fault names its file and line", () => {
  const notice = (body: string) => `# 测试\nyear 2027\n${body}`;
  const ALL = [
    "rest 2027-01-01 元旦",
    "rest 2027-02-06..2027-02-13 春节",
    "rest 2027-04-05 清明节",
    "rest 2027-05-01 劳动节",
    "rest 2027-06-09 端午节",
    "rest 2027-09-15 中秋节",
    "rest 2027-10-01..2027-10-07 国庆节",
  ].join("\n");

  it("parses the test notice: years, rest and make-up days, source, origin", () => {
    const n = parseHolidayNotice(readFileSync(TEST_NOTICE_2027, "utf8"), "2027.txt");
    expect(n.year).toBe(2027);
    expect(n.line).toBe(4);
    expect(n.source).toContain("测试用");
    expect(n.rest.has("2027-02-06")).toBe(true);
    expect(n.rest.size).toBe(3 + 8 + 3 + 5 + 1 + 1 + 7);
    expect([...n.work].sort()).toEqual(["2027-02-14", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09"]);
  });

  it("accepts a 元旦 arrangement that starts in the December before (2019's did)", () => {
    const n = parseHolidayNotice(
      `year 2019\nwork 2018-12-29 元旦\nrest 2018-12-30..2019-01-01 元旦\n${ALL.replace(/2027/g, "2019").replace("rest 2019-01-01 元旦\n", "")}`,
      "2019.txt",
    );
    expect(n.rest.has("2018-12-31")).toBe(true);
    expect(n.work.has("2018-12-29")).toBe(true);
  });

  it.each([
    ["rest 2027-01-01 元旦\nyear 2027", 1, "第一条有效内容须为 `year YYYY`", false],
    [`year 27\n${ALL}`, 1, "year 须为四位年份", false],
    [notice(`${ALL}\nyear 2027`), 10, "重复的 year", false],
    [notice(`${ALL}\nrest 2027-02-30 春节`), 10, "日期无效：2027-02-30", false],
    [notice(`${ALL}\nrest 2027-05-05..2027-05-03 劳动节`), 10, "日期范围倒置", false],
    [notice(`${ALL}\nrest 2028-01-01 元旦`), 10, "2028-01-01 不属于 2027 年的安排", false],
    [notice(`${ALL}\nrest 2026-12-31 春节`), 10, "只有元旦安排可以从上一年底开始", false],
    [notice(`${ALL}\nwork 2027-10-01 国庆节`), 10, "2027-10-01 已在第 9 行列出", false],
    [notice(`${ALL}\nwork 2027-03-03 清明节`), 10, "调休上班日 2027-03-03 不是周末", false],
    [notice(`${ALL}\nwork 2027-02-13..2027-02-14 春节`), 10, "调休上班日须逐日列出", false],
    [notice(`${ALL}\nrest 2027-02-14`), 10, "应为", false],
    [notice(`${ALL}\nholiday 2027-02-14 春节`), 10, '无法识别 "holiday"', false],
    [notice(ALL.replace("rest 2027-06-09 端午节\n", "")), 2, "缺少节日：端午", false],
    ["# only a comment\n", 2, "没有 `year YYYY`", true],
  ])("%j → line %i: %s", (text, line, reason) => {
    const e = thrown(() => parseHolidayNotice(text, "/etc/cylinder/holidays.txt"));
    expect(e.code).toBe("CALENDAR_NOTICE_INVALID");
    expect(e.details).toMatchObject({ file: "/etc/cylinder/holidays.txt", line });
    expect(e.message).toContain(reason);
    expect(e.message).toContain(`/etc/cylinder/holidays.txt 第 ${line} 行`);
  });
});

describe("loading notices: merged over the library, consecutive, validated", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "cyl-calendar-"));
  const write = (d: string, name: string, text: string) => {
    writeFileSync(join(d, name), text);
    return join(d, name);
  };

  it("without notices it is the library's calendar; the checked-in folder holds none yet", () => {
    const c = loadWorkingCalendar([]);
    expect([c.firstYear, c.lastYear]).toEqual([2004, 2026]);
  });

  it("an operator's 2027 notice extends the calendar and settles late December 2026", () => {
    const c = loadWorkingCalendar([TEST_NOTICE_2027], EMPTY_DIR);
    expect([c.firstYear, c.lastYear]).toEqual([2004, 2027]);
    expect(c.origins.get(2027)).toBe(`${TEST_NOTICE_2027}:4`);
    expect(c.isWorkingDay("2026-12-31")).toBe(true);
    expect(c.isWorkingDay("2027-01-01")).toBe(false);
    expect(c.isWorkingDay("2027-02-14")).toBe(true);
    expect(c.addWorkingDays("2026-12-28", 5)).toBe("2027-01-05");
    // 2027's late December needs 2028
    expect(thrown(() => c.isWorkingDay("2027-12-24")).details.year).toBe(2028);
  });

  it("a checked-in notice counts too, and an operator's file of the same year replaces it", () => {
    const d = dir();
    write(d, "2027.txt", readFileSync(TEST_NOTICE_2027, "utf8"));
    const shipped = loadWorkingCalendar([], d);
    expect(shipped.origins.get(2027)).toBe(`${join(d, "2027.txt")}:4`);
    const corrected = write(
      dir(),
      "fix.txt",
      readFileSync(TEST_NOTICE_2027, "utf8").replace("rest 2027-06-09 端午节", "rest 2027-06-09..2027-06-11 端午节"),
    );
    const c = loadWorkingCalendar([corrected], d);
    expect(c.origins.get(2027)).toBe(`${corrected}:4`);
    expect(c.isWorkingDay("2027-06-10")).toBe(false);
  });

  it("an operator's notice replaces a year of the library wholesale", () => {
    const text = `year 2026\n${[
      "rest 2026-01-01 元旦",
      "rest 2026-02-16..2026-02-22 春节",
      "rest 2026-04-06 清明节",
      "rest 2026-05-01 劳动节",
      "rest 2026-06-19 端午节",
      "rest 2026-09-25 中秋节",
      "rest 2026-10-01..2026-10-07 国庆节",
    ].join("\n")}`;
    const c = loadWorkingCalendar([write(dir(), "2026.txt", text)], EMPTY_DIR);
    expect(c.isWorkingDay("2026-01-02")).toBe(true); // the library's bridge day is gone
    expect(c.isWorkingDay("2026-01-04")).toBe(false); // and its make-up Sunday
    expect(c.isWorkingDay("2025-12-31")).toBe(true);
  });

  it.each([
    [
      "a gap (2028 without 2027)",
      () => [
        write(
          dir(),
          "2028.txt",
          `# 2028\nyear 2028\n${["元旦", "春节", "清明", "劳动节", "端午", "中秋", "国庆"].map((h, i) => `rest 2028-0${i + 1}-10 ${h}`).join("\n")}`,
        ),
      ],
      "缺少 2027 年的安排",
      2,
    ],
    [
      "the same year twice",
      () => [TEST_NOTICE_2027, write(dir(), "again.txt", readFileSync(TEST_NOTICE_2027, "utf8"))],
      "2027 年已由",
      4,
    ],
    ["a file that cannot be read", () => ["/nonexistent/holidays-2027.txt"], "无法读取", 0],
  ])("stops on %s, naming the file and line", (_what, files, reason, line) => {
    const f = files();
    const e = thrown(() => loadWorkingCalendar(f, EMPTY_DIR));
    expect(e.code).toBe("CALENDAR_NOTICE_INVALID");
    expect(e.details.file).toBe(f[f.length - 1]);
    expect(e.details.line).toBe(line);
    expect(e.message).toContain(reason);
  });
});

describe("the outlook: from 1 November the operator is told the next year is missing", () => {
  const withTestNotice = loadWorkingCalendar([TEST_NOTICE_2027], EMPTY_DIR);
  it.each([
    [cal, "2026-10-31", 2027, false, null],
    [cal, "2026-11-01", 2027, false, "尚未收录 2027 年"],
    [cal, "2026-12-28", 2027, false, "尚未收录 2027 年"],
    [cal, "2027-01-05", 2027, false, "尚未收录 2027 年的法定节假日安排：检验结果是否超过 5 个工作日上传现在无法判定"],
    [withTestNotice, "2026-11-01", 2027, true, null],
    [withTestNotice, "2027-10-31", 2028, false, null],
    [withTestNotice, "2027-11-01", 2028, false, "尚未收录 2028 年"],
  ] as const)("%#: on %s the year needed is %i (known: %s)", (c, today, year, known, warning) => {
    const o = calendarOutlook(c, today);
    expect(o.neededYear).toBe(year);
    expect(o.neededYearKnown).toBe(known);
    if (warning === null) expect(o.warning).toBeNull();
    else expect(o.warning).toContain(warning);
  });
});

describe("the transition: a result reported on 2026-12-28", () => {
  it("is undetermined before the 2027 notice is loaded and counted after", () => {
    const before = createWorkingCalendar();
    expect(thrown(() => before.addWorkingDays("2026-12-28", 5)).details.year).toBe(2027);
    const after = loadWorkingCalendar([TEST_NOTICE_2027], EMPTY_DIR);
    // 12-29, 12-30, 12-31, (元旦 1-3), 01-04, 01-05
    expect(after.addWorkingDays("2026-12-28", 5)).toBe("2027-01-05");
    expect(after.workingDaysBetween("2026-12-28", "2027-01-08")).toBe(8);
  });
});
