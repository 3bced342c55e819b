import cd from "chinese-days";
import { afterEach, describe, expect, it } from "vitest";
import { PlatformError } from "../src/errors";
import {
  addWorkingDays,
  calendarCoverage,
  isCalendarYearKnown,
  isWorkingDay,
  workingDaysBetween,
} from "../src/standard/calendar";
import { addDays } from "../src/standard/dates";

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
  it("knows 2004 to 2026", () => {
    expect(calendarCoverage()).toEqual({ firstYear: 2004, lastYear: 2026 });
    expect(isCalendarYearKnown(2026)).toBe(true);
    expect(isCalendarYearKnown(2027)).toBe(false);
    expect(isCalendarYearKnown(2003)).toBe(false);
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
