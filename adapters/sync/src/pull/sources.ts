/**
 * The self-built platforms the province pulls (prefecture.sync_source): URL, the province's
 * account there, its password and SM4 key (sealed with the data key, never stored in clear),
 * the interval, and whether the source is paused. One source per prefecture.
 */
import { openSm4, PlatformError, prefectureByCode, sealSm4 } from "@cylinder/db";
import type { Sql } from "postgres";
import { PULLED_LISTS } from "./lists";

export interface SourceInput {
  prefectureCode: string;
  baseUrl: string;
  username: string;
  password: string;
  sm4Key?: string | null;
  intervalSeconds?: number;
}

export interface SyncSource {
  id: number;
  prefectureCode: string;
  baseUrl: string;
  username: string;
  intervalSeconds: number;
  paused: boolean;
}

export interface SourceSecrets extends SyncSource {
  password: string;
  sm4Key: string | null;
}

function checkInput(input: SourceInput): void {
  const p = prefectureByCode(input.prefectureCode);
  if (!p) throw new PlatformError("INVALID_FIELD", { field: "prefectureCode", reason: "不是云南省的州市代码" });
  if (p.mode !== "self_built") {
    throw new PlatformError("INVALID_FIELD", { field: "prefectureCode", reason: `${p.name}使用省级平台，无需同步` });
  }
  let url: URL;
  try {
    url = new URL(input.baseUrl);
  } catch {
    throw new PlatformError("INVALID_FIELD", { field: "baseUrl", reason: "不是有效的 URL" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PlatformError("INVALID_FIELD", { field: "baseUrl", reason: "仅支持 http/https" });
  }
  if (!input.username.trim()) throw new PlatformError("MISSING_FIELD", { field: "username" });
  if (!input.password) throw new PlatformError("MISSING_FIELD", { field: "password" });
  if (input.sm4Key && !/^[0-9a-fA-F]{32}$/.test(input.sm4Key)) {
    throw new PlatformError("INVALID_FIELD", { field: "sm4Key", reason: "SM4 密钥须为 32 位十六进制" });
  }
  const interval = input.intervalSeconds ?? 60;
  if (!Number.isInteger(interval) || interval < 1 || interval > 86_400) {
    throw new PlatformError("INVALID_FIELD", { field: "intervalSeconds", reason: "应为 1..86400 的整数" });
  }
}

interface SourceRow {
  id: number;
  prefecture_code: string;
  base_url: string;
  username: string;
  interval_seconds: number;
  paused: boolean;
  password_enc: string;
  sm4_key_enc: string | null;
}

function toSource(r: SourceRow): SyncSource {
  return {
    id: r.id,
    prefectureCode: r.prefecture_code,
    baseUrl: r.base_url,
    username: r.username,
    intervalSeconds: r.interval_seconds,
    paused: r.paused,
  };
}

/** Adds the source of a prefecture, or replaces its settings and credentials. */
export async function saveSource(sql: Sql, input: SourceInput, dataKey: string): Promise<SyncSource> {
  checkInput(input);
  return sql.begin(async (tx) => {
    const [row] = await tx<SourceRow[]>`
      insert into prefecture.sync_source (prefecture_code, base_url, username, password_enc, sm4_key_enc, interval_seconds)
      values (${input.prefectureCode}, ${input.baseUrl.replace(/\/+$/, "")}, ${input.username.trim()},
              ${sealSm4(input.password, dataKey)}, ${input.sm4Key ? sealSm4(input.sm4Key.toLowerCase(), dataKey) : null},
              ${input.intervalSeconds ?? 60})
      on conflict (prefecture_code) do update set base_url = excluded.base_url, username = excluded.username,
        password_enc = excluded.password_enc, sm4_key_enc = excluded.sm4_key_enc,
        interval_seconds = excluded.interval_seconds
      returning *`;
    await tx`
      insert into prefecture.sync_state (source_id, list)
      select ${row!.id}, l::prefecture.sync_list from unnest(string_to_array(${PULLED_LISTS.join(",")}, ',')) l
      on conflict do nothing`;
    return toSource(row!);
  }) as Promise<SyncSource>;
}

/**
 * Gives every source a state row for every pulled list: a list added to PULLED_LISTS after a
 * source was saved (inspection results) is then pulled from that source too.
 */
export async function ensureStates(sql: Sql): Promise<void> {
  await sql`
    insert into prefecture.sync_state (source_id, list)
    select src.id, l::prefecture.sync_list
    from prefecture.sync_source src cross join unnest(string_to_array(${PULLED_LISTS.join(",")}, ',')) l
    on conflict do nothing`;
}

export async function listSources(sql: Sql): Promise<SyncSource[]> {
  const rows = await sql<SourceRow[]>`select * from prefecture.sync_source order by prefecture_code`;
  return rows.map(toSource);
}

export async function sourceByPrefecture(sql: Sql, prefectureCode: string): Promise<SyncSource> {
  const [row] = await sql<SourceRow[]>`select * from prefecture.sync_source where prefecture_code = ${prefectureCode}`;
  if (!row) throw new PlatformError("NOT_FOUND", { what: "同步来源（州市平台）", id: prefectureCode });
  return toSource(row);
}

/** The source with its credentials opened (only the puller needs them). */
export async function sourceSecrets(sql: Sql, sourceId: number, dataKey: string): Promise<SourceSecrets> {
  const [row] = await sql<SourceRow[]>`select * from prefecture.sync_source where id = ${sourceId}`;
  if (!row) throw new PlatformError("NOT_FOUND", { what: "同步来源", id: sourceId });
  return {
    ...toSource(row),
    password: openSm4(row.password_enc, dataKey),
    sm4Key: row.sm4_key_enc ? openSm4(row.sm4_key_enc, dataKey) : null,
  };
}
