/**
 * The gateway's revocation list: tickets ended before they expired (logout, a disabled
 * account). Tickets are checked without a database round trip, so the gateway polls the
 * registry's `revokedTickets` as the platform itself and keeps the ids in memory until the
 * tickets would have expired anyway. A revocation takes effect within one poll interval.
 */
import { type Clock, type Identity, type Logger, SYSTEM_IDENTITY } from "@cylinder/db";
import type { RevocationList } from "./auth";
import type { ExecutionResultLike } from "./server";

const QUERY = `query($since: DateTime) { revokedTickets(since: $since) { idHash expiresAt revokedAt } }`;

/** How far back each poll looks again, so a revocation committed late is not skipped. */
const OVERLAP_MS = 60_000;

export interface RevocationPoller extends RevocationList {
  refresh(): Promise<void>;
  stop(): void;
}

export function createRevocationPoller(
  execute: (
    request: { query: string; variables?: Record<string, unknown> },
    identity: Identity,
  ) => Promise<ExecutionResultLike>,
  clock: Clock,
  log: Logger,
  intervalMs = 10_000,
): RevocationPoller {
  const revoked = new Map<string, number>();
  let since: Date | null = null;
  let inFlight: Promise<void> | null = null;

  const poll = async () => {
    const startedAt = clock.now().getTime();
    const result = await execute(
      { query: QUERY, variables: { since: since ? new Date(since.getTime() - OVERLAP_MS).toISOString() : null } },
      SYSTEM_IDENTITY,
    );
    const rows = (result.data?.revokedTickets ?? null) as { idHash: string; expiresAt: string }[] | null;
    if (!rows) {
      log.warn({ errors: result.errors }, "could not read revoked tickets; keeping the list as it was");
      return;
    }
    for (const r of rows) revoked.set(r.idHash, new Date(r.expiresAt).getTime());
    for (const [id, expires] of revoked) if (expires <= startedAt) revoked.delete(id);
    since = new Date(startedAt);
  };
  const refresh = () => {
    inFlight ??= poll()
      .catch((err: unknown) => log.warn({ err }, "revocation poll failed"))
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  return {
    isRevoked: (idHash) => revoked.has(idHash),
    refresh,
    stop: () => clearInterval(timer),
  };
}
