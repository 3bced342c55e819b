/**
 * The caller's network address, as the gateway saw it, forwarded to the subgraphs in a header
 * signed with the gateway secret (like the identity): the public scan page's limits count
 * reports per address, so a client reaching a subgraph must not be able to claim another.
 */
import { timingSafeEqual } from "node:crypto";
import { hmacSm3Hex } from "../crypto/sm";
import { PlatformError } from "../errors";

export const CLIENT_ADDRESS_HEADER = "x-cylinder-client";

/** How long a forwarded address stays acceptable (as for the identity). */
const MAX_AGE_MS = 5 * 60_000;

export function signClientAddress(address: string, secret: string, now: number): string {
  const body = `${Buffer.from(address, "utf8").toString("base64url")}.${now}`;
  return `${body}.${hmacSm3Hex(Buffer.from(secret, "hex"), `client.${body}`)}`;
}

/** The forwarded address; null when none was forwarded; UNAUTHENTICATED when forged or stale. */
export function verifyClientAddress(header: string | undefined, secret: string, now: number): string | null {
  if (header === undefined || header === "") return null;
  const parts = header.split(".");
  if (parts.length !== 3) throw new PlatformError("UNAUTHENTICATED");
  const [payload, ts, sig] = parts as [string, string, string];
  const expected = hmacSm3Hex(Buffer.from(secret, "hex"), `client.${payload}.${ts}`);
  if (sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) {
    throw new PlatformError("UNAUTHENTICATED");
  }
  if (Math.abs(now - Number(ts)) > MAX_AGE_MS) throw new PlatformError("UNAUTHENTICATED");
  return Buffer.from(payload, "base64url").toString("utf8");
}
