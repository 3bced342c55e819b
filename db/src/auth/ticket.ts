/**
 * Login tickets (the annex's `ticket` / `token`): self-contained and signed with HMAC-SM3,
 * so checking one on the hot path (every permit request) needs no database round trip.
 * Each carries an id whose SM3 hash the registry stores, so a ticket can be revoked before
 * it expires; the gateway keeps the revoked set in memory.
 *
 *   T1.<base64url JSON payload>.<HMAC-SM3 hex>
 *
 * Verification accepts any of the configured keys, so the signing key can be rotated with an
 * overlap: tickets signed with the previous key stay valid until they expire.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { hmacSm3Hex, sm3Hex } from "../crypto/sm";
import { PlatformError } from "../errors";
import type { AccountRole } from "../standard/enums";
import type { Identity } from "./identity";

const PREFIX = "T1";

interface TicketPayload {
  /** account id, username, role, unit id, prefecture code */
  a: number;
  n: string;
  r: AccountRole;
  u: number;
  p: string | null;
  /** expiry, epoch seconds */
  e: number;
  /** random ticket id (its SM3 hash is what the registry stores) */
  j: string;
}

export interface IssuedTicket {
  ticket: string;
  /** SM3 of the ticket id, stored for audit and revocation. */
  idHash: string;
  expiresAt: Date;
}

function sign(body: string, keyHex: string): string {
  return hmacSm3Hex(Buffer.from(keyHex, "hex"), body);
}

export function issueTicket(
  identity: Identity & { accountId: number; username: string; role: AccountRole; unitId: number },
  keys: readonly string[],
  ttlSeconds: number,
  now: number,
): IssuedTicket {
  const key = keys[0];
  if (!key) throw new PlatformError("CONFIG_INVALID", { reason: "未配置令牌签名密钥" });
  const id = randomBytes(12).toString("base64url");
  const e = Math.floor(now / 1000) + ttlSeconds;
  const payload: TicketPayload = {
    a: identity.accountId,
    n: identity.username,
    r: identity.role,
    u: identity.unitId,
    p: identity.prefectureCode,
    e,
    j: id,
  };
  const body = `${PREFIX}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return { ticket: `${body}.${sign(body, key)}`, idHash: sm3Hex(id), expiresAt: new Date(e * 1000) };
}

export interface VerifiedTicket {
  identity: Identity;
  idHash: string;
  expiresAt: Date;
}

/** Checks a ticket's signature and expiry; throws UNAUTHENTICATED or TICKET_EXPIRED. */
export function verifyTicket(ticket: string, keys: readonly string[], now: number): VerifiedTicket {
  const parts = ticket.trim().split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX) throw new PlatformError("UNAUTHENTICATED");
  const body = `${parts[0]}.${parts[1]}`;
  const sig = parts[2]!;
  const valid = keys.some((k) => {
    const expected = sign(body, k);
    return expected.length === sig.length && timingSafeEqual(Buffer.from(expected), Buffer.from(sig));
  });
  if (!valid) throw new PlatformError("UNAUTHENTICATED");
  let payload: TicketPayload;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as TicketPayload;
  } catch {
    throw new PlatformError("UNAUTHENTICATED");
  }
  if (payload.e * 1000 <= now) throw new PlatformError("TICKET_EXPIRED");
  return {
    identity: Object.freeze({
      accountId: payload.a,
      username: payload.n,
      role: payload.r,
      unitId: payload.u,
      prefectureCode: payload.p,
    }),
    idHash: sm3Hex(payload.j),
    expiresAt: new Date(payload.e * 1000),
  };
}
