import { describe, expect, it } from "vitest";
import {
  carCodeProblem,
  dammCheckDigit,
  formatCarCode,
  isCarCode,
  MAX_CAR_SERIAL,
  parseCarCode,
} from "../src/standard/car-code";
import { PREFECTURE_CODES } from "../src/standard/prefectures";

describe("car-cylinder codes (annex 2)", () => {
  it.each([
    // the Damm algorithm's published example: 572 → 4
    ["572", 4],
    ["", 0],
    ["530180000001", dammCheckDigit("530180000001")],
  ])("Damm check digit of %j is %i", (digits, check) => {
    expect(dammCheckDigit(digits)).toBe(check);
  });

  it.each([
    ["530100", 1, "530180000001"],
    ["530100", 42, "530180000042"],
    ["532600", 9_999_999, "532689999999"],
    ["533400", 1234567, "533481234567"],
  ])("formats %s serial %i as %s + check digit", (prefecture, serial, body) => {
    const code = formatCarCode(prefecture, serial);
    expect(code).toBe(`${body}${dammCheckDigit(body)}`);
    expect(code).toHaveLength(13);
    expect(parseCarCode(code)).toEqual({ prefectureCode: prefecture, serial });
    expect(parseCarCode(` ${code} `)).toEqual({ prefectureCode: prefecture, serial });
  });

  it("round-trips every prefecture", () => {
    for (const p of PREFECTURE_CODES) {
      for (const s of [1, 2, 99, 1_000_000, MAX_CAR_SERIAL]) {
        expect(parseCarCode(formatCarCode(p, s))).toEqual({ prefectureCode: p, serial: s });
      }
    }
  });

  it.each([
    ["530000", 1, "不是云南省州市代码"],
    ["110100", 1, "不是云南省州市代码"],
    ["530100", 0, "之间"],
    ["530100", 10_000_000, "之间"],
    ["530100", 1.5, "之间"],
  ])("refuses to format %s serial %s", (prefecture, serial, reason) => {
    expect(() => formatCarCode(prefecture, serial)).toThrow(reason);
  });

  const good = formatCarCode("530100", 42);
  it.each([
    ["C530100000001", "只能由数字组成"],
    ["53018000004", "应为 13 位数字"],
    ["53018000000420", "应为 13 位数字"],
    ["5302800000427", "不是云南省州市代码"],
    [`53010${good.slice(5)}`, "类别码"],
    [`${good.slice(0, 12)}${(Number(good[12]) + 1) % 10}`, "校验位不符"],
    [formatCarCode("530100", 1).replace(/^(\d{5})\d{7}/, "$10000000"), "序号不能为"],
  ])("rejects %s (%s)", (code, reason) => {
    expect(carCodeProblem(code)).toContain(reason);
    expect(isCarCode(code)).toBe(false);
    expect(() => parseCarCode(code, "Items[0].Barcode")).toThrow(/Items\[0\]\.Barcode/);
  });

  it("catches every single mistyped digit and every adjacent swap", () => {
    let tried = 0;
    for (const p of PREFECTURE_CODES) {
      for (const serial of [1, 42, 1234567, 7654321, 9_999_999, 5_000_505]) {
        const code = formatCarCode(p, serial);
        for (let i = 0; i < code.length; i++) {
          for (let d = 0; d <= 9; d++) {
            if (String(d) === code[i]) continue;
            expect(isCarCode(code.slice(0, i) + d + code.slice(i + 1))).toBe(false);
            tried++;
          }
          if (i + 1 < code.length && code[i] !== code[i + 1]) {
            expect(isCarCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe(false);
            tried++;
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(10_000);
  });
});
