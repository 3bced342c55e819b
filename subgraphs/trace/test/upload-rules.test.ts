/**
 * Pure rules around uploads and the permit: batch validation (which item, which field),
 * the effective cylinder (trace's latest inspection over the registry archive), lateness
 * that survives an unknown calendar year, and whom Cylinder.fillPermit may ask about.
 */
import { LIBRARY_CALENDAR, PlatformError } from "@cylinder/db";
import { describe, expect, it } from "vitest";
import type { CheckBatchInput } from "../src/check/check.input";
import { validateCheckBatch } from "../src/check/check.upload";
import type { FillBatchInput } from "../src/fill/fill.input";
import { validateFillBatch } from "../src/fill/fill.upload";
import { assessInspectionResult } from "../src/inspection/lateness";
import type { InspectionResultInput } from "../src/inspection/result.type";
import { validateResultBatch } from "../src/inspection/result.upload";
import { effectiveCylinder } from "../src/permit/effective";
import { evaluationUnit } from "../src/permit/permit.service";
import type { CylinderPermitRow } from "../src/permit/types";
import { validateMonthlyCount } from "../src/reconciliation/reconciliation.service";

const NOW = new Date("2026-11-25T04:00:00Z"); // 12:00 China time

function refused(fn: () => unknown): PlatformError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlatformError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("fill batch validation", () => {
  const item = (over: Record<string, unknown> = {}) => ({
    barcode: " 1103007831",
    idleWeight: 16.33,
    grossWeight: 29.76,
    netWeight: 13.43,
    beginAt: new Date("2026-11-25T03:00:00Z"),
    endAt: new Date("2026-11-25T03:01:20Z"),
    machine: 1,
    thirdId: "20490",
    ...over,
  });
  const batch = (...items: Record<string, unknown>[]) => ({ items }) as unknown as FillBatchInput;

  it("trims barcodes, parses ThridIds and rounds weights to hundredths", () => {
    const [v] = validateFillBatch(batch(item({ netWeight: 13.434 })), NOW);
    expect(v).toMatchObject({ barcode: "1103007831", thirdId: 20490, netWeight: 13.43, machine: 1 });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["negative idle weight", { idleWeight: -0.01 }, "INVALID_FIELD", "idleWeight"],
    ["NaN net weight", { netWeight: Number.NaN }, "INVALID_FIELD", "netWeight"],
    ["weight beyond decimal(10,2)", { grossWeight: 1e9 }, "INVALID_FIELD", "grossWeight"],
    ["end before begin", { endAt: new Date("2026-11-25T02:59:59Z") }, "INVALID_FIELD", "endAt"],
    ["invalid date", { beginAt: new Date("x") }, "INVALID_FIELD", "beginAt"],
    ["begin before 2000", { beginAt: new Date("1999-12-31T00:00:00Z") }, "INVALID_FIELD", "beginAt"],
    ["end two hours ahead", { endAt: new Date("2026-11-25T06:00:01Z") }, "INVALID_FIELD", "endAt"],
    ["blank barcode", { barcode: "  " }, "MISSING_FIELD", "barcode"],
    ["barcode over 40", { barcode: "X".repeat(41) }, "INVALID_FIELD", "barcode"],
    ["negative machine", { machine: -1 }, "INVALID_FIELD", "machine"],
    ["blank ThridId", { thirdId: "" }, "MISSING_FIELD", "thirdId"],
    ["ThridId with a sign", { thirdId: "-5" }, "INVALID_FIELD", "thirdId"],
    ["ThridId beyond 2^53", { thirdId: "9007199254740993" }, "INVALID_FIELD", "thirdId"],
  ])("refuses %s naming items[1]", (_n, over, code, name) => {
    const e = refused(() => validateFillBatch(batch(item(), item({ thirdId: "20491", ...over })), NOW));
    expect(e.code).toBe(code);
    expect(e.details).toMatchObject({ field: `items[1].${name}`, index: 1, name });
  });

  it("accepts a clock up to an hour ahead, and equal begin and end", () => {
    const at = new Date("2026-11-25T04:59:00Z");
    expect(validateFillBatch(batch(item({ beginAt: at, endAt: at })), NOW)).toHaveLength(1);
  });

  it("refuses a ThridId twice in one batch, naming the second", () => {
    const e = refused(() => validateFillBatch(batch(item(), item(), item({ thirdId: "1" })), NOW));
    expect(e.details).toMatchObject({ field: "items[1].thirdId" });
  });

  it("refuses an empty batch and one over 1000", () => {
    expect(refused(() => validateFillBatch(batch(), NOW)).code).toBe("MISSING_FIELD");
    const many = Array.from({ length: 1001 }, (_, i) => item({ thirdId: String(i) }));
    expect(refused(() => validateFillBatch(batch(...many), NOW)).code).toBe("BATCH_TOO_LARGE");
  });
});

describe("check batch validation", () => {
  const batch = (...items: Record<string, unknown>[]) => ({ items }) as unknown as CheckBatchInput;

  it("stands the time of receipt in for a missing Date and says so", () => {
    const [a, b] = validateCheckBatch(
      batch(
        { barcode: "1", state: 1, remark: " 瓶体变形 ", checkedAt: new Date("2020-04-20T11:54:01Z"), thirdId: "20489" },
        { barcode: "2", state: 0, thirdId: "20490" },
      ),
      NOW,
    );
    expect(a).toMatchObject({ checkedAtSource: "reported", remark: "瓶体变形" });
    expect(b).toMatchObject({ checkedAtSource: "received", checkedAt: NOW, remark: null });
  });

  it.each([2, -1, 0.5])("refuses state %s as INVALID_ENUM naming the item", (state) => {
    const e = refused(() => validateCheckBatch(batch({ barcode: "1", state, thirdId: "1" }), NOW));
    expect(e.code).toBe("INVALID_ENUM");
    expect(e.details).toMatchObject({ field: "items[0].state", index: 0 });
  });
});

describe("inspection result batch validation", () => {
  const item = (over: Record<string, unknown> = {}) =>
    ({
      barcode: "1103007831",
      conclusion: 0,
      reportDate: "2026-11-24",
      nextDate: "2030-11-24",
      thirdId: "1",
      ...over,
    }) as unknown as InspectionResultInput;

  it("keeps a pass's next date and drops a scrap's", () => {
    const [pass, scrap] = validateResultBatch([item(), item({ conclusion: 1, thirdId: "2" })], NOW);
    expect(pass).toMatchObject({ nextDate: "2030-11-24", valveReplaced: false });
    expect(scrap).toMatchObject({ nextDate: null });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a report tomorrow (China)", { reportDate: "2026-11-26" }, "reportDate"],
    ["29 February 2026", { reportDate: "2026-02-29" }, "reportDate"],
    ["a next date on the report date", { nextDate: "2026-11-24" }, "nextDate"],
    ["a pass without next date", { nextDate: undefined }, "nextDate"],
    ["conclusion 3", { conclusion: 3 }, "conclusion"],
    ["order 0", { orderId: 0 }, "orderId"],
  ])("refuses %s", (_n, over, name) => {
    expect(refused(() => validateResultBatch([item(over)], NOW)).details).toMatchObject({ field: `items[0].${name}` });
  });
});

describe("the effective cylinder", () => {
  const archive: CylinderPermitRow = {
    barcode: "B",
    kind: "generic",
    state: 1,
    ownerUnitId: 1,
    prefectureCode: "530100",
    medium: "液化石油气",
    productDate: null,
    nextDate: "2025-01-01",
    discardDate: null,
    lifePeriod: null,
    fillWeight: null,
  };
  const result = (conclusion: number, nextDate: string | null) => ({
    id: 1,
    conclusion,
    reportDate: "2026-11-24",
    nextDate,
  });

  it.each<[string, CylinderPermitRow | null, ReturnType<typeof result> | null, Partial<CylinderPermitRow> | null]>([
    ["no result: the archive", archive, null, { nextDate: "2025-01-01", state: 1 }],
    ["a later pass: its next date", archive, result(0, "2030-11-24"), { nextDate: "2030-11-24", state: 1 }],
    ["an earlier pass: the archive's", archive, result(0, "2024-06-01"), { nextDate: "2025-01-01" }],
    [
      "a pass on an archive without next date",
      { ...archive, nextDate: null },
      result(0, "2030-01-01"),
      { nextDate: "2030-01-01" },
    ],
    ["a scrap: scrapped", archive, result(1, null), { state: 4, nextDate: "2025-01-01" }],
    ["a pass does not lift a lock", { ...archive, state: 2 }, result(0, "2030-11-24"), { state: 2 }],
    ["an unregistered cylinder stays unregistered", null, result(1, null), null],
  ])("%s", (_n, registered, latest, expected) => {
    const c = effectiveCylinder(registered, latest);
    if (expected === null) expect(c).toBeNull();
    else expect(c).toMatchObject(expected);
  });
});

describe("inspection lateness never fails on the calendar", () => {
  const china = (text: string) => new Date(`${text.replace(" ", "T")}+08:00`);
  it.each<[string, string, string, string[]]>([
    ["2026-11-20", "2026-11-25 10:00:00", "on_time", []],
    ["2026-09-30", "2026-10-14 00:00:00", "late", ["late_inspection"]],
    ["2026-12-20", "2027-01-05 10:00:00", "undetermined", []],
  ])("report %s received %s: %s", (reportDate, received, lateness, alarms) => {
    const a = assessInspectionResult(
      { barcode: "B", reportDate, receivedAt: china(received) },
      { cylinder: null, calendar: LIBRARY_CALENDAR },
    );
    expect(a.lateness).toBe(lateness);
    // an unregistered cylinder is reported whatever the calendar knows
    expect(a.alarms.map((d) => d.type)).toEqual([...alarms, "unknown_cylinder"]);
    if (lateness === "undetermined") expect(a.unknownYear).toBe(2027);
  });
});

describe("whom Cylinder.fillPermit asks about", () => {
  it.each<[string, Parameters<typeof evaluationUnit>[0], number | undefined, number | null | "FORBIDDEN"]>([
    ["a filling unit, by default itself", { kind: "unit", unitId: 7 }, undefined, 7],
    ["a filling unit naming itself", { kind: "unit", unitId: 7 }, 7, 7],
    ["a filling unit naming another", { kind: "unit", unitId: 7 }, 8, "FORBIDDEN"],
    ["a regulator, by default the owner", { kind: "prefecture", prefectureCode: "530100" }, undefined, null],
    ["a regulator naming a unit", { kind: "prefecture", prefectureCode: "530100" }, 8, 8],
    ["the province naming a unit", { kind: "all" }, 8, 8],
    ["a station", { kind: "station", unitId: 9 }, undefined, "FORBIDDEN"],
    ["the public", { kind: "public" }, 8, "FORBIDDEN"],
  ])("%s", (_n, scope, requested, expected) => {
    if (expected === "FORBIDDEN") expect(refused(() => evaluationUnit(scope, requested)).code).toBe("FORBIDDEN");
    else expect(evaluationUnit(scope, requested)).toBe(expected);
  });
});

describe("monthly count validation", () => {
  it("gives the China month's bounds", () => {
    const v = validateMonthlyCount(2026, 3, 2, 10, NOW);
    expect(v).toEqual({
      type: 2,
      from: new Date("2026-02-28T16:00:00Z"),
      to: new Date("2026-03-31T16:00:00Z"),
    });
    expect(validateMonthlyCount(2025, 12, 1, 0, NOW).to).toEqual(new Date("2025-12-31T16:00:00Z"));
  });
  it.each<[number, number, number, number, string]>([
    [2026, 12, 1, 1, "month"],
    [2027, 1, 1, 1, "year"],
    [1999, 1, 1, 1, "year"],
    [2026, 0, 1, 1, "month"],
    [2026, 1, 0, 1, "type"],
    [2026, 1, 1, 1.5, "count"],
  ])("refuses %i-%i type %i count %d", (y, m, type, count, field) => {
    expect(refused(() => validateMonthlyCount(y, m, type, count, NOW)).details.field).toBe(field);
  });
});
