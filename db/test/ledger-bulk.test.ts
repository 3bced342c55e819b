/**
 * appendLeavesBulk against real PostgreSQL: the same leaves appendLeaves computes (COPY text
 * escapes of awkward values decoded back exactly), idempotent, and clean under verify.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../src/clock";
import { appendLeaves } from "../src/ledger/append";
import { verifyLedger } from "../src/ledger/audit";
import { appendLeavesBulk } from "../src/ledger/bulk";
import { canonicalSelectList, canonicalText, tableRef } from "../src/ledger/canonical";
import { toHex } from "../src/ledger/executor";
import { checkpoint } from "../src/ledger/heads";
import { LEDGERED_TABLES } from "../src/ledger/tables";
import { leafHashOf } from "../src/ledger/verifier";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { seedUnits, testKeys } from "./support/ledger-fixtures";

let t: TestDatabase;
let units: { filling: number; station: number };

beforeAll(async () => {
  t = await createTestDatabase();
  units = await seedUnits(t.sql);
});
afterAll(() => t.drop());

/** Values COPY text escapes (tab, newline, CR, backslash), control characters, quotes, CJK. */
const AWKWARD = ["TAB\tNL\nCR\rBS\\END", 'Q"\\N\\\\x41\u0001\u007f', "中文 é 🚒", "\\.", ""];

describe("appendLeavesBulk", () => {
  it("appends the leaves appendLeaves would, once, and verify finds nothing", async () => {
    let third = 5000;
    for (const s of AWKWARD) {
      await t.sql`insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight,
          begin_at, end_at, machine, filler_name, prefecture_code)
        values (${units.filling}, ${third++}, ${`B-${s}`}, 15.20, 29.70, 14.50,
          '2021-07-01T08:00:00.123456+08:00', '2021-07-01T08:03:10+08:00', null, ${s}, '530100')`;
      await t.sql`insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium, next_date,
          fill_weight, identity_no_masked)
        values (${`C-${third}`}, 'generic', ${units.filling}, '530100', '液化石油气', '2027-04-01', 14.50, ${s})`;
      const [r] = await t.sql<{ id: number }[]>`
        insert into registry.registration (unit_id, third_id, apply_kind, style, medium, product_date,
          discard_date, next_date)
        values (${units.filling}, ${third++}, 'new', ${s}, '液化石油气', '2021-01-05', '2029-01-05', '2025-01-05')
        returning id`;
      await t.sql`insert into registry.registration_item (registration_id, barcode, printno)
        values (${r!.id}, ${`I-${third}`}, ${s}), (${r!.id}, ${`J-${third}`}, null)`;
    }
    const progress: number[] = [];
    expect(await appendLeavesBulk(t.sql, (n) => progress.push(n))).toBe(3 * AWKWARD.length);
    expect(progress.at(-1)).toBe(3 * AWKWARD.length);

    // the reference: appendLeaves' own reading (postgres.js rows) and serialisation
    for (const spec of LEDGERED_TABLES) {
      const rows = await t.sql.unsafe(`SELECT ${canonicalSelectList(spec)} FROM ${tableRef(spec)} r ORDER BY r.id`);
      const leaves = await t.sql<{ record_id: string; record_version: number; hash: string; content: string | null }[]>`
        select record_id::text, record_version, encode(leaf_hash, 'hex') as hash, content from ledger.leaf
        where record_schema = ${spec.schema} and record_table = ${spec.table} order by id`;
      expect(leaves.map((l) => l.record_id)).toEqual(rows.map((r) => r.id));
      rows.forEach((row, i) => {
        const canonical = canonicalText(spec, 1, row as never);
        expect(leaves[i]).toEqual({
          record_id: row.id,
          record_version: 1,
          hash: toHex(leafHashOf(canonical)),
          content: spec.versioned ? canonical : null,
        });
      });
    }

    // covered: neither path adds a second leaf
    expect(await appendLeavesBulk(t.sql)).toBe(0);
    const all = await t.sql<{ t: string; id: number }[]>`
      select record_schema || '.' || record_table as t, record_id::int as id from ledger.leaf`;
    expect(
      await appendLeaves(
        t.sql,
        all.map((l) => ({ table: l.t as never, id: l.id })),
      ),
    ).toBe(0);

    const keys = testKeys();
    await checkpoint(t.sql, keys, systemClock);
    const report = await verifyLedger(t.sql, keys);
    expect(report.findings).toEqual([]);
  });
});
