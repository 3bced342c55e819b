/**
 * Applying pages at the province, on a real PostgreSQL database: rows and the state's advance
 * in one transaction, idempotent re-reads, quarantine, the lease as a fence, ledger leaves.
 */
import { createLogger, ManualClock, openPersonal, PREFECTURES } from "@cylinder/db";
import { prefecture } from "@cylinder/db/schema";
import { createTestDatabase, type TestDatabase } from "@cylinder/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repullFrom, syncStates } from "../src/control";
import { applyPage, LeaseLost, type PageToApply } from "../src/pull/apply";
import { ensureStates, saveSource } from "../src/pull/sources";
import { claimLease, recordFailure, releaseLease } from "../src/pull/state";

const DATA_KEY = "0123456789abcdeffedcba9876543210";
const KM = "530100";
const OWNER = "91530100MA6K0001XY";
/** The province's clock: pinned, since the rows' dates below are fixed (the prefecture's data). */
const clock = new ManualClock("2026-11-28T02:05:00Z", true); // 10:05 China, after the fills it receives
let database: TestDatabase;
let sourceId: number;

const generic = (id: number, barcode: string, extra: Record<string, unknown> = {}) => ({
  Barcode: barcode,
  Printno: `P${id}`,
  Style: "YSP35.5",
  Valve: 1,
  ProductDate: "20220901",
  NextDate: "20280401",
  State: 1,
  IdleWeight: 16.5,
  FillWeight: 14.5,
  Medium: "液化石油气",
  Volumn: 35.5,
  RegisterDate: "20221001100101",
  Id: id,
  OwnerCode: OWNER,
  PrefectureCode: KM,
  ...extra,
});

function page(list: PageToApply["list"], elements: unknown[], more: boolean, owner = "w1"): PageToApply {
  return {
    sourceId,
    prefectureCode: KM,
    list,
    owner,
    leaseSeconds: 30,
    elements,
    cursor: more ? "c1" : null,
    horizon: more ? null : new Date("2026-11-28T10:00:00Z"),
    dataKey: DATA_KEY,
    receivedAt: clock.now(),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(prefecture).values(PREFECTURES.map((p) => ({ code: p.code, name: p.name, mode: p.mode })));
  const source = await saveSource(
    database.sql,
    { prefectureCode: KM, baseUrl: "http://127.0.0.1:9/", username: "province", password: "secret" },
    DATA_KEY,
  );
  sourceId = source.id;
});

afterAll(async () => {
  await database?.drop();
});

describe("applyPage", () => {
  it("refuses a page from a puller without the lease", async () => {
    await expect(applyPage(database.sql, page("generic_bottle", [generic(1, "KM-1")], true))).rejects.toThrow(
      LeaseLost,
    );
  });

  it("stores cylinders, creates the owner unit, keeps the cursor, then moves the watermark", async () => {
    const claim = await claimLease(database.sql, sourceId, "generic_bottle", "w1", 30);
    expect(claim).toEqual({ claimed: true, claim: { watermark: null, cursor: null } });
    expect(await claimLease(database.sql, sourceId, "generic_bottle", "w2", 30)).toEqual({
      claimed: false,
      why: "busy",
    });
    const first = await applyPage(database.sql, page("generic_bottle", [generic(1, "KM-1"), generic(2, "KM-2")], true));
    expect(first).toMatchObject({ received: 2, inserted: 2, updated: 0, quarantined: 0 });
    let [state] = await syncStates(database.sql, [KM]).then((s) => s.filter((x) => x.list === "generic_bottle"));
    expect(state).toMatchObject({ reading: true, watermark: null, rowsPulled: 2, lastSuccessAt: null });

    const last = await applyPage(database.sql, page("generic_bottle", [generic(3, "KM-3")], false));
    expect(last.inserted).toBe(1);
    [state] = await syncStates(database.sql, [KM]).then((s) => s.filter((x) => x.list === "generic_bottle"));
    expect(state).toMatchObject({ reading: false, rowsPulled: 3, consecutiveFailures: 0, watermarkId: 3 });
    expect(state!.watermark?.toISOString()).toBe("2026-11-28T10:00:00.000Z");
    expect(state!.lastSuccessAt).not.toBeNull();

    const rows = await database.sql`
      select c.barcode, c.source_prefecture_code, c.source_id, c.prefecture_code, c.register_date, u.credit_code,
        u.name, u.source_prefecture_code as unit_source
      from registry.cylinder c join registry.unit u on u.id = c.owner_unit_id order by c.source_id`;
    expect(rows.map((r) => r.barcode)).toEqual(["KM-1", "KM-2", "KM-3"]);
    expect(rows[0]).toMatchObject({
      source_prefecture_code: KM,
      source_id: 1,
      prefecture_code: KM,
      credit_code: OWNER,
    });
    expect(rows[0]!.name).toBe(`同步单位 ${OWNER}`);
    const [leaves] = await database.sql`
      select count(*)::int as n from ledger.leaf where record_table = 'cylinder'`;
    expect(leaves!.n).toBe(3);
  });

  it("re-reading the same rows changes nothing; a changed row is updated and gets a new ledger version", async () => {
    const again = await applyPage(
      database.sql,
      page("generic_bottle", [generic(2, "KM-2"), generic(3, "KM-3", { State: 2 })], false),
    );
    expect(again).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const [{ n }] = (await database.sql`select count(*)::int as n from registry.cylinder`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(3);
    const [v] = await database.sql`
      select max(record_version)::int as v from ledger.leaf l join registry.cylinder c on c.id = l.record_id
      where l.record_table = 'cylinder' and c.barcode = 'KM-3'`;
    expect(v!.v).toBe(2);
  });

  it("quarantines bad rows with their reason, once, and stores the rest", async () => {
    const elements = [generic(4, "KM-4", { ProductDate: "20210230" }), generic(5, "KM-5"), "not an object"];
    const r = await applyPage(database.sql, page("generic_bottle", elements, false));
    expect(r).toMatchObject({ inserted: 1, quarantined: 2 });
    const again = await applyPage(database.sql, page("generic_bottle", elements, false));
    expect(again.quarantined).toBe(0);
    const q = await database.sql`
      select source_record_id, reason, received_at from prefecture.sync_quarantine order by id`;
    expect(q.map((x) => x.source_record_id)).toEqual(["4", null]);
    expect(q[0]!.reason).toContain("ProductDate");
    // received when the page was (the platform's clock), like the rows stored beside them
    expect(q.map((x) => new Date(x.received_at).toISOString())).toEqual([
      clock.now().toISOString(),
      clock.now().toISOString(),
    ]);
    const [state] = (await syncStates(database.sql, [KM])).filter((x) => x.list === "generic_bottle");
    expect(state!.quarantinedCount).toBe(2);
  });

  it("never overwrites a cylinder registered at the province itself", async () => {
    await database.sql`
      insert into registry.cylinder (barcode, kind, prefecture_code, medium) values ('PROV-1', 'generic', '530300', '液化石油气')`;
    const r = await applyPage(database.sql, page("generic_bottle", [generic(6, "PROV-1")], false));
    expect(r).toMatchObject({ inserted: 0, updated: 0, quarantined: 1 });
    const [c] = await database.sql`select prefecture_code, source_id from registry.cylinder where barcode = 'PROV-1'`;
    expect(c).toMatchObject({ prefecture_code: "530300", source_id: null });
  });

  it("stores car cylinders with the identity number sealed and masked", async () => {
    await releaseLease(database.sql, sourceId, "generic_bottle", "w1");
    await claimLease(database.sql, sourceId, "car_bottle", "w1", 30);
    const carRow = {
      Barcode: "5301000000017",
      RegisterNo: "瓶 3T 云 A00002 (20)",
      RegisterDate: "20201001",
      Medium: "压缩天然气",
      CarNo: "云 A88888",
      CarType: 1,
      State: 1,
      IdentityNo: "530102199001011234",
      Id: 11,
      PrefectureCode: KM,
    };
    expect(await applyPage(database.sql, page("car_bottle", [carRow], false))).toMatchObject({ inserted: 1 });
    // the same identity number again is not a change (it is sealed with a fresh IV each time)
    expect(await applyPage(database.sql, page("car_bottle", [carRow], false))).toMatchObject({ unchanged: 1 });
    const [c] = await database.sql`
      select kind, car_no, identity_no_enc, identity_no_masked, owner_unit_id from registry.cylinder where barcode = '5301000000017'`;
    expect(c).toMatchObject({
      kind: "car",
      car_no: "云 A88888",
      identity_no_masked: "530102********1234",
      owner_unit_id: null,
    });
    expect(openPersonal(c!.identity_no_enc, DATA_KEY)).toBe("530102199001011234");
  });

  it("stores trace records once, under their unit, with ledger leaves", async () => {
    await claimLease(database.sql, sourceId, "fill_record", "w1", 30);
    const fill = (id: number, third: number) => ({
      Barcode: "KM-1",
      IdleWeight: 16.33,
      GrossWeight: 29.76,
      NetWeight: 13.43,
      BeginDate: "20261128100000",
      EndDate: "20261128100200",
      Machine: 1,
      ThridId: third,
      Id: id,
      UnitCode: OWNER,
      UnitName: "昆明市官渡燃气充装站",
      ManName: "张三",
      FactoryName: "测试厂家",
      CreateTime: "20261128100300",
    });
    const r = await applyPage(database.sql, page("fill_record", [fill(100, 1), fill(101, 2)], false));
    expect(r).toMatchObject({ inserted: 2 });
    const again = await applyPage(database.sql, page("fill_record", [fill(100, 1), fill(101, 2)], false));
    expect(again).toMatchObject({ inserted: 0, unchanged: 2 });
    const rows = await database.sql`
      select f.source_id, f.unit_id, f.prefecture_code, f.received_at, u.name from trace.fill_record f
      join registry.unit u on u.id = f.unit_id order by f.source_id`;
    expect(rows).toHaveLength(2);
    // the placeholder name of the unit first seen through an archive is replaced by its real name
    expect(rows[0]).toMatchObject({ name: "昆明市官渡燃气充装站", prefecture_code: KM });
    const [leaves] = await database.sql`select count(*)::int as n from ledger.leaf where record_table = 'fill_record'`;
    expect(leaves!.n).toBe(2);
  });

  it("gives a source saved before a list existed that list's state (the schedulers' reconcile)", async () => {
    await database.sql`delete from prefecture.sync_state where list = 'inspection_result'`;
    await ensureStates(database.sql);
    await ensureStates(database.sql);
    const rows = await database.sql`
      select source_id, watermark from prefecture.sync_state where list = 'inspection_result'`;
    expect(rows).toEqual([{ source_id: sourceId, watermark: null }]);
  });

  it("stores inspection results once, under their station (an inspection unit), with ledger leaves", async () => {
    await claimLease(database.sql, sourceId, "inspection_result", "w1", 30);
    const result = (id: number, third: number, extra: Record<string, unknown> = {}) => ({
      Barcode: "KM-1",
      Result: 0,
      ReportDate: "20261120",
      NextDate: "20301120",
      ValveReplaced: 0,
      ThirdId: third,
      Id: id,
      StationCode: "12530100MB0000401A",
      StationName: "昆明市气瓶检验站",
      CreateTime: "20261120101500",
      ...extra,
    });
    const elements = [result(300, 9001), result(301, 9002, { Result: 7 })];
    const r = await applyPage(database.sql, page("inspection_result", elements, false));
    expect(r).toMatchObject({ inserted: 1, quarantined: 1 });
    const again = await applyPage(database.sql, page("inspection_result", elements, false));
    expect(again).toMatchObject({ inserted: 0, unchanged: 1, quarantined: 0 });
    const rows = await database.sql`
      select i.source_prefecture_code, i.source_id::int as source_id, i.prefecture_code, i.lateness, i.order_id,
        u.kind, u.name, u.source_prefecture_code as unit_source
      from trace.inspection_result i join registry.unit u on u.id = i.station_unit_id`;
    expect(rows).toEqual([
      {
        source_prefecture_code: KM,
        source_id: 300,
        prefecture_code: KM,
        lateness: null,
        order_id: null,
        kind: "inspection",
        name: "昆明市气瓶检验站",
        unit_source: KM,
      },
    ]);
    const [leaves] = await database.sql`
      select count(*)::int as n from ledger.leaf where record_table = 'inspection_result'`;
    expect(leaves!.n).toBe(1);
    // evidence only: no message to the archive (its dates arrive with GenericBottle/List)
    const [outbox] = await database.sql`select count(*)::int as n from trace.outbox`;
    expect(outbox!.n).toBe(0);
    const [q] = await database.sql`
      select reason from prefecture.sync_quarantine where list = 'inspection_result'`;
    expect(q!.reason).toContain("Result");
  });

  it("an operator's re-pull resets the watermark and fences out the running puller", async () => {
    await claimLease(database.sql, sourceId, "before_fill_check", "w1", 30);
    await repullFrom(database.sql, KM, new Date("2026-01-01T00:00:00Z"), "before_fill_check");
    await expect(applyPage(database.sql, page("before_fill_check", [], false))).rejects.toThrow(LeaseLost);
    const [state] = (await syncStates(database.sql, [KM])).filter((x) => x.list === "before_fill_check");
    expect(state!.watermark?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("counts failed attempts in a row and gives the lease back", async () => {
    await claimLease(database.sql, sourceId, "after_fill_check", "w1", 30);
    expect((await recordFailure(database.sql, sourceId, "after_fill_check", "w1", "boom")).consecutiveFailures).toBe(1);
    expect((await recordFailure(database.sql, sourceId, "after_fill_check", null, "boom")).consecutiveFailures).toBe(2);
    expect(await claimLease(database.sql, sourceId, "after_fill_check", "w2", 30)).toMatchObject({ claimed: true });
  });

  it("a paused source is not claimed", async () => {
    await database.sql`update prefecture.sync_source set paused = true where id = ${sourceId}`;
    expect(await claimLease(database.sql, sourceId, "car_bottle", "w9", 30)).toEqual({ claimed: false, why: "paused" });
    await database.sql`update prefecture.sync_source set paused = false where id = ${sourceId}`;
    createLogger("test", "silent");
  });
});
