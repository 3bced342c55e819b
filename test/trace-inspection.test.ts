/**
 * Inspection through the real gateway: orders (BeginApply/AddBottle/RemoveBottle/EndApply),
 * results by stations with lateness on the working-day calendar (stored even when the
 * calendar does not know the year), the outbox message per accepted result, and order
 * completion.
 */
import { join } from "node:path";
import {
  addYears,
  type Identity,
  LIBRARY_CALENDAR,
  loadWorkingCalendar,
  ManualClock,
  signIdentity,
  type WorkingCalendar,
} from "@cylinder/db";
import { unit } from "@cylinder/db/schema";
import { runCalendarJob, startTrace, type TraceDeps } from "@cylinder/trace";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "./support/platform";
import {
  chinaDay,
  fails,
  insertCylinders,
  LATENESS_NOW,
  loginAll,
  lpgCylinder,
  ok,
  RECORD_RESULTS,
  type RoleName,
  type Upload,
} from "./support/trace";

let t: TestPlatform;
let tickets: Record<RoleName, string>;
let otherStation: number;
beforeAll(async () => {
  // lateness is what these tests are about: "now" is a day the working-day calendar knows
  t = await startTestPlatform({}, { now: LATENESS_NOW });
  tickets = await loginAll(t);
  const km = t.world.units.kmFilling;
  await insertCylinders(t, [lpgCylinder(t, "IN0001", km), lpgCylinder(t, "IN0002", km), lpgCylinder(t, "IN0003", km)]);
  [{ id: otherStation }] = (await t.database.db
    .insert(unit)
    .values({ kind: "inspection", name: "曲靖市气瓶检验站", prefectureCode: "530300" })
    .returning({ id: unit.id })) as [{ id: number }];
});
afterAll(() => t?.stop());

/** A result's next inspection date, `years` after today on the platform's clock. */
const yearsOn = (years: number) => addYears(chinaDay(t.clock), years);

const ORDER =
  "{ id unitId thirdId stationUnitId stationName status submittedAt prefectureCode itemCount items { barcode seqNo } }";
const BEGIN = `mutation($t: String!, $s: Int!, $n: String) { beginInspectionOrder(thirdId: $t, stationUnitId: $s, stationName: $n) ${ORDER} }`;
const ADD = `mutation($o: Int!, $t: String, $i: [InspectionOrderItemInput!]!) { addToInspectionOrder(orderId: $o, thirdId: $t, items: $i) ${ORDER} }`;
const REMOVE = `mutation($o: Int!, $t: String, $b: [String!]!) { removeFromInspectionOrder(orderId: $o, thirdId: $t, barcodes: $b) ${ORDER} }`;
const SUBMIT = `mutation($o: Int!, $t: String) { submitInspectionOrder(orderId: $o, thirdId: $t) ${ORDER} }`;

interface Order {
  id: number;
  status: string;
  itemCount: number;
  items: { barcode: string; seqNo: number | null }[];
  [k: string]: unknown;
}

async function outbox() {
  return (await t.database.db.execute(
    sql`select id, topic, payload, delivered_at from trace.outbox order by id`,
  )) as unknown as { id: number; topic: string; payload: Record<string, unknown> }[];
}

describe("inspection orders", () => {
  let order: Order;

  it("begins an order idempotently on the unit's ThirdId", async () => {
    const vars = { t: "7001", s: t.world.units.station, n: "昆明市气瓶检验站" };
    order = (await ok<{ beginInspectionOrder: Order }>(t, BEGIN, vars, tickets.kmFilling)).beginInspectionOrder;
    expect(order).toMatchObject({
      unitId: t.world.units.kmFilling,
      thirdId: "7001",
      stationUnitId: t.world.units.station,
      status: "OPEN",
      prefectureCode: "530100",
      itemCount: 0,
    });
    const again = (await ok<{ beginInspectionOrder: Order }>(t, BEGIN, vars, tickets.kmFilling)).beginInspectionOrder;
    expect(again.id).toBe(order.id);
    const conflict = await fails(t, BEGIN, { ...vars, s: otherStation }, tickets.kmFilling);
    expect(conflict.extensions?.code).toBe("CONFLICT");
  });

  it("refuses a station that is not an inspection unit, and non-filling roles", async () => {
    const e = await fails(t, BEGIN, { t: "7002", s: t.world.units.qjFilling }, tickets.kmFilling);
    expect(e.extensions).toMatchObject({ code: "INVALID_FIELD", details: { field: "stationUnitId" } });
    for (const role of ["station", "kmRegulator", "province"] as const) {
      expect((await fails(t, BEGIN, { t: "7003", s: t.world.units.station }, tickets[role])).extensions?.code).toBe(
        "FORBIDDEN",
      );
    }
  });

  it("adds, re-adds and removes cylinders idempotently, only on its own order with its own ThirdId", async () => {
    const added = await ok<{ addToInspectionOrder: Order }>(
      t,
      ADD,
      {
        o: order.id,
        t: "7001",
        i: [{ barcode: " IN0001", seqNo: 1 }, { barcode: "IN0002", seqNo: 2 }, { barcode: "IN0003" }],
      },
      tickets.kmFilling,
    );
    expect(added.addToInspectionOrder.items).toEqual([
      { barcode: "IN0001", seqNo: 1 },
      { barcode: "IN0002", seqNo: 2 },
      { barcode: "IN0003", seqNo: null },
    ]);
    const readded = await ok<{ addToInspectionOrder: Order }>(
      t,
      ADD,
      { o: order.id, i: [{ barcode: "IN0003", seqNo: 3 }] },
      tickets.kmFilling,
    );
    expect(readded.addToInspectionOrder.itemCount).toBe(3);
    expect(readded.addToInspectionOrder.items[2]).toEqual({ barcode: "IN0003", seqNo: 3 });

    const removed = await ok<{ removeFromInspectionOrder: Order }>(
      t,
      REMOVE,
      { o: order.id, b: ["IN0003", "NOT-ON-IT"] },
      tickets.kmFilling,
    );
    expect(removed.removeFromInspectionOrder.items.map((i) => i.barcode)).toEqual(["IN0001", "IN0002"]);

    expect(
      (await fails(t, ADD, { o: order.id, t: "9999", i: [{ barcode: "IN0003" }] }, tickets.kmFilling)).extensions,
    ).toMatchObject({ code: "INVALID_FIELD", details: { field: "thirdId" } });
    expect((await fails(t, ADD, { o: order.id, i: [{ barcode: "IN0003" }] }, tickets.qjFilling)).extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await fails(t, ADD, { o: 999999, i: [{ barcode: "IN0003" }] }, tickets.kmFilling)).extensions?.code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await fails(t, ADD, { o: order.id, i: [{ barcode: "IN0003" }, { barcode: "IN0003" }] }, tickets.kmFilling))
        .extensions,
    ).toMatchObject({ code: "INVALID_FIELD", details: { field: "items[1].barcode" } });
  });

  it("submits (EndApply) once; an empty order cannot be submitted; a submitted one is closed", async () => {
    const empty = (
      await ok<{ beginInspectionOrder: Order }>(t, BEGIN, { t: "7010", s: t.world.units.station }, tickets.kmFilling)
    ).beginInspectionOrder;
    expect((await fails(t, SUBMIT, { o: empty.id }, tickets.kmFilling)).extensions?.code).toBe("INVALID_STATE");

    const submitted = (
      await ok<{ submitInspectionOrder: Order }>(t, SUBMIT, { o: order.id, t: "7001" }, tickets.kmFilling)
    ).submitInspectionOrder;
    expect(submitted.status).toBe("SUBMITTED");
    expect(submitted.submittedAt).toBeTruthy();
    const again = (await ok<{ submitInspectionOrder: Order }>(t, SUBMIT, { o: order.id }, tickets.kmFilling))
      .submitInspectionOrder;
    expect(again).toEqual(submitted);
    expect((await fails(t, ADD, { o: order.id, i: [{ barcode: "IN0003" }] }, tickets.kmFilling)).extensions?.code).toBe(
      "INVALID_STATE",
    );
    expect((await fails(t, REMOVE, { o: order.id, b: ["IN0001"] }, tickets.kmFilling)).extensions?.code).toBe(
      "INVALID_STATE",
    );
  });

  it("is seen by the unit, the station it is addressed to and the prefecture's regulators only", async () => {
    const Q = `query($id: Int!) { inspectionOrder(id: $id) { id } inspectionOrders { nodes { id } } }`;
    for (const role of ["kmFilling", "station", "kmRegulator", "province"] as const) {
      const r = await ok<{ inspectionOrder: { id: number }; inspectionOrders: { nodes: { id: number }[] } }>(
        t,
        Q,
        { id: order.id },
        tickets[role],
      );
      expect(r.inspectionOrder.id).toBe(order.id);
      expect(r.inspectionOrders.nodes.map((n) => n.id)).toContain(order.id);
    }
    for (const role of ["qjFilling", "qjRegulator"] as const) {
      const r = await t.gql<{ inspectionOrders: { nodes: unknown[] } }>(Q, { id: order.id }, tickets[role]);
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const list = await ok<{ inspectionOrders: { nodes: unknown[] } }>(
        t,
        `{ inspectionOrders { nodes { id } } }`,
        {},
        tickets[role],
      );
      expect(list.inspectionOrders.nodes).toEqual([]);
    }
  });

  it("records results: on time, outbox message per accepted result, order completed; a retry stores nothing", async () => {
    const items = [
      {
        barcode: "IN0001",
        orderId: order.id,
        conclusion: 0,
        reportDate: chinaDay(t.clock),
        nextDate: yearsOn(4),
        reportNo: "KM-2026-001",
        valveReplaced: true,
        valveMaker: "宁波阀门厂",
        thirdId: "1",
      },
      {
        barcode: " IN0002",
        orderId: order.id,
        conclusion: 1,
        reportDate: chinaDay(t.clock),
        nextDate: yearsOn(4),
        thirdId: "2",
      },
    ];
    const before = (await outbox()).length;
    const r = await ok<{ recordInspectionResults: Upload }>(t, RECORD_RESULTS, { items }, tickets.station);
    expect(r.recordInspectionResults.items.map((i) => [i.status, i.alarms, i.lateness])).toEqual([
      ["ACCEPTED", [], "ON_TIME"],
      ["ACCEPTED", [], "ON_TIME"],
    ]);
    const messages = (await outbox()).slice(before);
    expect(messages.map((m) => m.topic)).toEqual(["inspection_result", "inspection_result"]);
    expect(messages[0]!.payload).toMatchObject({
      resultId: r.recordInspectionResults.items[0]!.id,
      barcode: "IN0001",
      conclusion: 0,
      conclusionKey: "PASS",
      reportDate: chinaDay(t.clock),
      nextDate: yearsOn(4),
      reportNo: "KM-2026-001",
      stationUnitId: t.world.units.station,
      stationName: "昆明市气瓶检验站",
      valveReplaced: true,
      valveMaker: "宁波阀门厂",
    });
    // a scrap carries no next date, whatever was sent
    expect(messages[1]!.payload).toMatchObject({ barcode: "IN0002", conclusionKey: "SCRAP", nextDate: null });

    const status = await ok<{ inspectionOrder: { status: string } }>(
      t,
      `query($id: Int!) { inspectionOrder(id: $id) { status } }`,
      { id: order.id },
      tickets.kmFilling,
    );
    expect(status.inspectionOrder.status).toBe("COMPLETED");

    const retry = await ok<{ recordInspectionResults: Upload }>(t, RECORD_RESULTS, { items }, tickets.station);
    expect(retry.recordInspectionResults.items.map((i) => [i.status, i.lateness])).toEqual([
      ["DUPLICATE", "ON_TIME"],
      ["DUPLICATE", "ON_TIME"],
    ]);
    expect((await outbox()).length).toBe(before + 2);

    const seen = await ok<{ inspectionResults: { nodes: { barcode: string }[] } }>(
      t,
      `query($o: Int) { inspectionResults(filter: { orderId: $o }) { nodes { barcode conclusionLabel valveMaker } } }`,
      { o: order.id },
      tickets.kmFilling,
    );
    expect(seen.inspectionResults.nodes).toHaveLength(2);
  });

  it("raises late_inspection after 5 working days and unknown_cylinder for an unregistered barcode", async () => {
    // the date is the subject: the National Day holiday (1-7 October 2026, Saturday 10 October
    // a make-up working day) puts the fifth working day after 30 September on 13 October; the
    // result is received on LATENESS_NOW, after it
    const r = await ok<{ recordInspectionResults: Upload }>(
      t,
      RECORD_RESULTS,
      {
        items: [
          { barcode: "IN0003", conclusion: 0, reportDate: "2026-09-30", nextDate: "2030-09-30", thirdId: "10" },
          {
            barcode: "NOPE-INSPECT",
            conclusion: 0,
            reportDate: chinaDay(t.clock),
            nextDate: yearsOn(4),
            thirdId: "11",
          },
        ],
      },
      tickets.station,
    );
    expect(r.recordInspectionResults.items.map((i) => [i.alarms, i.lateness])).toEqual([
      [["LATE_INSPECTION"], "LATE"],
      [["UNKNOWN_CYLINDER"], "ON_TIME"],
    ]);
    const alarms = await ok<{ alarms: { nodes: { type: string; unitId: number; message: string }[] } }>(
      t,
      `{ alarms(filter: { types: [LATE_INSPECTION] }) { nodes { type unitId message } } }`,
      {},
      tickets.station,
    );
    expect(alarms.alarms.nodes[0]).toMatchObject({ unitId: t.world.units.station });
    expect(alarms.alarms.nodes[0]!.message).toContain("应于 2026-10-13 前上传");
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["a pass without next date", { nextDate: null }, "MISSING_FIELD", "items[1].nextDate"],
    [
      "a next date not after the report",
      { nextDate: "2026-01-01", reportDate: "2026-01-01" },
      "INVALID_FIELD",
      "items[1].nextDate",
    ],
    ["a report date in the future", { reportDate: "TOMORROW" }, "INVALID_FIELD", "items[1].reportDate"],
    ["an impossible report date", { reportDate: "2026-02-30" }, "INVALID_FIELD", "items[1].reportDate"],
    ["a conclusion of 2", { conclusion: 2 }, "INVALID_ENUM", "items[1].conclusion"],
    ["an order of another station", { orderId: -1 }, "INVALID_FIELD", "items[1].orderId"],
    ["a cylinder not on the order", { barcode: "IN0003", orderId: "ORDER" }, "INVALID_FIELD", "items[1].barcode"],
  ])("refuses the whole batch for %s", async (_n, bad, code, field) => {
    const orderId = (
      await ok<{ inspectionOrders: { nodes: { id: number }[] } }>(
        t,
        `{ inspectionOrders(filter: { status: COMPLETED }) { nodes { id } } }`,
        {},
        tickets.station,
      )
    ).inspectionOrders.nodes[0]!.id;
    const item = (over: Record<string, unknown>): Record<string, unknown> => ({
      barcode: "IN0001",
      conclusion: 0,
      reportDate: chinaDay(t.clock),
      nextDate: yearsOn(4),
      ...over,
    });
    const badItem = item({ thirdId: "21", ...bad });
    if (badItem.reportDate === "TOMORROW") badItem.reportDate = chinaDay(t.clock, 1);
    if (badItem.orderId === -1) badItem.orderId = 999999;
    if (badItem.orderId === "ORDER") badItem.orderId = orderId;
    const before = (await outbox()).length;
    const e = await fails(t, RECORD_RESULTS, { items: [item({ thirdId: "20" }), badItem] }, tickets.station);
    expect(e.extensions?.code).toBe(code);
    expect(e.extensions?.details?.field).toBe(field);
    expect((await outbox()).length).toBe(before);
    const [row] = (await t.database.db.execute(
      sql`select count(*)::int as n from trace.inspection_result where third_id in (20, 21)`,
    )) as unknown as { n: number }[];
    expect(row!.n).toBe(0);
  });

  it("is for inspection stations only", async () => {
    for (const role of ["kmFilling", "kmRegulator", "province", "operator"] as const) {
      const e = await fails(
        t,
        RECORD_RESULTS,
        {
          items: [
            { barcode: "IN0001", conclusion: 0, reportDate: chinaDay(t.clock), nextDate: yearsOn(4), thirdId: "30" },
          ],
        },
        tickets[role],
      );
      expect(e.extensions?.code).toBe("FORBIDDEN");
    }
  });
});

describe("when the working-day calendar does not know the year", () => {
  // a trace subgraph whose clock reads 5 January 2027 China time, first on the library's
  // calendar (no 2027 notice), then with the invented 2027 test notice added
  const clock = new ManualClock("2027-01-05T02:00:00Z", true);
  const TEST_NOTICE = join(import.meta.dirname, "..", "db", "test", "fixtures", "holiday-notice-2027.test-only.txt");
  const warnings: unknown[] = [];
  const log = {
    warn: (...args: unknown[]) => warnings.push(args),
    info() {},
    error() {},
    debug() {},
    child() {
      return log;
    },
  };
  const depsOn = (calendar: WorkingCalendar): TraceDeps => ({
    db: t.database.db,
    config: t.config,
    log: log as never,
    alarmBus: t.platform.alarmBus,
    clock,
    calendar,
  });
  const RESULTS = `{ inspectionResults(filter: { barcode: "IN0003", from: "2026-12-20", to: "2026-12-28" }) { nodes { reportDate lateness reassessedAt } } }`;
  const alarmsOf = async (type: string) =>
    (await t.database.db.execute(
      sql`select a.prefecture_code, a.record_kind, a.record_id::int as record_id, a.message, a.raised_at
          from trace.alarm a where a.type = ${type} order by a.id`,
    )) as unknown as {
      prefecture_code: string;
      record_kind: string;
      record_id: number;
      message: string;
      raised_at: string;
    }[];

  it("stores the result anyway, lateness undetermined, with a warning logged; the notice added, the job assesses it again", async () => {
    const trace = await startTrace(depsOn(LIBRARY_CALENDAR), { host: "127.0.0.1", port: 0 });
    try {
      const [account] = (await t.database.db.execute(
        sql`select id, unit_id from registry.account where username = ${t.world.accounts.station}`,
      )) as unknown as { id: number; unit_id: number }[];
      const identity: Identity = {
        accountId: account!.id,
        username: t.world.accounts.station,
        role: "inspection_station",
        unitId: account!.unit_id,
        prefectureCode: "530100",
      };
      const res = await fetch(trace.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-cylinder-identity": signIdentity(identity, t.config.gatewaySecret, clock.now().getTime()),
        },
        body: JSON.stringify({
          query: RECORD_RESULTS,
          variables: {
            items: [
              { barcode: "IN0003", conclusion: 0, reportDate: "2026-12-20", nextDate: "2030-12-20", thirdId: "40" },
              { barcode: "NOPE-2027", conclusion: 0, reportDate: "2026-12-20", nextDate: "2030-12-20", thirdId: "41" },
              { barcode: "IN0003", conclusion: 0, reportDate: "2026-12-28", nextDate: "2030-12-28", thirdId: "42" },
            ],
          },
        }),
      });
      const body = (await res.json()) as { data?: { recordInspectionResults: Upload }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data!.recordInspectionResults.items.map((i) => [i.status, i.lateness, i.alarms])).toEqual([
        ["ACCEPTED", "UNDETERMINED", []],
        ["ACCEPTED", "UNDETERMINED", ["UNKNOWN_CYLINDER"]],
        ["ACCEPTED", "UNDETERMINED", []],
      ]);
      expect(JSON.stringify(warnings)).toContain('"year":2027');
    } finally {
      await trace.stop();
    }
    const before = await ok<{ inspectionResults: { nodes: unknown[] } }>(t, RESULTS, {}, tickets.station);
    expect(before.inspectionResults.nodes).toEqual([
      { reportDate: "2026-12-28", lateness: "UNDETERMINED", reassessedAt: null },
      { reportDate: "2026-12-20", lateness: "UNDETERMINED", reassessedAt: null },
    ]);

    // the job on the library's calendar: nothing to assess yet, and the operator is told, once
    const still = await runCalendarJob(depsOn(LIBRARY_CALENDAR));
    expect(still).toMatchObject({ missingYear: 2027, reassessed: 0, late: 0 });
    expect(still.stillUndetermined).toBeGreaterThanOrEqual(3);
    await runCalendarJob(depsOn(LIBRARY_CALENDAR));
    const told = await alarmsOf("calendar_notice_missing");
    expect(told.map((a) => [a.prefecture_code, a.record_kind, a.record_id])).toEqual([
      ["530000", "calendar_year", 2027],
    ]);
    expect(told[0]!.message).toContain("尚未收录 2027 年");

    // the operator adds the 2027 notice and restarts: the job assesses each result again
    const withNotice = loadWorkingCalendar([TEST_NOTICE]);
    clock.set("2027-01-06T01:00:00Z");
    const done = await runCalendarJob(depsOn(withNotice));
    expect(done).toMatchObject({ missingYear: null, reassessed: 3, late: 2, stillUndetermined: 0 });
    expect(await runCalendarJob(depsOn(withNotice))).toMatchObject({ reassessed: 0, late: 0 });

    const after = await ok<{ inspectionResults: { nodes: unknown[] } }>(t, RESULTS, {}, tickets.station);
    expect(after.inspectionResults.nodes).toEqual([
      // 12-29, 12-30, 12-31, 01-04: four working days before the 5 January receipt
      { reportDate: "2026-12-28", lateness: "ON_TIME", reassessedAt: "2027-01-06T01:00:00.000Z" },
      // 12-21 .. 12-25: the deadline was Friday 25 December
      { reportDate: "2026-12-20", lateness: "LATE", reassessedAt: "2027-01-06T01:00:00.000Z" },
    ]);
    // the late-inspection alarm names the original times, raised when the job judged it
    const late = await alarmsOf("late_inspection");
    const reassessedLate = late.filter((a) => a.message.includes("报告日期 2026-12-20"));
    expect(reassessedLate.map((a) => a.message)).toEqual([
      "气瓶 IN0003 的检验结果超过 5 个工作日上传（报告日期 2026-12-20，应于 2026-12-25 前上传，平台 2027-01-05 10:00:00 收到）",
      "气瓶 NOPE-2027 的检验结果超过 5 个工作日上传（报告日期 2026-12-20，应于 2026-12-25 前上传，平台 2027-01-05 10:00:00 收到）",
    ]);
    expect(new Date(reassessedLate[0]!.raised_at).toISOString()).toBe("2027-01-06T01:00:00.000Z");
    const [record] = (await t.database.db.execute(
      sql`select a.deadline, a.calendar_source from trace.inspection_reassessment a
          join trace.inspection_result r on r.id = a.result_id
          where r.third_id = 40`,
    )) as unknown as { deadline: string; calendar_source: string }[];
    expect(record!.deadline).toBe("2026-12-25");
    expect(record!.calendar_source).toBe(`2026: chinese-days; 2027: ${TEST_NOTICE}:4`);
    // a reassessment is never edited
    await expect(t.database.sql`update trace.inspection_reassessment set lateness = 'on_time'`).rejects.toThrow(
      /append-only/,
    );
  });
});
