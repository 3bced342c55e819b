import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../src/crypto/password";
import { maskIdentityNo, maskPhone, openPersonal, sealPersonal } from "../src/crypto/personal";
import {
  hmacSm3Hex,
  hmacSm3PortableHex,
  newSm2KeyPair,
  newSm4Key,
  openSm4,
  sealSm4,
  sm2Sign,
  sm2Verify,
  sm3Concat,
  sm3Hex,
  sm3PortableHex,
  sm4DecryptHex,
  sm4EncryptHex,
} from "../src/crypto/sm";

const KEY = "0123456789abcdeffedcba9876543210";

describe("SM3", () => {
  it("matches the GB/T 32905 test vector", () => {
    expect(sm3Hex("abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    expect(sm3PortableHex("abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    expect(sm3Hex("abcd".repeat(16))).toBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  });

  it("gives the same digests on Node's OpenSSL and on sm-crypto-v2", () => {
    for (const len of [0, 1, 31, 55, 56, 63, 64, 65, 119, 300, 1000]) {
      const data = Uint8Array.from({ length: len }, (_, i) => (i * 37 + len) & 255);
      expect(sm3Hex(data)).toBe(sm3PortableHex(data));
      expect(hmacSm3Hex("密钥", data)).toBe(hmacSm3PortableHex("密钥", data));
      expect(Buffer.from(sm3Concat(data.slice(0, 7), data.slice(7))).toString("hex")).toBe(sm3PortableHex(data));
    }
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
