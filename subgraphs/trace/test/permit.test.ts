import { PlatformError } from "@cylinder/db";
import { describe, expect, it } from "vitest";
import { decideFillPermit, permitMessage } from "../src/permit/decide";
import {
  type CylinderPermitRow,
  type FillPermissionRow,
  type FillPermitInput,
  PERMIT_REASON_CODES,
  type PermitReasonCode,
  type UnitPermitRow,
} from "../src/permit/types";

const UNIT = 101;
const OTHER_OWNER = 202;
const OTHER_FILLER = 303;
const BARCODE = "1103007831";

/** 2026-05-10 12:00:00 China time. */
const NOW = new Date("2026-05-10T04:00:00Z");

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

function carCylinder(over: Partial<CylinderPermitRow> = {}): CylinderPermitRow {
  return cylinder({
    barcode: BARCODE,
    kind: "car",
    ownerUnitId: null,
    medium: "CNG",
    productDate: "2022-10-01",
    nextDate: "2026-10-01",
    discardDate: null,
    lifePeriod: null,
    fillWeight: null,
    ...over,
  });
}

function unit(over: Partial<UnitPermitRow> = {}): UnitPermitRow {
  return {
    id: UNIT,
    kind: "filling",
    prefectureCode: "530100",
    licensedMedia: ["液化石油气"],
    licenseExpiresOn: "2028-12-31",
    ...over,
  };
}

function permission(over: Partial<FillPermissionRow> = {}): FillPermissionRow {
  return {
    fillingUnitId: UNIT,
    ownerUnitId: OTHER_OWNER,
    barcode: null,
    validFrom: "2026-01-01",
    validTo: null,
    ...over,
  };
}

const passedCheck = { state: 0, checkedAt: new Date("2026-05-10T03:30:00Z") };
const failedCheck = { state: 1, checkedAt: new Date("2026-05-10T03:30:00Z"), remark: "瓶体变形" };

function input(over: Partial<FillPermitInput> = {}): FillPermitInput {
  return {
    barcode: BARCODE,
    cylinder: cylinder(),
    unit: unit(),
    permissions: [],
    latestBeforeFillCheck: passedCheck,
    now: NOW,
    ...over,
  };
}

const codes = (i: FillPermitInput) => decideFillPermit(i).reasons.map((r) => r.code);

/** China wall-clock text → the UTC instant (e.g. "2026-05-10 23:59:59" → 15:59:59Z). */
const china = (text: string) => new Date(`${text.replace(" ", "T")}+08:00`);

describe("each rule alone", () => {
  it.each<[string, Partial<FillPermitInput>, PermitReasonCode[]]>([
    ["own cylinder, all in order", {}, []],
    ["no before-fill check yet", { latestBeforeFillCheck: null }, []],
    ["not registered", { cylinder: null }, ["NOT_REGISTERED"]],
    ["another owner's cylinder", { cylinder: cylinder({ ownerUnitId: OTHER_OWNER }) }, ["NOT_OWN_PROPERTY"]],
    ["a generic cylinder with no owner unit", { cylinder: cylinder({ ownerUnitId: null }) }, ["NOT_OWN_PROPERTY"]],
    ["scrapped", { cylinder: cylinder({ state: 4 }) }, ["SCRAPPED"]],
    ["locked", { cylinder: cylinder({ state: 2 }) }, ["LOCKED"]],
    ["suspended", { cylinder: cylinder({ state: 3 }) }, ["SUSPENDED"]],
    ["a state the enum does not know", { cylinder: cylinder({ state: 9 }) }, ["STATE_UNKNOWN"]],
    ["inspection overdue", { cylinder: cylinder({ nextDate: "2026-05-09" }) }, ["INSPECTION_OVERDUE"]],
    ["no NextDate recorded", { cylinder: cylinder({ nextDate: null }) }, ["INSPECTION_DATE_MISSING"]],
    ["past the discard date", { cylinder: cylinder({ discardDate: "2026-05-09" }) }, ["PAST_DISCARD_DATE"]],
    [
      "past the design life (2018-05-09 + 8 years)",
      { cylinder: cylinder({ productDate: "2018-05-09", lifePeriod: 8, discardDate: null }) },
      ["PAST_DESIGN_LIFE"],
    ],
    ["medium not licensed", { cylinder: cylinder({ medium: "二甲醚" }) }, ["MEDIUM_NOT_LICENSED"]],
    ["unit licensed for nothing", { unit: unit({ licensedMedia: [] }) }, ["MEDIUM_NOT_LICENSED"]],
    ["latest before-fill check failed", { latestBeforeFillCheck: failedCheck }, ["BEFORE_FILL_CHECK_FAILED"]],
    [
      "latest before-fill check with an unknown state value",
      { latestBeforeFillCheck: { state: 7, checkedAt: NOW } },
      ["BEFORE_FILL_CHECK_FAILED"],
    ],
    ["requesting unit unknown (ownership and medium need it)", { unit: null }, ["UNIT_UNKNOWN"]],
    ["requesting unit is an inspection station", { unit: unit({ kind: "inspection" }) }, ["NOT_FILLING_UNIT"]],
    ["filling licence expired", { unit: unit({ licenseExpiresOn: "2026-05-09" }) }, ["LICENSE_EXPIRED"]],
    ["filling licence expires today", { unit: unit({ licenseExpiresOn: "2026-05-10" }) }, []],
    ["filling licence expiry not recorded", { unit: unit({ licenseExpiresOn: null }) }, ["LICENSE_MISSING"]],
  ])("%s → %j", (_, over, expected) => {
    const decision = decideFillPermit(input(over));
    expect(decision.reasons.map((r) => r.code)).toEqual(expected);
    expect(decision.permitted).toBe(expected.length === 0);
  });
});

describe("media are compared through normalizeMedium", () => {
  it.each([
    ["LPG", ["液化石油气"]],
    ["液化气", ["LPG"]],
    [" lpg ", ["液化石油气"]],
    ["液化石油气", ["液化气", "CNG"]],
  ])("cylinder %j, licence %j → permitted", (medium, licensed) => {
    expect(codes(input({ cylinder: cylinder({ medium }), unit: unit({ licensedMedia: licensed }) }))).toEqual([]);
  });

  it("names both sides in canonical form", () => {
    const [reason] = decideFillPermit(
      input({ cylinder: cylinder({ medium: "CNG" }), unit: unit({ licensedMedia: ["LPG"] }) }),
    ).reasons;
    expect(reason?.message).toBe("充装介质不在许可范围（气瓶介质 压缩天然气，许可介质 液化石油气）");
  });
});

describe("combinations list every reason, in a fixed order", () => {
  it("everything wrong at once", () => {
    const decision = decideFillPermit(
      input({
        cylinder: cylinder({
          ownerUnitId: OTHER_OWNER,
          state: 4,
          nextDate: "2024-04-01",
          discardDate: "2022-09-01",
          productDate: "2014-09-01",
          lifePeriod: 8,
          medium: "氧气",
        }),
        unit: unit({ kind: "inspection", licenseExpiresOn: "2025-12-31" }),
        latestBeforeFillCheck: failedCheck,
      }),
    );
    expect(decision.permitted).toBe(false);
    expect(decision.reasons.map((r) => r.code)).toEqual([
      "NOT_OWN_PROPERTY",
      "SCRAPPED",
      "INSPECTION_OVERDUE",
      "PAST_DISCARD_DATE",
      "PAST_DESIGN_LIFE",
      "MEDIUM_NOT_LICENSED",
      "BEFORE_FILL_CHECK_FAILED",
      "NOT_FILLING_UNIT",
      "LICENSE_EXPIRED",
    ]);
    expect(decision.reasons.map((r) => r.message)).toEqual([
      "非本单位自有产权气瓶且无登记机关同意充装",
      "气瓶已报废",
      "超期未检（下次检验日期 2024-04-01）",
      "已超过报废日期（2022-09-01）",
      "已超过设计使用年限（出厂日期 2014-09-01，使用年限 8 年，至 2022-09-01）",
      "充装介质不在许可范围（气瓶介质 氧气，许可介质 液化石油气）",
      "最近一次充装前检查不合格（2026-05-10 11:30:00，瓶体变形）",
      "申请单位不是气瓶充装单位",
      "充装许可证已过期（有效期至 2025-12-31）",
    ]);
  });

  it("reasons always follow PERMIT_REASON_CODES order", () => {
    const decision = decideFillPermit(
      input({
        cylinder: cylinder({ state: 3, nextDate: null, ownerUnitId: null, medium: "氢气" }),
        unit: unit({ licenseExpiresOn: null }),
        latestBeforeFillCheck: failedCheck,
      }),
    );
    const order = decision.reasons.map((r) => PERMIT_REASON_CODES.indexOf(r.code));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(decision.reasons.map((r) => r.code)).toEqual([
      "NOT_OWN_PROPERTY",
      "SUSPENDED",
      "INSPECTION_DATE_MISSING",
      "MEDIUM_NOT_LICENSED",
      "BEFORE_FILL_CHECK_FAILED",
      "LICENSE_MISSING",
    ]);
  });

  it.each<[string, Partial<FillPermitInput>, PermitReasonCode[]]>([
    [
      "not registered: cylinder rules cannot apply, unit rules still do",
      { cylinder: null, unit: unit({ kind: "manufacturer", licenseExpiresOn: "2020-01-01" }) },
      ["NOT_REGISTERED", "NOT_FILLING_UNIT", "LICENSE_EXPIRED"],
    ],
    [
      "not registered, a failed check on file is not repeated",
      { cylinder: null, latestBeforeFillCheck: failedCheck },
      ["NOT_REGISTERED"],
    ],
    ["not registered and unknown unit", { cylinder: null, unit: null }, ["NOT_REGISTERED", "UNIT_UNKNOWN"]],
    [
      "unknown unit: cylinder rules that do not need the unit still apply",
      { unit: null, cylinder: cylinder({ ownerUnitId: OTHER_OWNER, state: 2 }) },
      ["LOCKED", "UNIT_UNKNOWN"],
    ],
    [
      "overdue and past design life on the same day",
      { cylinder: cylinder({ nextDate: "2026-05-01", productDate: "2016-05-01", lifePeriod: 10, discardDate: null }) },
      ["INSPECTION_OVERDUE", "PAST_DESIGN_LIFE"],
    ],
  ])("%s → %j", (_, over, expected) => {
    expect(codes(input(over))).toEqual(expected);
  });

  it("the same input gives the same decision", () => {
    const i = input({ cylinder: cylinder({ state: 2, nextDate: "2020-01-01" }), latestBeforeFillCheck: failedCheck });
    expect(decideFillPermit(i)).toEqual(decideFillPermit(structuredClone(i)));
  });
});

describe("authority-approved permissions for another owner's cylinder", () => {
  const foreign = cylinder({ ownerUnitId: OTHER_OWNER });
  it.each<[string, FillPermissionRow[], boolean]>([
    ["no permission", [], false],
    ["naming the owner, open-ended", [permission()], true],
    ["naming the barcode", [permission({ ownerUnitId: null, barcode: BARCODE })], true],
    ["naming the barcode with the annex's padding", [permission({ ownerUnitId: null, barcode: ` ${BARCODE}` })], true],
    ["naming both owner and barcode", [permission({ barcode: BARCODE })], true],
    ["granted to another filling unit", [permission({ fillingUnitId: OTHER_FILLER })], false],
    ["naming another owner", [permission({ ownerUnitId: 404 })], false],
    ["naming another barcode", [permission({ ownerUnitId: null, barcode: "1103007832" })], false],
    ["expired yesterday", [permission({ validTo: "2026-05-09" })], false],
    ["last day today", [permission({ validTo: "2026-05-10" })], true],
    ["starts tomorrow", [permission({ validFrom: "2026-05-11" })], false],
    ["starts today", [permission({ validFrom: "2026-05-10" })], true],
    ["revoked before now", [permission({ revokedAt: new Date("2026-05-01T00:00:00Z") })], false],
    ["revoked exactly now", [permission({ revokedAt: NOW })], false],
    ["revoked later than the decision instant", [permission({ revokedAt: new Date("2026-06-01T00:00:00Z") })], true],
    [
      "one useless and one valid",
      [permission({ validTo: "2025-12-31" }), permission({ ownerUnitId: null, barcode: BARCODE })],
      true,
    ],
  ])("%s → permitted %s", (_, permissions, permitted) => {
    const decision = decideFillPermit(input({ cylinder: foreign, permissions }));
    expect(decision.permitted).toBe(permitted);
    if (!permitted) expect(decision.reasons.map((r) => r.code)).toEqual(["NOT_OWN_PROPERTY"]);
  });

  it("a permission naming an owner does not cover a cylinder with no owner unit", () => {
    expect(codes(input({ cylinder: cylinder({ ownerUnitId: null }), permissions: [permission()] }))).toEqual([
      "NOT_OWN_PROPERTY",
    ]);
  });

  it("a permission lifts only the ownership rule", () => {
    expect(
      codes(input({ cylinder: cylinder({ ownerUnitId: OTHER_OWNER, state: 4 }), permissions: [permission()] })),
    ).toEqual(["SCRAPPED"]);
  });

  it.each([
    ["2026-05-10 23:59:59", true],
    ["2026-05-11 00:00:00", false],
  ])("a permission valid to 2026-05-10, asked at %s China time → permitted %s", (at, permitted) => {
    const decision = decideFillPermit(
      input({ cylinder: foreign, permissions: [permission({ validTo: "2026-05-10" })], now: china(at) }),
    );
    expect(decision.permitted).toBe(permitted);
  });
});

describe("car cylinders are exempt from the ownership rule only", () => {
  const carUnit = unit({ licensedMedia: ["压缩天然气"] });
  it.each<[string, CylinderPermitRow, PermitReasonCode[]]>([
    ["a car cylinder owned by no unit, no permission", carCylinder(), []],
    ["a car cylinder owned by another unit", carCylinder({ ownerUnitId: OTHER_OWNER }), []],
    ["scrapped", carCylinder({ state: 4 }), ["SCRAPPED"]],
    ["locked", carCylinder({ state: 2 }), ["LOCKED"]],
    ["overdue", carCylinder({ nextDate: "2026-05-09" }), ["INSPECTION_OVERDUE"]],
    ["no NextDate", carCylinder({ nextDate: null }), ["INSPECTION_DATE_MISSING"]],
    ["a medium the station is not licensed for", carCylinder({ medium: "LNG" }), ["MEDIUM_NOT_LICENSED"]],
    ["past design life when known", carCylinder({ productDate: "2011-05-01", lifePeriod: 15 }), ["PAST_DESIGN_LIFE"]],
  ])("%s → %j", (_, car, expected) => {
    expect(codes(input({ cylinder: car, unit: carUnit }))).toEqual(expected);
  });

  it("a failed before-fill check still refuses", () => {
    expect(codes(input({ cylinder: carCylinder(), unit: carUnit, latestBeforeFillCheck: failedCheck }))).toEqual([
      "BEFORE_FILL_CHECK_FAILED",
    ]);
  });
});

describe("date edges compare China (UTC+8) calendar dates", () => {
  // instants as UTC; the China wall clock is 8 hours ahead
  it.each<[string, string, Partial<CylinderPermitRow>, PermitReasonCode[]]>([
    ["00:00:00 China on NextDate", "2026-05-09T16:00:00Z", { nextDate: "2026-05-10" }, []],
    ["23:59:59 China on NextDate", "2026-05-10T15:59:59Z", { nextDate: "2026-05-10" }, []],
    ["23:59:59.999 China on NextDate", "2026-05-10T15:59:59.999Z", { nextDate: "2026-05-10" }, []],
    ["00:00:00 China the day after", "2026-05-10T16:00:00Z", { nextDate: "2026-05-10" }, ["INSPECTION_OVERDUE"]],
    [
      "04:00 China the day after, still NextDate in UTC",
      "2026-05-10T20:00:00Z",
      { nextDate: "2026-05-10" },
      ["INSPECTION_OVERDUE"],
    ],
    ["NextDate far behind", "2026-05-10T04:00:00Z", { nextDate: "2024-04-01" }, ["INSPECTION_OVERDUE"]],
    ["23:59:59 China on DiscardDate", "2026-05-10T15:59:59Z", { discardDate: "2026-05-10" }, []],
    ["00:00:00 China after DiscardDate", "2026-05-10T16:00:00Z", { discardDate: "2026-05-10" }, ["PAST_DISCARD_DATE"]],
    [
      "23:59:59 China on the last day of design life",
      "2026-05-10T15:59:59Z",
      { productDate: "2018-05-10", lifePeriod: 8, discardDate: null },
      [],
    ],
    [
      "00:00:00 China after the design life",
      "2026-05-10T16:00:00Z",
      { productDate: "2018-05-10", lifePeriod: 8, discardDate: null },
      ["PAST_DESIGN_LIFE"],
    ],
    // leap days
    ["NextDate 29 Feb 2028, 23:59:59 China", "2028-02-29T15:59:59Z", { nextDate: "2028-02-29" }, []],
    [
      "NextDate 29 Feb 2028, 00:00:00 China on 1 March",
      "2028-02-29T16:00:00Z",
      { nextDate: "2028-02-29" },
      ["INSPECTION_OVERDUE"],
    ],
    [
      "made 29 Feb 2016, 8 years: last day 29 Feb 2024",
      "2024-02-29T15:59:59Z",
      { productDate: "2016-02-29", lifePeriod: 8, discardDate: null },
      [],
    ],
    [
      "made 29 Feb 2016, 8 years: refused on 1 March 2024",
      "2024-02-29T16:00:00Z",
      { productDate: "2016-02-29", lifePeriod: 8, discardDate: null },
      ["PAST_DESIGN_LIFE"],
    ],
    [
      "made 29 Feb 2016, 10 years: last day 28 Feb 2026 (common year)",
      "2026-02-28T15:59:59Z",
      { productDate: "2016-02-29", lifePeriod: 10, discardDate: null },
      [],
    ],
    [
      "made 29 Feb 2016, 10 years: refused on 1 March 2026",
      "2026-02-28T16:00:00Z",
      { productDate: "2016-02-29", lifePeriod: 10, discardDate: null },
      ["PAST_DESIGN_LIFE"],
    ],
  ])("%s (%s)", (_, now, over, expected) => {
    const i = input({
      cylinder: cylinder({ nextDate: "2030-01-01", discardDate: "2030-01-01", productDate: "2025-01-01", ...over }),
      unit: unit({ licenseExpiresOn: "2030-12-31" }),
      now: new Date(now),
    });
    expect(codes(i)).toEqual(expected);
  });

  it.each([
    ["2026-05-10 23:59:59", []],
    ["2026-05-11 00:00:00", ["LICENSE_EXPIRED"]],
  ])("a licence valid to 2026-05-10, asked at %s China time → %j", (at, expected) => {
    expect(codes(input({ unit: unit({ licenseExpiresOn: "2026-05-10" }), now: china(at) }))).toEqual(expected);
  });
});

describe("input guards", () => {
  it("ignores the annex's padding around a scanned barcode", () => {
    expect(decideFillPermit(input({ barcode: ` ${BARCODE} ` })).permitted).toBe(true);
  });

  it("refuses to decide for a cylinder record of another barcode", () => {
    expect(() => decideFillPermit(input({ barcode: "1103007832" }))).toThrow(PlatformError);
  });

  it("refuses an invalid instant", () => {
    expect(() => decideFillPermit(input({ now: new Date(Number.NaN) }))).toThrow(PlatformError);
  });
});

describe("permitMessage", () => {
  it.each<[string, Partial<FillPermitInput>, string]>([
    ["permitted", {}, "允许充装"],
    ["not registered", { cylinder: null }, "不允许充装：气瓶未办理使用登记（不合法）"],
    [
      "two reasons",
      { cylinder: cylinder({ ownerUnitId: OTHER_OWNER, nextDate: "2026-05-01" }) },
      "不允许充装：非本单位自有产权气瓶且无登记机关同意充装；超期未检（下次检验日期 2026-05-01）",
    ],
  ])("%s → %s", (_, over, text) => {
    expect(permitMessage(decideFillPermit(input(over)))).toBe(text);
  });
});
