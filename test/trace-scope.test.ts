/**
 * The scoping matrix of trace records through the real gateway: every role against every
 * trace list (fills, checks, orders, results, reconciliations, alarms, permit decisions),
 * every trace mutation, the prefecture figures and a cylinder's trace fields. Rules: a
 * filling unit sees its own records, a station the orders addressed to it and its results,
 * a prefecture regulator its prefecture, province/operator/platform everything, the public
 * nothing but a cylinder's public projection.
 */
import { addYears, chinaToday, systemClock } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "./support/platform";
import {
  chinaDay,
  chinaMonth,
  insertCylinders,
  loginAll,
  lpgCylinder,
  minutesAgo,
  ok,
  RECORD_AFTER,
  RECORD_BEFORE,
  RECORD_FILLS,
  RECORD_RESULTS,
  REQUEST_PERMIT,
  type RoleName,
} from "./support/trace";

let t: TestPlatform;
let tickets: Record<RoleName, string>;
type Who = RoleName | "public";
const ROLES: Who[] = [
  "kmFilling",
  "qjFilling",
  "carStation",
  "station",
  "kmRegulator",
  "qjRegulator",
  "province",
  "operator",
  "platform",
  "public",
];
const ticketOf = (who: Who) => (who === "public" ? undefined : tickets[who]);
/** SC0001's next inspection date after its inspection today. */
const nextDate = () => addYears(chinaDay(t.clock), 4);

beforeAll(async () => {
  // noon in China today: "fills today" must not straddle China midnight while the test runs
  t = await startTestPlatform({}, { now: `${chinaToday(systemClock)}T12:00:00+08:00` });
  tickets = await loginAll(t);
  await insertCylinders(t, [lpgCylinder(t, "SC0001", t.world.units.kmFilling)]);
  const fill = (barcode: string, thirdId: string) => ({
    barcode,
    idleWeight: 16,
    grossWeight: 29,
    netWeight: 13,
    beginAt: minutesAgo(t.clock, 3),
    endAt: minutesAgo(t.clock, 2),
    thirdId,
  });
  const { year, month } = chinaMonth(t.clock.now());
  for (const [role, barcode] of [
    ["kmFilling", "SC0001"],
    ["qjFilling", t.world.barcodes.qjNormal],
  ] as const) {
    await ok(t, RECORD_BEFORE, { input: { items: [{ barcode, state: 1, remark: "x", thirdId: "1" }] } }, tickets[role]);
    // (the world already holds fills with ThridIds 1-3)
    await ok(t, RECORD_FILLS, { input: { items: [fill(barcode, "1001")] } }, tickets[role]);
    await ok(t, RECORD_AFTER, { input: { items: [{ barcode, state: 0, thirdId: "1" }] } }, tickets[role]);
    await ok(t, REQUEST_PERMIT, { b: t.world.barcodes.kmOverdue }, tickets[role]);
    await ok(
      t,
      `mutation($y: Int!, $m: Int!) { reportMonthlyCount(year: $y, month: $m, type: 1, count: 99) { id } }`,
      { y: year, m: month },
      tickets[role],
    );
  }
  const order = await ok<{ beginInspectionOrder: { id: number } }>(
    t,
    `mutation($s: Int!) { beginInspectionOrder(thirdId: "1", stationUnitId: $s) { id } }`,
    { s: t.world.units.station },
    tickets.kmFilling,
  );
  const orderId = order.beginInspectionOrder.id;
  await ok(
    t,
    `mutation($o: Int!) { addToInspectionOrder(orderId: $o, items: [{ barcode: "SC0001" }]) { id } }`,
    { o: orderId },
    tickets.kmFilling,
  );
  await ok(t, `mutation($o: Int!) { submitInspectionOrder(orderId: $o) { id } }`, { o: orderId }, tickets.kmFilling);
  await ok(
    t,
    RECORD_RESULTS,
    {
      items: [
        {
          barcode: "SC0001",
          orderId,
          conclusion: 0,
          reportDate: chinaDay(t.clock),
          nextDate: nextDate(),
          thirdId: "1",
        },
        { barcode: "SC-UNKNOWN", conclusion: 0, reportDate: chinaDay(t.clock), nextDate: nextDate(), thirdId: "2" },
      ],
    },
    tickets.station,
  );
});
afterAll(() => t?.stop());

type Tag = "km" | "qj" | "station" | "SC0001" | "SC-UNKNOWN";

describe("trace lists by role", () => {
  const unitTag = (id: number): Tag | string =>
    id === t.world.units.kmFilling
      ? "km"
      : id === t.world.units.qjFilling
        ? "qj"
        : id === t.world.units.station
          ? "station"
          : String(id);

  const LISTS: Record<string, { query: string; tag: (n: Record<string, unknown>) => string }> = {
    fillRecords: { query: "fillRecords(first: 500) { nodes { unitId } }", tag: (n) => unitTag(n.unitId as number) },
    beforeFillChecks: { query: "beforeFillChecks { nodes { unitId } }", tag: (n) => unitTag(n.unitId as number) },
    afterFillChecks: { query: "afterFillChecks { nodes { unitId } }", tag: (n) => unitTag(n.unitId as number) },
    inspectionOrders: { query: "inspectionOrders { nodes { unitId } }", tag: (n) => unitTag(n.unitId as number) },
    inspectionResults: { query: "inspectionResults { nodes { barcode } }", tag: (n) => n.barcode as string },
    reconciliations: { query: "reconciliations { nodes { unitId } }", tag: (n) => unitTag(n.unitId as number) },
    alarms: { query: "alarms(first: 500) { nodes { unitId } }", tag: (n) => unitTag(n.unitId as number) },
    permitDecisions: { query: "permitDecisions { nodes { unitId } }", tag: (n) => unitTag(n.unitId as number) },
    fillRecordChanges: {
      query: `fillRecordChanges(since: "2000-01-01T00:00:00Z", first: 500) { nodes { unitId } }`,
      tag: (n) => unitTag(n.unitId as number),
    },
    inspectionResultChanges: {
      query: `inspectionResultChanges(since: "2000-01-01T00:00:00Z") { nodes { barcode } }`,
      tag: (n) => n.barcode as string,
    },
  };

  const unitRecords = {
    kmFilling: ["km"],
    qjFilling: ["qj"],
    carStation: [],
    station: [],
    kmRegulator: ["km"],
    qjRegulator: ["qj"],
    province: ["km", "qj"],
    operator: ["km", "qj"],
    platform: ["km", "qj"],
  };
  const results = {
    kmFilling: ["SC0001"],
    qjFilling: [],
    carStation: [],
    station: ["SC-UNKNOWN", "SC0001"],
    kmRegulator: ["SC-UNKNOWN", "SC0001"],
    qjRegulator: [],
    province: ["SC-UNKNOWN", "SC0001"],
    operator: ["SC-UNKNOWN", "SC0001"],
    platform: ["SC-UNKNOWN", "SC0001"],
  };
  const orders = {
    kmFilling: ["km"],
    qjFilling: [],
    carStation: [],
    station: ["km"],
    kmRegulator: ["km"],
    qjRegulator: [],
    province: ["km"],
    operator: ["km"],
    platform: ["km"],
  };
  const alarms = {
    ...unitRecords,
    station: ["station"],
    kmRegulator: ["km", "station"],
    province: ["km", "qj", "station"],
    operator: ["km", "qj", "station"],
    platform: ["km", "qj", "station"],
  };
  const EXPECTED: Record<string, Record<RoleName, string[]>> = {
    fillRecords: unitRecords,
    beforeFillChecks: unitRecords,
    afterFillChecks: unitRecords,
    inspectionOrders: orders,
    inspectionResults: results,
    reconciliations: unitRecords,
    alarms,
    permitDecisions: unitRecords,
    fillRecordChanges: unitRecords,
    inspectionResultChanges: results,
  };

  const cases = Object.keys(LISTS).flatMap((list) => ROLES.map((who) => [list, who] as [string, Who]));
  it.each(cases)("%s as %s", async (list, who) => {
    const spec = LISTS[list]!;
    const r = await t.gql<Record<string, { nodes: Record<string, unknown>[] }>>(`{ ${spec.query} }`, {}, ticketOf(who));
    if (who === "public") {
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      return;
    }
    expect(r.errors).toBeUndefined();
    const tags = [...new Set(r.data![list]!.nodes.map(spec.tag))].sort();
    expect(tags).toEqual(EXPECTED[list]![who]);
  });
});

describe("trace mutations by role", () => {
  let n = 100;
  const next = () => String(n++);
  const MUTATIONS: Record<
    string,
    { allowed: Who[]; run: (who: Who) => Promise<{ errors?: { extensions?: { code?: string } }[] }> }
  > = {
    recordFills: {
      allowed: ["kmFilling", "qjFilling", "carStation"],
      run: (who) =>
        t.gql(
          RECORD_FILLS,
          {
            input: {
              items: [
                {
                  barcode: "SC0001",
                  idleWeight: 1,
                  grossWeight: 2,
                  netWeight: 1,
                  beginAt: minutesAgo(t.clock, 2),
                  endAt: minutesAgo(t.clock, 1),
                  thirdId: next(),
                },
              ],
            },
          },
          ticketOf(who),
        ),
    },
    recordBeforeFillChecks: {
      allowed: ["kmFilling", "qjFilling", "carStation"],
      run: (who) =>
        t.gql(RECORD_BEFORE, { input: { items: [{ barcode: "SC0001", state: 0, thirdId: next() }] } }, ticketOf(who)),
    },
    recordAfterFillChecks: {
      allowed: ["kmFilling", "qjFilling", "carStation"],
      run: (who) =>
        t.gql(RECORD_AFTER, { input: { items: [{ barcode: "SC0001", state: 0, thirdId: next() }] } }, ticketOf(who)),
    },
    requestFillPermit: {
      allowed: ["kmFilling", "qjFilling", "carStation"],
      run: (who) => t.gql(REQUEST_PERMIT, { b: "SC0001" }, ticketOf(who)),
    },
    beginInspectionOrder: {
      allowed: ["kmFilling", "qjFilling", "carStation"],
      run: (who) =>
        t.gql(
          `mutation($t: String!, $s: Int!) { beginInspectionOrder(thirdId: $t, stationUnitId: $s) { id } }`,
          { t: next(), s: t.world.units.station },
          ticketOf(who),
        ),
    },
    reportMonthlyCount: {
      allowed: ["kmFilling", "qjFilling", "carStation"],
      run: (who) => {
        const { year, month } = chinaMonth(t.clock.now());
        return t.gql(
          `mutation($y: Int!, $m: Int!) { reportMonthlyCount(year: $y, month: $m, type: 3, count: 1) { id } }`,
          { y: year, m: month },
          ticketOf(who),
        );
      },
    },
    recordInspectionResults: {
      allowed: ["station"],
      run: (who) =>
        t.gql(
          RECORD_RESULTS,
          {
            items: [
              {
                barcode: "SC0001",
                conclusion: 0,
                reportDate: chinaDay(t.clock),
                nextDate: nextDate(),
                thirdId: next(),
              },
            ],
          },
          ticketOf(who),
        ),
    },
    acknowledgeAlarm: {
      allowed: ["kmRegulator", "province"],
      run: async (who) => {
        const [a] = (await t.database.db.execute(
          sql`select id from trace.alarm where prefecture_code = '530100' order by id limit 1`,
        )) as unknown as { id: number }[];
        return t.gql(`mutation($id: Int!) { acknowledgeAlarm(id: $id) { id } }`, { id: a!.id }, ticketOf(who));
      },
    },
  };
  const cases = Object.keys(MUTATIONS).flatMap((m) => ROLES.map((who) => [m, who] as [string, Who]));
  it.each(cases)("%s as %s", async (m, who) => {
    const spec = MUTATIONS[m]!;
    const r = await spec.run(who);
    if (spec.allowed.includes(who)) expect(r.errors).toBeUndefined();
    else expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("prefecture figures", () => {
  const Q = `{ prefecture(code: "530100") { code name fillsToday openAlarmCount } }`;
  it.each<[Who, boolean]>([
    ["kmRegulator", true],
    ["province", true],
    ["operator", true],
    ["qjRegulator", false],
    ["kmFilling", false],
    ["station", false],
    ["public", false],
  ])("as %s: %s", async (who, allowed) => {
    const r = await t.gql<{ prefecture: { fillsToday: number; openAlarmCount: number } | null }>(Q, {}, ticketOf(who));
    if (!allowed) {
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      return;
    }
    expect(r.errors).toBeUndefined();
    // "today" is the platform's (its clock, China time), not the database's
    const [{ fills, open }] = (await t.database.db.execute(sql`select
      (select count(*)::int from trace.fill_record where prefecture_code = '530100'
        and (end_at at time zone 'Asia/Shanghai')::date = ${chinaToday(t.clock)}::date) as fills,
      (select count(*)::int from trace.alarm where prefecture_code = '530100' and acknowledged_at is null) as open`)) as unknown as [
      { fills: number; open: number },
    ];
    expect(r.data!.prefecture).toMatchObject({ fillsToday: fills, openAlarmCount: open });
    expect(fills).toBeGreaterThan(0);
    expect(open).toBeGreaterThan(0);
  });
});

describe("a cylinder's trace fields", () => {
  const Q = `query($b: String!) { cylinder(barcode: $b) { barcode
    fills(first: 5) { nodes { thirdId } } beforeFillChecks { nodes { id } } alarms { nodes { id } }
    inspectionResults { nodes { id } } lastFill { thirdId }
    publicTrace { lastInspection { reportDate nextDate conclusionLabel station { id name } } lastFills { filledOn unitId unit { name } } } } }`;

  it("shows the public only the public projection", async () => {
    const r = await ok<{ cylinder: Record<string, unknown> }>(t, Q, { b: "SC0001" });
    expect(r.cylinder).toMatchObject({
      fills: { nodes: [] },
      beforeFillChecks: { nodes: [] },
      alarms: { nodes: [] },
      inspectionResults: { nodes: [] },
      lastFill: null,
      publicTrace: {
        lastInspection: {
          reportDate: chinaDay(t.clock),
          nextDate: nextDate(),
          conclusionLabel: "合格",
          station: { name: "昆明市气瓶检验站" },
        },
      },
    });
    const lastFills = (r.cylinder.publicTrace as { lastFills: { unitId: number; unit: { name: string } }[] }).lastFills;
    expect(lastFills.length).toBeGreaterThan(0);
    expect(lastFills.length).toBeLessThanOrEqual(5);
    expect(Object.keys(lastFills[0]!).sort()).toEqual(["filledOn", "unit", "unitId"]);
    expect(lastFills[0]!.unit.name).toBeTruthy();
  });

  it("shows the owner its records and a regulator of another prefecture none", async () => {
    const own = await ok<{
      cylinder: {
        fills: { nodes: unknown[] };
        beforeFillChecks: { nodes: unknown[] };
        inspectionResults: { nodes: unknown[] };
      };
    }>(t, Q, { b: "SC0001" }, tickets.kmFilling);
    expect(own.cylinder.fills.nodes.length).toBeGreaterThan(0);
    expect(own.cylinder.beforeFillChecks.nodes.length).toBeGreaterThan(0);
    expect(own.cylinder.inspectionResults.nodes).toHaveLength(1);
    const qj = await t.gql<{ cylinder: unknown }>(Q, { b: "SC0001" }, tickets.qjRegulator);
    // the registry does not show another prefecture's cylinder at all
    expect(qj.data?.cylinder ?? null).toBeNull();
  });
});
