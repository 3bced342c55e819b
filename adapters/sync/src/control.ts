/**
 * Operator actions on the prefecture sync (the CLI and the province's GraphQL mutations):
 * pause and resume a source, re-pull from a given time, and what the state looks like.
 * "Pull now" enqueues jobs (workers.ts `enqueuePullNow`).
 */
import { PlatformError } from "@cylinder/db";
import type { Sql } from "postgres";
import { isPulledList, PULLED_LISTS } from "./pull/lists";

export async function setPaused(sql: Sql, prefectureCode: string, paused: boolean): Promise<void> {
  const rows = await sql`
    update prefecture.sync_source set paused = ${paused} where prefecture_code = ${prefectureCode} returning id`;
  if (rows.length === 0) throw new PlatformError("NOT_FOUND", { what: "同步来源（州市平台）", id: prefectureCode });
}

/**
 * Re-pull from `since` (the source's time): the watermark of the list (or of every list) goes
 * back, any read in progress is abandoned and its lease cancelled, so a running puller stops at
 * its next page (its fencing check fails) and the next pull reads everything changed since.
 * Rows already held are upserted, not doubled.
 */
export async function repullFrom(sql: Sql, prefectureCode: string, since: Date, list?: string): Promise<number> {
  if (list !== undefined && !isPulledList(list)) {
    throw new PlatformError("INVALID_ENUM", { field: "list", value: list });
  }
  if (Number.isNaN(since.getTime())) throw new PlatformError("INVALID_FIELD", { field: "since", reason: "时间无效" });
  const rows = await sql`
    update prefecture.sync_state s
    set watermark = ${since.toISOString()}::timestamptz, cursor = null, watermark_id = null, read_started_at = null,
        lease_owner = null, lease_until = null
    from prefecture.sync_source src
    where src.id = s.source_id and src.prefecture_code = ${prefectureCode}
      and s.list::text = any(string_to_array(${(list ? [list] : PULLED_LISTS).join(",")}, ','))
    returning s.source_id`;
  if (rows.length === 0) throw new PlatformError("NOT_FOUND", { what: "同步来源（州市平台）", id: prefectureCode });
  return rows.length;
}

export interface SyncStateRow {
  prefectureCode: string;
  sourceId: number;
  list: string;
  paused: boolean;
  watermark: Date | null;
  watermarkId: number | null;
  reading: boolean;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  consecutiveFailures: number;
  rowsPulled: number;
  quarantinedCount: number;
  /** Seconds since the last read that reached the source's horizon (or since the source was added). */
  lagSeconds: number;
}

export async function syncStates(sql: Sql, prefectureCodes?: readonly string[]): Promise<SyncStateRow[]> {
  const rows = await sql<Record<string, unknown>[]>`
    select src.prefecture_code, s.source_id, s.list::text as list, src.paused, s.watermark, s.watermark_id,
      s.cursor is not null as reading, s.last_attempt_at, s.last_success_at, s.last_error, s.last_error_at,
      s.consecutive_failures, s.rows_pulled, s.quarantined_count,
      extract(epoch from now() - coalesce(s.last_success_at, s.created_at))::float8 as lag_seconds
    from prefecture.sync_state s join prefecture.sync_source src on src.id = s.source_id
    where ${prefectureCodes ? sql`src.prefecture_code = any(string_to_array(${prefectureCodes.join(",")}, ','))` : sql`true`}
    order by src.prefecture_code, s.list`;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows.map((r) => ({
    prefectureCode: r.prefecture_code as string,
    sourceId: Number(r.source_id),
    list: r.list as string,
    paused: r.paused as boolean,
    watermark: date(r.watermark),
    watermarkId: r.watermark_id === null ? null : Number(r.watermark_id),
    reading: r.reading as boolean,
    lastAttemptAt: date(r.last_attempt_at),
    lastSuccessAt: date(r.last_success_at),
    lastError: (r.last_error as string | null) ?? null,
    lastErrorAt: date(r.last_error_at),
    consecutiveFailures: Number(r.consecutive_failures),
    rowsPulled: Number(r.rows_pulled),
    quarantinedCount: Number(r.quarantined_count),
    lagSeconds: Math.max(0, Math.round(Number(r.lag_seconds))),
  }));
}

export interface QuarantinedRow {
  id: number;
  prefectureCode: string;
  list: string;
  sourceRecordId: string | null;
  payload: unknown;
  reason: string;
  receivedAt: Date;
  resolvedAt: Date | null;
}

export async function quarantinedRows(
  sql: Sql,
  options: { prefectureCode?: string | undefined; open?: boolean; limit?: number; beforeId?: number | undefined },
): Promise<QuarantinedRow[]> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const rows = await sql<Record<string, unknown>[]>`
    select q.id, src.prefecture_code, q.list::text as list, q.source_record_id, q.payload, q.reason,
      q.received_at, q.resolved_at
    from prefecture.sync_quarantine q join prefecture.sync_source src on src.id = q.source_id
    where ${options.prefectureCode ? sql`src.prefecture_code = ${options.prefectureCode}` : sql`true`}
      and ${options.open === false ? sql`true` : sql`q.resolved_at is null`}
      and ${options.beforeId ? sql`q.id < ${options.beforeId}` : sql`true`}
    order by q.id desc limit ${limit}`;
  return rows.map((r) => ({
    id: Number(r.id),
    prefectureCode: r.prefecture_code as string,
    list: r.list as string,
    sourceRecordId: (r.source_record_id as string | null) ?? null,
    payload: r.payload,
    reason: r.reason as string,
    receivedAt: new Date(r.received_at as string),
    resolvedAt: r.resolved_at ? new Date(r.resolved_at as string) : null,
  }));
}

/** Marks a quarantined row settled (the operator fixed it at the source, or accepted the loss). */
export async function resolveQuarantined(sql: Sql, id: number): Promise<void> {
  const rows = await sql`
    update prefecture.sync_quarantine set resolved_at = now() where id = ${id} and resolved_at is null returning id`;
  if (rows.length === 0) throw new PlatformError("NOT_FOUND", { what: "隔离记录", id });
}

export { listSources, type SourceInput, type SyncSource, saveSource, sourceByPrefecture } from "./pull/sources";
