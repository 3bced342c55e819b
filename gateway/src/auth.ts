/**
 * The gateway's side of authentication: find the caller's ticket (a bearer token, an
 * `x-ticket` header, or the annex's `ticket` / `token` parameter), check it, and turn it into
 * the Identity forwarded to the subgraphs. No ticket means the public.
 */
import { type Identity, PlatformError, PUBLIC_IDENTITY, verifyTicket } from "@cylinder/db";

export interface GatewayContext {
  identity: Identity;
  /** The signed identity header, computed once per request and reused for every subgraph call. */
  signedIdentity?: string;
  /** The caller's network address (the public page's per-address limits), forwarded signed. */
  clientAddress?: string;
  signedClientAddress?: string;
}

/** Tickets revoked before they expired (logout, disabled account), by their id hash. */
export interface RevocationList {
  isRevoked(idHash: string): boolean;
}

export const NO_REVOCATIONS: RevocationList = { isRevoked: () => false };

type HeaderValue = string | string[] | undefined;

function first(v: HeaderValue | unknown): string | undefined {
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : undefined;
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

export function credentialOf(
  headers: Record<string, HeaderValue>,
  query: Record<string, unknown> = {},
): string | undefined {
  const auth = first(headers.authorization);
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  return first(headers["x-ticket"]) ?? first(query.ticket) ?? first(query.token);
}

export function identityOf(
  credential: string | undefined,
  keys: readonly string[],
  now: Date,
  revocations: RevocationList = NO_REVOCATIONS,
): Identity {
  if (credential === undefined) return PUBLIC_IDENTITY;
  const verified = verifyTicket(credential, keys, now.getTime());
  if (revocations.isRevoked(verified.idHash)) throw new PlatformError("TICKET_EXPIRED");
  return verified.identity;
}
