/**
 * The prefecture sync between two real platforms: Kunming (prefecture mode, its own
 * PostgreSQL database, serving /PS/*) and the province (its own database, the sync workers
 * in-process on real Redis, pulling every second).
 *
 * - what is created on Kunming appears at the province with every field equal (the province's
 *   own /PS/* lists give back exactly what Kunming's give, but for the platform Id);
 * - a source row with an impossible date is quarantined, with its reason, and the rest arrive;
 *   so is an inspection result that passed without a next inspection date;
 * - Kunming down: failed attempts, a sync_failure alarm on the bus, the lag grows; Kunming up
 *   again: the province catches up.
 */
import { type AlarmEvent, addYears } from "@cylinder/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chinaDay,
  insertCylinders,
  lpgCylinder,
  minutesAgo as minutesAgoOn,
  ok,
  RECORD_AFTER,
  RECORD_BEFORE,
  RECORD_FILLS,
  RECORD_RESULTS,
} from "../support/trace";
import { CREDIT, eventually, KM, type Province, readList, redisEnv, startKunming, startProvince } from "./support";

type Kunming = Awaited<ReturnType<typeof startKunming>>;
let kunming: Kunming;
let province: Province;
const alarms: AlarmEvent[] = [];

const LIST_OF: Record<string, string> = {
  "/PS/GenericBottle/List": "generic_bottle",
  "/PS/CarBottle/List": "car_bottle",
  "/PS/GenericTrace/BeforeFillList": "before_fill_check",
  "/PS/GenericTrace/FillList": "fill_record",
  "/PS/GenericTrace/AfterFillList": "after_fill_check",
  "/PS/CheckResult/List": "inspection_result",
};
const LISTS = Object.keys(LIST_OF);

const STATES = `query { prefecture(code: "${KM}") { code syncSource { baseUrl paused intervalSeconds }
  syncStates { list watermark lastSuccessAt lagSeconds rowsPulled lastError consecutiveFailures quarantinedCount } } }`;
interface State {
  list: string;
  watermark: string | null;
  lastSuccessAt: string | null;
  lagSeconds: number;
  rowsPulled: number;
  lastError: string | null;
  consecutiveFailures: number;
  quarantinedCount: number;
}

async function states(): Promise<State[]> {
  const r = await province.gql<{ prefecture: { syncStates: State[] } }>(STATES);
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.prefecture.syncStates;
}

type Row = Record<string, unknown>;
// ApplyId names an inspection order of the prefecture platform, which the province does not pull
const withoutId = ({ Id: _, ApplyId: __, ...rest }: Row) => rest;
const key = (r: Row) => JSON.stringify(withoutId(r));
const sorted = (rows: Row[]) => rows.map(withoutId).sort((a, b) => key(a).localeCompare(key(b)));

/** Kunming's rows of `path` (its own prefecture's cylinders) and the province's, without Ids. */
async function bothSides(path: string): Promise<[Row[], Row[]]> {
  const [source, copy] = await Promise.all([
    readList(kunming.platform.url, "platform", path),
    readList(province.platform!.url, "operator", path),
  ]);
  // what the province quarantined (with the reason, see below) is all that may be missing
  const quarantined = new Set(
    (
      await province.database.sql`
        select payload->>'Barcode' as b from prefecture.sync_quarantine where list = ${LIST_OF[path]!}::prefecture.sync_list`
    ).map((r) => r.b),
  );
  const own = source.filter((r) => !quarantined.has(r.Barcode as string));
  return [sorted(own), sorted(copy)];
}

async function caughtUp(): Promise<boolean> {
  for (const path of LISTS) {
    const [a, b] = await bothSides(path);
    if (JSON.stringify(a) !== JSON.stringify(b)) return false;
  }
  return true;
}

beforeAll(async () => {
  kunming = await startKunming();
  province = await startProvince({
    ...redisEnv(),
    SYNC_PAGE_SIZE: "3",
    SYNC_LEASE_SECONDS: "5",
    SYNC_ATTEMPTS: "2",
    SYNC_BACKOFF_MS: "200",
    SYNC_ALARM_AFTER: "3",
  });
  province.platform!.alarmBus.subscribe((e) => alarms.push(e));
  await province.platform!.alarmBus.ready();
  const saved = await province.gql(
    `mutation($i: SyncSourceInput!) { saveSyncSource(input: $i) { prefectureCode baseUrl intervalSeconds paused } }`,
    {
      i: {
        prefectureCode: KM,
        baseUrl: kunming.platform.url,
        username: "platform",
        password: "Test@2026",
        intervalSeconds: 1,
      },
    },
  );
  expect(saved.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await province?.stop();
  await kunming?.stop();
});

// the records are Kunming's: their times are on its clock
const minutesAgo = (m: number) => minutesAgoOn(kunming.clock, m);

describe("prefecture → province", () => {
  it("rows created on Kunming appear at the province with every field equal", async () => {
    const km = await kunming.login(kunming.world.accounts.kmFilling);
    await insertCylinders(kunming, [
      lpgCylinder(kunming, "KMSYNC-0001", kunming.world.units.kmFilling, { innerNo: "XY1", designer: "设计院" }),
      lpgCylinder(kunming, "KMSYNC-0002", kunming.world.units.kmFilling, { state: 2 }),
    ]);
    await ok(
      kunming,
      RECORD_BEFORE,
      {
        input: {
          inspectorName: "张三",
          items: [
            { barcode: "KMSYNC-0001", state: 0, thirdId: "501", checkedAt: minutesAgo(15) },
            { barcode: "KMSYNC-0002", state: 1, remark: "瓶体变形", thirdId: "502" },
            { barcode: "UNKNOWN-9", state: 0, thirdId: "503", checkedAt: minutesAgo(14) },
          ],
        },
      },
      km,
    );
    await ok(
      kunming,
      RECORD_FILLS,
      {
        input: {
          scaleFactory: "测试厂家",
          fillerName: "李四",
          items: [
            {
              barcode: "KMSYNC-0001",
              idleWeight: 16.33,
              grossWeight: 29.76,
              netWeight: 13.43,
              beginAt: minutesAgo(12),
              endAt: minutesAgo(10),
              machine: 2,
              thirdId: "601",
            },
          ],
        },
      },
      km,
    );
    await ok(
      kunming,
      RECORD_AFTER,
      {
        input: {
          inspectorName: "张三",
          items: [{ barcode: "KMSYNC-0001", state: 0, thirdId: "701", checkedAt: minutesAgo(9) }],
        },
      },
      km,
    );
    const station = await kunming.login(kunming.world.accounts.station);
    await ok(
      kunming,
      RECORD_RESULTS,
      {
        items: [
          {
            barcode: "KMSYNC-0001",
            conclusion: 0,
            reportDate: chinaDay(kunming.clock),
            reportNo: "KM-JY-0001",
            valveReplaced: true,
            valveMaker: "宁波阀门厂",
            nextDate: addYears(chinaDay(kunming.clock), 4),
            remark: "外观良好",
            thirdId: "9001",
          },
          { barcode: "KMSYNC-0002", conclusion: 1, reportDate: chinaDay(kunming.clock), thirdId: "9002" },
        ],
      },
      station,
    );
    // Kunming applies the results to its own archive; the province gets that archive through
    // GenericBottle/List (a synced result does not touch the province's archive itself)
    await kunming.platform.runJobsNow();

    await eventually(caughtUp, 45_000, "the province to hold Kunming's rows");
    for (const path of LISTS) {
      const [source, copy] = await bothSides(path);
      expect(copy, path).toEqual(source);
      expect(copy.length, path).toBeGreaterThan(0);
    }
    // every synced row is tagged with its source; units are the same by credit code
    const [tagged] = await province.database.sql`
      select count(*)::int as n from registry.cylinder where source_prefecture_code = ${KM} and source_id is not null`;
    const [own] = await kunming.database
      .sql`select count(*)::int as n from registry.cylinder where prefecture_code = ${KM}`;
    expect(tagged!.n).toBe(own!.n);
    const [unit] = await province.database.sql`
      select name, prefecture_code, source_prefecture_code from registry.unit where credit_code = ${CREDIT.kmFilling}`;
    expect(unit).toEqual({ name: "昆明市官渡燃气充装站", prefecture_code: KM, source_prefecture_code: KM });
    // and the province's state says so, through the gateway
    const s = await states();
    expect(s.map((x) => x.list).sort()).toEqual([
      "AFTER_FILL_CHECK",
      "BEFORE_FILL_CHECK",
      "CAR_BOTTLE",
      "FILL_RECORD",
      "GENERIC_BOTTLE",
      "INSPECTION_RESULT",
    ]);
    // synced inspection results are tagged, ledgered, and name the station by its credit code
    const results = await province.database.sql`
      select i.source_id, u.credit_code, u.kind, exists (select 1 from ledger.leaf l
        where l.record_table = 'inspection_result' and l.record_id = i.id) as ledgered
      from trace.inspection_result i join registry.unit u on u.id = i.station_unit_id
      where i.source_prefecture_code = ${KM}`;
    expect(results).toHaveLength(2);
    const [scrapped] = await province.database.sql`
      select state, check_unit from registry.cylinder where barcode = 'KMSYNC-0002'`;
    expect(scrapped).toEqual({ state: 4, check_unit: "昆明市气瓶检验站" });
    for (const r of results) {
      expect(r).toMatchObject({ credit_code: CREDIT.station, kind: "inspection", ledgered: true });
      expect(r.source_id).not.toBeNull();
    }
    for (const x of s) {
      expect(x.lastSuccessAt, x.list).not.toBeNull();
      expect(x.watermark, x.list).not.toBeNull();
      expect(x.consecutiveFailures, x.list).toBe(0);
    }
    expect(s.find((x) => x.list === "GENERIC_BOTTLE")!.rowsPulled).toBeGreaterThanOrEqual(7);
  }, 90_000);

  it("another prefecture's cylinder and a row with an impossible date are quarantined; the rest arrive", async () => {
    await insertCylinders(kunming, [
      lpgCylinder(kunming, "KMSYNC-BAD", kunming.world.units.kmFilling, { productDate: "1899-02-01" }),
      lpgCylinder(kunming, "KMSYNC-0003", kunming.world.units.kmFilling),
    ]);
    await eventually(
      async () => {
        const [c] = await province.database.sql`select 1 from registry.cylinder where barcode = 'KMSYNC-0003'`;
        return c !== undefined;
      },
      30_000,
      "KMSYNC-0003 at the province",
    );
    const [bad] = await province.database.sql`select 1 from registry.cylinder where barcode = 'KMSYNC-BAD'`;
    expect(bad).toBeUndefined();
    const q = await province.gql<{
      syncQuarantine: { list: string; reason: string; payload: string; sourceRecordId: string }[];
    }>(`{ syncQuarantine(prefectureCode: "${KM}") { list reason payload sourceRecordId } }`);
    const reasons = q.data!.syncQuarantine.map((r) => [JSON.parse(r.payload).Barcode, r.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ["KMSYNC-BAD", expect.stringContaining("ProductDate")],
        [kunming.world.barcodes.qjNormal, expect.stringContaining("530300")],
      ]),
    );
    const generic = (await states()).find((x) => x.list === "GENERIC_BOTTLE")!;
    expect(generic.quarantinedCount).toBe(2);
  }, 60_000);

  it("an inspection result that passed without a next date is quarantined; a good one arrives", async () => {
    // the prefecture's own API refuses such a result: it can only be in its database by other means
    await kunming.database.sql`
      insert into trace.inspection_result (barcode, station_unit_id, third_id, conclusion, report_date, prefecture_code)
      values ('KMSYNC-RBAD', ${kunming.world.units.station}, 9101, 0, ${chinaDay(kunming.clock)}, ${KM})`;
    const station = await kunming.login(kunming.world.accounts.station);
    await ok(
      kunming,
      RECORD_RESULTS,
      { items: [{ barcode: "KMSYNC-0003", conclusion: 1, reportDate: chinaDay(kunming.clock), thirdId: "9102" }] },
      station,
    );
    await eventually(
      async () => {
        const [r] = await province.database.sql`select 1 from trace.inspection_result where barcode = 'KMSYNC-0003'`;
        return r !== undefined;
      },
      30_000,
      "KMSYNC-0003's inspection result at the province",
    );
    const [bad] = await province.database.sql`select 1 from trace.inspection_result where barcode = 'KMSYNC-RBAD'`;
    expect(bad).toBeUndefined();
    const [q] = await province.database.sql`
      select reason from prefecture.sync_quarantine
      where list = 'inspection_result' and payload->>'Barcode' = 'KMSYNC-RBAD'`;
    expect(q!.reason).toContain("NextDate");
    const [source, copy] = await bothSides("/PS/CheckResult/List");
    expect(copy).toEqual(source);
    expect((await states()).find((x) => x.list === "INSPECTION_RESULT")!.quarantinedCount).toBe(1);
  }, 60_000);

  it("Kunming down: retries, a sync alarm, the lag grows; Kunming up: the province catches up", async () => {
    await kunming.down();
    const failing = await eventually(
      async () => {
        const s = await states();
        return s.every((x) => x.consecutiveFailures >= 3) ? s : undefined;
      },
      30_000,
      "three failed attempts on every list",
    );
    expect(failing[0]!.lastError).toContain("无法连接");
    const raised = await eventually(
      async () => {
        const mine = alarms.filter((a) => a.type === "sync_failure" && a.prefectureCode === KM);
        return mine.length > 0 ? mine : undefined;
      },
      10_000,
      "sync_failure alarms",
    );
    expect(raised.length).toBeGreaterThanOrEqual(1);
    const stored = await province.database.sql`
      select record_kind, message from trace.alarm where type = 'sync_failure' and prefecture_code = ${KM}`;
    expect(stored.length).toBeGreaterThanOrEqual(1);
    // one alarm per list and outage, not one per attempt
    expect(new Set(stored.map((a) => a.record_kind)).size).toBe(stored.length);
    const lag1 = Math.min(...(await states()).map((x) => x.lagSeconds));
    await new Promise((r) => setTimeout(r, 2_100));
    const lag2 = Math.min(...(await states()).map((x) => x.lagSeconds));
    expect(lag2).toBeGreaterThan(lag1);

    // written while the province could not see it
    await insertCylinders(kunming, [lpgCylinder(kunming, "KMSYNC-0004", kunming.world.units.kmFilling)]);
    await kunming.restart();
    await eventually(
      async () => {
        const s = await states();
        return s.every((x) => x.consecutiveFailures === 0) && (await caughtUp());
      },
      45_000,
      "the province to catch up",
    );
    const [c] = await province.database.sql`select barcode from registry.cylinder where barcode = 'KMSYNC-0004'`;
    expect(c).toBeDefined();
  }, 120_000);

  it("the province's operator pauses, resumes, pulls now and re-pulls through the gateway", async () => {
    const paused = await province.gql<{ pauseSync: { paused: boolean } }>(
      `mutation { pauseSync(prefectureCode: "${KM}") { paused } }`,
    );
    expect(paused.data?.pauseSync.paused).toBe(true);
    await insertCylinders(kunming, [lpgCylinder(kunming, "KMSYNC-0005", kunming.world.units.kmFilling)]);
    await new Promise((r) => setTimeout(r, 2500)); // more than two intervals
    const [held] = await province.database.sql`select 1 from registry.cylinder where barcode = 'KMSYNC-0005'`;
    expect(held).toBeUndefined();

    const resumed = await province.gql<{ resumeSync: { paused: boolean } }>(
      `mutation { resumeSync(prefectureCode: "${KM}") { paused } }`,
    );
    expect(resumed.data?.resumeSync.paused).toBe(false);
    await eventually(
      async () => {
        const [c] = await province.database.sql`select 1 from registry.cylinder where barcode = 'KMSYNC-0005'`;
        return c !== undefined;
      },
      20_000,
      "KMSYNC-0005 after resume",
    );

    const now = await province.gql<{ pullSyncNow: boolean }>(
      `mutation { pullSyncNow(prefectureCode: "${KM}", list: CAR_BOTTLE) }`,
    );
    expect(now.data?.pullSyncNow).toBe(true);

    // re-pull the archives from the beginning: every row read again, none doubled
    const before = (await states()).find((x) => x.list === "GENERIC_BOTTLE")!;
    const [{ n: count }] = (await province.database
      .sql`select count(*)::int as n from registry.cylinder`) as unknown as [{ n: number }];
    const reset = await province.gql<{ repullSync: number }>(
      `mutation { repullSync(prefectureCode: "${KM}", since: "1970-01-01T00:00:00Z", list: GENERIC_BOTTLE) }`,
    );
    expect(reset.data?.repullSync).toBe(1);
    const after = await eventually(
      async () => {
        const g = (await states()).find((x) => x.list === "GENERIC_BOTTLE")!;
        return g.rowsPulled >= before.rowsPulled + count - 1 && g.lastSuccessAt !== before.lastSuccessAt
          ? g
          : undefined;
      },
      30_000,
      "the re-pull",
    );
    expect(after.consecutiveFailures).toBe(0);
    const [{ n: again }] = (await province.database
      .sql`select count(*)::int as n from registry.cylinder`) as unknown as [{ n: number }];
    expect(again).toBe(count);
  }, 60_000);

  it("refuses the sync's operations to callers without the right", async () => {
    const anonymous = await fetch(`${province.platform!.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation { pauseSync(prefectureCode: "${KM}") { paused } }` }),
    }).then((r) => r.json() as Promise<{ errors: { extensions: { code: string } }[] }>);
    expect(anonymous.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    const bad = await province.gql(`mutation { repullSync(prefectureCode: "530300", since: "2026-01-01T00:00:00Z") }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
