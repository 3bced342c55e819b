import { describe, expect, it } from "vitest";
import { declarationProblem } from "../src/inspection/declare.rules";

describe("declaring a cylinder for inspection", () => {
  it.each([
    ["own generic cylinder", { kind: "generic", ownerUnitId: 7 }, null],
    ["car cylinder, no owner unit", { kind: "car", ownerUnitId: null }, null],
    ["another unit's cylinder", { kind: "generic", ownerUnitId: 8 }, "NOT_OWN_CYLINDER"],
    ["generic cylinder without owner", { kind: "generic", ownerUnitId: null }, "NOT_OWN_CYLINDER"],
    ["unknown barcode", undefined, "UNKNOWN_BARCODE"],
  ] as const)("%s", (_, cylinder, code) => {
    expect(declarationProblem("B1", cylinder, 7)?.code ?? null).toBe(code);
  });
});
