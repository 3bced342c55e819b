/**
 * The fill permit through the real gateway: a station's scan (requestFillPermit) decides,
 * logs and raises; Cylinder.fillPermit evaluates; trace's own latest inspection result
 * corrects the registry archive before the archive is updated (effective NextDate, scrap).
 */
import { addDays, addYears } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "./support/platform";
import {
  captureAlarms,
  chinaDay,
  countStatements,
  eventually,
  fails,
  insertCylinders,
  LATENESS_NOW,
  loginAll,
  lpgCylinder,
  minutesAgo,
  ok,
  RECORD_BEFORE,
  RECORD_FILLS,
  RECORD_RESULTS,
  REQUEST_PERMIT,
  type RoleName,
  type Upload,
} from "./support/trace";

interface Permit {
  barcode: string;
  unitId: number;
  permitted: boolean;
  message: string;
  reasons: { code: string; message: string }[];
  decidedAt: string;
  decisionId: number | null;
  alarmId: number | null;
  effectiveNextDate: string | null;
}

let t: TestPlatform;
let tickets: Record<RoleName, string>;
beforeAll(async () => {
  // a fresh inspection result is on time only on a day the working-day calendar knows
  t = await startTestPlatform({}, { now: LATENESS_NOW });
  tickets = await loginAll(t);
  const km = t.world.units.kmFilling;
  const overdue = t.world.dates.overdueNextDate;
  await insertCylinders(t, [
    lpgCylinder(t, "PM0001", km),
    lpgCylinder(t, "PM0002", km, { nextDate: overdue }),
    lpgCylinder(t, "PM0003", km),
    lpgCylinder(t, "PM0004", km, { nextDate: overdue }),
  ]);
});
afterAll(() => t?.stop());

const request = async (barcode: string, role: RoleName = "kmFilling", channel?: string) =>
  (await ok<{ requestFillPermit: Permit }>(t, REQUEST_PERMIT, { b: barcode, c: channel }, tickets[role]))
    .requestFillPermit;

describe("requestFillPermit (the station's scan)", () => {
  it("permits the unit's own fit cylinder, logs the decision, raises nothing", async () => {
    const p = await request(` ${t.world.barcodes.kmNormal} `);
    expect(p).toMatchObject({
      barcode: t.world.barcodes.kmNormal,
      unitId: t.world.units.kmFilling,
      permitted: true,
      message: "允许充装",
      reasons: [],
      alarmId: null,
      effectiveNextDate: t.world.dates.nextDate,
    });
    expect(p.decisionId).toBeGreaterThan(0);
    const log = await ok<{ permitDecisions: { nodes: Record<string, unknown>[] } }>(
      t,
      `query($b: String) { permitDecisions(filter: { barcode: $b }) { nodes { id permitted reasons channel prefectureCode } } }`,
      { b: t.world.barcodes.kmNormal },
      tickets.kmFilling,
    );
    expect(log.permitDecisions.nodes[0]).toEqual({
      id: p.decisionId,
      permitted: true,
      reasons: [],
      channel: "GRAPHQL",
      prefectureCode: "530100",
    });
  });

  it("refuses an overdue cylinder with every reason, raises permit_refused and publishes it", async () => {
    const bus = captureAlarms(t);
    const p = await request(t.world.barcodes.kmOverdue, "kmFilling", "REST");
    expect(p.permitted).toBe(false);
    expect(p.reasons.map((r) => r.code)).toEqual(["INSPECTION_OVERDUE"]);
    expect(p.message).toBe(`不允许充装：超期未检（下次检验日期 ${t.world.dates.overdueNextDate}）`);
    expect(p.alarmId).toBeGreaterThan(0);
    await eventually(() => bus.events.some((e) => e.id === p.alarmId));
    bus.stop();
    const alarm = await ok<{ alarm: Record<string, unknown> }>(
      t,
      `query($id: Int!) { alarm(id: $id) { type recordKind recordId barcode unitId prefectureCode reasons { code } open cylinder { barcode state } } }`,
      { id: p.alarmId },
      tickets.kmRegulator,
    );
    expect(alarm.alarm).toEqual({
      type: "PERMIT_REFUSED",
      recordKind: "permit_decision",
      recordId: p.decisionId,
      barcode: t.world.barcodes.kmOverdue,
      unitId: t.world.units.kmFilling,
      prefectureCode: "530100",
      reasons: [{ code: "INSPECTION_OVERDUE" }],
      open: true,
      cylinder: { barcode: t.world.barcodes.kmOverdue, state: 1 },
    });
    const log = await ok<{ permitDecisions: { nodes: { channel: string; reasons: string[] }[] } }>(
      t,
      `query($b: String) { permitDecisions(filter: { barcode: $b, permitted: false }) { nodes { channel reasons } } }`,
      { b: t.world.barcodes.kmOverdue },
      tickets.province,
    );
    expect(log.permitDecisions.nodes[0]).toEqual({ channel: "REST", reasons: ["INSPECTION_OVERDUE"] });
  });

  it.each<[string, () => string, string[]]>([
    ["an unregistered barcode", () => "NOPE-PERMIT", ["NOT_REGISTERED"]],
    ["another unit's cylinder", () => t.world.barcodes.qjNormal, ["NOT_OWN_PROPERTY"]],
    ["a scrapped cylinder", () => t.world.barcodes.kmScrapped, ["SCRAPPED"]],
    ["a locked cylinder", () => t.world.barcodes.kmLocked, ["LOCKED"]],
    ["a car cylinder of a medium not licensed", () => t.world.barcodes.car, ["MEDIUM_NOT_LICENSED"]],
  ])("refuses %s", async (_n, barcode, codes) => {
    const p = await request(barcode());
    expect(p.permitted).toBe(false);
    expect(p.reasons.map((r) => r.code)).toEqual(codes);
  });

  it("refuses after a failed before-fill check, and permits again after a passing one", async () => {
    await ok(
      t,
      RECORD_BEFORE,
      {
        input: {
          items: [{ barcode: "PM0001", state: 1, remark: "瓶体腐蚀", checkedAt: minutesAgo(t.clock, 3), thirdId: "1" }],
        },
      },
      tickets.kmFilling,
    );
    const refused = await request("PM0001");
    expect(refused.reasons.map((r) => r.code)).toEqual(["BEFORE_FILL_CHECK_FAILED"]);
    expect(refused.message).toContain("瓶体腐蚀");
    await ok(
      t,
      RECORD_BEFORE,
      { input: { items: [{ barcode: "PM0001", state: 0, checkedAt: minutesAgo(t.clock, 1), thirdId: "2" }] } },
      tickets.kmFilling,
    );
    expect((await request("PM0001")).permitted).toBe(true);
  });

  it("is for filling units only (typed FORBIDDEN)", async () => {
    for (const role of ["station", "kmRegulator", "province", "operator", "platform"] as const) {
      const e = await fails(t, REQUEST_PERMIT, { b: t.world.barcodes.kmNormal }, tickets[role]);
      expect(e.extensions?.code).toBe("FORBIDDEN");
    }
    expect((await fails(t, REQUEST_PERMIT, { b: t.world.barcodes.kmNormal })).extensions?.code).toBe("FORBIDDEN");
    expect((await fails(t, REQUEST_PERMIT, { b: "  " }, tickets.kmFilling)).extensions?.code).toBe("MISSING_FIELD");
  });

  it("costs two SQL statements: one read, one write", async () => {
    const statements = await countStatements(t, () => request(t.world.barcodes.kmNormal));
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^select/);
    expect(statements[1]).toMatch(/^with d as \(\s*insert into trace.permit_decision/);
  });
});

describe("trace's own inspection results count before the registry archive is updated", () => {
  it("a fresh passing result's NextDate makes an overdue cylinder fillable", async () => {
    expect((await request("PM0002")).reasons.map((r) => r.code)).toEqual(["INSPECTION_OVERDUE"]);
    const nextDate = addYears(chinaDay(t.clock), 4);
    const r = await ok<{ recordInspectionResults: Upload }>(
      t,
      RECORD_RESULTS,
      { items: [{ barcode: "PM0002", conclusion: 0, reportDate: chinaDay(t.clock), nextDate, thirdId: "1" }] },
      tickets.station,
    );
    expect(r.recordInspectionResults.items[0]).toMatchObject({ status: "ACCEPTED", alarms: [], lateness: "ON_TIME" });
    const p = await request("PM0002");
    expect(p).toMatchObject({ permitted: true, effectiveNextDate: nextDate });
    // the archive itself is the registry's, updated later through the outbox relay
    const [archive] = (await t.database.db.execute(
      sql`select next_date from registry.cylinder where barcode = 'PM0002'`,
    )) as unknown as { next_date: string }[];
    expect(archive!.next_date).toBe(t.world.dates.overdueNextDate);
    // and a fill of it now is no violation
    const f = await ok<{ recordFills: Upload }>(
      t,
      RECORD_FILLS,
      {
        input: {
          items: [
            {
              barcode: "PM0002",
              idleWeight: 16,
              grossWeight: 29,
              netWeight: 13,
              beginAt: minutesAgo(t.clock, 2),
              endAt: minutesAgo(t.clock, 1),
              thirdId: "1",
            },
          ],
        },
      },
      tickets.kmFilling,
    );
    expect(f.recordFills.items[0]!.alarms).toEqual([]);
  });

  it("a fresh scrap result makes a fit cylinder scrapped", async () => {
    expect((await request("PM0003")).permitted).toBe(true);
    await ok(
      t,
      RECORD_RESULTS,
      {
        items: [{ barcode: "PM0003", conclusion: 1, reportDate: chinaDay(t.clock), thirdId: "2", remark: "瓶体凹陷" }],
      },
      tickets.station,
    );
    const p = await request("PM0003");
    expect(p.permitted).toBe(false);
    expect(p.reasons.map((r) => r.code)).toEqual(["SCRAPPED"]);
  });

  it("a passing result with an earlier NextDate than the archive's changes nothing", async () => {
    const archived = t.world.dates.overdueNextDate;
    const nextDate = addDays(archived, -92);
    await ok(
      t,
      RECORD_RESULTS,
      { items: [{ barcode: "PM0004", conclusion: 0, reportDate: addYears(nextDate, -1), nextDate, thirdId: "3" }] },
      tickets.station,
    );
    const p = await request("PM0004");
    expect(p.effectiveNextDate).toBe(archived);
    expect(p.reasons.map((r) => r.code)).toEqual(["INSPECTION_OVERDUE"]);
  });
});

describe("Cylinder.fillPermit (evaluation, not logged)", () => {
  const Q = `query($b: String!, $u: Int) { cylinder(barcode: $b) { barcode fillPermit(unitId: $u) { unitId permitted reasons { code } decisionId alarmId } } }`;
  const decisions = async () => {
    const [row] = (await t.database.db.execute(
      sql`select count(*)::int as n from trace.permit_decision`,
    )) as unknown as { n: number }[];
    return row!.n;
  };

  it("answers a filling unit for itself without logging", async () => {
    const before = await decisions();
    const r = await ok<{ cylinder: { fillPermit: Record<string, unknown> } }>(
      t,
      Q,
      { b: t.world.barcodes.kmOverdue },
      tickets.kmFilling,
    );
    expect(r.cylinder.fillPermit).toEqual({
      unitId: t.world.units.kmFilling,
      permitted: false,
      reasons: [{ code: "INSPECTION_OVERDUE" }],
      decisionId: null,
      alarmId: null,
    });
    expect(await decisions()).toBe(before);
  });

  it("refuses a filling unit asking for another unit", async () => {
    const r = await t.gql(Q, { b: t.world.barcodes.kmNormal, u: t.world.units.qjFilling }, tickets.kmFilling);
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("answers regulators for the owner by default, for units in their scope when named", async () => {
    const own = await ok<{ cylinder: { fillPermit: { unitId: number; permitted: boolean } } }>(
      t,
      Q,
      { b: t.world.barcodes.kmNormal },
      tickets.kmRegulator,
    );
    expect(own.cylinder.fillPermit).toMatchObject({ unitId: t.world.units.kmFilling, permitted: true });
    const other = await t.gql(Q, { b: t.world.barcodes.kmNormal, u: t.world.units.qjFilling }, tickets.kmRegulator);
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const province = await ok<{ cylinder: { fillPermit: { unitId: number; reasons: { code: string }[] } } }>(
      t,
      Q,
      { b: t.world.barcodes.kmNormal, u: t.world.units.qjFilling },
      tickets.province,
    );
    expect(province.cylinder.fillPermit.reasons.map((r) => r.code)).toEqual(["NOT_OWN_PROPERTY", "LICENSE_MISSING"]);
  });

  it("is not for stations or the public", async () => {
    for (const ticket of [tickets.station, undefined]) {
      const r = await t.gql(Q, { b: t.world.barcodes.kmNormal }, ticket);
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
  });

  it("decides many cylinders in one query", async () => {
    const barcodes = ["PM0001", "PM0002", "PM0003", "PM0004", t.world.barcodes.kmNormal, t.world.barcodes.kmOverdue];
    const statements = await countStatements(t, async () => {
      const r = await ok<{ cylinders: { fillPermit: { permitted: boolean } }[] }>(
        t,
        `query($b: [String!]!) { cylinders(barcodes: $b) { fillPermit { permitted } } }`,
        { b: barcodes },
        tickets.kmFilling,
      );
      expect(r.cylinders.map((c) => c.fillPermit.permitted)).toEqual([true, true, false, false, true, false]);
    });
    expect(statements.filter((s) => s.includes("registry.unit_permit_v1"))).toHaveLength(1);
  });
});
