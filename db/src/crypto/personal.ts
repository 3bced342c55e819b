/**
 * Personal data (身份证号, phone numbers) is stored SM4-GCM-sealed with the platform data key
 * and shown masked unless the reader's role may see it in full.
 */
import { openSm4, sealSm4 } from "./sm";

export function sealPersonal(plain: string, dataKey: string): string {
  return sealSm4(plain, dataKey);
}

export function openPersonal(sealed: string, dataKey: string): string {
  return openSm4(sealed, dataKey);
}

/** Keeps the first `head` and last `tail` characters: 530102********1234, 138****6213. */
export function mask(text: string, head: number, tail: number): string {
  const chars = [...text];
  if (chars.length <= head + tail) return "*".repeat(chars.length);
  return chars.slice(0, head).join("") + "*".repeat(chars.length - head - tail) + chars.slice(-tail).join("");
}

/** 身份证号 / 统一社会信用代码 (18), and anything else ID-like. */
export function maskIdentityNo(text: string): string {
  return mask(text, 6, 4);
}

export function maskPhone(text: string): string {
  return mask(text, 3, 4);
}
