/**
 * The one SM crypto wrapper (国密 SM2/SM3/SM4, over sm-crypto-v2). Everything else in the
 * platform hashes, signs and encrypts through these functions, so the choice of library,
 * modes and encodings lives in one place.
 */
import { createHash, createHmac, getHashes, randomBytes } from "node:crypto";
import { sm2, sm3 as sm3Impl, sm4 } from "sm-crypto-v2";
import { PlatformError } from "../errors";

export type Bytes = Uint8Array;

export function toBytes(data: string | Bytes): Bytes {
  return typeof data === "string" ? Buffer.from(data, "utf8") : data;
}

export function hexToBytes(hex: string): Bytes {
  return Uint8Array.from(Buffer.from(hex, "hex"));
}

export function bytesToHex(bytes: Bytes): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

// ---------------------------------------------------------------- SM3

/**
 * SM3 runs on Node's OpenSSL when it has SM3 (OpenSSL 3 does; about twice sm-crypto-v2's
 * speed on small inputs, which matters for the ledger's millions of leaf and node hashes),
 * and falls back to sm-crypto-v2 where it does not (some FIPS builds). Both give the same
 * digests (tested).
 */
const NATIVE_SM3 = getHashes().includes("sm3");

/** Whether SM3 runs on Node's OpenSSL (true) or on sm-crypto-v2 (false). */
export const sm3IsNative = NATIVE_SM3;

/** SM3 digest, hex. Strings are hashed as UTF-8. */
export function sm3Hex(data: string | Bytes): string {
  if (NATIVE_SM3) return createHash("sm3").update(toBytes(data)).digest("hex");
  return sm3Impl(toBytes(data));
}

/** SM3 digest, 32 bytes. */
export function sm3(data: string | Bytes): Bytes {
  if (NATIVE_SM3) return createHash("sm3").update(toBytes(data)).digest();
  return hexToBytes(sm3Impl(toBytes(data)));
}

/** SM3 over the concatenation of `parts`, without building the concatenation. */
export function sm3Concat(...parts: Bytes[]): Bytes {
  if (NATIVE_SM3) {
    const h = createHash("sm3");
    for (const p of parts) h.update(p);
    return h.digest();
  }
  return hexToBytes(sm3Impl(Buffer.concat(parts)));
}

/** SM3 by sm-crypto-v2 only, hex: the portable path, kept to cross-check the native one. */
export function sm3PortableHex(data: string | Bytes): string {
  return sm3Impl(toBytes(data));
}

/** HMAC-SM3, hex (ticket signatures, key derivation). */
export function hmacSm3Hex(key: string | Bytes, data: string | Bytes): string {
  if (NATIVE_SM3) return createHmac("sm3", toBytes(key)).update(toBytes(data)).digest("hex");
  return sm3Impl(toBytes(data), { key: toBytes(key), mode: "hmac" });
}

/** HMAC-SM3, 32 bytes. */
export function hmacSm3(key: string | Bytes, data: string | Bytes): Bytes {
  if (NATIVE_SM3) return createHmac("sm3", toBytes(key)).update(toBytes(data)).digest();
  return hexToBytes(sm3Impl(toBytes(data), { key: toBytes(key), mode: "hmac" }));
}

/** HMAC-SM3 by sm-crypto-v2 only, hex (cross-check of the native path). */
export function hmacSm3PortableHex(key: string | Bytes, data: string | Bytes): string {
  return sm3Impl(toBytes(data), { key: toBytes(key), mode: "hmac" });
}

/** Byte-wise equality (not constant-time: for hashes, never for secrets). */
export function bytesEqual(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// ---------------------------------------------------------------- SM4

/** A fresh random SM4 key (128 bits), hex. */
export function newSm4Key(): string {
  return randomBytes(16).toString("hex");
}

function checkKey(keyHex: string): void {
  if (!/^[0-9a-fA-F]{32}$/.test(keyHex)) {
    throw new PlatformError("CONFIG_INVALID", { reason: "SM4 密钥须为 32 位十六进制" });
  }
}

export type Sm4Mode = "ecb" | "cbc";

/** SM4 with PKCS#7 padding, hex ciphertext. CBC needs a 16-byte IV (hex). */
export function sm4EncryptHex(plain: string | Bytes, keyHex: string, mode: Sm4Mode = "ecb", ivHex?: string): string {
  checkKey(keyHex);
  return sm4.encrypt(toBytes(plain), keyHex, { mode, padding: "pkcs#7", ...(ivHex ? { iv: ivHex } : {}) });
}

/** Inverse of sm4EncryptHex; a wrong key or corrupt text throws DECRYPT_FAILED. */
export function sm4DecryptHex(cipherHex: string, keyHex: string, mode: Sm4Mode = "ecb", ivHex?: string): string {
  checkKey(keyHex);
  if (!/^(?:[0-9a-fA-F]{32})+$/.test(cipherHex)) throw new PlatformError("DECRYPT_FAILED");
  let plain: string;
  try {
    plain = sm4.decrypt(cipherHex, keyHex, { mode, padding: "pkcs#7", ...(ivHex ? { iv: ivHex } : {}) });
  } catch (cause) {
    throw new PlatformError("DECRYPT_FAILED", {}, { cause });
  }
  // sm-crypto-v2 returns "" when the padding does not check out (the usual sign of a wrong key)
  if (plain === "" || plain.includes("\uFFFD")) throw new PlatformError("DECRYPT_FAILED");
  return plain;
}

/**
 * Authenticated SM4-GCM for data at rest: `gcm1:<iv>:<ciphertext>:<tag>` (hex). A changed
 * byte or a wrong key fails loudly instead of yielding garbage.
 */
export function sealSm4(plain: string, keyHex: string): string {
  checkKey(keyHex);
  const iv = randomBytes(12).toString("hex");
  const { output, tag } = sm4.encrypt(toBytes(plain), keyHex, { mode: "gcm", iv, outputTag: true });
  return `gcm1:${iv}:${output}:${tag ?? ""}`;
}

export function openSm4(sealed: string, keyHex: string): string {
  checkKey(keyHex);
  const [version, iv, output, tag] = sealed.split(":");
  if (version !== "gcm1" || !iv || output === undefined || !tag) throw new PlatformError("DECRYPT_FAILED");
  try {
    const plain = sm4.decrypt(output, keyHex, { mode: "gcm", iv, tag });
    return plain;
  } catch (cause) {
    throw new PlatformError("DECRYPT_FAILED", {}, { cause });
  }
}

// ---------------------------------------------------------------- SM2

export interface Sm2KeyPair {
  /** 64 hex digits */
  privateKey: string;
  /** uncompressed, 130 hex digits starting 04 */
  publicKey: string;
}

export function newSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export function sm2PublicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey);
}

/** SM2 signature (with the SM3 Z-value digest, default user id), hex r||s. */
export function sm2Sign(message: string | Bytes, privateKey: string): string {
  return sm2.doSignature(toBytes(message), privateKey, { hash: true });
}

export function sm2Verify(message: string | Bytes, signatureHex: string, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(toBytes(message), signatureHex, publicKey, { hash: true });
  } catch {
    return false;
  }
}
