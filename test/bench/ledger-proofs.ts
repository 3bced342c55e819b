/**
 * Benchmark: proofs over a log of 10,000,000 leaves.
 *
 *   npx tsx test/bench/ledger-proofs.ts [--leaves 10000000] [--proofs 2000] [--rebuild]
 *
 * The log is synthesised in bulk, not appended one by one: leaf i's hash is SM3(0x00 ‖
 * "bench-leaf-<i>"), generated in this process and streamed with COPY into ledger.leaf
 * (positions set, guards bypassed with session_replication_role = replica on the loading
 * connection, indexes dropped during the load and rebuilt after); then the perfect
 * subtrees are computed with the same TreeBuilder the sequencer uses and COPYed into
 * ledger.node. A head is signed over the whole log from the stored subtrees, and its root
 * checked against the in-memory root. The database (cyl_bench_ledger_10m) is kept for the
 * next run; --rebuild makes it again.
 *
 * Then, on the stored tree: inclusion proofs for random leaves in the full tree, consistency
 * proofs from random earlier sizes, and roots of random sizes, each fetched from the
 * database (one statement) and checked by the verifier. Same-run baseline: a point lookup of
 * one leaf by position, so the figures read as "a proof costs k lookups".
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { newSm2KeyPair } from "@cylinder/db";
import {
  consistencyProof,
  inclusionProof,
  ledgerKeysOf,
  SM3_TREE,
  sequencedSize,
  signTreeHead,
  storedRoot,
} from "@cylinder/db/ledger";
import { TreeBuilder, verifyConsistency, verifyInclusion } from "../../db/src/ledger/merkle";
import { arg, benchDatabase, fmt, has, percentile, timed } from "./support";

const N = arg("--leaves", 10_000_000);
const PROOFS = arg("--proofs", 2000);
const { db } = await benchDatabase(`cyl_bench_ledger_${N >= 1e6 ? `${N / 1e6}m` : N}`, has("--rebuild"));
const sql = db.sql;
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const keys = ledgerKeysOf(newSm2KeyPair().privateKey, "22".repeat(32));

async function synthesise(): Promise<void> {
  console.log(`synthesising ${fmt(N)} leaves …`);
  const conn = await sql.reserve();
  try {
    await conn`set session_replication_role = replica`;
    await conn`truncate ledger.leaf, ledger.node, ledger.tree_head`;
    await conn.unsafe(`alter table ledger.leaf drop constraint leaf_pkey, drop constraint leaf_record_version_key`);
    await conn.unsafe(`drop index ledger.leaf_index_key; drop index ledger.leaf_unsequenced_idx`);
    await conn.unsafe(`alter table ledger.node drop constraint node_pkey`);

    const leafHashes = Buffer.alloc(N * 32);
    const [, tLeaves] = await timed(async () => {
      const w =
        await conn`copy ledger.leaf (id, leaf_index, record_schema, record_table, record_id, leaf_hash) from stdin`.writable();
      async function* lines() {
        let chunk = "";
        for (let i = 0; i < N; i++) {
          const h = SM3_TREE.leaf(Buffer.from(`bench-leaf-${i}`));
          leafHashes.set(h, i * 32);
          chunk += `${i + 1}\t${i}\tbench\tsynthetic\t${i}\t\\\\x${hex(h)}\n`;
          if (chunk.length > 1 << 20) {
            yield chunk;
            chunk = "";
          }
        }
        yield chunk;
      }
      await pipeline(Readable.from(lines()), w);
    });
    console.log(`  leaves COPYed in ${fmt(tLeaves, 1)} s`);

    let root = "";
    const [nodes, tNodes] = await timed(async () => {
      const w = await conn`copy ledger.node (end_index, level, hash) from stdin`.writable();
      let count = 0;
      const b = new TreeBuilder(SM3_TREE);
      async function* lines() {
        let chunk = "";
        for (let i = 0; i < N; i++) {
          b.push(leafHashes.subarray(i * 32, i * 32 + 32), (level, end, h) => {
            chunk += `${end}\t${level}\t\\\\x${hex(h)}\n`;
            count += 1;
          });
          if (chunk.length > 1 << 20) {
            yield chunk;
            chunk = "";
          }
        }
        yield chunk;
      }
      await pipeline(Readable.from(lines()), w);
      root = hex(b.root());
      return count;
    });
    console.log(`  ${fmt(nodes)} subtrees computed and COPYed in ${fmt(tNodes, 1)} s`);

    const [, tIndex] = await timed(async () => {
      await conn.unsafe(`alter table ledger.leaf add constraint leaf_pkey primary key (id)`);
      await conn.unsafe(`select setval(pg_get_serial_sequence('ledger.leaf', 'id'), ${N})`);
      await conn.unsafe(`create unique index leaf_index_key on ledger.leaf (leaf_index) where leaf_index is not null`);
      await conn.unsafe(
        `alter table ledger.leaf add constraint leaf_record_version_key unique (record_schema, record_table, record_id, record_version)`,
      );
      await conn.unsafe(`create index leaf_unsequenced_idx on ledger.leaf (id) where leaf_index is null`);
      await conn.unsafe(`alter table ledger.node add constraint node_pkey primary key (end_index, level)`);
      await conn.unsafe(`analyze ledger.leaf; analyze ledger.node`);
    });
    console.log(`  indexes rebuilt in ${fmt(tIndex, 1)} s`);
    await conn`set session_replication_role = origin`;
    const head = await signTreeHead(conn, keys, Date.now());
    if (head.rootHash !== root) throw new Error(`stored root ${head.rootHash} ≠ in-memory root ${root}`);
    console.log(`  head signed over ${fmt(head.treeSize)} leaves, root ${head.rootHash} (matches the in-memory tree)`);
  } finally {
    conn.release();
  }
}

if ((await sequencedSize(sql)) !== N) await synthesise();
const [sizeRow] = await sql<{ table_bytes: string }[]>`
  select pg_size_pretty(pg_total_relation_size('ledger.leaf') + pg_total_relation_size('ledger.node')) as table_bytes`;
console.log(`log of ${fmt(N)} leaves; ledger.leaf + ledger.node on disk: ${sizeRow!.table_bytes}`);

const rnd = (n: number) => Math.floor(Math.random() * n);
const root = await storedRoot(sql, N);

async function measure(label: string, fn: (k: number) => Promise<void>): Promise<number> {
  for (let k = 0; k < 50; k++) await fn(k); // warm-up
  const times: number[] = [];
  for (let k = 0; k < PROOFS; k++) {
    const t0 = performance.now();
    await fn(k);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  console.log(
    `  ${label.padEnd(52)} median ${fmt(median, 3)} ms  p99 ${fmt(percentile(times, 99), 3)} ms  (${fmt(PROOFS)} runs)`,
  );
  return median;
}

console.log(`timings (one connection, each fetched from PostgreSQL and checked by the verifier):`);
const lookup = await measure("baseline: one leaf by position (point lookup)", async () => {
  await sql`select leaf_hash from ledger.leaf where leaf_index = ${rnd(N)}`;
});
const incl = await measure(`inclusion proof, random leaf, tree of ${fmt(N)}`, async () => {
  const i = rnd(N);
  const p = await inclusionProof(sql, i, N);
  const [leaf] = await sql<{ leaf_hash: Buffer }[]>`select leaf_hash from ledger.leaf where leaf_index = ${i}`;
  const ok = verifyInclusion(
    SM3_TREE,
    i,
    N,
    leaf!.leaf_hash,
    p.path.map((h) => Buffer.from(h, "hex")),
    root,
  );
  if (!ok) throw new Error(`inclusion proof for ${i} does not verify`);
});
const rootTime = await measure("root of a random tree size (for an old head)", async () => {
  await storedRoot(sql, 1 + rnd(N));
});
const cons = await measure(`consistency proof, random size → ${fmt(N)}`, async () => {
  const m = 1 + rnd(N - 1);
  const [p, r1] = await Promise.all([consistencyProof(sql, m, N), storedRoot(sql, m)]);
  const ok = verifyConsistency(
    SM3_TREE,
    m,
    N,
    p.path.map((h) => Buffer.from(h, "hex")),
    r1,
    root,
  );
  if (!ok) throw new Error(`consistency proof ${m} → ${N} does not verify`);
});
console.log(
  `  ratio to the point lookup: inclusion ${fmt(incl / lookup, 1)}x (incl. the leaf lookup), consistency ${fmt(cons / lookup, 1)}x (incl. the old root), root ${fmt(rootTime / lookup, 1)}x`,
);
await db.close();
