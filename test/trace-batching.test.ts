/**
 * No N+1: through the real gateway, 10 or 100 cylinders with their last fills, checks,
 * inspection results, alarms, permit and public projection cost the same number of SQL
 * statements (counted on the platform's postgres.js client), and so do orders with their
 * cylinders.
 */
import { addYears } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "./support/platform";
import { chinaDay, countStatements, loginAll, ok, type RoleName } from "./support/trace";

let t: TestPlatform;
let tickets: Record<RoleName, string>;
const N = 100;
const barcodes = Array.from({ length: N }, (_, i) => `NB${String(i).padStart(4, "0")}`);

beforeAll(async () => {
  t = await startTestPlatform();
  tickets = await loginAll(t);
  const km = t.world.units.kmFilling;
  const station = t.world.units.station;
  // business times on the platform's clock, not the database's
  const now = t.clock.now().toISOString();
  const yesterday = chinaDay(t.clock, -1);
  await t.database.db.execute(sql`
    insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium, next_date, fill_weight)
    select 'NB' || lpad(i::text, 4, '0'), 'generic', ${km}, '530100', '液化石油气', ${t.world.dates.nextDate}::date, 14.5
    from generate_series(0, ${N - 1}) i`);
  await t.database.db.execute(sql`
    insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight, begin_at, end_at, prefecture_code)
    select ${km}, 100000 + i * 10 + k, 'NB' || lpad(i::text, 4, '0'), 16, 29, 13,
      ${now}::timestamptz - (k || ' hours')::interval - interval '2 minutes', ${now}::timestamptz - (k || ' hours')::interval, '530100'
    from generate_series(0, ${N - 1}) i, generate_series(1, 7) k`);
  for (const table of ["before_fill_check", "after_fill_check"]) {
    await t.database.db.execute(sql`
      insert into ${sql.raw(`trace.${table}`)} (unit_id, third_id, barcode, state, checked_at, prefecture_code)
      select ${km}, 100000 + i * 10 + k, 'NB' || lpad(i::text, 4, '0'), 0, ${now}::timestamptz - (k || ' hours')::interval, '530100'
      from generate_series(0, ${N - 1}) i, generate_series(1, 6) k`);
  }
  await t.database.db.execute(sql`
    insert into trace.inspection_result (barcode, station_unit_id, third_id, conclusion, report_date, next_date, prefecture_code)
    select 'NB' || lpad(i::text, 4, '0'), ${station}, 100000 + i, 0, ${yesterday}::date, ${addYears(yesterday, 4)}::date, '530100'
    from generate_series(0, ${N - 1}) i`);
  await t.database.db.execute(sql`
    insert into trace.alarm (type, barcode, unit_id, prefecture_code, record_kind, record_id, message)
    select 'overfill', 'NB' || lpad(i::text, 4, '0'), ${km}, '530100', 'fill_record', 900000 + i * 10 + k, '超装'
    from generate_series(0, ${N - 1}) i, generate_series(1, 6) k`);
  await t.database.db.execute(sql`
    with o as (
      insert into trace.inspection_order (unit_id, third_id, station_unit_id, prefecture_code)
      select ${km}, 100000 + i, ${station}, '530100' from generate_series(0, 39) i returning id)
    insert into trace.inspection_order_item (order_id, barcode, seq_no)
    select o.id, 'NB' || lpad(k::text, 4, '0'), k from o, generate_series(1, 3) k`);
});
afterAll(() => t?.stop());

const CYLINDERS = `query($b: [String!]!, $u: Int) { cylinders(barcodes: $b) { barcode
  fills(first: 5) { nodes { id netWeight unit { id } } pageInfo { hasNextPage } }
  lastFill { id }
  beforeFillChecks(first: 5) { nodes { id state } }
  afterFillChecks(first: 5) { nodes { id } }
  inspectionResults(first: 5) { nodes { id nextDate } }
  alarms(first: 5) { nodes { id type } }
  fillPermit(unitId: $u) { permitted }
  publicTrace { lastInspection { reportDate } lastFills { filledOn } }
} }`;

interface Cyl {
  barcode: string;
  fills: { nodes: unknown[]; pageInfo: { hasNextPage: boolean } };
  beforeFillChecks: { nodes: unknown[] };
  alarms: { nodes: unknown[] };
  fillPermit: { permitted: boolean };
  publicTrace: { lastFills: unknown[] };
}

describe("batching across cylinders", () => {
  async function run(n: number): Promise<string[]> {
    return countStatements(t, async () => {
      const r = await ok<{ cylinders: Cyl[] }>(
        t,
        CYLINDERS,
        { b: barcodes.slice(0, n), u: t.world.units.kmFilling },
        tickets.province,
      );
      expect(r.cylinders).toHaveLength(n);
      for (const c of r.cylinders) {
        expect(c.fills.nodes).toHaveLength(5);
        expect(c.fills.pageInfo.hasNextPage).toBe(true);
        expect(c.beforeFillChecks.nodes).toHaveLength(5);
        expect(c.alarms.nodes).toHaveLength(5);
        expect(c.fillPermit.permitted).toBe(true);
        expect(c.publicTrace.lastFills).toHaveLength(5);
      }
    });
  }

  it("costs the same number of SQL statements for 10 and for 100 cylinders", async () => {
    const ten = await run(10);
    const hundred = await run(100);
    expect(hundred.length).toBe(ten.length);
    // registry 1; fills page and lastFill 2; before/after checks 2; results 1; alarms 1;
    // permit 1; public projection (last inspection, last fills) 2
    expect(hundred.length).toBe(10);
  });

  it("costs the same for 4 or 40 inspection orders with their cylinders", async () => {
    const count = (n: number) =>
      countStatements(t, async () => {
        const r = await ok<{ inspectionOrders: { nodes: { itemCount: number; items: { barcode: string }[] }[] } }>(
          t,
          `query($n: Int) { inspectionOrders(first: $n) { nodes { id itemCount items { barcode seqNo } } } }`,
          { n },
          tickets.station,
        );
        expect(r.inspectionOrders.nodes).toHaveLength(n);
        expect(r.inspectionOrders.nodes.every((o) => o.itemCount === 3)).toBe(true);
      });
    expect((await count(40)).length).toBe((await count(4)).length);
  });
});
