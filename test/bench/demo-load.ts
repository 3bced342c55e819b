/**
 * Benchmark: load 1,000,000 demo cylinders and their trace rows into a fresh real-PostgreSQL
 * database, and compare with two same-run baselines: generating the same rows without a
 * database (the generator's own cost), and a plain COPY of 1,000,000 one-column rows.
 *
 *   npx tsx test/bench/demo-load.ts [--cylinders 1000000] [--seed N] [--checkpoint]
 *
 * `--checkpoint` also times the first checkpoint after the load (sequencing every leaf and
 * signing a head, what `npm run demo` does next), outside the load's figures.
 *
 * Needs the local PostgreSQL of the tests (TEST_DATABASE_ADMIN_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres). Not part of `npm test`.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { loadConfig, systemClock } from "@cylinder/db";
import { checkpoint, ledgerKeys } from "@cylinder/db/ledger";
import { createTestDatabase } from "@cylinder/db/testing";
import { DEFAULT_SEED, dryRun, loadDemo } from "@cylinder/infra";

const { values } = parseArgs({
  options: { cylinders: { type: "string" }, seed: { type: "string" }, checkpoint: { type: "boolean" } },
});
const cylinders = Number(values.cylinders ?? 1_000_000);
const seed = Number(values.seed ?? DEFAULT_SEED);
const referenceDate = "2025-06-30";
const dataKey = "0123456789abcdeffedcba9876543210";
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function plainCopy(rows: number): Promise<number> {
  const database = await createTestDatabase({ migrate: false, max: 2 });
  try {
    await database.sql`create table baseline (n integer)`;
    const t0 = performance.now();
    const stream = await database.sql`copy baseline (n) from stdin`.writable();
    const chunk = 10_000;
    for (let i = 0; i < rows; i += chunk) {
      let text = "";
      for (let j = i; j < Math.min(rows, i + chunk); j++) text += `${j}\n`;
      if (!stream.write(text)) await new Promise((r) => stream.once("drain", r));
    }
    await new Promise<void>((resolve, reject) => {
      stream.once("finish", () => resolve());
      stream.once("error", reject);
      stream.end();
    });
    return (performance.now() - t0) / 1000;
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const database = await createTestDatabase({ migrate: true, max: 4 });
  let summary: Awaited<ReturnType<typeof loadDemo>>;
  try {
    const [info] = await database.sql<{ version: string; shared_buffers: string; max_wal_size: string }[]>`
      select current_setting('server_version') as version, current_setting('shared_buffers') as shared_buffers,
             current_setting('max_wal_size') as max_wal_size`;
    console.log(
      `demo-load bench: ${fmt(cylinders)} cylinders, seed ${seed}, reference ${referenceDate}; ` +
        `Node ${process.version}, ${cpus().length} cores, PostgreSQL ${info?.version} ` +
        `(shared_buffers ${info?.shared_buffers}, max_wal_size ${info?.max_wal_size})`,
    );
    const t0 = performance.now();
    summary = await loadDemo(database, { cylinders, seed, referenceDate, dataKey });
    const wall = (performance.now() - t0) / 1000;
    const [size] = await database.sql<
      { size: string }[]
    >`select pg_size_pretty(pg_database_size(current_database())) as size`;
    const s = summary.seconds;
    console.log(
      `\nload: ${wall.toFixed(1)} s wall (plan+hash ${s.plan.toFixed(1)} s, stream ${s.stream.toFixed(1)} s, ` +
        `index rebuild ${s.indexes.toFixed(1)} s, ledger leaves ${s.ledger.toFixed(1)} s, analyze ${s.finish.toFixed(1)} s); ` +
        `database ${size?.size}`,
    );
    const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    console.log(`${"table".padEnd(30)} ${"rows".padStart(11)} ${"rows/s (stream)".padStart(16)}`);
    for (const [table, n] of Object.entries(summary.rows)) {
      console.log(`${table.padEnd(30)} ${fmt(n).padStart(11)} ${(n > 10_000 ? fmt(n / s.stream) : "-").padStart(16)}`);
    }
    console.log(
      `${"all tables".padEnd(30)} ${fmt(total).padStart(11)} ${fmt(total / wall).padStart(16)} (over the wall time)`,
    );
    if (values.checkpoint) {
      const c0 = performance.now();
      const { head } = await checkpoint(database.sql, ledgerKeys(loadConfig({})), systemClock);
      const c = (performance.now() - c0) / 1000;
      console.log(
        `first checkpoint: ${c.toFixed(1)} s to sequence and sign ${fmt(head.treeSize)} leaves (${fmt(head.treeSize / c)} leaves/s)`,
      );
    }
  } finally {
    await database.drop();
  }

  // baseline 1: the same generation, encoded as COPY text, written nowhere
  const dry = await dryRun({ cylinders, seed, referenceDate, dataKey });
  const bytes = Object.values(dry.bytes).reduce((a, b) => a + b, 0);
  const generate = dry.seconds.plan + dry.seconds.stream;
  // baseline 2: PostgreSQL's COPY of as many one-column rows as cylinders
  const copy = await plainCopy(cylinders);
  const wallLoad = summary.seconds.total;
  console.log(
    `\nbaseline, same run: generating the rows without a database ${generate.toFixed(1)} s ` +
      `(${fmt(bytes / 1e6)} MB of COPY text) -> load/generate = ${(wallLoad / generate).toFixed(2)}x`,
  );
  console.log(
    `baseline, same run: plain COPY of ${fmt(cylinders)} one-integer rows ${copy.toFixed(2)} s ` +
      `(${fmt(cylinders / copy)} rows/s) -> load/plain-copy = ${(wallLoad / copy).toFixed(1)}x`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
