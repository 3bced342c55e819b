import { describe, expect, it } from "vitest";
import { decideStateChange, isNewerResult, validateInspectionResult } from "../src/cylinder/cylinder-state.rules";

describe("cylinder state changes", () => {
  it.each([
    [1, 2, { kind: "change", from: 1, to: 2 }],
    [1, 3, { kind: "change", from: 1, to: 3 }],
    [1, 4, { kind: "change", from: 1, to: 4 }],
    [2, 1, { kind: "change", from: 2, to: 1 }],
    [3, 1, { kind: "change", from: 3, to: 1 }],
    [2, 2, { kind: "unchanged" }],
    [4, 4, { kind: "unchanged" }],
  ])("%i → %i", (from, to, expected) => {
    expect(decideStateChange(from, to)).toEqual(expected);
  });

  it.each([
    [4, 1, "INVALID_STATE"],
    [4, 2, "INVALID_STATE"],
    [1, 5, "INVALID_ENUM"],
    [1, 0, "INVALID_ENUM"],
  ])("refuses %i → %i with %s", (from, to, code) => {
    expect(() => decideStateChange(from, to)).toThrow(expect.objectContaining({ code }));
  });
});

describe("inspection results", () => {
  const base = {
    barcode: " X1 ",
    conclusion: 0,
    reportDate: "2026-11-01",
    nextDate: "2030-11-01",
    stationName: "检验站",
    resultId: "9",
  };

  it("validates and normalises", () => {
    expect(validateInspectionResult(base, 0)).toEqual({
      barcode: "X1",
      conclusion: 0,
      reportDate: "2026-11-01",
      nextDate: "2030-11-01",
      stationName: "检验站",
      resultId: 9,
    });
    expect(validateInspectionResult({ ...base, conclusion: 1, nextDate: null }, 0).nextDate).toBeNull();
  });

  it.each([
    [{ conclusion: 2 }, "INVALID_ENUM"],
    [{ reportDate: "2026-02-30" }, "INVALID_DATE"],
    [{ nextDate: null }, "MISSING_FIELD"],
    [{ nextDate: "2026-10-01" }, "INVALID_FIELD"],
    [{ stationName: " " }, "MISSING_FIELD"],
    [{ resultId: "x" }, "INVALID_FIELD"],
    [{ barcode: "" }, "MISSING_FIELD"],
  ])("refuses %j", (patch, code) => {
    expect(() => validateInspectionResult({ ...base, ...patch }, 3)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    [
      "first result",
      { checkDate: null, lastInspectionResultId: null },
      { reportDate: "2026-01-01", resultId: 1 },
      true,
    ],
    [
      "newer date",
      { checkDate: "2025-01-01", lastInspectionResultId: 5 },
      { reportDate: "2026-01-01", resultId: 1 },
      true,
    ],
    [
      "older date",
      { checkDate: "2026-01-01", lastInspectionResultId: 1 },
      { reportDate: "2025-01-01", resultId: 9 },
      false,
    ],
    [
      "same result again",
      { checkDate: "2026-01-01", lastInspectionResultId: 7 },
      { reportDate: "2026-01-01", resultId: 7 },
      false,
    ],
    [
      "same day, later id",
      { checkDate: "2026-01-01", lastInspectionResultId: 7 },
      { reportDate: "2026-01-01", resultId: 8 },
      true,
    ],
    [
      "same day, earlier id",
      { checkDate: "2026-01-01", lastInspectionResultId: 7 },
      { reportDate: "2026-01-01", resultId: 6 },
      false,
    ],
    [
      "registration date, same day",
      { checkDate: "2026-01-01", lastInspectionResultId: null },
      { reportDate: "2026-01-01", resultId: 1 },
      true,
    ],
  ])("%s", (_, current, result, expected) => {
    expect(isNewerResult(current, result)).toBe(expected);
  });
});
