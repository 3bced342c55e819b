import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../src/crypto/password";
import { maskIdentityNo, maskPhone, openPersonal, sealPersonal } from "../src/crypto/personal";
import {
  newSm2KeyPair,
  newSm4Key,
  openSm4,
  sealSm4,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  sm4DecryptHex,
  sm4EncryptHex,
} from "../src/crypto/sm";

const KEY = "0123456789abcdeffedcba9876543210";

describe("SM3", () => {
  it("matches the GB/T 32905 test vector", () => {
    expect(sm3Hex("abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  });
});

describe("SM4", () => {
  it("matches the GB/T 32907 test vector in its first block", () => {
    // the standard's plaintext equals its key; PKCS#7 adds a second block
    const cipher = sm4EncryptHex(Buffer.from(KEY, "hex"), KEY, "ecb");
    expect(cipher.slice(0, 32)).toBe("681edf34d206965e86b3e94f536e4246");
  });

  it.each(["ecb", "cbc"] as const)("round-trips Chinese JSON in %s mode", (mode) => {
    const iv = mode === "cbc" ? "00112233445566778899aabbccddeeff" : undefined;
    const data = JSON.stringify({ Items: [{ Barcode: "1103007831", Remark: "瓶体变形" }], Man: { Name: "张三" } });
    const cipher = sm4EncryptHex(data, KEY, mode, iv);
    expect(sm4DecryptHex(cipher, KEY, mode, iv)).toBe(data);
  });

  it("a wrong key is a clear error, not garbage", () => {
    const cipher = sm4EncryptHex('{"Year":2021}', KEY);
    expect(() => sm4DecryptHex(cipher, newSm4Key())).toThrow(/解密失败/);
    expect(() => sm4DecryptHex("not hex", KEY)).toThrow(/解密失败/);
  });

  it("seals data at rest with GCM and detects tampering", () => {
    const sealed = sealSm4("530102199001011234", KEY);
    expect(openSm4(sealed, KEY)).toBe("530102199001011234");
    const parts = sealed.split(":");
    parts[2] = (parts[2]![0] === "0" ? "1" : "0") + parts[2]!.slice(1);
    expect(() => openSm4(parts.join(":"), KEY)).toThrow(/解密失败/);
    expect(() => openSm4(sealed, newSm4Key())).toThrow(/解密失败/);
  });
});

describe("SM2", () => {
  it("signs and verifies; another key or message fails", () => {
    const keys = newSm2KeyPair();
    const sig = sm2Sign("tree head 42", keys.privateKey);
    expect(sm2Verify("tree head 42", sig, keys.publicKey)).toBe(true);
    expect(sm2Verify("tree head 43", sig, keys.publicKey)).toBe(false);
    expect(sm2Verify("tree head 42", sig, newSm2KeyPair().publicKey)).toBe(false);
  });
});

describe("passwords and personal data", () => {
  it("hashes passwords with salt and verifies them", async () => {
    const a = await hashPassword("station-pass-1");
    const b = await hashPassword("station-pass-1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("station-pass-1");
    expect(await verifyPassword("station-pass-1", a)).toBe(true);
    expect(await verifyPassword("station-pass-2", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("seals and masks personal data", () => {
    expect(openPersonal(sealPersonal("13888966213", KEY), KEY)).toBe("13888966213");
    expect(maskPhone("13888966213")).toBe("138****6213");
    expect(maskIdentityNo("530102199001011234")).toBe("530102********1234");
  });
});
