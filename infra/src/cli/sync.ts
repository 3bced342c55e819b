/**
 * `npm run sync -- <command>`: the operator's hand on the prefecture sync (province platform).
 *
 *   npm run sync -- sources
 *   npm run sync -- add --prefecture 530100 --url https://km.example --username province \
 *                      [--password-env KM_PASSWORD] [--sm4-key-env KM_SM4] [--interval 60]
 *   npm run sync -- status [--prefecture 530100] [--json]
 *   npm run sync -- pull --prefecture 530100 [--list generic_bottle]      (needs REDIS_URL)
 *   npm run sync -- pause  --prefecture 530100
 *   npm run sync -- resume --prefecture 530100
 *   npm run sync -- repull --prefecture 530100 --since 20260101000000 [--list fill_record]
 *   npm run sync -- quarantine [--prefecture 530100] [--all] [--json]
 *   npm run sync -- resolve --id 17
 *
 * Passwords and SM4 keys are read from the environment variable named by --password-env /
 * --sm4-key-env (never from the command line, which other users can see), and stored sealed
 * with DATA_KEY. Exit code 0 done, 1 refused (the reason printed), 2 usage.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatChinaDateTime, isPlatformError, loadConfig, openDatabase, parseDateTime14 } from "@cylinder/db";
import {
  closeQueue,
  enqueuePullNow,
  isPulledList,
  listSources,
  openSyncQueue,
  PULLED_LISTS,
  quarantinedRows,
  reconcileSchedulers,
  repullFrom,
  resolveQuarantined,
  saveSource,
  setPaused,
  sourceByPrefecture,
  syncStates,
} from "@cylinder/sync";

const USAGE = `用法 (usage): npm run sync -- <sources|add|status|pull|pause|resume|repull|quarantine|resolve> [options]`;

export async function runSyncCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      prefecture: { type: "string" },
      url: { type: "string" },
      username: { type: "string" },
      "password-env": { type: "string" },
      "sm4-key-env": { type: "string" },
      interval: { type: "string" },
      list: { type: "string" },
      since: { type: "string" },
      id: { type: "string" },
      all: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const config = loadConfig(env);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: "sync-cli",
    max: 2,
  });
  const sql = database.sql;
  const need = (name: "prefecture" | "url" | "username" | "since" | "id"): string => {
    const v = values[name];
    if (!v) throw new UsageError(`缺少 --${name}`);
    return v;
  };
  const list = values.list;
  if (list !== undefined && !isPulledList(list)) throw new UsageError(`--list 应为 ${PULLED_LISTS.join(" | ")}`);
  const withQueue = async <T>(fn: (queue: ReturnType<typeof openSyncQueue>) => Promise<T>): Promise<T> => {
    if (!config.redisUrl) throw new UsageError("此操作需要 REDIS_URL（同步队列）");
    const queue = openSyncQueue(config);
    try {
      return await fn(queue);
    } finally {
      await closeQueue(queue);
    }
  };
  try {
    switch (command) {
      case "sources": {
        const sources = await listSources(sql);
        if (values.json) console.log(JSON.stringify(sources, null, 2));
        else
          for (const s of sources) {
            console.log(
              `${s.prefectureCode}  ${s.baseUrl}  账号 ${s.username}  每 ${s.intervalSeconds}s${s.paused ? "  已暂停" : ""}`,
            );
          }
        return 0;
      }
      case "add": {
        const passwordEnv = values["password-env"] ?? "SYNC_SOURCE_PASSWORD";
        const password = env[passwordEnv];
        if (!password) throw new UsageError(`环境变量 ${passwordEnv} 未设置（密码从环境变量读取，不从命令行）`);
        const sm4Env = values["sm4-key-env"];
        const source = await saveSource(
          sql,
          {
            prefectureCode: need("prefecture"),
            baseUrl: need("url"),
            username: need("username"),
            password,
            sm4Key: sm4Env ? (env[sm4Env] ?? null) : null,
            intervalSeconds: values.interval ? Number(values.interval) : 60,
          },
          config.dataKey,
        );
        if (config.redisUrl) await withQueue((q) => reconcileSchedulers(q, sql, config));
        console.log(`已保存同步来源 ${source.prefectureCode} → ${source.baseUrl}（每 ${source.intervalSeconds}s）`);
        return 0;
      }
      case "status": {
        const states = await syncStates(sql, values.prefecture ? [values.prefecture] : undefined);
        if (values.json) {
          console.log(JSON.stringify(states, null, 2));
          return 0;
        }
        for (const s of states) {
          const when = (d: Date | null) => (d ? formatChinaDateTime(d) : "—");
          console.log(
            `${s.prefectureCode} ${s.list.padEnd(18)} 水位 ${when(s.watermark)}  最近成功 ${when(s.lastSuccessAt)}  滞后 ${s.lagSeconds}s  ` +
              `行数 ${s.rowsPulled}  隔离 ${s.quarantinedCount}${s.paused ? "  已暂停" : ""}${s.reading ? "  读取中" : ""}` +
              (s.consecutiveFailures > 0 ? `  连续失败 ${s.consecutiveFailures}: ${s.lastError}` : ""),
          );
        }
        return 0;
      }
      case "pull": {
        const source = await sourceByPrefecture(sql, need("prefecture"));
        await withQueue((q) => enqueuePullNow(q, config, source.id, list ? [list] : PULLED_LISTS));
        console.log(`已排队立即拉取 ${source.prefectureCode}${list ? ` ${list}` : "（全部列表）"}`);
        return 0;
      }
      case "pause":
      case "resume": {
        const code = need("prefecture");
        await setPaused(sql, code, command === "pause");
        console.log(command === "pause" ? `已暂停 ${code}` : `已恢复 ${code}`);
        if (command === "resume" && config.redisUrl) {
          const source = await sourceByPrefecture(sql, code);
          await withQueue((q) => enqueuePullNow(q, config, source.id));
        }
        return 0;
      }
      case "repull": {
        const code = need("prefecture");
        const since = parseDateTime14(need("since"), "--since");
        const n = await repullFrom(sql, code, since, list);
        console.log(`已将 ${code} 的 ${n} 个列表的水位重置为 ${formatChinaDateTime(since)}，下次拉取将从此时间重读`);
        if (config.redisUrl) {
          const source = await sourceByPrefecture(sql, code);
          await withQueue((q) => enqueuePullNow(q, config, source.id, list ? [list] : PULLED_LISTS));
        }
        return 0;
      }
      case "quarantine": {
        const rows = await quarantinedRows(sql, { prefectureCode: values.prefecture, open: !values.all, limit: 500 });
        if (values.json) console.log(JSON.stringify(rows, null, 2));
        else
          for (const r of rows) {
            console.log(
              `#${r.id} ${r.prefectureCode} ${r.list} 来源 Id ${r.sourceRecordId ?? "—"}  ${formatChinaDateTime(r.receivedAt)}  ${r.reason}${r.resolvedAt ? "  已处理" : ""}`,
            );
          }
        return 0;
      }
      case "resolve": {
        await resolveQuarantined(sql, Number(need("id")));
        console.log(`已标记隔离记录 #${values.id} 为已处理`);
        return 0;
      }
      default:
        throw new UsageError(USAGE);
    }
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  runSyncCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof UsageError) {
        console.error(e.message);
        process.exit(2);
      }
      console.error(isPlatformError(e) ? e.message : e);
      process.exit(isPlatformError(e) ? 1 : 2);
    },
  );
}
