/**
 * Who is asking. The gateway turns a ticket into an Identity and forwards it to the subgraphs
 * in a header signed with the gateway secret (HMAC-SM3), so a client that reaches a subgraph
 * cannot claim to be someone else; subgraphs refuse unsigned or stale identities.
 */
import { timingSafeEqual } from "node:crypto";
import { hmacSm3Hex } from "../crypto/sm";
import { PlatformError } from "../errors";
import type { AccountRole } from "../standard/enums";

export type Role = AccountRole | "public";

export interface Identity {
  readonly accountId: number | null;
  readonly username: string | null;
  readonly role: Role;
  /** The account's unit (filling unit, inspection station, authority…). */
  readonly unitId: number | null;
  /** The prefecture a prefecture-scoped role is limited to. */
  readonly prefectureCode: string | null;
}

/** Anyone without a ticket: the public scan page. */
export const PUBLIC_IDENTITY: Identity = Object.freeze({
  accountId: null,
  username: null,
  role: "public",
  unitId: null,
  prefectureCode: null,
});

/** The platform acting on its own behalf (relays, scheduled jobs): operator rights, no account. */
export const SYSTEM_IDENTITY: Identity = Object.freeze({
  accountId: null,
  username: "system",
  role: "operator",
  unitId: null,
  prefectureCode: null,
});

export const IDENTITY_HEADER = "x-cylinder-identity";

/** How long a forwarded identity stays acceptable (clock skew between processes included). */
const MAX_AGE_MS = 5 * 60_000;

function b64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

export function signIdentity(identity: Identity, secret: string, now: number): string {
  const payload = b64url(
    JSON.stringify([identity.accountId, identity.username, identity.role, identity.unitId, identity.prefectureCode]),
  );
  const body = `${payload}.${now}`;
  return `${body}.${hmacSm3Hex(Buffer.from(secret, "hex"), body)}`;
}

function safeEqualHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Reads a forwarded identity; throws UNAUTHENTICATED when it is missing, forged or stale. */
export function verifyIdentity(header: string | undefined, secret: string, now: number): Identity {
  const parts = header?.split(".") ?? [];
  if (parts.length !== 3) throw new PlatformError("UNAUTHENTICATED");
  const [payload, ts, sig] = parts as [string, string, string];
  if (!safeEqualHex(sig, hmacSm3Hex(Buffer.from(secret, "hex"), `${payload}.${ts}`))) {
    throw new PlatformError("UNAUTHENTICATED");
  }
  if (Math.abs(now - Number(ts)) > MAX_AGE_MS) throw new PlatformError("UNAUTHENTICATED");
  const [accountId, username, role, unitId, prefectureCode] = JSON.parse(
    Buffer.from(payload, "base64url").toString("utf8"),
  ) as [number | null, string | null, Role, number | null, string | null];
  return Object.freeze({ accountId, username, role, unitId, prefectureCode });
}
