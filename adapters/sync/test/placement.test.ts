/** Where a pulled cylinder archive goes at the province (table-driven). */
import { describe, expect, it } from "vitest";
import { type ExistingCylinder, placeCylinder } from "../src/pull/placement";

const KM = "530100";
const row = { barcode: "B1", sourceId: 7 };
const at = (id: number, barcode: string, src: string | null, sourceId: number | null): ExistingCylinder => ({
  id,
  barcode,
  sourcePrefectureCode: src,
  sourceId,
});

describe("placeCylinder", () => {
  it.each([
    ["a barcode the province has never seen", undefined, undefined, { action: "insert" }],
    ["the same source row again", at(1, "B1", KM, 7), at(1, "B1", KM, 7), { action: "update", id: 1 }],
    ["the source row under a new barcode", at(1, "B0", KM, 7), undefined, { action: "update", id: 1 }],
    [
      "the barcode re-registered at the source under a new Id",
      undefined,
      at(2, "B1", KM, 5),
      { action: "update", id: 2 },
    ],
  ] as const)("%s", (_, bySource, byBarcode, expected) => {
    expect(placeCylinder(row, KM, bySource, byBarcode)).toEqual(expected);
  });

  it.each([
    ["registered at the province itself", undefined, at(3, "B1", null, null), "省平台登记"],
    ["pulled from another prefecture", undefined, at(3, "B1", "532600", 9), "532600"],
    ["a new barcode already held by another archive", at(1, "B0", KM, 7), at(3, "B1", KM, 8), "不予覆盖"],
  ] as const)("a barcode %s is a conflict, never overwritten", (_, bySource, byBarcode, words) => {
    const p = placeCylinder(row, KM, bySource, byBarcode);
    expect(p.action).toBe("conflict");
    if (p.action === "conflict") expect(p.reason).toContain(words);
  });
});
