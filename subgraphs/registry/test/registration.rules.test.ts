import { formatCarCode, type PlatformError } from "@cylinder/db";
import { describe, expect, it } from "vitest";
import {
  normalizeBarcode,
  parseThirdId,
  type RegistrationIn,
  validateRegistration,
  wholeYearsBetween,
} from "../src/registration/registration.rules";

const ctx = { today: "2026-11-25", licensedMedia: ["液化石油气"] };

function input(overview: Record<string, unknown> = {}, items?: RegistrationIn["items"], extra = {}): RegistrationIn {
  return {
    kind: "new",
    thirdId: "20490",
    overview: {
      style: " YSP35.5 ",
      medium: "LPG",
      factoryId: 3,
      productDate: "2026-09-01",
      discardDate: "2034-09-01",
      checkDate: null,
      nextDate: "2030-09-01",
      idleWeight: 16.456,
      remark: "",
      valve: 1,
      payImage: "images/1/a.jpg",
      batchImage: "images/1/b.jpg",
      deviceImage: "images/1/c.jpg",
      ...overview,
    },
    items: items ?? [{ barcode: " 1103007900 ", printno: "P1", innerNo: "" }],
    ...extra,
  };
}

function refusal(fn: () => unknown): { code: string; message: string; field: unknown } {
  try {
    fn();
  } catch (e) {
    const p = e as PlatformError;
    return { code: p.code, message: p.message, field: p.details.field };
  }
  throw new Error("expected a refusal");
}

describe("registration rules (ApplyNew / ApplyOld)", () => {
  it("normalises a valid application", () => {
    const d = validateRegistration(input(), ctx);
    expect(d).toMatchObject({
      thirdId: 20490,
      style: "YSP35.5",
      medium: "液化石油气",
      idleWeight: 16.46,
      remark: null,
      checkDate: null,
      items: [{ barcode: "1103007900", printno: "P1", innerNo: null }],
    });
  });

  it.each([
    ["ThirdId missing", {}, undefined, { thirdId: "" }, "MISSING_FIELD", "ThirdId"],
    ["ThirdId not a number", {}, undefined, { thirdId: "12a" }, "INVALID_FIELD", "ThirdId"],
    ["Style missing", { style: "  " }, undefined, {}, "MISSING_FIELD", "Overview.Style"],
    ["medium not licensed", { medium: "CNG" }, undefined, {}, "INVALID_FIELD", "Overview.Medium"],
    ["Factory missing", { factoryId: null }, undefined, {}, "MISSING_FIELD", "Overview.Factory"],
    ["impossible date", { productDate: "2026-02-30" }, undefined, {}, "INVALID_DATE", "Overview.CreateDate"],
    [
      "product date in the future",
      { productDate: "2026-12-01" },
      undefined,
      {},
      "INVALID_FIELD",
      "Overview.CreateDate",
    ],
    [
      "discard not after product",
      { discardDate: "2026-09-01" },
      undefined,
      {},
      "INVALID_FIELD",
      "Overview.DiscardDate",
    ],
    [
      "discard already reached",
      { productDate: "2010-01-01", discardDate: "2026-11-25", checkDate: "2024-01-01", nextDate: "2027-01-01" },
      undefined,
      {},
      "INVALID_FIELD",
      "Overview.DiscardDate",
    ],
    ["check before product", { checkDate: "2026-08-01" }, undefined, {}, "INVALID_FIELD", "Overview.CheckDate"],
    ["check in the future", { checkDate: "2026-12-01" }, undefined, {}, "INVALID_FIELD", "Overview.CheckDate"],
    [
      "next not after check",
      { checkDate: "2026-10-01", nextDate: "2026-10-01" },
      undefined,
      {},
      "INVALID_FIELD",
      "Overview.NextDate",
    ],
    ["next not after product", { nextDate: "2026-09-01" }, undefined, {}, "INVALID_FIELD", "Overview.NextDate"],
    [
      "overdue",
      { productDate: "2020-01-01", checkDate: "2020-01-01", nextDate: "2024-01-01" },
      undefined,
      {},
      "INVALID_FIELD",
      "Overview.NextDate",
    ],
    ["idle weight missing", { idleWeight: null }, undefined, {}, "MISSING_FIELD", "Overview.IdleWeight"],
    ["idle weight zero", { idleWeight: 0 }, undefined, {}, "INVALID_FIELD", "Overview.IdleWeight"],
    ["valve out of range", { valve: 4 }, undefined, {}, "INVALID_ENUM", undefined],
    ["image missing", { batchImage: "" }, undefined, {}, "MISSING_FIELD", "Overview.BatchImage"],
    ["no items", {}, [], {}, "MISSING_FIELD", "Items"],
    ["empty barcode", {}, [{ barcode: "   ", printno: "P" }], {}, "MISSING_FIELD", "Items[0].Barcode"],
    ["barcode with a space", {}, [{ barcode: "11 03", printno: "P" }], {}, "INVALID_FIELD", "Items[0].Barcode"],
    [
      "duplicate barcode in the request",
      {},
      [
        { barcode: "A1", printno: "P" },
        { barcode: " A1", printno: "Q" },
      ],
      {},
      "DUPLICATE_BARCODE",
      "Items[1].Barcode",
    ],
    [
      "car code as generic barcode",
      {},
      [{ barcode: formatCarCode("530100", 7), printno: "P" }],
      {},
      "INVALID_FIELD",
      "Items[0].Barcode",
    ],
    ["printno missing", {}, [{ barcode: "A1" }], {}, "MISSING_FIELD", "Items[0].Printno"],
  ])("refuses: %s", (_, overview, items, extra, code, field) => {
    const r = refusal(() => validateRegistration(input(overview, items, extra), ctx));
    expect(r.code).toBe(code);
    if (field) expect(r.field).toBe(field);
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("accepts an old cylinder with its last inspection", () => {
    const d = validateRegistration(
      input({ productDate: "2019-05-01", checkDate: "2023-05-01", nextDate: "2027-05-01", discardDate: "2027-05-01" }),
      ctx,
    );
    expect(d.checkDate).toBe("2023-05-01");
  });

  it("refuses too many items", () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ barcode: `B${i}`, printno: "P" }));
    expect(refusal(() => validateRegistration(input({}, items), ctx)).code).toBe("BATCH_TOO_LARGE");
  });

  it.each([
    ["2020-01-01", "2028-01-01", 8],
    ["2020-02-29", "2021-02-28", 1],
    ["2020-02-29", "2024-02-29", 4],
    ["2020-01-01", "2028-01-02", null],
    ["2020-01-01", "2020-01-01", null],
  ])("whole years from %s to %s: %s", (a, b, years) => {
    expect(wholeYearsBetween(a, b)).toBe(years);
  });

  it.each([
    ["20490", 20490],
    [" 7 ", 7],
    [12, 12],
  ])("ThirdId %j → %i", (v, n) => {
    expect(parseThirdId(v)).toBe(n);
  });

  it("trims barcodes", () => {
    expect(normalizeBarcode(" 1103007831 ", "Barcode")).toBe("1103007831");
  });
});
