import { describe, expect, it } from "vitest";
import { PlatformError } from "../src/errors";
import {
  addYears,
  chinaDateOf,
  chinaMidnight,
  daysBetween,
  formatChinaDateTime,
  formatDate8,
  formatDateTime14,
  isDate8,
  parseDate8,
  parseDateTime14,
  parseIsoDate,
} from "../src/standard/dates";

describe("yyyyMMdd", () => {
  it.each([
    ["20210228", "2021-02-28"],
    ["20200229", "2020-02-29"],
    ["20140901", "2014-09-01"],
    ["19991231", "1999-12-31"],
  ])("%s round-trips", (text, iso) => {
    expect(parseDate8(text)).toBe(iso);
    expect(formatDate8(iso)).toBe(text);
    expect(isDate8(text)).toBe(true);
  });

  it.each([
    "20210230",
    "20210229",
    "20211301",
    "20210001",
    "20210100",
    "2021023",
    "202102300",
    "2021-02-28",
    " 20210228",
    "abcdefgh",
    "",
  ])("rejects %j", (text) => {
    expect(() => parseDate8(text, "NextDate")).toThrow(PlatformError);
    expect(isDate8(text)).toBe(false);
  });

  it("names the field and format in the error", () => {
    try {
      parseDate8("20210230", "NextDate");
      expect.unreachable();
    } catch (e) {
      expect((e as PlatformError).code).toBe("INVALID_DATE");
      expect((e as PlatformError).message).toContain("NextDate");
      expect((e as PlatformError).message).toContain("20210230");
    }
  });
});

describe("YYYY-MM-DD (GraphQL Date) as a real date", () => {
  it.each([
    ["2021-02-28", "2021-02-28"],
    ["2020-02-29", "2020-02-29"],
    [" 2014-09-01 ", "2014-09-01"],
  ])("%j is %s", (text, iso) => {
    expect(parseIsoDate(text)).toBe(iso);
  });

  it.each(["2021-02-30", "2021-02-29", "2021-13-01", "2021-00-10", "20210228", "2021-2-28", ""])(
    "rejects %j naming the field",
    (text) => {
      expect(() => parseIsoDate(text, "Overview.NextDate")).toThrow(/Overview\.NextDate.*YYYY-MM-DD/);
    },
  );
});

describe("yyyyMMddHHmmss in China Standard Time", () => {
  it.each([
    ["20200420195401", "2020-04-20T11:54:01.000Z"],
    ["20210101000000", "2020-12-31T16:00:00.000Z"],
    ["20201231235959", "2020-12-31T15:59:59.000Z"],
    ["20240229080000", "2024-02-29T00:00:00.000Z"],
  ])("%s is %s", (text, utc) => {
    const instant = parseDateTime14(text);
    expect(instant.toISOString()).toBe(utc);
    expect(formatDateTime14(instant)).toBe(text);
  });

  it.each(["20200420245401", "20200420196001", "20200420195460", "20210230120000", "2020042019540", "20200420195401Z"])(
    "rejects %j",
    (text) => expect(() => parseDateTime14(text)).toThrow(PlatformError),
  );

  it("formats a UTC instant as China wall-clock time, across the date line", () => {
    expect(formatDateTime14(new Date("2021-03-31T16:30:00Z"))).toBe("20210401003000");
  });
});

describe("China calendar days", () => {
  it("midnight in UTC+8 starts the day", () => {
    expect(chinaMidnight("2024-04-01").toISOString()).toBe("2024-03-31T16:00:00.000Z");
    expect(chinaDateOf(new Date("2024-03-31T15:59:59.999Z"))).toBe("2024-03-31");
    expect(chinaDateOf(new Date("2024-03-31T16:00:00.000Z"))).toBe("2024-04-01");
  });

  it("counts days and adds years (29 Feb → 28 Feb)", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(addYears("2020-02-29", 4)).toBe("2024-02-29");
    expect(addYears("2020-02-29", 1)).toBe("2021-02-28");
  });
});

describe("formatChinaDateTime", () => {
  it.each([
    ["2026-05-10T15:59:59.999Z", "2026-05-10 23:59:59"],
    ["2026-05-10T16:00:00Z", "2026-05-11 00:00:00"],
    ["2028-02-29T03:04:05Z", "2028-02-29 11:04:05"],
  ])("%s → %s", (instant, text) => {
    expect(formatChinaDateTime(new Date(instant))).toBe(text);
  });
});
