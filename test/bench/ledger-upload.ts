/**
 * Benchmark: fill-upload throughput with and without the ledger, through the real trace upload
 * path (GraphQL `recordFills` on the trace subgraph over HTTP: validation, permit contexts,
 * idempotent store, alarms, and the ledger seam appending one leaf per accepted record in
 * the same transaction).
 *
 *   npx tsx test/bench/ledger-upload.ts [--batches 60] [--rounds 3] [--concurrency 4]
 *
 * Batches of 100 fills, `concurrency` concurrent uploaders, into a fresh PostgreSQL database
 * (dropped and created each run). Rounds alternate the seam on and off in the same run
 * (`setLedgerSeamForBenchmark`, a bench-only switch, not a configuration); prints records/s
 * of each (median of the rounds) and the ratio, then sequences the appended leaves and
 * signs a head.
 */
import { createAlarmBus, createLogger, LIBRARY_CALENDAR, loadConfig, signIdentity, systemClock } from "@cylinder/db";
import { checkpoint, ledgerKeys } from "@cylinder/db/ledger";
import { urlFor } from "@cylinder/db/testing";
import { startTrace } from "@cylinder/trace";
import { setLedgerSeamForBenchmark } from "../../subgraphs/trace/src/ledger/seam";
import { arg, benchDatabase, fmt, timed } from "./support";

const BATCH = 100;
const batches = arg("--batches", 60);
const rounds = arg("--rounds", 3);
const concurrency = arg("--concurrency", 4);
const CYLINDERS = 2000;

const NAME = "cyl_bench_ledger_upload";
const { db } = await benchDatabase(NAME, true);
const config = loadConfig({ DATABASE_URL: urlFor(NAME), LOG_LEVEL: "silent" });
const [unit] = await db.sql<{ id: number }[]>`
  insert into registry.unit (kind, name, prefecture_code, licensed_media)
  values ('filling', '基准充装站', '530100', ${["液化石油气"]}) returning id`;
await db.sql`
  insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, state, medium, product_date,
    discard_date, check_date, next_date, fill_weight, check_period, life_period)
  select 'B' || lpad(g::text, 8, '0'), 'generic', ${unit!.id}, '530100', 1, '液化石油气', date '2022-09-01',
    date '2034-09-01', date '2024-04-01', date '2028-04-01', 14.5, 4, 12
  from generate_series(1, ${CYLINDERS}) g`;
await db.sql`analyze`;

const alarmBus = createAlarmBus(undefined, "bench");
const trace = await startTrace(
  { db: db.db, config, log: createLogger("bench", "silent"), alarmBus, clock: systemClock, calendar: LIBRARY_CALENDAR },
  { host: "127.0.0.1", port: 0 },
);
const identity = {
  accountId: 1,
  username: "bench",
  role: "filling_unit" as const,
  unitId: unit!.id,
  prefectureCode: "530100",
};
const MUTATION = `mutation($input: FillBatchInput!) { recordFills(input: $input) { accepted duplicates } }`;

let thirdId = 0;
let cylinder = 0;
function batchInput() {
  const end = new Date(Date.now() - 60_000).toISOString();
  const begin = new Date(Date.now() - 180_000).toISOString();
  return {
    fillerName: "张三",
    items: Array.from({ length: BATCH }, () => ({
      thirdId: String(++thirdId),
      barcode: `B${String((cylinder++ % CYLINDERS) + 1).padStart(8, "0")}`,
      idleWeight: 15.2,
      grossWeight: 29.7,
      netWeight: 14.5,
      beginAt: begin,
      endAt: end,
      machine: 3,
    })),
  };
}

async function upload(): Promise<void> {
  const res = await fetch(trace.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-cylinder-identity": signIdentity(identity, config.gatewaySecret, Date.now()),
    },
    body: JSON.stringify({ query: MUTATION, variables: { input: batchInput() } }),
  });
  const body = (await res.json()) as { data?: { recordFills: { accepted: number } }; errors?: unknown };
  if (body.data?.recordFills.accepted !== BATCH) throw new Error(`upload failed: ${JSON.stringify(body.errors)}`);
}

type Mode = "without" | "with";
async function run(mode: Mode, n = batches): Promise<number> {
  setLedgerSeamForBenchmark(mode === "with");
  let next = 0;
  const [, seconds] = await timed(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          next += 1;
          await upload();
        }
      }),
    ),
  );
  return (n * BATCH) / seconds;
}

for (const m of ["without", "with"] as const) await run(m, 10); // warm up both paths
const results: Record<Mode, number[]> = { without: [], with: [] };
for (let r = 0; r < rounds; r++) {
  // alternate the order so drift in the machine's load spreads over both
  const order: Mode[] = r % 2 === 0 ? ["without", "with"] : ["with", "without"];
  for (const mode of order) results[mode].push(await run(mode));
}
setLedgerSeamForBenchmark(true);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(results.without);
console.log(
  `fill upload through the trace subgraph (GraphQL recordFills over HTTP), batches of ${BATCH}, ` +
    `${concurrency} concurrent uploaders, ${rounds} rounds x ${batches} batches (median)`,
);
for (const m of ["without", "with"] as const) {
  const v = median(results[m]);
  console.log(
    `  ${m === "with" ? "with ledger   " : "without ledger"} ${fmt(v).padStart(7)} records/s  ratio ${fmt(v / base, 2)}` +
      `   (rounds: ${results[m].map((x) => fmt(x)).join(", ")})`,
  );
}
const [{ head, sequenced }, seconds] = await timed(() => checkpoint(db.sql, ledgerKeys(config), systemClock));
console.log(
  `sequencer + head: ${fmt(sequenced)} leaves in ${fmt(seconds, 2)} s = ${fmt(sequenced / seconds)} leaves/s (tree size ${fmt(head.treeSize)})`,
);
await trace.stop();
await alarmBus.close();
await db.close();
