/**
 * Issue 4 benchmark, same run, same database (the platform in a child process, load from this
 * one):
 *  A. Fill uploads through /PS/GenericTrace/Fill in batches of 100: records/s and p50/p99 per
 *     batch, sequential and with 4 concurrent stations; against the same rows inserted with
 *     drizzle straight into trace.fill_record in batches of 100 (no validation, no alarms,
 *     no evidence checks): the cost of the whole path.
 *  B. /PS/GenericBottle/List streaming 1,000,000 cylinders (province account, no lasttime):
 *     time to first byte, total time, the server's peak RSS while streaming; the same read
 *     paged by pagesize=10000; against the same rows read straight from Postgres with a
 *     cursor and serialised to JSON in this process.
 *
 *   npx tsx test/bench/ps-rest.ts [--cylinders 1000000] [--batches 200] [--rebuild] [--no-fill] [--no-list] [--no-paged]
 *
 * The cylinders are generated once into the database `cyl_bench_ps_rest` (kept; --rebuild
 * drops it).
 */
import { readFileSync } from "node:fs";
import { formatDateTime14, loadConfig } from "@cylinder/db";
import { fillRecord } from "@cylinder/db/schema";
import { urlFor } from "@cylinder/db/testing";
import { seedWorld } from "../support/world";
import { arg, benchDatabase, fmt, has, percentile, spawnPlatform } from "./support";

const CYLINDERS = arg("--cylinders", 1_000_000);
const BATCHES = arg("--batches", 200);
const BATCH = 100;
const DB = "cyl_bench_ps_rest";

const { db: database, fresh } = await benchDatabase(DB, has("--rebuild"));
const config = loadConfig({ DATABASE_URL: urlFor(DB), LOG_LEVEL: "warn" });
if (fresh) {
  const t0 = performance.now();
  const world = await seedWorld(database, config);
  await database.sql`
    insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium, printno, inner_no, style, valve,
      product_date, discard_date, check_date, next_date, state, idle_weight, fill_weight, nominal_pressure, volume,
      thickness, water_pressure, check_period, life_period, factory, designer, supervise, check_unit, register_date)
    select 'BR' || lpad(i::text, 8, '0'), 'generic', ${world.units.kmFilling}, '530100', '液化石油气',
      'P' || i, 'XY' || i, 'YSP35.5', 1, '2022-09-01', '2030-09-01', '2024-04-01', '2028-04-01', 1, 16.5, 14.5, 1.6,
      35.5, 2.5, 2.4, 4, 8, '江苏特种设备生产有限公司', '江苏特种设备设计有限公司', '江苏特种设备监督检验公司',
      '江苏特种设备检测有限公司', now() - interval '1 day'
    from generate_series(1, ${CYLINDERS}) i`;
  await database.sql`analyze`;
  console.log(`generated ${fmt(CYLINDERS)} cylinders in ${fmt((performance.now() - t0) / 1000, 1)} s`);
}
const [counted] = await database.sql<
  { n: number }[]
>`select count(*)::int as n from registry.cylinder where kind = 'generic'`;
const cylinderCount = counted!.n;
const [km] = await database.sql<{ id: number }[]>`select id from registry.unit where name = '昆明市官渡燃气充装站'`;
const kmId = km!.id;

// ------------------------------------------------------------ the platform, in a child process
const { child, endpoints } = await spawnPlatform(DB);
const rssOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
};

async function psLogin(username: string): Promise<string> {
  const r = await fetch(`${endpoints.url}/PS/Account/Login`, {
    method: "POST",
    body: JSON.stringify({ Username: username, Password: "Test@2026" }),
  });
  return ((await r.json()) as { Value: { Ticket: string } }).Value.Ticket;
}
const kmTicket = await psLogin("km-filling");
const provinceTicket = await psLogin("province");

interface Row {
  name: string;
  value: string;
}
const out: Row[] = [];

// ------------------------------------------------------------ A. Fill uploads, batches of 100
const runId = Date.now() % 1_000_000_000;
let nextThirdId = runId * 1000;
const barcode = (i: number) => `BR${String((i % cylinderCount) + 1).padStart(8, "0")}`;
function batchItems(first: number) {
  const end = new Date(Date.now() - 5 * 60_000);
  const begin = new Date(end.getTime() - 80_000);
  return Array.from({ length: BATCH }, (_, k) => ({
    barcode: barcode(first + k),
    thirdId: nextThirdId++,
    begin,
    end,
  }));
}

async function restBatches(label: string, batches: number, concurrency: number): Promise<void> {
  const latencies: number[] = [];
  let issued = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < batches) {
        const b = issued++;
        const items = batchItems(b * BATCH);
        const body = JSON.stringify({
          Items: items.map((x) => ({
            Barcode: x.barcode,
            IdleWeight: 16.33,
            GrossWeight: 29.76,
            NetWeight: 13.43,
            BeginDate: formatDateTime14(x.begin),
            EndDate: formatDateTime14(x.end),
            Machine: 1,
            ThridId: x.thirdId,
          })),
          Factory: { Name: "测试厂家" },
          Man: { Name: "张三" },
        });
        const s = performance.now();
        const r = await fetch(`${endpoints.url}/PS/GenericTrace/Fill?ticket=${kmTicket}`, { method: "POST", body });
        const answer = (await r.json()) as { State: number; Value: { Accepted: number } };
        if (answer.State !== 0 || answer.Value.Accepted !== BATCH)
          throw new Error(`upload failed: ${JSON.stringify(answer)}`);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  out.push({
    name: `${label}`,
    value: `${fmt((batches * BATCH) / seconds)} records/s; per batch p50 ${fmt(percentile(latencies, 50), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms`,
  });
}

async function drizzleBatches(label: string, batches: number): Promise<number> {
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    const rows = batchItems(b * BATCH).map((x) => ({
      unitId: kmId,
      thirdId: x.thirdId,
      barcode: x.barcode,
      idleWeight: 16.33,
      grossWeight: 29.76,
      netWeight: 13.43,
      beginAt: x.begin,
      endAt: x.end,
      machine: 1,
      scaleFactory: "测试厂家",
      fillerName: "张三",
      prefectureCode: "530100",
    }));
    const s = performance.now();
    await database.db.insert(fillRecord).values(rows);
    latencies.push(performance.now() - s);
  }
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const rate = (batches * BATCH) / seconds;
  out.push({
    name: label,
    value: `${fmt(rate)} records/s; per batch p50 ${fmt(percentile(latencies, 50), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms`,
  });
  return rate;
}

if (!has("--no-fill")) {
  await restBatches("warm-up (discarded)", 10, 1);
  out.length = 0;
  await restBatches(`A. Fill via REST, ${BATCHES} batches of ${BATCH}, 1 station`, BATCHES, 1);
  await restBatches(`A. Fill via REST, ${BATCHES} batches of ${BATCH}, 4 stations`, BATCHES, 4);
  await drizzleBatches(`A. baseline: drizzle insert, ${BATCHES} batches of ${BATCH}`, BATCHES);
}

// ------------------------------------------------------------ B. GenericBottle/List, 1M rows
const MARKER = '{"Barcode"';
async function streamList(label: string, query: string): Promise<void> {
  const pid = child.pid!;
  let peak = rssOf(pid).rss;
  const before = peak;
  const poll = setInterval(() => {
    peak = Math.max(peak, rssOf(pid).rss);
  }, 20);
  const t0 = performance.now();
  let ttfb = 0;
  let bytes = 0;
  let rows = 0;
  let pages = 0;
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(
      `${endpoints.url}/PS/GenericBottle/List?ticket=${provinceTicket}&${query}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    if (res.status !== 200) throw new Error(`${res.status}: ${await res.text()}`);
    cursor = res.headers.get("x-ps-cursor");
    pages++;
    const reader = res.body!.getReader();
    let tail = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (ttfb === 0) ttfb = performance.now() - t0;
      bytes += value.byteLength;
      // count row starts, including one split across two chunks (the tail is shorter than the marker)
      const text = tail + Buffer.from(value).toString("latin1");
      rows += text.split(MARKER).length - 1;
      tail = text.slice(-(MARKER.length - 1));
    }
  } while (cursor);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(poll);
  out.push({
    name: label,
    value: `${fmt(rows)} rows in ${pages} response(s), ${fmt(bytes / 1024 / 1024)} MB; first byte ${fmt(ttfb)} ms, total ${fmt(seconds, 1)} s (${fmt(rows / seconds)} rows/s); server RSS ${fmt(before)} MB before, peak ${fmt(peak)} MB`,
  });
}

if (!has("--no-list")) {
  await streamList(`B. GenericBottle/List, streamed in one response`, "");
  if (!has("--no-paged")) await streamList(`B. GenericBottle/List, pagesize=10000`, "pagesize=10000");
}
if (!has("--no-list")) {
  // baseline: the same rows straight from Postgres, cursor-read and serialised in this process
  const t0 = performance.now();
  let ttfb = 0;
  let bytes = 0;
  let rows = 0;
  await database.sql`select c.*, u.credit_code from registry.cylinder c left join registry.unit u on u.id = c.owner_unit_id
    where c.kind = 'generic' order by c.updated_at, c.id`.cursor(2000, async (batch) => {
    if (ttfb === 0) ttfb = performance.now() - t0;
    bytes += JSON.stringify(batch).length;
    rows += batch.length;
  });
  const seconds = (performance.now() - t0) / 1000;
  out.push({
    name: "B. baseline: Postgres cursor + JSON.stringify, in process",
    value: `${fmt(rows)} rows, ${fmt(bytes / 1024 / 1024)} MB; first rows ${fmt(ttfb)} ms, total ${fmt(seconds, 1)} s (${fmt(rows / seconds)} rows/s)`,
  });
}

console.log(
  `\n/PS/* benchmark (${fmt(cylinderCount)} generic cylinders; platform in a child process, NODE_ENV=production)`,
);
for (const r of out) console.log(`  ${r.name.padEnd(62)} ${r.value}`);
await new Promise<void>((resolve) => {
  child.once("exit", () => resolve());
  child.kill("SIGTERM");
});
await database.close();
