import { ALARM_TYPES, addDays, type IsoDate, LIBRARY_CALENDAR, PlatformError } from "@cylinder/db";
import { describe, expect, it } from "vitest";
import {
  type CheckRecordFacts,
  checkRecordAlarms,
  type FillContext,
  type FillRecordFacts,
  fillRecordAlarms,
  inspectionResultAlarms,
  permitRefusedAlarm,
} from "../src/alarm/rules";
import { decideFillPermit } from "../src/permit/decide";
import type { CylinderPermitRow, UnitPermitRow } from "../src/permit/types";

const BARCODE = "1103007831";
const UNIT = 101;

/** China wall-clock text → the instant ("2026-05-10 23:59:59" → 2026-05-10T15:59:59Z). */
const china = (text: string) => new Date(`${text.replace(" ", "T")}+08:00`);
const HOUR = 3_600_000;

function cylinder(over: Partial<CylinderPermitRow> = {}): CylinderPermitRow {
  return {
    barcode: BARCODE,
    kind: "generic",
    state: 1,
    ownerUnitId: UNIT,
    prefectureCode: "530100",
    medium: "液化石油气",
    productDate: "2020-09-01",
    nextDate: "2028-09-01",
    discardDate: "2028-09-01",
    lifePeriod: 8,
    fillWeight: 14.5,
    ...over,
  };
}

const unit: UnitPermitRow = {
  id: UNIT,
  kind: "filling",
  prefectureCode: "530100",
  licensedMedia: ["液化石油气"],
  licenseExpiresOn: "2028-12-31",
};

function context(over: Partial<FillContext> = {}): FillContext {
  return {
    cylinder: cylinder(),
    unit,
    permissions: [],
    latestBeforeFillCheck: { state: 0, checkedAt: china("2026-05-10 11:50:00") },
    ...over,
  };
}

function fill(over: Partial<FillRecordFacts> = {}): FillRecordFacts {
  return {
    barcode: ` ${BARCODE}`,
    netWeight: 13.43,
    beginAt: china("2026-05-10 12:00:00"),
    endAt: china("2026-05-10 12:01:20"),
    receivedAt: china("2026-05-10 12:05:00"),
    ...over,
  };
}

const types = (drafts: { type: string }[]) => drafts.map((d) => d.type);

describe("fill records", () => {
  it.each<[string, Partial<FillRecordFacts>, Partial<FillContext>, string[]]>([
    ["a clean fill", {}, {}, []],
    [
      "an unknown cylinder is also a refused one",
      {},
      { cylinder: null },
      ["unknown_cylinder", "refused_cylinder_filled"],
    ],
    ["an overdue cylinder", {}, { cylinder: cylinder({ nextDate: "2026-05-09" }) }, ["refused_cylinder_filled"]],
    [
      "another owner's cylinder without permission",
      {},
      { cylinder: cylinder({ ownerUnitId: 202 }) },
      ["refused_cylinder_filled"],
    ],
    [
      "another owner's cylinder with permission",
      {},
      {
        cylinder: cylinder({ ownerUnitId: 202 }),
        permissions: [{ fillingUnitId: UNIT, ownerUnitId: 202, barcode: null, validFrom: "2026-01-01", validTo: null }],
      },
      [],
    ],
    [
      "a failed before-fill check, filled anyway",
      {},
      { latestBeforeFillCheck: { state: 1, checkedAt: china("2026-05-10 11:50:00"), remark: "瓶阀漏气" } },
      ["refused_cylinder_filled"],
    ],
    ["net weight just above the maximum", { netWeight: 14.51 }, {}, ["overfill"]],
    ["net weight at the maximum", { netWeight: 14.5 }, {}, []],
    [
      "float noise at the maximum (29.76 - 16.33)",
      { netWeight: 29.76 - 16.33 },
      { cylinder: cylinder({ fillWeight: 13.43 }) },
      [],
    ],
    ["no maximum recorded: not judged", { netWeight: 99 }, { cylinder: cylinder({ fillWeight: null }) }, []],
    ["received exactly 24 h after the end", { receivedAt: china("2026-05-11 12:01:20") }, {}, []],
    ["received 24 h 1 s after the end", { receivedAt: china("2026-05-11 12:01:21") }, {}, ["late_upload"]],
    [
      "everything at once",
      { netWeight: 16, receivedAt: china("2026-05-12 12:00:00") },
      { cylinder: cylinder({ state: 4 }) },
      ["refused_cylinder_filled", "overfill", "late_upload"],
    ],
    [
      "unknown and late",
      { receivedAt: china("2026-05-12 12:00:00") },
      { cylinder: null },
      ["unknown_cylinder", "refused_cylinder_filled", "late_upload"],
    ],
  ])("%s → %j", (_, f, c, expected) => {
    const drafts = fillRecordAlarms(fill(f), context(c));
    expect(types(drafts)).toEqual(expected);
    for (const d of drafts) expect(Object.keys(ALARM_TYPES)).toContain(d.type);
  });

  it("a refused fill carries the refusal reasons", () => {
    const [d] = fillRecordAlarms(fill(), context({ cylinder: cylinder({ ownerUnitId: 202, state: 2 }) }));
    expect(d?.reasons.map((r) => r.code)).toEqual(["NOT_OWN_PROPERTY", "LOCKED"]);
    expect(d?.message).toBe(
      "违规充装：气瓶 1103007831 于 2026-05-10 12:00:00 充装，按规定不允许充装：非本单位自有产权气瓶且无登记机关同意充装；气瓶已锁定",
    );
  });

  it("an unknown cylinder's fill: NOT_REGISTERED", () => {
    const drafts = fillRecordAlarms(fill(), context({ cylinder: null }));
    expect(drafts[0]?.message).toBe("充装记录中的气瓶 1103007831 未在平台登记");
    expect(drafts[1]?.reasons.map((r) => r.code)).toEqual(["NOT_REGISTERED"]);
  });

  it.each([
    ["2026-05-10 23:59:00", []],
    ["2026-05-11 00:00:00", ["refused_cylinder_filled"]],
  ])("the permit is judged at beginAt: NextDate 2026-05-10, fill begun %s China → %j", (begin, expected) => {
    const beginAt = china(begin);
    const f = fill({
      beginAt,
      endAt: new Date(beginAt.getTime() + 120_000),
      receivedAt: new Date(beginAt.getTime() + HOUR),
    });
    expect(types(fillRecordAlarms(f, context({ cylinder: cylinder({ nextDate: "2026-05-10" }) })))).toEqual(expected);
  });

  it("says by how much a fill was over", () => {
    const [d] = fillRecordAlarms(fill({ netWeight: 15.73 }), context());
    expect(d?.message).toBe("超装：净重 15.73 kg，最大充装量 14.50 kg，超出 1.23 kg");
    expect(d?.reasons).toEqual([{ code: "OVERFILL", message: d?.message }]);
  });

  it("says how late an upload was", () => {
    const [d] = fillRecordAlarms(fill({ receivedAt: china("2026-05-11 13:04:20") }), context());
    expect(d?.type).toBe("late_upload");
    expect(d?.message).toBe(
      "充装结束超过 24 小时上传（充装结束时间 2026-05-10 12:01:20，平台收到 2026-05-11 13:04:20，相隔 25 小时 3 分）",
    );
  });
});

function check(over: Partial<CheckRecordFacts> = {}): CheckRecordFacts {
  return {
    kind: "before_fill_check",
    barcode: BARCODE,
    state: 0,
    remark: null,
    checkedAt: china("2020-04-20 19:54:01"),
    checkedAtSource: "reported",
    receivedAt: china("2020-04-20 20:00:00"),
    ...over,
  };
}

describe("before-fill and after-fill checks", () => {
  it.each<[string, Partial<CheckRecordFacts>, CylinderPermitRow | null, string[]]>([
    ["a passing check", {}, cylinder(), []],
    ["a failed before-fill check", { state: 1, remark: "瓶体变形" }, cylinder(), ["check_failed"]],
    ["a failed after-fill check", { kind: "after_fill_check", state: 1 }, cylinder(), ["check_failed"]],
    ["an unknown cylinder", {}, null, ["unknown_cylinder"]],
    ["received 24 h after the check", { receivedAt: china("2020-04-21 19:54:01") }, cylinder(), []],
    ["received 24 h 1 s after the check", { receivedAt: china("2020-04-21 19:54:02") }, cylinder(), ["late_upload"]],
    [
      "time stood in from receipt: never late",
      { checkedAtSource: "received", receivedAt: china("2020-04-25 00:00:00") },
      cylinder(),
      [],
    ],
    [
      "failed, unknown and late",
      { state: 1, receivedAt: china("2020-04-23 00:00:00") },
      null,
      ["check_failed", "unknown_cylinder", "late_upload"],
    ],
  ])("%s → %j", (_, c, cyl, expected) => {
    expect(types(checkRecordAlarms(check(c), { cylinder: cyl }))).toEqual(expected);
  });

  it.each<[Partial<CheckRecordFacts>, string]>([
    [{ state: 1, remark: "瓶体变形" }, "气瓶 1103007831 充装前检查不合格：瓶体变形"],
    [
      { kind: "after_fill_check", state: 1, remark: " 密封检查不通过" },
      "气瓶 1103007831 充装后检查不合格：密封检查不通过",
    ],
    [{ state: 1, remark: "" }, "气瓶 1103007831 充装前检查不合格（未注明原因）"],
  ])("%j → %s", (c, message) => {
    const [d] = checkRecordAlarms(check(c), { cylinder: cylinder() });
    expect(d).toEqual({ type: "check_failed", reasons: [{ code: "CHECK_FAILED", message }], message });
  });
});

/** The deadline a weekends-only calendar would give (what the Chinese calendar must beat). */
function weekendsOnlyDeadline(report: IsoDate, n = 5): IsoDate {
  let d = report;
  while (n > 0) {
    d = addDays(d, 1);
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) n -= 1;
  }
  return d;
}

describe("inspection results: 5 working days after the report, report day not counted", () => {
  it.each<[string, IsoDate, string, boolean]>([
    // 国庆 2026: 10-01..07 off, Saturday 10-10 worked → deadline Tue 10-13 (weekends only: Wed 10-07)
    ["国庆 2026, received 10-12", "2026-09-30", "2026-10-12 12:00:00", false],
    ["国庆 2026, 23:59:59 China on the deadline", "2026-09-30", "2026-10-13 23:59:59", false],
    ["国庆 2026, 00:00:00 China the day after", "2026-09-30", "2026-10-14 00:00:00", true],
    // 春节 2026: 02-15..23 off, Saturday 02-14 worked → deadline Thu 02-26 (weekends only: Thu 02-19)
    ["春节 2026, received on the deadline", "2026-02-12", "2026-02-26 18:00:00", false],
    ["春节 2026, received the day after", "2026-02-12", "2026-02-27 09:00:00", true],
    // a Sunday worked (2026-09-20) makes the deadline EARLIER than weekends-only counting
    ["make-up Sunday counts: deadline Thu 09-24", "2026-09-18", "2026-09-25 09:00:00", true],
    ["reported on a holiday (国庆 10-03)", "2026-10-03", "2026-10-13 20:00:00", false],
    ["reported on a holiday, late", "2026-10-03", "2026-10-14 08:00:00", true],
    ["ordinary week: deadline Fri 03-13", "2026-03-06", "2026-03-13 23:59:59", false],
    ["ordinary week: the Saturday after the deadline is late", "2026-03-06", "2026-03-14 10:00:00", true],
    ["received on the report date", "2026-03-06", "2026-03-06 17:00:00", false],
    ["received before the report date (clock skew)", "2026-03-06", "2026-03-05 17:00:00", false],
  ])("%s (report %s, received %s China) → late %s", (_, reportDate, received, late) => {
    const drafts = inspectionResultAlarms(
      { barcode: BARCODE, reportDate, receivedAt: china(received) },
      { cylinder: cylinder(), calendar: LIBRARY_CALENDAR },
    );
    expect(types(drafts)).toEqual(late ? ["late_inspection"] : []);
  });

  it("across 国庆 2026 it is on time where weekends-only counting would call it late", () => {
    expect(weekendsOnlyDeadline("2026-09-30")).toBe("2026-10-07");
    expect(weekendsOnlyDeadline("2026-02-12")).toBe("2026-02-19");
    const drafts = inspectionResultAlarms(
      { barcode: BARCODE, reportDate: "2026-09-30", receivedAt: china("2026-10-12 12:00:00") },
      { cylinder: cylinder(), calendar: LIBRARY_CALENDAR },
    );
    expect(drafts).toEqual([]);
  });

  it("names the deadline", () => {
    const [d] = inspectionResultAlarms(
      { barcode: BARCODE, reportDate: "2026-09-30", receivedAt: china("2026-10-14 00:00:00") },
      { cylinder: cylinder(), calendar: LIBRARY_CALENDAR },
    );
    expect(d?.message).toBe(
      "气瓶 1103007831 的检验结果超过 5 个工作日上传（报告日期 2026-09-30，应于 2026-10-13 前上传，平台 2026-10-14 00:00:00 收到）",
    );
    expect(d?.reasons.map((r) => r.code)).toEqual(["LATE_INSPECTION"]);
  });

  it("an unknown cylinder's inspection result", () => {
    const drafts = inspectionResultAlarms(
      { barcode: BARCODE, reportDate: "2026-03-06", receivedAt: china("2026-03-20 10:00:00") },
      { cylinder: null, calendar: LIBRARY_CALENDAR },
    );
    expect(types(drafts)).toEqual(["late_inspection", "unknown_cylinder"]);
  });

  describe("a year the calendar does not know", () => {
    const at = (reportDate: IsoDate, received: string) => () =>
      inspectionResultAlarms(
        { barcode: BARCODE, reportDate, receivedAt: china(received) },
        { cylinder: cylinder(), calendar: LIBRARY_CALENDAR },
      );

    it.each<[IsoDate, string, number]>([
      ["2027-01-04", "2027-01-20 10:00:00", 2027],
      ["2026-12-21", "2027-01-05 10:00:00", 2027],
      ["2027-09-30", "2027-10-12 10:00:00", 2027],
    ])("report %s, received %s → CALENDAR_UNKNOWN_YEAR %i", (reportDate, received, year) => {
      try {
        at(reportDate, received)();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(PlatformError);
        expect((e as PlatformError).code).toBe("CALENDAR_UNKNOWN_YEAR");
        expect((e as PlatformError).details.year).toBe(year);
      }
    });

    it.each<[IsoDate, string, boolean]>([
      ["2027-03-01", "2027-03-06 10:00:00", false],
      ["2026-12-28", "2027-01-02 10:00:00", false],
      ["2026-12-10", "2027-01-10 10:00:00", true],
    ])("decided without unknown dates: report %s, received %s → late %s", (reportDate, received, late) => {
      expect(types(at(reportDate, received)())).toEqual(late ? ["late_inspection"] : []);
    });
  });
});

describe("permit refusals", () => {
  const base = {
    barcode: BARCODE,
    cylinder: cylinder(),
    unit,
    permissions: [],
    latestBeforeFillCheck: null,
    now: china("2026-05-10 12:00:00"),
  };

  it("a granted permit raises nothing", () => {
    expect(permitRefusedAlarm(BARCODE, decideFillPermit(base))).toBeNull();
  });

  it("a refusal raises permit_refused with every reason", () => {
    const decision = decideFillPermit({ ...base, cylinder: cylinder({ state: 4, nextDate: "2025-01-01" }) });
    expect(permitRefusedAlarm(` ${BARCODE}`, decision)).toEqual({
      type: "permit_refused",
      reasons: decision.reasons,
      message: "气瓶 1103007831 不允许充装：气瓶已报废；超期未检（下次检验日期 2025-01-01）",
    });
  });
});
