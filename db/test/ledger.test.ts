/**
 * The ledger against real PostgreSQL: leaves appended in the writer's transaction, the
 * sequencer, signed heads, proofs read from the stored tree and checked by the client-side
 * verifier, the canonical form's independence of session settings and driver, and the
 * database refusing changes to the ledger and to the records it covers.
 */
import { sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../src/clock";
import { appendLeaves, canonicalReturning } from "../src/ledger/append";
import { checkpoint, listTreeHeads, signTreeHead } from "../src/ledger/heads";
import { consistencyProof, inclusionProof, recordProof } from "../src/ledger/proofs";
import { sequenceBatch, sequenceLeaves } from "../src/ledger/sequencer";
import { sequencedSize } from "../src/ledger/store";
import { verifyHeadConsistency, verifyRecordInclusion, verifyTreeHead } from "../src/ledger/verifier";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { check, cylinder, fill, inspection, registration, seedUnits, testKeys } from "./support/ledger-fixtures";

let t: TestDatabase;
let units: { filling: number; station: number };
const keys = testKeys();

beforeAll(async () => {
  t = await createTestDatabase();
  units = await seedUnits(t.sql);
});
afterAll(() => t.drop());

const pgCode = (e: unknown) =>
  (e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code;

async function refused(p: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return pgCode(e) ?? String(e);
  }
  return undefined;
}

const leafCount = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from ledger.leaf`)[0]!.n;

describe("appending leaves", () => {
  it("happens in the writer's transaction: a rollback leaves neither record nor leaf", async () => {
    const before = await leafCount();
    await expect(
      t.sql.begin(async (tx) => {
        await fill(tx, units.filling, "ROLLBACK-1");
        throw new Error("upload refused later in the batch");
      }),
    ).rejects.toThrow("refused later");
    expect(await leafCount()).toBe(before);
    expect((await t.sql`select 1 from trace.fill_record where barcode = 'ROLLBACK-1'`).length).toBe(0);
  });

  it("is idempotent; a changed mutable record gets a new version with its serialisation kept", async () => {
    const id = await t.sql.begin((tx) => fill(tx, units.filling, "IDEM-1"));
    expect(await appendLeaves(t.sql, [{ table: "trace.fill_record", id }])).toBe(0);

    const cyl = await t.sql.begin((tx) => cylinder(tx, units.filling, "IDEM-CYL"));
    expect(await appendLeaves(t.sql, [{ table: "registry.cylinder", id: cyl }])).toBe(0);
    const changed = await t.sql.begin(async (tx) => {
      await tx`update registry.cylinder set state = 3, next_date = '2031-04-01' where id = ${cyl}`;
      return appendLeaves(tx, [{ table: "registry.cylinder", id: cyl }]);
    });
    expect(changed).toBe(1);
    const versions = await t.sql<{ record_version: number; content: string }[]>`
      select record_version, content from ledger.leaf
      where record_schema = 'registry' and record_table = 'cylinder' and record_id = ${cyl} order by 1`;
    expect(versions.map((v) => JSON.parse(v.content).row.state)).toEqual(["1", "3"]);
  });

  it("takes the canonical rows from the writer's INSERT … RETURNING, with the same leaves", async () => {
    const rows = await t.sql.begin(async (tx) => {
      const inserted = await tx.unsafe(
        `insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight, begin_at,
           end_at, prefecture_code)
         values ($1, 880001, 'RET-1', 15.2, 29.7, 14.5, now(), now(), '530100'),
                ($1, 880002, 'RET-2', 15.2, 30.1, 14.9, now(), now(), '530100')
         returning ${canonicalReturning("trace.fill_record")}`,
        [units.filling],
      );
      expect(
        await appendLeaves(
          tx,
          inserted.map((row) => ({ table: "trace.fill_record" as const, id: Number(row.id), row: row as never })),
        ),
      ).toBe(2);
      return inserted;
    });
    const stored = await t.sql<{ record_id: number; leaf_hash: Buffer }[]>`
      select record_id, leaf_hash from ledger.leaf
      where record_table = 'fill_record' and record_id in ${t.sql(rows.map((r) => Number(r.id)))}`;
    // the same hashes as reading the rows back would give
    const reread = await t.sql
      .begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`delete from ledger.leaf where record_id in ${tx(stored.map((r) => r.record_id))}
               and record_table = 'fill_record'`;
        await appendLeaves(
          tx,
          stored.map((r) => ({ table: "trace.fill_record" as const, id: r.record_id })),
        );
        const again = await tx<{ record_id: number; leaf_hash: Buffer }[]>`
        select record_id, leaf_hash from ledger.leaf
        where record_table = 'fill_record' and record_id in ${tx(stored.map((r) => r.record_id))}`;
        throw Object.assign(new Error("rollback"), { again });
      })
      .catch((e: { again: typeof stored }) => e.again);
    const key = (xs: typeof stored) => xs.map((x) => `${x.record_id}:${x.leaf_hash.toString("hex")}`).sort();
    expect(key(reread)).toEqual(key(stored));
  });

  it("refuses a record that does not exist", async () => {
    await expect(appendLeaves(t.sql, [{ table: "trace.fill_record", id: 987654321 }])).rejects.toThrow("987654321");
  });

  it("serialises the same whatever the session's TimeZone and DateStyle, through drizzle too", async () => {
    const db = t.db;
    const ids = await db.transaction(async (tx) => {
      await tx.execute(dsql`set local timezone = 'America/New_York'`);
      await tx.execute(dsql`set local datestyle = 'SQL, DMY'`);
      await tx.execute(dsql`set local extra_float_digits = 3`);
      const rows = (await tx.execute(dsql`
        insert into trace.inspection_result (barcode, station_unit_id, third_id, conclusion, report_date, next_date,
          prefecture_code, received_at)
        values ('DRIZZLE-1', ${units.station}, 777001, 0, '2021-07-02', '2025-07-02', '530100',
          '2021-07-02T10:00:00.5+08:00')
        returning id`)) as unknown as { id: number }[];
      await appendLeaves(tx, [{ table: "trace.inspection_result", id: rows[0]!.id }]);
      return rows.map((r) => r.id);
    });
    // recomputed in a default session, by another connection
    await t.sql.begin(async (tx) => {
      await checkpoint(t.sql, keys, systemClock);
      const p = await recordProof(tx, { table: "trace.inspection_result", id: ids[0]! });
      const row = JSON.parse(p.canonical).row;
      expect(row.report_date).toBe("2021-07-02");
      expect(row.received_at).toBe("2021-07-02T02:00:00.500000Z");
      expect(verifyRecordInclusion(p.head, p.canonical, p.proof, keys.publicKey)).toEqual({ ok: true });
    });
  });

  it("writes a documented, stable canonical form", async () => {
    const id = await t.sql.begin((tx) => fill(tx, units.filling, "GOLDEN-1", "14.5"));
    await checkpoint(t.sql, keys, systemClock);
    const p = await recordProof(t.sql, { table: "trace.fill_record", id });
    const created = JSON.parse(p.canonical).row.created_at as string;
    expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const received = JSON.parse(p.canonical).row.received_at as string;
    const thirdId = JSON.parse(p.canonical).row.third_id as string;
    expect(p.canonical).toBe(
      `{"format":1,"table":"trace.fill_record","id":"${id}","version":1,"row":{"unit_id":"${units.filling}",` +
        `"third_id":"${thirdId}","barcode":"GOLDEN-1","idle_weight":"15.20","gross_weight":"29.70","net_weight":"14.50",` +
        `"begin_at":"2021-07-01T00:00:00.123456Z","end_at":"2021-07-01T00:03:10.000000Z","machine":"3",` +
        `"scale_factory":null,"filler_name":"张三","prefecture_code":"530100","received_at":"${received}",` +
        `"source_prefecture_code":null,"source_id":null,"created_at":"${created}"}}`,
    );
  });
});

describe("sequencer, heads and proofs", () => {
  it("places leaves densely, signs heads, and serves proofs the client verifier accepts", async () => {
    await checkpoint(t.sql, keys, systemClock);
    const start = await sequencedSize(t.sql);
    const recs: { table: "trace.fill_record" | "trace.before_fill_check"; id: number }[] = [];
    const heads = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5 + round * 3; i++) {
        // several writers' transactions, committed in a different order than they began
        const [a, b] = await Promise.all([
          t.sql.begin((tx) => fill(tx, units.filling, `SEQ-${round}-${i}`)),
          t.sql.begin((tx) => check(tx, "before_fill_check", units.filling, `SEQ-${round}-${i}`)),
        ]);
        recs.push({ table: "trace.fill_record", id: a }, { table: "trace.before_fill_check", id: b });
      }
      await sequenceLeaves(t.sql, keys.sealKey, { batchSize: 7 });
      heads.push(await signTreeHead(t.sql, keys, Date.now()));
    }
    const positions = await t.sql<{ leaf_index: number }[]>`
      select leaf_index from ledger.leaf where leaf_index is not null order by leaf_index`;
    expect(positions.map((p) => p.leaf_index)).toEqual(positions.map((_, i) => i));
    expect(heads[heads.length - 1]!.treeSize).toBe(start + recs.length);

    for (const head of heads) expect(verifyTreeHead(head, keys.publicKey)).toEqual({ ok: true });
    // every record in the last head; the early ones in every head that holds them
    for (const r of recs) {
      const p = await recordProof(t.sql, r);
      expect(verifyRecordInclusion(p.head, p.canonical, p.proof, [keys.publicKey])).toEqual({ ok: true });
    }
    for (const head of heads) {
      const p = await recordProof(t.sql, recs[0]!, head.treeSize);
      expect(verifyRecordInclusion(head, p.canonical, p.proof, keys.publicKey)).toEqual({ ok: true });
    }
    for (const older of heads) {
      for (const newer of heads.filter((h) => h.treeSize >= older.treeSize)) {
        const proof = await consistencyProof(t.sql, older.treeSize, newer.treeSize);
        expect(verifyHeadConsistency(older, newer, proof, keys.publicKey)).toEqual({ ok: true });
      }
    }
    // one head per size: asking again returns the same head
    expect(await signTreeHead(t.sql, keys, Date.now())).toEqual(heads[heads.length - 1]);
    expect((await listTreeHeads(t.sql)).length).toBeGreaterThanOrEqual(heads.length);
  });

  it("covers every kind of ledgered record", async () => {
    const refs = await t.sql.begin(async (tx) => [
      { table: "trace.after_fill_check" as const, id: await check(tx, "after_fill_check", units.filling, "KIND-1") },
      { table: "trace.inspection_result" as const, id: await inspection(tx, units.station, "KIND-1") },
      { table: "registry.registration" as const, id: await registration(tx, units.filling, ["KIND-1", "KIND-2"]) },
    ]);
    await checkpoint(t.sql, keys, systemClock);
    for (const r of refs) {
      const p = await recordProof(t.sql, r);
      expect(verifyRecordInclusion(p.head, p.canonical, p.proof, keys.publicKey)).toEqual({ ok: true });
    }
    const reg = await recordProof(t.sql, refs[2]!);
    expect(JSON.parse(reg.canonical).row.items.map((i: { barcode: string }) => i.barcode)).toEqual([
      "KIND-1",
      "KIND-2",
    ]);
  });

  it("says what is not there yet", async () => {
    const id = await t.sql.begin((tx) => fill(tx, units.filling, "NOT-YET"));
    await expect(recordProof(t.sql, { table: "trace.fill_record", id })).rejects.toMatchObject({
      code: "LEDGER_NOT_SEQUENCED",
    });
    await expect(recordProof(t.sql, { table: "trace.fill_record", id: 987654321 })).rejects.toMatchObject({
      code: "LEDGER_UNKNOWN_RECORD",
    });
    const size = await sequencedSize(t.sql);
    await expect(inclusionProof(t.sql, 0, size + 1)).rejects.toMatchObject({ code: "LEDGER_SIZE_BEYOND_TREE" });
    await expect(consistencyProof(t.sql, size, size - 1)).rejects.toThrow();
    await checkpoint(t.sql, keys, systemClock);
  });
});

describe("the database refuses changes", () => {
  it("to the ledger and to immutable records, even for the owner", async () => {
    const fillId = await t.sql.begin((tx) => fill(tx, units.filling, "GUARD-1"));
    const checkId = await t.sql.begin((tx) => check(tx, "before_fill_check", units.filling, "GUARD-1"));
    const cyl = await t.sql.begin((tx) => cylinder(tx, units.filling, "GUARD-CYL"));
    await checkpoint(t.sql, keys, systemClock);
    const DENIED = "42501";
    expect(await refused(t.sql`update trace.fill_record set net_weight = 1 where id = ${fillId}`)).toBe(DENIED);
    expect(await refused(t.sql`delete from trace.before_fill_check where id = ${checkId}`)).toBe(DENIED);
    expect(await refused(t.sql`truncate trace.after_fill_check`)).toBe(DENIED);
    expect(await refused(t.sql`delete from registry.cylinder where id = ${cyl}`)).toBe(DENIED);
    expect(await refused(t.sql`update ledger.leaf set leaf_hash = '\\x00' where leaf_index = 0`)).toBe(DENIED);
    expect(await refused(t.sql`update ledger.leaf set leaf_index = leaf_index + 1000000 where leaf_index = 0`)).toBe(
      DENIED,
    );
    expect(await refused(t.sql`delete from ledger.leaf where leaf_index = 0`)).toBe(DENIED);
    expect(await refused(t.sql`delete from ledger.node`)).toBe(DENIED);
    expect(await refused(t.sql`update ledger.tree_head set signature = '00'`)).toBe(DENIED);
    expect(await refused(t.sql`truncate ledger.leaf cascade`)).toBe(DENIED);
    expect(
      await refused(t.sql`insert into ledger.leaf (leaf_index, record_schema, record_table, record_id, leaf_hash)
        values (99999999, 'trace', 'fill_record', 1, '\\x00')`),
    ).toBe(DENIED);
    // a mutable record may change (and the write path logs the new version)
    expect(await refused(t.sql`update registry.cylinder set state = 2 where id = ${cyl}`)).toBeUndefined();
    await appendLeaves(t.sql, [{ table: "registry.cylinder", id: cyl }]);
  });

  it("to the application role, which can neither change rows nor switch the guards off", async () => {
    const outcome = await t.sql
      .begin(async (tx) => {
        await tx`set local role cylinder_app`;
        // what the platform does works
        const id = await fill(tx, units.filling, "APP-ROLE-1");
        await sequenceBatch(tx, keys.sealKey);
        await signTreeHead(tx, keys, Date.now());
        await tx`savepoint s`;
        const attempts = [
          tx`update trace.fill_record set net_weight = 1 where id = ${id}`,
          tx`update ledger.leaf set leaf_hash = '\\x00' where record_id = ${id}`,
          tx`delete from ledger.tree_head`,
          tx`alter table trace.fill_record disable trigger append_only`,
          tx`set session_replication_role = replica`,
        ];
        const codes: (string | undefined)[] = [];
        for (const a of attempts) {
          codes.push(await refused(a));
          await tx`rollback to savepoint s`;
        }
        throw Object.assign(new Error("rollback"), { codes });
      })
      .catch((e: { codes?: string[] }) => e.codes);
    expect(outcome).toEqual(["42501", "42501", "42501", "42501", "42501"]);
  });
});
