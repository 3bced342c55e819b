/**
 * `verify` against an attacker with database access: each attack below is done directly in
 * PostgreSQL as a superuser who switches the guards off (session_replication_role =
 * replica), inside a transaction the test rolls back, and the audit must name exactly what
 * was done — each edited, deleted, inserted or reordered record by table and id — and
 * nothing else. The log is small but crosses chunk boundaries (chunks of 7 rows).
 */
import type { TransactionSql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../src/clock";
import { type AuditKeys, auditLedger, describeFinding, type Finding, verifyLedger } from "../src/ledger/audit";
import { checkpoint } from "../src/ledger/heads";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { check, cylinder, fill, inspection, registration, seedUnits, testKeys } from "./support/ledger-fixtures";

let t: TestDatabase;
const keys = testKeys();
const auditKeys: AuditKeys = { publicKeys: keys.publicKeys, sealKey: keys.sealKey };
const fills: number[] = [];
const checks: number[] = [];
let cyl = 0;
let reg = 0;
let firstHead = 0;
let lastHead = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  const u = await seedUnits(t.sql);
  for (let i = 0; i < 10; i++) {
    await t.sql.begin(async (tx) => {
      checks.push(await check(tx, "before_fill_check", u.filling, `AUD-${i}`));
      fills.push(await fill(tx, u.filling, `AUD-${i}`, (14 + i / 10).toFixed(2)));
      await check(tx, "after_fill_check", u.filling, `AUD-${i}`);
    });
    if (i === 4) firstHead = (await checkpoint(t.sql, keys, systemClock, { batchSize: 4 })).head.treeSize;
  }
  await t.sql.begin(async (tx) => {
    await inspection(tx, u.station, "AUD-1");
    reg = await registration(tx, u.filling, ["AUD-1", "AUD-2"]);
    cyl = await cylinder(tx, u.filling, "AUD-1");
  });
  await t.sql.begin(async (tx) => {
    await tx`update registry.cylinder set state = 2 where id = ${cyl}`;
    const { appendLeaves } = await import("../src/ledger/append");
    await appendLeaves(tx, [{ table: "registry.cylinder", id: cyl }]);
  });
  lastHead = (await checkpoint(t.sql, keys, systemClock, { batchSize: 4 })).head.treeSize;
});
afterAll(() => t.drop());

// biome-ignore lint/suspicious/noExplicitAny: postgres.js transaction
type Tx = TransactionSql<any>;
const ROLLBACK = new Error("rollback");

/** Does `attack` as a superuser with the guards off, audits, and rolls everything back. */
async function afterAttack(attack: (tx: Tx) => Promise<unknown>): Promise<Finding[]> {
  let findings: Finding[] = [];
  await t.sql
    .begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await attack(tx);
      await tx`set local session_replication_role = origin`;
      findings = (await auditLedger(tx, auditKeys, { chunkSize: 7 })).findings;
      throw ROLLBACK;
    })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  return findings;
}

async function leafIndexOf(table: string, id: number, version = 1): Promise<number> {
  const [schema, name] = table.split(".");
  const [r] = await t.sql<{ leaf_index: number }[]>`
    select leaf_index from ledger.leaf
    where record_schema = ${schema!} and record_table = ${name!} and record_id = ${id} and record_version = ${version}`;
  return r!.leaf_index;
}

/** Heads whose trees hold position i: their roots no longer match. */
const headsOver = (i: number): Finding[] =>
  [firstHead, lastHead].filter((s) => s > i).map((treeSize) => ({ kind: "head-root", treeSize }));

const sorted = (f: Finding[]) => [...f].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("verify", () => {
  it("passes an untouched log, reporting progress over every leaf and record", async () => {
    const progress: string[] = [];
    const report = await verifyLedger(t.sql, auditKeys, {
      chunkSize: 7,
      onProgress: (p) => progress.push(p.phase),
    });
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.treeSize).toBe(lastHead);
    expect(report.heads).toBe(2);
    expect(report.records["trace.fill_record"]).toBe(10);
    expect(new Set(progress)).toEqual(new Set(["heads", "tree", "records"]));
  });

  it("names a fill whose net weight was edited", async () => {
    const f = await afterAttack((tx) => tx`update trace.fill_record set net_weight = 9.99 where id = ${fills[2]!}`);
    expect(f).toEqual([
      {
        kind: "edited",
        table: "trace.fill_record",
        id: fills[2],
        version: 1,
        leafIndex: await leafIndexOf("trace.fill_record", fills[2]!),
      },
    ]);
    expect(describeFinding(f[0]!)).toContain(`trace.fill_record #${fills[2]}`);
  });

  it("names a deleted check", async () => {
    const f = await afterAttack((tx) => tx`delete from trace.before_fill_check where id = ${checks[3]!}`);
    expect(f).toEqual([
      {
        kind: "deleted",
        table: "trace.before_fill_check",
        id: checks[3],
        version: 1,
        leafIndex: await leafIndexOf("trace.before_fill_check", checks[3]!),
      },
    ]);
  });

  it("names a row inserted without a leaf", async () => {
    let id = 0;
    const f = await afterAttack(async (tx) => {
      const [r] = await tx<{ id: number }[]>`
        insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight, begin_at,
          end_at, prefecture_code)
        select unit_id, 999999, 'FORGED', idle_weight, gross_weight, net_weight, begin_at, end_at, prefecture_code
        from trace.fill_record where id = ${fills[0]!} returning id`;
      id = r!.id;
    });
    expect(f).toEqual([{ kind: "inserted", table: "trace.fill_record", id }]);
  });

  it("names two leaves whose positions were swapped", async () => {
    const a = await leafIndexOf("trace.fill_record", fills[0]!);
    const b = await leafIndexOf("trace.fill_record", fills[7]!);
    const f = await afterAttack(async (tx) => {
      await tx`update ledger.leaf set leaf_index = -1 where leaf_index = ${a}`;
      await tx`update ledger.leaf set leaf_index = ${a} where leaf_index = ${b}`;
      await tx`update ledger.leaf set leaf_index = ${b} where leaf_index = -1`;
    });
    expect(sorted(f)).toEqual(
      sorted([
        { kind: "reordered", table: "trace.fill_record", id: fills[0]!, version: 1, leafIndex: b, sealedAt: a },
        { kind: "reordered", table: "trace.fill_record", id: fills[7]!, version: 1, leafIndex: a, sealedAt: b },
        ...headsOver(a),
      ]),
    );
  });

  it("names two leaves whose contents were swapped between positions (relabelled)", async () => {
    const a = await leafIndexOf("trace.fill_record", fills[1]!);
    const b = await leafIndexOf("trace.before_fill_check", checks[8]!);
    const f = await afterAttack(async (tx) => {
      const rows = await tx<{ leaf_index: number; record_table: string; record_id: number; leaf_hash: Buffer }[]>`
        select leaf_index, record_table, record_id, leaf_hash from ledger.leaf where leaf_index in (${a}, ${b})`;
      const [ra, rb] = [rows.find((r) => r.leaf_index === a)!, rows.find((r) => r.leaf_index === b)!];
      await tx`update ledger.leaf set record_id = -1 where leaf_index = ${a}`;
      for (const [at, o] of [
        [b, ra],
        [a, rb],
      ] as const) {
        await tx`update ledger.leaf set record_table = ${o.record_table}, record_id = ${o.record_id},
                 leaf_hash = ${o.leaf_hash} where leaf_index = ${at}`;
      }
    });
    expect(sorted(f)).toEqual(
      sorted([
        { kind: "reordered", table: "trace.before_fill_check", id: checks[8]!, version: 1, leafIndex: a, sealedAt: b },
        { kind: "reordered", table: "trace.fill_record", id: fills[1]!, version: 1, leafIndex: b, sealedAt: a },
        ...headsOver(a),
      ]),
    );
  });

  it("names two records whose contents were swapped", async () => {
    const f = await afterAttack(
      (tx) => tx`
        update trace.fill_record r set net_weight = o.net_weight, barcode = o.barcode
        from trace.fill_record o where (r.id, o.id) in ((${fills[4]!}, ${fills[5]!}), (${fills[5]!}, ${fills[4]!}))`,
    );
    expect(sorted(f)).toEqual(
      sorted(
        await Promise.all(
          [fills[4]!, fills[5]!].map(async (id) => ({
            kind: "edited" as const,
            table: "trace.fill_record",
            id,
            version: 1,
            leafIndex: await leafIndexOf("trace.fill_record", id),
          })),
        ),
      ),
    );
  });

  it("names a record rewritten together with its leaf hash (the seal gives it away)", async () => {
    const i = await leafIndexOf("trace.fill_record", fills[6]!);
    const f = await afterAttack(async (tx) => {
      await tx`update trace.fill_record set net_weight = 1.00 where id = ${fills[6]!}`;
      // the attacker recomputes the leaf hash of the edited row, as verify would
      const { canonicalSelectList, canonicalText } = await import("../src/ledger/canonical");
      const { ledgeredTable } = await import("../src/ledger/tables");
      const { leafHashOf } = await import("../src/ledger/verifier");
      const spec = ledgeredTable("trace.fill_record");
      const [row] = await tx.unsafe(`select ${canonicalSelectList(spec)} from trace.fill_record r where r.id = $1`, [
        fills[6]!,
      ]);
      const hash = Buffer.from(leafHashOf(canonicalText(spec, 1, row as never)));
      await tx`update ledger.leaf set leaf_hash = ${hash} where leaf_index = ${i}`;
    });
    expect(sorted(f)).toEqual(
      sorted([
        { kind: "leaf-rewritten", table: "trace.fill_record", id: fills[6]!, version: 1, leafIndex: i },
        ...headsOver(i),
      ]),
    );
  });

  it("names a deleted leaf and its record, and the heads over it", async () => {
    const i = await leafIndexOf("trace.fill_record", fills[3]!);
    const f = await afterAttack(async (tx) => {
      await tx`delete from trace.fill_record where id = ${fills[3]!}`;
      await tx`delete from ledger.leaf where leaf_index = ${i}`;
    });
    expect(sorted(f)).toEqual(sorted([{ kind: "missing-leaf", leafIndex: i }, ...headsOver(i)]));
  });

  it("names leaves cut from the end of the log", async () => {
    const f = await afterAttack(async (tx) => {
      const gone = await tx<{ record_schema: string; record_table: string; record_id: number }[]>`
        delete from ledger.leaf where leaf_index >= ${lastHead - 2} returning record_schema, record_table, record_id`;
      for (const g of gone)
        await tx`delete from ${tx(g.record_schema)}.${tx(g.record_table)} where id = ${g.record_id}`;
      await tx`delete from ledger.node where end_index > ${lastHead - 2}`;
    });
    expect(f).toEqual([{ kind: "head-beyond-log", treeSize: lastHead, logSize: lastHead - 2 }]);
  });

  it("names a mutable record edited without a new version, and an edited earlier version", async () => {
    const v1 = await leafIndexOf("registry.cylinder", cyl, 1);
    const v2 = await leafIndexOf("registry.cylinder", cyl, 2);
    const f = await afterAttack(async (tx) => {
      await tx`update registry.cylinder set next_date = '2035-01-01' where id = ${cyl}`;
      await tx`update ledger.leaf set content = replace(content, '"2027-04-01"', '"2030-04-01"')
               where record_table = 'cylinder' and record_id = ${cyl} and record_version = 1`;
    });
    expect(sorted(f)).toEqual(
      sorted([
        { kind: "edited", table: "registry.cylinder", id: cyl, version: 1, leafIndex: v1 },
        { kind: "edited", table: "registry.cylinder", id: cyl, version: 2, leafIndex: v2 },
      ]),
    );
  });

  it("names a registration whose items were changed", async () => {
    const f = await afterAttack(
      (tx) => tx`delete from registry.registration_item where registration_id = ${reg} and barcode = 'AUD-2'`,
    );
    expect(f).toEqual([
      {
        kind: "edited",
        table: "registry.registration",
        id: reg,
        version: 1,
        leafIndex: await leafIndexOf("registry.registration", reg),
      },
    ]);
  });

  it("names a forged head, a corrupted stored subtree and a leaf for an unknown table", async () => {
    const f = await afterAttack(async (tx) => {
      await tx`update ledger.tree_head set root_hash = ${Buffer.alloc(32, 7)} where tree_size = ${firstHead}`;
      await tx`update ledger.node set hash = ${Buffer.alloc(32, 9)} where end_index = 4 and level = 2`;
      await tx`insert into ledger.leaf (record_schema, record_table, record_id, leaf_hash)
               values ('trace', 'alarm', 1, ${Buffer.alloc(32)})`;
    });
    expect(sorted(f)).toEqual(
      sorted([
        { kind: "head-signature", treeSize: firstHead, reason: "树头签名无效 bad head signature" },
        { kind: "head-root", treeSize: firstHead },
        { kind: "node", level: 2, endIndex: 4, detail: "hash differs" },
        { kind: "unknown-table", table: "trace.alarm", id: 1, leafIndex: null },
      ]),
    );
  });

  it("trusts only the keys it is given", async () => {
    const other = testKeys();
    const report = await verifyLedger(t.sql, { publicKeys: other.publicKeys, sealKey: keys.sealKey });
    expect(report.findings.map((f) => f.kind)).toEqual(["head-signature", "head-signature"]);
    const wrongSeal = await verifyLedger(t.sql, { publicKeys: keys.publicKeys, sealKey: other.sealKey });
    expect(wrongSeal.ok).toBe(false);
  });
});
