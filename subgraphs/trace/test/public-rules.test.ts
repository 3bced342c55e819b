/**
 * The public scan page's rules: the permit badge's wording (judged for the owner, car
 * cylinders without one), the citizen report's form and limits, and unknown-code scans.
 * Pure functions, table tests; the instants are far from any day the suite runs.
 */
import { CITIZEN_REPORT_KINDS, formatCarCode } from "@cylinder/db";
import { describe, expect, it } from "vitest";
import { decideFillPermit } from "../src/permit/decide";
import { type CylinderPermitRow, PERMIT_REASON_CODES, type UnitPermitRow } from "../src/permit/types";
import {
  MAX_DESCRIPTION,
  REPORT_LIMITS,
  reportAlarmMessage,
  reportDraft,
  reportRefusal,
} from "../src/public/citizen-report.rules";
import { CITIZEN_WORDING, publicPermitVerdict } from "../src/public/public-permit.rules";
import { MAX_CODE_KEPT, scannedCode, unknownCodeAlarmMessage } from "../src/public/unknown-code.rules";

/** 2031-03-15 12:00 China time. */
const NOW = new Date("2031-03-15T04:00:00Z");
const OWNER = 7;

const cylinder = (over: Partial<CylinderPermitRow> = {}): CylinderPermitRow => ({
  barcode: "5301000000001",
  kind: "generic",
  state: 1,
  ownerUnitId: OWNER,
  prefectureCode: "530100",
  medium: "液化石油气",
  productDate: "2027-01-01",
  nextDate: "2033-01-01",
  discardDate: "2035-01-01",
  lifePeriod: 8,
  fillWeight: 14.5,
  ...over,
});

const owner = (over: Partial<UnitPermitRow> = {}): UnitPermitRow => ({
  id: OWNER,
  kind: "filling",
  prefectureCode: "530100",
  licensedMedia: ["液化石油气"],
  licenseExpiresOn: "2034-01-01",
  ...over,
});

function verdict(
  c: CylinderPermitRow | null,
  u: UnitPermitRow | null,
  check: { state: number; remark: string } | null = null,
) {
  const decision = decideFillPermit({
    barcode: "5301000000001",
    cylinder: c,
    unit: u,
    permissions: [],
    latestBeforeFillCheck: check ? { ...check, checkedAt: new Date(NOW.getTime() - 3600_000) } : null,
    now: NOW,
  });
  return publicPermitVerdict(decision, u !== null);
}

describe("the public permit badge", () => {
  it.each([
    ["fit, owner licensed", cylinder(), owner(), null, []],
    ["scrapped", cylinder({ state: 4 }), owner(), null, ["气瓶已报废，不能再使用"]],
    ["locked", cylinder({ state: 2 }), owner(), null, ["气瓶已被监管部门锁定"]],
    ["suspended", cylinder({ state: 3 }), owner(), null, ["气瓶已停用"]],
    ["overdue", cylinder({ nextDate: "2031-03-14" }), owner(), null, ["已超过下次检验日期，超期未检（2031-03-14）"]],
    ["due today is still fine", cylinder({ nextDate: "2031-03-15" }), owner(), null, []],
    ["no next date", cylinder({ nextDate: null }), owner(), null, ["没有登记下次检验日期，无法确认按期检验"]],
    ["past discard date", cylinder({ discardDate: "2031-01-01" }), owner(), null, ["已超过报废日期（2031-01-01）"]],
    [
      "past design life",
      cylinder({ productDate: "2022-03-01", lifePeriod: 8, discardDate: null }),
      owner(),
      null,
      ["已超过设计使用年限（2030-03-01 到期）"],
    ],
    [
      "owner not licensed for the medium",
      cylinder(),
      owner({ licensedMedia: ["氧气"] }),
      null,
      ["产权单位没有充装这种介质的许可"],
    ],
    [
      "owner's licence expired",
      cylinder(),
      owner({ licenseExpiresOn: "2031-01-31" }),
      null,
      ["产权单位的充装许可证已过期（2031-01-31）"],
    ],
    [
      "owner's licence not recorded",
      cylinder(),
      owner({ licenseExpiresOn: null }),
      null,
      ["产权单位没有登记充装许可证"],
    ],
    [
      "failed before-fill check: no remark shown",
      cylinder(),
      owner(),
      { state: 1, remark: "张三检查：角阀漏气" },
      ["最近一次充装前检查不合格"],
    ],
    [
      "car cylinder owned outside the platform: the cylinder's rules only",
      cylinder({ kind: "car", ownerUnitId: null }),
      null,
      null,
      [],
    ],
    [
      "car cylinder overdue, no owner unit",
      cylinder({ kind: "car", ownerUnitId: null, nextDate: "2030-12-31" }),
      null,
      null,
      ["已超过下次检验日期，超期未检（2030-12-31）"],
    ],
  ] as const)("%s", (_name, c, u, check, expected) => {
    const v = verdict(c, u, check);
    expect(v.reasons.map((r) => r.message)).toEqual(expected);
    expect(v.permitted).toBe(expected.length === 0);
    expect(v.label).toBe(expected.length === 0 ? "可以充装" : "禁止充装");
  });

  it("says every reason, in the rule's order", () => {
    const v = verdict(cylinder({ state: 4, nextDate: "2031-01-01" }), owner({ licenseExpiresOn: "2031-01-01" }));
    expect(v.reasons.map((r) => r.code)).toEqual(["SCRAPPED", "INSPECTION_OVERDUE", "LICENSE_EXPIRED"]);
  });

  it("not registered", () => {
    expect(verdict(null, null).reasons.map((r) => r.message)).toEqual(["未办理使用登记，属于不合法气瓶"]);
  });

  it("has plain words for every reason code, none of them a station's detail", () => {
    for (const code of PERMIT_REASON_CODES) {
      const words = CITIZEN_WORDING[code]("最近一次充装前检查不合格（2031-03-15 10:00:00，张三：阀门坏）");
      expect(words, code).toMatch(/[\u4e00-\u9fff]/);
      expect(words, code).not.toContain("张三");
    }
  });
});

describe("a citizen's report", () => {
  it.each([
    [{ kind: "leaking" }, { kind: "leaking", description: null, contactPhone: null }],
    [
      { kind: "LEAKING", description: "  厨房有气味 ", contactPhone: " 138 8888 6213 " },
      { kind: "leaking", description: "厨房有气味", contactPhone: "13888886213" },
    ],
    [
      { kind: "other", description: "", contactPhone: "0871-63112345" },
      { kind: "other", description: null, contactPhone: "0871-63112345" },
    ],
  ])("takes %j", (input, expected) => {
    expect(reportDraft(input)).toEqual(expected);
  });

  it.each([
    [{ kind: "fire" }, "INVALID_ENUM", "kind"],
    [{ kind: "leaking", description: "字".repeat(MAX_DESCRIPTION + 1) }, "INVALID_FIELD", "description"],
    [{ kind: "leaking", contactPhone: "12345" }, "INVALID_FIELD", "contactPhone"],
  ])("refuses %j", (input, code, field) => {
    expect(() => reportDraft(input)).toThrow(
      expect.objectContaining({ code, details: expect.objectContaining({ field }) }),
    );
  });

  it("counts 500 characters, not bytes", () => {
    expect(reportDraft({ kind: "other", description: "漏".repeat(MAX_DESCRIPTION) }).description).toHaveLength(
      MAX_DESCRIPTION,
    );
  });

  it.each([
    [{ byAddress: 0, byCylinder: 0 }, null],
    [{ byAddress: REPORT_LIMITS.perAddress.max - 1, byCylinder: REPORT_LIMITS.perCylinder.max - 1 }, null],
    [{ byAddress: REPORT_LIMITS.perAddress.max, byCylinder: 0 }, "一小时后再试"],
    [{ byAddress: 0, byCylinder: REPORT_LIMITS.perCylinder.max }, "已有多人反映"],
  ])("limits %j", (recent, words) => {
    const refusal = reportRefusal(recent);
    if (words === null) expect(refusal).toBeNull();
    else {
      expect(refusal?.code).toBe("RATE_LIMITED");
      expect(refusal?.status).toBe(429);
      expect(refusal?.message).toContain(words);
    }
  });

  it("has a label for every kind and a short alarm line", () => {
    for (const kind of Object.keys(CITIZEN_REPORT_KINDS)) expect(reportDraft({ kind }).kind).toBe(kind);
    const long = reportAlarmMessage({ kind: "leaking", description: "气".repeat(200), contactPhone: null }, "X1");
    expect(long.startsWith("群众反映气瓶 X1：漏气、有气味。")).toBe(true);
    expect([...long].length).toBeLessThan(100);
  });
});

describe("a scan of an unknown code", () => {
  const carCode = formatCarCode("532600", 42);
  it.each([
    ["5301000000001", { code: "5301000000001", malformed: false, prefectureCode: null }],
    [` ${carCode} `, { code: carCode, malformed: false, prefectureCode: "532600" }],
    ["YSP-35-0001", { code: "YSP-35-0001", malformed: false, prefectureCode: null }],
    ["<script>", { code: "<script>", malformed: true, prefectureCode: null }],
    ["   ", { code: "", malformed: true, prefectureCode: null }],
  ])("%j", (text, expected) => {
    expect(scannedCode(text)).toEqual(expected);
  });

  it("keeps at most 100 characters", () => {
    const c = scannedCode("x".repeat(500));
    expect(c.code).toHaveLength(MAX_CODE_KEPT);
    expect(c.malformed).toBe(true);
  });

  it("says what it suspects", () => {
    expect(unknownCodeAlarmMessage(scannedCode("5301000000001"))).toContain("疑似假冒标签");
    expect(unknownCodeAlarmMessage(scannedCode("<x>"))).toContain("格式不正确");
  });
});
