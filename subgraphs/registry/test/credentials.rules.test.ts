import { describe, expect, it } from "vitest";
import { accountPrefecture, checkUsername, generatePassword, passwordProblem } from "../src/account/credentials.rules";
import { decodeImage, imagePath, MAX_IMAGE_BYTES } from "../src/image/image.rules";

describe("passwords", () => {
  it.each([
    ["Test@2026", "km-filling", null],
    ["abcdefgH1", "x", null],
    ["short1A", "x", "至少 8 位"],
    ["alllowercase", "x", "至少三类"],
    ["lower123456", "x", "至少三类"],
    ["Km-Filling@1", "km-filling", "账号名"],
    ["Has Space1!", "x", "空白"],
  ])("%j for %s", (password, username, problem) => {
    const p = passwordProblem(password, username);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });

  it("generates strong, distinct passwords", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(16);
      expect(passwordProblem(p, "someone")).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it.each([
    ["km-filling", true],
    [" ab1 ", true],
    ["ab", false],
    ["-abc", false],
    ["中文账号", false],
  ])("username %j valid: %s", (name, ok) => {
    if (ok) expect(checkUsername(name)).toBe(name.trim());
    else expect(() => checkUsername(name)).toThrow(expect.objectContaining({ code: "INVALID_FIELD" }));
  });
});

describe("account roles per unit", () => {
  const filling = { kind: "filling" as const, prefectureCode: "530100", authorityLevel: null };
  const km = { kind: "authority" as const, prefectureCode: "530100", authorityLevel: "prefecture" as const };
  const province = { kind: "authority" as const, prefectureCode: "530000", authorityLevel: "province" as const };
  it.each([
    ["filling_unit", filling, "530100"],
    ["prefecture_regulator", km, "530100"],
    ["province_regulator", province, null],
    ["operator", province, null],
    ["platform", km, null],
  ] as const)("%s in a %s unit", (role, unit, prefecture) => {
    expect(accountPrefecture(role, unit)).toBe(prefecture);
  });

  it.each([
    ["filling_unit", km],
    ["inspection_station", filling],
    ["prefecture_regulator", province],
    ["province_regulator", km],
  ] as const)("refuses %s in the wrong unit", (role, unit) => {
    expect(() => accountPrefecture(role, unit)).toThrow(expect.objectContaining({ code: "INVALID_FIELD" }));
  });
});

describe("image upload", () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
  it("accepts JPEG and PNG by magic bytes", () => {
    expect(decodeImage("image/png", png.toString("base64"))).toMatchObject({
      contentType: "image/png",
      extension: "png",
    });
    expect(decodeImage("image/jpg", `data:image/jpeg;base64,${jpeg.toString("base64")}`)).toMatchObject({
      contentType: "image/jpeg",
      extension: "jpg",
    });
  });

  it.each([
    ["image/gif", png.toString("base64"), "INVALID_FIELD"],
    ["image/png", jpeg.toString("base64"), "INVALID_FIELD"],
    ["image/png", "not base64!", "INVALID_FIELD"],
    ["image/png", "", "MISSING_FIELD"],
    ["image/jpeg", Buffer.concat([jpeg, Buffer.alloc(MAX_IMAGE_BYTES)]).toString("base64"), "PAYLOAD_TOO_LARGE"],
  ])("refuses %s", (type, data, code) => {
    expect(() => decodeImage(type, data)).toThrow(expect.objectContaining({ code }));
  });

  it("names paths by unit and SM3", () => {
    expect(imagePath(7, "ab".repeat(32), "jpg")).toBe(`images/7/${"ab".repeat(32)}.jpg`);
  });
});
