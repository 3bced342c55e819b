/**
 * Benchmark: 1,000,000 generic cylinders pulled from a prefecture platform (its own process,
 * PLATFORM_MODE=prefecture, serving /PS/GenericBottle/List) into the province by the sync
 * workers (their own process, on Redis), through the whole path: login, paged lists with
 * cursor and horizon, parsing, placement by barcode, owner units, ledger leaves, the watermark
 * in each page's transaction. Prints rows/s and the peak RSS (VmHWM) of both processes, and a
 * same-run baseline: reading the same list with the same page size and discarding it (the
 * source's own cost, which bounds any puller).
 *
 *   npx tsx test/bench/sync-pull.ts [--cylinders 1000000] [--page 5000] [--rebuild]
 *
 * The source database (cylinders generated in SQL) is kept between runs as
 * `cyl_bench_sync_<n>`; the province database is fresh each run. Needs the local PostgreSQL
 * and Redis of the tests. Not part of `npm test`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword, loadConfig, newSm4Key, PREFECTURES, sealSm4 } from "@cylinder/db";
import { createTestDatabase, TEST_REDIS_URL, uniqueRedisPrefix, urlFor } from "@cylinder/db/testing";
import { enqueuePullNow, openSyncQueue, saveSource } from "@cylinder/sync";
import { benchDatabase, fmt } from "./support";

const { values } = parseArgs({
  options: { cylinders: { type: "string" }, page: { type: "string" }, rebuild: { type: "boolean", default: false } },
});
const N = Number(values.cylinders ?? 1_000_000);
const PAGE = Number(values.page ?? 5000);
const KM = "530100";
const PASSWORD = "Bench@2026";
const DATA_KEY = "0123456789abcdeffedcba9876543210";
const root = resolve(import.meta.dirname, "../..");

/** Peak (VmHWM) or current (VmRSS) resident set size of a process, MB, from /proc. */
function rssMb(pid: number, which: "VmHWM" | "VmRSS" = "VmHWM"): number {
  const m = new RegExp(`${which}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await gone;
  clearTimeout(timer);
}

function spawnTsx(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return child;
}

async function sourceDatabase() {
  const { db, fresh } = await benchDatabase(`cyl_bench_sync_${N}`, values.rebuild);
  if (fresh) {
    const t0 = performance.now();
    await db.sql`insert into prefecture.prefecture (code, name, mode) select * from unnest(
      ${db.sql.array(PREFECTURES.map((p) => p.code))}::text[], ${db.sql.array(PREFECTURES.map((p) => p.name))}::text[],
      ${db.sql.array(PREFECTURES.map((p) => p.mode))}::prefecture.platform_mode[])`;
    const [owner] = await db.sql`
      insert into registry.unit (kind, name, credit_code, prefecture_code, licensed_media)
      values ('filling', '昆明市官渡燃气充装站', '91530100MA6K0001XY', ${KM}, '{液化石油气}') returning id`;
    const [authority] = await db.sql`
      insert into registry.unit (kind, name, prefecture_code, authority_level)
      values ('authority', '昆明市市场监督管理局', ${KM}, 'prefecture') returning id`;
    await db.sql`
      insert into registry.account (unit_id, username, role, password_hash, sm4_key_enc)
      values (${authority!.id}, 'province', 'platform', ${await hashPassword(PASSWORD)}, ${sealSm4(newSm4Key(), DATA_KEY)})`;
    await db.sql`
      insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium, style, valve, printno, inner_no,
        product_date, discard_date, check_date, next_date, state, idle_weight, fill_weight, nominal_pressure, volume,
        thickness, water_pressure, check_period, life_period, factory, designer, supervise, check_unit, register_date)
      select 'KM' || lpad(g::text, 10, '0'), 'generic', ${owner!.id}, ${KM}, '液化石油气', 'YSP35.5', 1 + g % 3,
        'P' || g, 'XY' || g, date '2016-01-01' + g % 2000, date '2032-01-01' + g % 2000, date '2024-01-01' + g % 500,
        date '2028-01-01' + g % 500, 1 + g % 4, 15 + (g % 300) / 100.0, 14.5, 1.6, 35.5, 2.5, 2.4, 4, 8,
        '江苏特种设备生产有限公司', '江苏特种设备设计有限公司', '江苏特种设备监督检验公司', '昆明市气瓶检验站',
        timestamptz '2022-01-01 08:00:00+08' + (g % 100000) * interval '1 minute'
      from generate_series(1, ${N}) g`;
    await db.sql`vacuum analyze registry.cylinder`;
    console.log(`source: ${fmt(N)} generic cylinders generated in ${fmt((performance.now() - t0) / 1000, 1)} s`);
  }
  return db;
}

async function startPrefecture(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawnTsx("test/bench/platform-process.ts", {
    DATABASE_URL: url,
    PLATFORM_MODE: "prefecture",
    PLATFORM_PREFECTURE: KM,
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    DATA_KEY,
    TICKET_KEY: "74".repeat(32),
    GATEWAY_SECRET: "67".repeat(32),
    LEDGER_SM2_PRIVATE_KEY: "64d4d4d236da06ec7a3ee16dcbf54f7740205cbd2d0ec92cf7f58e39d27e7ea5",
    LEDGER_SEAL_KEY: "db".repeat(32),
  });
  const base = await new Promise<string>((ok, fail) => {
    let buf = "";
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /PLATFORM (\{.*\})/.exec(buf);
      if (m) ok((JSON.parse(m[1]!) as { url: string }).url);
    });
    child.once("exit", (code) => fail(new Error(`prefecture platform exited ${code}`)));
  });
  return { child, base };
}

/** The baseline: the same list, same page size, read and discarded. */
async function readOnly(base: string): Promise<number> {
  const login = await fetch(`${base}/PS/Account/Login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ Username: "province", Password: PASSWORD }),
  });
  const ticket = ((await login.json()) as { Value: { Ticket: string } }).Value.Ticket;
  let rows = 0;
  let cursor: string | null = null;
  do {
    const u = new URL("/PS/GenericBottle/List", base);
    u.searchParams.set("ticket", ticket);
    u.searchParams.set("lasttime", "19700101080000");
    u.searchParams.set("pagesize", String(PAGE));
    if (cursor) u.searchParams.set("cursor", cursor);
    const res = await fetch(u);
    rows += ((await res.json()) as unknown[]).length;
    cursor = res.headers.get("x-ps-cursor");
  } while (cursor);
  return rows;
}

async function main(): Promise<void> {
  const source = await sourceDatabase();
  const sourceUrl = urlFor(`cyl_bench_sync_${N}`);
  const province = await createTestDatabase({ max: 4 });
  const redisPrefix = uniqueRedisPrefix();
  const env = {
    DATABASE_URL: province.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    PLATFORM_MODE: "province",
    SYNC_PAGE_SIZE: String(PAGE),
    SYNC_CONCURRENCY: "1",
    LOG_LEVEL: "warn",
    DATA_KEY,
  };
  const config = loadConfig(env);
  const prefecture = await startPrefecture(sourceUrl);
  let workers: ChildProcess | null = null;
  try {
    console.log(
      `sync-pull bench: ${fmt(N)} generic cylinders, page ${fmt(PAGE)}; Node ${process.version}, ${cpus().length} cores`,
    );
    const idlePrefecture = rssMb(prefecture.child.pid!, "VmRSS");
    const t0 = performance.now();
    const read = await readOnly(prefecture.base);
    const readSeconds = (performance.now() - t0) / 1000;
    console.log(
      `baseline  read the list and discard: ${fmt(read)} rows in ${fmt(readSeconds, 1)} s = ${fmt(read / readSeconds)} rows/s`,
    );

    await province.sql`insert into prefecture.prefecture (code, name, mode) select * from unnest(
      ${province.sql.array(PREFECTURES.map((p) => p.code))}::text[], ${province.sql.array(PREFECTURES.map((p) => p.name))}::text[],
      ${province.sql.array(PREFECTURES.map((p) => p.mode))}::prefecture.platform_mode[])`;
    const s = await saveSource(
      province.sql,
      {
        prefectureCode: KM,
        baseUrl: prefecture.base,
        username: "province",
        password: PASSWORD,
        intervalSeconds: 86_400,
      },
      DATA_KEY,
    );
    workers = spawnTsx("adapters/sync/src/cli/workers.ts", env);
    await new Promise((r) => setTimeout(r, 4000)); // the workers process starts (tsx, BullMQ)
    const idleWorkers = rssMb(workers.pid!, "VmRSS");
    const queue = openSyncQueue(config);
    const t1 = performance.now();
    await enqueuePullNow(queue, config, s.id, ["generic_bottle"]);
    await queue.close();
    let last = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      const [st] = await province.sql<
        { rows_pulled: number; cursor: string | null; last_success_at: string | null; last_error: string | null }[]
      >`
        select rows_pulled, cursor, last_success_at, last_error from prefecture.sync_state where list = 'generic_bottle'`;
      if (st!.last_error) throw new Error(st!.last_error);
      if (st!.rows_pulled - last >= 100_000 || st!.last_success_at) {
        last = st!.rows_pulled;
        process.stdout.write(`  ${fmt(st!.rows_pulled)} rows, ${fmt((performance.now() - t1) / 1000, 0)} s\n`);
      }
      if (st!.last_success_at && st!.cursor === null) break;
    }
    const syncSeconds = (performance.now() - t1) / 1000;
    const [{ n }] = (await province.sql`select count(*)::int as n from registry.cylinder`) as unknown as [
      { n: number },
    ];
    const rssPrefecture = rssMb(prefecture.child.pid!);
    const rssWorkers = rssMb(workers.pid!);
    console.log(
      `sync      pulled into the province:   ${fmt(n)} rows in ${fmt(syncSeconds, 1)} s = ${fmt(n / syncSeconds)} rows/s`,
    );
    console.log(`ratio     sync / read-only throughput: ${fmt(n / syncSeconds / (read / readSeconds), 2)}`);
    console.log(
      `peak RSS  prefecture platform ${fmt(rssPrefecture)} MB (${fmt(idlePrefecture)} MB at start), ` +
        `workers ${fmt(rssWorkers)} MB (${fmt(idleWorkers)} MB at start)`,
    );
    if (n !== N) throw new Error(`expected ${N} rows at the province, found ${n}`);
  } finally {
    await Promise.all([stop(workers), stop(prefecture.child)]);
    await province.drop();
    await source.close();
  }
}

await main();
