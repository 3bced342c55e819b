/**
 * Benchmark: the ledger inside the fill-upload path.
 *
 *   npx tsx test/bench/ledger-append.ts [--batches 150] [--rounds 3] [--concurrency 4]
 *
 * Uploads fill records in batches of 100, each batch one transaction (as /PS/ uploads are),
 * from `concurrency` concurrent uploaders, alternately without and with appendLeaves in the
 * same transaction, in the same run against the same database; prints records/s of each and
 * the ratio. Then sequences the appended leaves and signs a head (leaves/s of the
 * sequencer). Uses a fresh database on the local PostgreSQL each run.
 */

import { newSm2KeyPair, systemClock } from "@cylinder/db";
import { appendLeaves, canonicalReturning, checkpoint, ledgerKeysOf } from "@cylinder/db/ledger";
import { arg, benchDatabase, fmt, timed } from "./support";

const BATCH = 100;
const batches = arg("--batches", 150);
const rounds = arg("--rounds", 3);
const concurrency = arg("--concurrency", 4);

const { db } = await benchDatabase("cyl_bench_ledger_append", true);
const [unit] = await db.sql<{ id: number }[]>`
  insert into registry.unit (kind, name, prefecture_code) values ('filling', '基准充装站', '530100') returning id`;
let thirdId = 0;

function batchValues() {
  const now = new Date().toISOString();
  return Array.from({ length: BATCH }, () => ({
    unit_id: unit!.id,
    third_id: ++thirdId,
    barcode: `B${String(thirdId).padStart(10, "0")}`,
    idle_weight: 15.2,
    gross_weight: 29.7,
    net_weight: 14.5,
    begin_at: now,
    end_at: now,
    machine: 3,
    filler_name: "张三",
    prefecture_code: "530100",
  }));
}

type Mode = "without" | "with" | "returning";
const RETURNING = canonicalReturning("trace.fill_record");

async function upload(mode: Mode): Promise<void> {
  await db.sql.begin(async (tx) => {
    if (mode === "returning") {
      const rows = await tx`insert into trace.fill_record ${tx(batchValues())} returning ${tx.unsafe(RETURNING)}`;
      await appendLeaves(
        tx,
        rows.map((row) => ({ table: "trace.fill_record" as const, id: Number(row.id), row: row as never })),
      );
      return;
    }
    const rows = await tx<{ id: number }[]>`insert into trace.fill_record ${tx(batchValues())} returning id`;
    if (mode === "with")
      await appendLeaves(
        tx,
        rows.map((r) => ({ table: "trace.fill_record" as const, id: r.id })),
      );
  });
}

async function run(mode: Mode): Promise<number> {
  let next = 0;
  const [, seconds] = await timed(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < batches) {
          next += 1;
          await upload(mode);
        }
      }),
    ),
  );
  return (batches * BATCH) / seconds;
}

const modes: Mode[] = ["without", "with", "returning"];
for (const m of modes) await run(m); // warm up every path
const results: Record<Mode, number[]> = { without: [], with: [], returning: [] };
for (let r = 0; r < rounds; r++) {
  // rotate the order so drift in the machine's load spreads over the modes
  for (let k = 0; k < modes.length; k++) {
    const mode = modes[(r + k) % modes.length]!;
    results[mode].push(await run(mode));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(results.without);
console.log(
  `fill upload, batches of ${BATCH}, ${concurrency} concurrent uploaders, ${rounds} rounds x ${batches} batches (median)`,
);
const label: Record<Mode, string> = {
  without: "without ledger                 ",
  with: "with appendLeaves (reads back) ",
  returning: "with appendLeaves (RETURNING)  ",
};
for (const m of modes) {
  const v = median(results[m]);
  console.log(
    `  ${label[m]} ${fmt(v).padStart(7)} records/s  ratio ${fmt(v / base, 2)}   (rounds: ${results[m].map((x) => fmt(x)).join(", ")})`,
  );
}

const keys = ledgerKeysOf(newSm2KeyPair().privateKey, "11".repeat(32));
const [{ head, sequenced }, seconds] = await timed(() => checkpoint(db.sql, keys, systemClock, { batchSize: 10_000 }));
console.log(
  `sequencer + head: ${fmt(sequenced)} leaves in ${fmt(seconds, 2)} s = ${fmt(sequenced / seconds)} leaves/s (tree size ${fmt(head.treeSize)})`,
);
await db.close();
