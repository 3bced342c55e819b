import type { Sql } from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/client";
import { systemClock } from "../src/clock";
import { checkpoint, recordProof, verifyRecordInclusion } from "../src/ledger/index";
import { migrate } from "../src/migrate";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { fill, seedUnits, testKeys } from "./support/ledger-fixtures";

async function shape(sql: Sql) {
  const tables = await sql<{ name: string }[]>`
    select table_schema || '.' || table_name as name from information_schema.tables
    where table_schema in ('registry', 'trace', 'prefecture', 'ledger') order by 1`;
  const constraints = await sql<{ n: number }[]>`
    select count(*)::int as n from information_schema.table_constraints
    where table_schema in ('registry', 'trace', 'prefecture', 'ledger')`;
  return { tables: tables.map((t) => t.name), constraints: constraints[0]!.n };
}

describe("migrations", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup) await c();
  });

  it("apply cleanly to a fresh real PostgreSQL database, twice without change", async () => {
    const db: TestDatabase = await createTestDatabase({ migrate: false });
    cleanup.push(() => db.drop());
    await migrate(db);
    const first = await shape(db.sql);
    await migrate(db);
    expect(await shape(db.sql)).toEqual(first);
    expect(first.tables).toEqual(
      expect.arrayContaining([
        "registry.cylinder",
        "registry.cylinder_permit_v1",
        "registry.registration_item",
        "trace.fill_record",
        "trace.before_fill_check",
        "trace.after_fill_check",
        "trace.inspection_result",
        "trace.reconciliation",
        "trace.alarm",
        "prefecture.sync_state",
        "ledger.leaf",
        "ledger.tree_head",
      ]),
    );
  });

  it("apply to embedded PGlite with the same result as PostgreSQL", async () => {
    const pg = await createTestDatabase();
    cleanup.push(() => pg.drop());
    const lite = await openDatabase({ dataDir: ":memory:" });
    cleanup.push(() => lite.close());
    expect(lite.engine).toBe("pglite");
    await migrate(lite);
    await migrate(lite);
    expect(await shape(lite.sql)).toEqual(await shape(pg.sql));

    // the ledger (triggers, roles, sequencer lock) works on the embedded engine of `npm start`
    const keys = testKeys();
    const u = await seedUnits(lite.sql);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await lite.sql.begin((tx) => fill(tx, u.filling, `LITE-${i}`)));
    const { head } = await checkpoint(lite.sql, keys, systemClock);
    expect(head.treeSize).toBe(5);
    const p = await recordProof(lite.sql, { table: "trace.fill_record", id: ids[3]! });
    expect(verifyRecordInclusion(p.head, p.canonical, p.proof, keys.publicKey)).toEqual({ ok: true });
    await expect(lite.sql`update trace.fill_record set net_weight = 1`).rejects.toThrow("防篡改");
  });
});
