/**
 * "Changes since lasttime" without missing a row.
 *
 * Lists of changes are read by `updated_at >= since` (inclusive: a puller repeating its last
 * second sees that second's rows again and upserts them idempotently). That alone can still
 * miss a row: `updated_at` is its transaction's start time (now()), so a transaction that
 * started before a read but commits after it writes a row dated *before* what the reader
 * already saw. The change horizon closes that gap: a read only returns rows older than the
 * start of the oldest transaction still writing, so every row it has not returned yet is at
 * or after the horizon, and thus after anything it returned.
 *
 * "Still writing" must include every open transaction, not only those that have written
 * already: Postgres assigns a transaction its xid (`backend_xid`) at its first write, but the
 * row gets the transaction's *start* time. A transaction that started, read for a while and
 * writes only after a reader computed its horizon would otherwise land rows behind that
 * horizon. So any client backend with an open transaction (`xact_start`) holds the horizon
 * back; a long read-only transaction only delays lists (they lag), it never loses a row.
 *
 * Needs the `pg_read_all_stats` role (or superuser) to see other sessions' transactions; the
 * embedded PGlite has a single session, where the horizon is simply now().
 */
import type { Sql } from "postgres";

/** The instant before which every committed change is visible and no uncommitted one can land. */
export async function changeHorizon(sql: Sql): Promise<Date> {
  const [row] = await sql<{ horizon: string }[]>`
    select least(
      now(),
      (select min(xact_start) from pg_stat_activity
        where xact_start is not null and backend_type = 'client backend'
          and pid <> pg_backend_pid() and datname = current_database())
    ) as horizon`;
  return new Date(row!.horizon);
}
