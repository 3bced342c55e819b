/**
 * Benchmark: `verify` per million leaves, and SM3 throughput.
 *
 *   npx tsx test/bench/ledger-verify.ts [--records 1000000] [--rebuild]
 *
 * Builds (once; the database cyl_bench_ledger_verify_<n> is kept) a log of real fill
 * records: rows generated in SQL, leaves appended through appendLeaves in batches of
 * 5,000 ids (the read-back path), sequenced by the sequencer, one head signed — timing the
 * bulk append and the sequencer on the way. Then runs the full audit (verifyLedger: heads,
 * tree rebuild with seals and stored subtrees, every record recomputed) and, as the
 * same-run baseline, a pass that reads exactly the same rows in the same chunks without
 * hashing anything. Finally SM3 on Node's OpenSSL vs sm-crypto-v2 on the sizes the ledger
 * hashes, to show what SM3 costs in the audit.
 */
import { hmacSm3PortableHex, sm3, sm3Concat, sm3PortableHex, systemClock } from "@cylinder/db";
import { appendLeaves, checkpoint, ledgerKeysOf, SM3_TREE, verifyLedger } from "@cylinder/db/ledger";
import { canonicalSelectList } from "../../db/src/ledger/canonical";
import { sealOf } from "../../db/src/ledger/sequencer";
import { ledgeredTable } from "../../db/src/ledger/tables";
import { arg, benchDatabase, fmt, has, timed } from "./support";

const N = arg("--records", 1_000_000);
const { db } = await benchDatabase(`cyl_bench_ledger_verify_${N}`, has("--rebuild"));
const sql = db.sql;
// fixed keys, so a kept database verifies on the next run
const keys = ledgerKeysOf("3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8", "33".repeat(32));

const [have] = await sql<{ n: number }[]>`select count(*)::bigint as n from ledger.leaf`;
if (Number(have!.n) < N) {
  console.log(`building a log of ${fmt(N)} fill records …`);
  await sql`truncate ledger.leaf, ledger.node, ledger.tree_head, trace.fill_record restart identity cascade`.catch(
    async () => {
      const c = await sql.reserve();
      await c`set session_replication_role = replica`;
      await c`truncate ledger.leaf, ledger.node, ledger.tree_head, trace.fill_record restart identity cascade`;
      c.release();
    },
  );
  const [unit] = await sql<{ id: number }[]>`
    insert into registry.unit (kind, name, prefecture_code) values ('filling', '基准充装站', '530100') returning id`;
  const [, tRows] = await timed(async () => {
    for (let a = 0; a < N; a += 100_000) {
      await sql`
        insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight, begin_at,
          end_at, machine, filler_name, prefecture_code)
        select ${unit!.id}, g, 'B' || lpad(g::text, 10, '0'), 15.2, 15.2 + (g % 300) / 20.0, (g % 300) / 20.0,
          timestamptz '2021-07-01 08:00+08' + g * interval '1 second', timestamptz '2021-07-01 08:03+08' + g * interval '1 second',
          g % 8, '张三', '530100'
        from generate_series(${a + 1}::bigint, ${Math.min(N, a + 100_000)}::bigint) g`;
    }
  });
  console.log(`  ${fmt(N)} rows inserted (SQL) in ${fmt(tRows, 1)} s`);
  const [, tAppend] = await timed(async () => {
    for (let a = 1; a <= N; a += 5_000) {
      const ids = Array.from({ length: Math.min(5_000, N - a + 1) }, (_, k) => a + k);
      await sql.begin((tx) =>
        appendLeaves(
          tx,
          ids.map((id) => ({ table: "trace.fill_record" as const, id })),
        ),
      );
    }
  });
  console.log(`  appendLeaves (read-back path, batches of 5,000): ${fmt(N / tAppend)} leaves/s`);
  const [r, tSeq] = await timed(() => checkpoint(sql, keys, systemClock, { batchSize: 10_000 }));
  console.log(`  sequencer (+ one head): ${fmt(r.sequenced / tSeq)} leaves/s, tree size ${fmt(r.head.treeSize)}`);
  await sql`vacuum analyze ledger.leaf`;
  await sql`vacuum analyze ledger.node`;
  await sql`vacuum analyze trace.fill_record`;
}

// the same-run baseline: the same rows, the same chunks, no hashing
const spec = ledgeredTable("trace.fill_record");
const [, tRead] = await timed(() =>
  sql.begin("isolation level repeatable read read only", async (tx) => {
    const C = 20_000;
    for (let a = 0; a < N; a += C) {
      await tx`select leaf_index, record_schema, record_table, record_id, record_version, leaf_hash, seal
               from ledger.leaf where leaf_index >= ${a} and leaf_index < ${a + C} order by leaf_index`;
      await tx`select end_index, level, hash from ledger.node where end_index > ${a} and end_index <= ${a + C}
               order by end_index, level`;
    }
    let after = -1;
    for (;;) {
      const rows = await tx.unsafe(
        `select ${canonicalSelectList(spec)} from trace.fill_record r where r.id > $1 order by r.id limit $2`,
        [after, C],
      );
      const last = rows.length === C ? Number(rows[rows.length - 1]!.id) : null;
      await tx.unsafe(
        `select record_id, record_version, leaf_index, leaf_hash, content, format from ledger.leaf
         where record_schema = 'trace' and record_table = 'fill_record' and record_id > $1
           and ($2::bigint is null or record_id <= $2) order by record_id, record_version`,
        [after, last],
      );
      if (last === null) break;
      after = last;
    }
  }),
);

const report = await verifyLedger(sql, keys);
if (!report.ok) throw new Error(`verify found ${report.findings.length} findings on an untouched log`);
const perMillion = (report.seconds / report.treeSize) * 1e6;
console.log(`verify of ${fmt(report.treeSize)} leaves / ${fmt(report.records["trace.fill_record"] ?? 0)} records:`);
console.log(`  verify          ${fmt(report.seconds, 1)} s  = ${fmt(perMillion, 1)} s per million leaves`);
console.log(
  `  baseline read   ${fmt(tRead, 1)} s  (same rows and chunks, nothing hashed); verify/read = ${fmt(report.seconds / tRead, 2)}`,
);

// SM3: what the audit hashes per leaf
const canonical = Buffer.from(
  `{"format":1,"table":"trace.fill_record","id":"123456","version":1,"row":{"unit_id":"1","third_id":"123456","barcode":"B0000123456","idle_weight":"15.20","gross_weight":"29.70","net_weight":"14.50","begin_at":"2021-07-01T00:00:00.000000Z","end_at":"2021-07-01T00:03:00.000000Z","machine":"3","scale_factory":null,"filler_name":"张三","prefecture_code":"530100","received_at":"2021-07-01T00:05:00.123456Z","source_prefecture_code":null,"source_id":null,"created_at":"2021-07-01T00:05:00.123456Z"}}`,
);
const a = sm3("a");
const b = sm3("b");
function rate(fn: () => unknown, n: number): number {
  for (let i = 0; i < 1000; i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return n / ((performance.now() - t0) / 1000);
}
const nativeLeaf = rate(() => SM3_TREE.leaf(canonical), 200_000);
const nativeNode = rate(() => sm3Concat(Uint8Array.of(1), a, b), 200_000);
const seal = rate(
  () =>
    sealOf(keys.sealKey, 123456, {
      recordSchema: "trace",
      recordTable: "fill_record",
      recordId: 123456,
      recordVersion: 1,
      leafHash: a,
    }),
  200_000,
);
const portableLeaf = rate(() => sm3PortableHex(Buffer.concat([Uint8Array.of(0), canonical])), 20_000);
const portableNode = rate(() => sm3PortableHex(Buffer.concat([Uint8Array.of(1), a, b])), 20_000);
const sealMessage = `cylinder-ledger/seal/v1\n123456\ntrace.fill_record\n123456\n1\n${Buffer.from(a).toString("hex")}\n`;
const portableSeal = rate(() => hmacSm3PortableHex(keys.sealKey, sealMessage), 20_000);
console.log(`SM3 (one core): Node OpenSSL vs sm-crypto-v2`);
console.log(
  `  leaf of a ${canonical.length}-byte fill record  ${fmt(nativeLeaf)}/s vs ${fmt(portableLeaf)}/s (${fmt(nativeLeaf / portableLeaf, 1)}x)`,
);
console.log(
  `  node (65 bytes)                 ${fmt(nativeNode)}/s vs ${fmt(portableNode)}/s (${fmt(nativeNode / portableNode, 1)}x)`,
);
console.log(
  `  seal (HMAC-SM3)                 ${fmt(seal)}/s vs ${fmt(portableSeal)}/s (${fmt(seal / portableSeal, 1)}x)`,
);
const sm3PerMillion = 1e6 * (1 / nativeLeaf + 1 / nativeNode + 1 / seal);
const portablePerMillion = 1e6 * (1 / portableLeaf + 1 / portableNode + 1 / portableSeal);
console.log(
  `  SM3 work in verify: ~${fmt(sm3PerMillion, 1)} s per million leaves native (${fmt((100 * sm3PerMillion) / perMillion)} % of verify); ` +
    `sm-crypto-v2 alone would need ~${fmt(portablePerMillion, 1)} s`,
);
await db.close();
