/**
 * The demo generator: same seed and size give the same rows, and the rows hold the
 * invariants the rest of the platform relies on (a realistic mix, unique ThridIds, trace
 * rows that name known cylinders except the deliberate unknown ones, advanced sequences).
 */
import {
  ACCOUNT_ROLES,
  type Database,
  loadConfig,
  migrate,
  openDatabase,
  openPersonal,
  openSm4,
  systemClock,
  verifyPassword,
} from "@cylinder/db";
import { checkpoint, ledgerKeys, verifyLedger } from "@cylinder/db/ledger";
import { createTestDatabase, type TestDatabase } from "@cylinder/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoSummary, isDemoTarget, loadDemo } from "../src/demo/index";

const DATA_KEY = "00112233445566778899aabbccddeeff";
const REFERENCE_DATE = "2025-06-30";
const REFERENCE_START = "2025-06-29T16:00:00Z"; // midnight in China
const SIZE = 2000;
const options = { cylinders: SIZE, seed: 42, referenceDate: REFERENCE_DATE, dataKey: DATA_KEY };

/** Columns that are random by design (salts, IVs): compared by meaning instead. */
const RANDOM_COLUMNS = new Set([
  "registry.account.password_hash",
  "registry.account.sm4_key_enc",
  "registry.unit.contact_phone_enc",
  "registry.cylinder.identity_no_enc",
]);

const HASHED_TABLES = [
  "prefecture.prefecture",
  "registry.unit",
  "registry.account",
  "registry.registration",
  "registry.registration_item",
  "registry.cylinder",
  "registry.car_code_range",
  "registry.fill_permission",
  "trace.inspection_order",
  "trace.inspection_order_item",
  "trace.inspection_result",
  "trace.before_fill_check",
  "trace.fill_record",
  "trace.after_fill_check",
];

/** md5 of every table's rows in key order (timestamps as epoch seconds, so time zones do not matter). */
async function contentHashes(database: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of HASHED_TABLES) {
    const [schema, name] = table.split(".") as [string, string];
    const columns = await database.sql<{ column_name: string; data_type: string }[]>`
      select column_name, data_type from information_schema.columns
      where table_schema = ${schema} and table_name = ${name} order by ordinal_position`;
    const parts = columns
      .filter((c) => !RANDOM_COLUMNS.has(`${table}.${c.column_name}`))
      .map((c) =>
        c.data_type.startsWith("timestamp")
          ? `coalesce(extract(epoch from "${c.column_name}")::text, '~')`
          : `coalesce("${c.column_name}"::text, '~')`,
      );
    const key = columns[0]?.column_name as string;
    const [row] = await database.sql.unsafe<{ hash: string | null; n: number }[]>(
      `select md5(string_agg(concat_ws('|', ${parts.join(", ")}), E'\\n' order by "${key}")) as hash, count(*)::int as n from ${table}`,
    );
    out[table] = `${row?.n}:${row?.hash}`;
  }
  return out;
}

describe("demo generator on PostgreSQL", () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let summary: DemoSummary;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    [summary] = await Promise.all([loadDemo(a, options), loadDemo(b, options)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it("gives identical rows for the same seed and size", async () => {
    const [ha, hb] = await Promise.all([contentHashes(a), contentHashes(b)]);
    expect(ha).toEqual(hb);
    for (const table of HASHED_TABLES) expect(ha[table], table).not.toMatch(/^0:/);
    // the sealed ID numbers differ in their IVs, not in what they hold
    const sealed = async (d: Database) =>
      (
        await d.sql<{ e: string }[]>`select identity_no_enc as e from registry.cylinder where kind = 'car' order by id`
      ).map((r) => openPersonal(r.e, DATA_KEY));
    expect(await sealed(a)).toEqual(await sealed(b));
  });

  it("loads the requested number of cylinders and reports what it wrote", async () => {
    const [row] = await a.sql<{ n: number }[]>`select count(*)::int as n from registry.cylinder`;
    expect(row?.n).toBe(SIZE);
    expect(summary.rows["registry.cylinder"]).toBe(SIZE);
    for (const [table, n] of Object.entries(summary.rows)) {
      const [c] = await a.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
      expect(c?.n, table).toBe(n);
    }
  });

  it("makes every loaded record a leaf of the ledger: after a checkpoint, verify finds nothing", async () => {
    const keys = ledgerKeys(loadConfig({}));
    const { head, sequenced } = await checkpoint(a.sql, keys, systemClock);
    expect(sequenced).toBe(summary.rows["ledger.leaf"]);
    const report = await verifyLedger(a.sql, keys);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.treeSize).toBe(head.treeSize);
    const ledgered = Object.values(report.records).reduce((x, y) => x + y, 0);
    expect(ledgered).toBeGreaterThan(SIZE);
  });

  it("has the 16 prefectures, Kunming and Wenshan self-built, and every kind of unit", async () => {
    const rows = await a.sql<
      { code: string; mode: string }[]
    >`select code, mode from prefecture.prefecture order by code`;
    expect(rows).toHaveLength(16);
    expect(rows.filter((r) => r.mode === "self_built").map((r) => r.code)).toEqual(["530100", "532600"]);
    const kinds = await a.sql<{ kind: string; level: string | null; n: number }[]>`
      select kind, authority_level as level, count(*)::int as n from registry.unit group by 1, 2 order by 1, 2`;
    const count = (kind: string, level: string | null = null) =>
      kinds.find((k) => k.kind === kind && k.level === level)?.n ?? 0;
    expect(count("authority", "province")).toBe(1);
    expect(count("authority", "prefecture")).toBe(16);
    expect(count("authority", "county")).toBeGreaterThan(0);
    expect(count("filling")).toBeGreaterThan(100);
    expect(count("inspection")).toBeGreaterThanOrEqual(16);
    expect(count("manufacturer")).toBeGreaterThan(0);
    const [province] = await a.sql<{ code: string }[]>`
      select prefecture_code as code from registry.unit where authority_level = 'province'`;
    expect(province?.code).toBe("530000");
    const media = await a.sql<{ m: string }[]>`
      select distinct unnest(licensed_media) as m from registry.unit where kind = 'filling' order by 1`;
    expect(media.map((r) => r.m)).toEqual(expect.arrayContaining(["液化石油气", "压缩天然气", "液化天然气", "氧气"]));
  });

  it("has an account of every role whose demo password verifies", async () => {
    const rows = await a.sql<{ username: string; role: string; password_hash: string; sm4_key_enc: string }[]>`
      select username, role, password_hash, sm4_key_enc from registry.account order by id`;
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(Object.keys(ACCOUNT_ROLES)));
    for (const account of summary.accounts) {
      const row = rows.find((r) => r.username === account.username);
      expect(row, account.username).toBeDefined();
      expect(await verifyPassword(account.password, row?.password_hash ?? "")).toBe(true);
      expect(await verifyPassword(`${account.password}x`, row?.password_hash ?? "")).toBe(false);
      expect(openSm4(row?.sm4_key_enc ?? "", DATA_KEY)).toMatch(/^[0-9a-f]{32}$/);
    }
    const [kunming] = await a.sql<{ code: string }[]>`
      select prefecture_code as code from registry.account where username = 'reg_km'`;
    expect(kunming?.code).toBe("530100");
  });

  it("mixes normal, overdue, scrapped, locked, suspended, past-life, car and industrial cylinders", async () => {
    const [m] = await a.sql<Record<string, number>[]>`
      select
        count(*) filter (where state = 1 and next_date >= ${REFERENCE_DATE}::date and discard_date > ${REFERENCE_DATE}::date)::int as normal,
        count(*) filter (where state = 1 and next_date < ${REFERENCE_DATE}::date)::int as overdue,
        count(*) filter (where state = 1 and discard_date <= ${REFERENCE_DATE}::date)::int as past_life,
        count(*) filter (where state = 2)::int as locked,
        count(*) filter (where state = 3)::int as suspended,
        count(*) filter (where state = 4)::int as scrapped,
        count(*) filter (where kind = 'car')::int as car,
        count(*) filter (where kind = 'car' and owner_unit_id is not null)::int as car_with_owner,
        count(*) filter (where kind = 'generic' and owner_unit_id is null)::int as generic_without_owner,
        count(*) filter (where medium = '液化石油气' and style like 'YSP%')::int as lpg,
        count(*) filter (where medium in ('氧气', '氮气', '氩气', '二氧化碳', '乙炔', '氦气'))::int as industrial,
        count(distinct barcode)::int as barcodes
      from registry.cylinder`;
    expect(m?.normal).toBeGreaterThan(SIZE * 0.75);
    for (const k of ["overdue", "past_life", "locked", "suspended", "scrapped", "car", "industrial"]) {
      expect(m?.[k], k).toBeGreaterThan(0);
    }
    expect(m?.lpg).toBeGreaterThan(SIZE / 2);
    expect(m?.car_with_owner).toBe(0);
    expect(m?.generic_without_owner).toBe(0);
    expect(m?.barcodes).toBe(SIZE);
    const styles = await a.sql<{ style: string }[]>`
      select distinct style from registry.cylinder where medium = '液化石油气' order by 1`;
    expect(styles.map((s) => s.style)).toEqual(["YSP10", "YSP118", "YSP12", "YSP15", "YSP35.5", "YSP5"]);
    const [ysp] = await a.sql<{ volume: number; check_period: number; life_period: number; diff: number }[]>`
      select volume::float as volume, check_period, life_period,
             max(abs((discard_date - product_date) - 8 * 365))::int as diff
      from registry.cylinder where style = 'YSP35.5' group by 1, 2, 3`;
    expect(ysp).toMatchObject({ volume: 35.5, check_period: 4, life_period: 8 });
    expect(ysp?.diff).toBeLessThanOrEqual(2);
  });

  it("keeps owners in their prefecture, car cylinders with sealed and masked ID numbers", async () => {
    const [bad] = await a.sql<{ n: number }[]>`
      select count(*)::int as n from registry.cylinder c join registry.unit u on u.id = c.owner_unit_id
      where u.prefecture_code <> c.prefecture_code or u.kind <> 'filling'`;
    expect(bad?.n).toBe(0);
    const cars = await a.sql<{ enc: string; masked: string; car_no: string; vin: string; car_type: number }[]>`
      select identity_no_enc as enc, identity_no_masked as masked, car_no, car_vin as vin, car_type
      from registry.cylinder where kind = 'car'`;
    expect(cars.length).toBeGreaterThan(0);
    for (const c of cars) {
      const plain = openPersonal(c.enc, DATA_KEY);
      expect(plain).toMatch(/^[0-9A-Z]{18}$/);
      expect(c.masked).toBe(`${plain.slice(0, 6)}********${plain.slice(-4)}`);
      expect(c.car_no).toMatch(/^云[A-Z]·[0-9A-Z]{5}$/);
      expect(c.vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
      expect([1, 2, 3, 4, 5]).toContain(c.car_type);
    }
    // self-built prefectures' rows came from their platforms (source ids), nobody else's did
    const [src] = await a.sql<{ wrong: number; right: number }[]>`
      select count(*) filter (where (source_id is not null) <> (prefecture_code in ('530100', '532600')))::int as wrong,
             count(*) filter (where source_id is not null)::int as right
      from registry.cylinder`;
    expect(src?.wrong).toBe(0);
    expect(src?.right).toBeGreaterThan(0);
  });

  it("gives trace rows unique ThridIds per unit and kind, shared by one fill's three records", async () => {
    for (const table of ["trace.before_fill_check", "trace.fill_record", "trace.after_fill_check"]) {
      const [d] = await a.sql.unsafe<{ dup: number }[]>(
        `select count(*)::int as dup from (select unit_id, third_id from ${table} group by 1, 2 having count(*) > 1) x`,
      );
      expect(d?.dup, table).toBe(0);
    }
    const [shared] = await a.sql<{ unmatched: number; fills: number }[]>`
      select count(*) filter (where b.id is null or af.id is null)::int as unmatched, count(*)::int as fills
      from trace.fill_record f
      left join trace.before_fill_check b on b.unit_id = f.unit_id and b.third_id = f.third_id and b.barcode = f.barcode
      left join trace.after_fill_check af on af.unit_id = f.unit_id and af.third_id = f.third_id and af.barcode = f.barcode`;
    expect(shared?.fills).toBeGreaterThan(SIZE / 10);
    expect(shared?.unmatched).toBe(0);
  });

  it("names known cylinders in every fill except the deliberate unknown barcodes", async () => {
    const unknown = await a.sql<{ barcode: string }[]>`
      select f.barcode from trace.fill_record f
      where not exists (select 1 from registry.cylinder c where c.barcode = f.barcode)`;
    expect(unknown).toHaveLength(summary.stats.unknownBarcodeFills);
    for (const u of unknown) expect(u.barcode).toMatch(/^\d{4}7\d{7}$/);
    const [other] = await a.sql<{ n: number }[]>`
      select count(*)::int as n from trace.fill_record f join registry.cylinder c on c.barcode = f.barcode
      where c.kind = 'generic' and c.owner_unit_id <> f.unit_id`;
    expect(other?.n).toBe(summary.stats.crossOwnerFills);
    expect(other?.n).toBeGreaterThan(0);
  });

  it("fills within the cylinder's maximum but for the counted overfills, in the unit's prefecture, before the reference date", async () => {
    const [w] = await a.sql<{ over: number; bad_gross: number; wrong_pref: number; late: number; future: number }[]>`
      select count(*) filter (where f.net_weight > c.fill_weight)::int as over,
             count(*) filter (where abs(f.gross_weight - f.idle_weight - f.net_weight) > 0.011)::int as bad_gross,
             count(*) filter (where f.prefecture_code <> u.prefecture_code)::int as wrong_pref,
             count(*) filter (where f.received_at - f.end_at > interval '24 hours')::int as late,
             count(*) filter (where f.received_at >= ${REFERENCE_START}::timestamptz
                               or f.end_at >= ${REFERENCE_START}::timestamptz)::int as future
      from trace.fill_record f
      join registry.unit u on u.id = f.unit_id
      left join registry.cylinder c on c.barcode = f.barcode`;
    expect(w?.over).toBe(summary.stats.overfills);
    expect(w?.bad_gross).toBe(0);
    expect(w?.wrong_pref).toBe(0);
    expect(w?.late).toBe(summary.stats.lateUploads);
    expect(w?.future).toBe(0);
    const [checks] = await a.sql<{ failed: number; received: number }[]>`
      select count(*) filter (where state = 1)::int as failed,
             count(*) filter (where checked_at_source = 'received')::int as received
      from trace.before_fill_check`;
    expect(checks?.failed).toBe(summary.stats.failedBeforeChecks);
    expect(checks?.failed).toBeGreaterThan(0);
    expect(checks?.received).toBeGreaterThan(0);
  });

  it("records inspections: orders with items, results with report and next dates", async () => {
    const [r] = await a.sql<Record<string, number>[]>`
      select count(*)::int as results,
             count(*) filter (where conclusion = 1)::int as scrapped,
             count(*) filter (where conclusion = 0 and next_date is null)::int as pass_without_next,
             count(*) filter (where valve_replaced and valve_maker is null)::int as valve_without_maker,
             count(*) filter (where order_id is not null and not exists (
               select 1 from trace.inspection_order_item i
               where i.order_id = r.order_id and i.barcode = r.barcode and i.removed_at is null))::int as without_item,
             count(*) filter (where not exists (
               select 1 from registry.cylinder c where c.barcode = r.barcode and c.check_date = r.report_date))::int as not_on_cylinder
      from trace.inspection_result r`;
    expect(r?.results).toBeGreaterThan(0);
    expect(r?.scrapped).toBeGreaterThan(0);
    expect(r?.pass_without_next).toBe(0);
    expect(r?.valve_without_maker).toBe(0);
    expect(r?.without_item).toBe(0);
    expect(r?.not_on_cylinder).toBe(0);
    const [reg] = await a.sql<{ items: number; registered: number; approved: number }[]>`
      select (select count(*)::int from registry.registration_item) as items,
             (select count(*)::int from registry.cylinder where registration_id is not null) as registered,
             (select count(*)::int from registry.registration where status = 'approved') as approved`;
    expect(reg?.items).toBe(reg?.registered);
    expect(reg?.approved).toBeGreaterThan(0);
  });

  it("advances every identity sequence past the loaded ids", async () => {
    const [u] = await a.sql<{ id: number }[]>`
      insert into registry.unit (kind, name, prefecture_code, licensed_media)
      values ('filling', '测试新单位', '530100', '{}') returning id`;
    const [max] = await a.sql<{ n: number }[]>`select max(id)::int as n from registry.unit`;
    expect(u?.id).toBe(max?.n);
    expect(u?.id).toBeGreaterThan(summary.rows["registry.unit"] ?? 0);
    const [f] = await a.sql<{ id: number }[]>`
      insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight, begin_at, end_at, prefecture_code)
      values (${u?.id ?? 0}, 1, '530100000001', 16, 30, 14, now(), now(), '530100') returning id`;
    expect(f?.id).toBe((summary.rows["trace.fill_record"] ?? 0) + 1);
    const [c] = await a.sql<{ id: number }[]>`
      insert into registry.cylinder (barcode, kind, prefecture_code, medium) values ('TEST-1', 'generic', '530100', '液化石油气')
      returning id`;
    expect(c?.id).toBe(SIZE + 1);
  });

  it("refuses to load into a database that holds data", async () => {
    expect(await isDemoTarget(a.sql)).toBe(false);
    await expect(loadDemo(a, options)).rejects.toMatchObject({ code: "INVALID_STATE" });
    // bad options are refused before --reset empties anything
    await expect(loadDemo(a, { ...options, referenceDate: "2021-01-01", reset: true })).rejects.toMatchObject({
      code: "INVALID_FIELD",
    });
    await expect(loadDemo(a, { ...options, cylinders: -1, reset: true })).rejects.toMatchObject({
      code: "INVALID_FIELD",
    });
    expect(await isDemoTarget(a.sql)).toBe(false);
  });
});

describe("demo generator on embedded PGlite", () => {
  it("loads a small demo with the same content as PostgreSQL", async () => {
    const small = { ...options, cylinders: 300 };
    const pglite = await openDatabase({ dataDir: ":memory:" });
    const pg = await createTestDatabase();
    try {
      await migrate(pglite);
      expect(pglite.engine).toBe("pglite");
      const [s1, s2] = [await loadDemo(pglite, small), await loadDemo(pg, small)];
      expect(s1.rows).toEqual(s2.rows);
      const [h1, h2] = [await contentHashes(pglite), await contentHashes(pg)];
      expect(h1).toEqual(h2);
      const [n] = await pglite.sql<{ n: number }[]>`select count(*)::int as n from registry.cylinder`;
      expect(n?.n).toBe(300);
    } finally {
      await pglite.close();
      await pg.drop();
    }
  }, 120_000);
});
