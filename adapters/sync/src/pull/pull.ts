/**
 * One pull of one list from one source: take the lease, then page through the source's
 * changes since the watermark (resuming an interrupted read at its stored cursor), applying
 * each page together with the state's advance, until the read's last page moves the
 * watermark to the source's horizon. The watermark is always the source's own time
 * (X-PS-Horizon), never the province's clock, so clock skew between the two cannot open a
 * gap; the source returns the horizon's second again next time and rows are upserted by
 * source Id, so the same second loses and doubles nothing.
 *
 * `shouldStop` is asked between pages: on shutdown the current page is finished (committed)
 * and the lease given back, so another worker resumes at the next page at once.
 */
import { type Clock, formatDateTime14, type Logger, parseDateTime14 } from "@cylinder/db";
import type { Sql } from "postgres";
import { applyPage, type PageOutcome } from "./apply";
import { PrefectureClient, SourceRefused } from "./client";
import { type CylinderList, LIST_SPECS, type TraceList } from "./lists";
import { sourceSecrets } from "./sources";
import { claimLease, releaseLease } from "./state";

/** The beginning of time for a source never read: its whole history. */
const EPOCH_LASTTIME = "19700101080000";

export interface PullDeps {
  sql: Sql;
  dataKey: string;
  log: Logger;
  /** Identifies this puller in leases (process and job). */
  owner: string;
  pageSize: number;
  leaseSeconds: number;
  /** Clients per source, so a ticket is reused across pulls of one process. */
  clients: Map<number, { key: string; client: PrefectureClient }>;
  shouldStop?: () => boolean;
  /** The platform's one clock. */
  clock: Clock;
}

export type PullResult =
  | { status: "skipped"; why: "paused" | "busy" | "unknown" }
  | { status: "done" | "stopped" | "paused"; pages: number; totals: Omit<PageOutcome, "paused"> };

function clientFor(deps: PullDeps, source: { id: number; baseUrl: string; username: string; password: string }) {
  const key = `${source.baseUrl}\n${source.username}\n${source.password}`;
  const held = deps.clients.get(source.id);
  if (held && held.key === key) return held.client;
  const client = new PrefectureClient(
    {
      baseUrl: source.baseUrl,
      username: source.username,
      password: source.password,
    },
    deps.clock,
  );
  deps.clients.set(source.id, { key, client });
  return client;
}

export async function pullList(deps: PullDeps, sourceId: number, list: CylinderList | TraceList): Promise<PullResult> {
  const claimed = await claimLease(deps.sql, sourceId, list, deps.owner, deps.leaseSeconds);
  if (!claimed.claimed) return { status: "skipped", why: claimed.why };
  const totals = { received: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0 };
  let pages = 0;
  let released = false;
  try {
    const source = await sourceSecrets(deps.sql, sourceId, deps.dataKey);
    const client = clientFor(deps, source);
    const lasttime = claimed.claim.watermark ? formatDateTime14(claimed.claim.watermark) : EPOCH_LASTTIME;
    // the next page is fetched while the current one is applied (the cursor is known from the
    // headers before the rows are stored); a prefetched page is dropped if the pull stops
    const fetchPage = (cursor: string | null) => {
      const p = client.page(LIST_SPECS[list].path, lasttime, cursor, deps.pageSize);
      p.catch(() => undefined); // awaited below, or abandoned with the pull
      return p;
    };
    let next = fetchPage(claimed.claim.cursor);
    if (claimed.claim.cursor !== null) {
      // a stored cursor the source no longer accepts (it was upgraded, say): read again from
      // the watermark; rows already held are upserted, not doubled
      next = next.catch((err: unknown) => {
        if (err instanceof SourceRefused && /cursor/i.test(err.message)) {
          deps.log.warn({ sourceId, list }, "stored cursor refused by the source; re-reading from the watermark");
          return fetchPage(null);
        }
        throw err;
      });
      next.catch(() => undefined);
    }
    for (;;) {
      const page = await next;
      const more = page.cursor !== null && !deps.shouldStop?.();
      if (more) next = fetchPage(page.cursor);
      const outcome = await applyPage(deps.sql, {
        sourceId,
        prefectureCode: source.prefectureCode,
        list,
        owner: deps.owner,
        leaseSeconds: deps.leaseSeconds,
        elements: page.elements,
        cursor: page.cursor,
        horizon: page.horizon ? parseDateTime14(page.horizon, "X-PS-Horizon") : null,
        dataKey: deps.dataKey,
        receivedAt: deps.clock.now(),
      });
      pages += 1;
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += outcome[k];
      deps.log.debug({ sourceId, list, pages, received: outcome.received, more: page.cursor !== null }, "page applied");
      if (page.cursor === null) return { status: "done", pages, totals };
      if (outcome.paused) return { status: "paused", pages, totals };
      if (!more || deps.shouldStop?.()) return { status: "stopped", pages, totals };
    }
  } catch (err) {
    // the caller records the failure and gives the lease back in the same statement
    released = true;
    throw err;
  } finally {
    if (!released) await releaseLease(deps.sql, sourceId, list, deps.owner);
  }
}
