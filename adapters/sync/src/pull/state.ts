/**
 * The puller's state per source and list (prefecture.sync_state): the lease that lets one
 * puller at a time work on a source×list, the read in progress (watermark + cursor), and the
 * health figures. Every page's rows and the state's advance commit together (apply.ts).
 */
import type { Sql } from "postgres";

export interface Claim {
  /** The read's lasttime (the source's clock); null before the first read ever. */
  watermark: Date | null;
  /** Where an interrupted read resumes; null at the start of a read. */
  cursor: string | null;
}

export type ClaimResult = { claimed: true; claim: Claim } | { claimed: false; why: "paused" | "busy" | "unknown" };

/**
 * Takes the lease on (source, list) for `leaseSeconds`, unless another puller holds a lease
 * that has not run out, or the source is paused.
 */
export async function claimLease(
  sql: Sql,
  sourceId: number,
  list: string,
  owner: string,
  leaseSeconds: number,
): Promise<ClaimResult> {
  const [row] = await sql<{ watermark: string | null; cursor: string | null; taken: boolean; paused: boolean }[]>`
    with target as (
      select s.source_id, s.list, src.paused,
        (s.lease_owner is null or s.lease_until < now() or s.lease_owner = ${owner}) as free
      from prefecture.sync_state s join prefecture.sync_source src on src.id = s.source_id
      where s.source_id = ${sourceId} and s.list = ${list}::prefecture.sync_list
    ), taken as (
      update prefecture.sync_state s
      set lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${leaseSeconds}),
          last_attempt_at = now(),
          read_started_at = case when s.cursor is null then now() else s.read_started_at end
      from target t
      where s.source_id = t.source_id and s.list = t.list and t.free and not t.paused
      returning s.watermark, s.cursor
    )
    select t.paused, (select count(*) > 0 from taken) as taken,
      (select watermark from taken) as watermark, (select cursor from taken) as cursor
    from target t`;
  if (!row) return { claimed: false, why: "unknown" };
  if (row.paused) return { claimed: false, why: "paused" };
  if (!row.taken) return { claimed: false, why: "busy" };
  return { claimed: true, claim: { watermark: row.watermark ? new Date(row.watermark) : null, cursor: row.cursor } };
}

/** Gives the lease back (end of a pull, a failure, or shutdown between pages). */
export async function releaseLease(sql: Sql, sourceId: number, list: string, owner: string): Promise<void> {
  await sql`
    update prefecture.sync_state set lease_owner = null, lease_until = null
    where source_id = ${sourceId} and list = ${list}::prefecture.sync_list and lease_owner = ${owner}`;
}

export interface FailureOutcome {
  consecutiveFailures: number;
}

/** Records a failed attempt (and gives the lease back); returns the run of failures so far. */
export async function recordFailure(
  sql: Sql,
  sourceId: number,
  list: string,
  owner: string | null,
  message: string,
): Promise<FailureOutcome> {
  const [row] = await sql<{ consecutive_failures: number }[]>`
    update prefecture.sync_state
    set consecutive_failures = consecutive_failures + 1, last_error = ${message.slice(0, 2000)},
        last_error_at = now(), last_attempt_at = now(),
        lease_owner = case when lease_owner = ${owner ?? ""} then null else lease_owner end,
        lease_until = case when lease_owner = ${owner ?? ""} then null else lease_until end
    where source_id = ${sourceId} and list = ${list}::prefecture.sync_list
    returning consecutive_failures`;
  return { consecutiveFailures: row?.consecutive_failures ?? 0 };
}
