/**
 * Trace uploads through the real gateway: before/after-fill checks and fills (annex 1 §4-6),
 * idempotency on ThridId (incl. the annex's own reuse of 20489 across kinds and concurrent
 * retries), evidence kept with its alarms, whole-batch refusal of malformed items, alarms
 * (list, bus, acknowledgement), changes lists with the horizon, and reconciliation (§9).
 */
import { chinaMidnight } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "./support/platform";
import {
  captureAlarms,
  chinaMonth,
  eventually,
  fails,
  insertCylinders,
  loginAll,
  lpgCylinder,
  minutesAgo,
  ok,
  RECORD_AFTER,
  RECORD_BEFORE,
  RECORD_FILLS,
  type RoleName,
  type Upload,
} from "./support/trace";

let t: TestPlatform;
let tickets: Record<RoleName, string>;
beforeAll(async () => {
  t = await startTestPlatform();
  tickets = await loginAll(t);
  const km = t.world.units.kmFilling;
  await insertCylinders(t, [
    ...Array.from({ length: 12 }, (_, i) => lpgCylinder(t, `UP${String(i).padStart(4, "0")}`, km)),
  ]);
});
afterAll(() => t?.stop());

const fill = (barcode: string, thirdId: string, over: Record<string, unknown> = {}) => ({
  barcode,
  idleWeight: 16.33,
  grossWeight: 29.76,
  netWeight: 13.43,
  beginAt: minutesAgo(t.clock, 12),
  endAt: minutesAgo(t.clock, 10),
  machine: 1,
  thirdId,
  ...over,
});

async function count(table: string, where = sql`true`): Promise<number> {
  const [row] = (await t.database.db.execute(
    sql`select count(*)::int as n from ${sql.raw(`trace.${table}`)} where ${where}`,
  )) as unknown as { n: number }[];
  return row!.n;
}

describe("before- and after-fill checks", () => {
  const annexBefore = {
    items: [
      { barcode: "1103007831", state: 1, remark: "瓶体变形", checkedAt: "2020-04-20T11:54:01.000Z", thirdId: "20489" },
      { barcode: " 1103007832", state: 0, thirdId: "20490" },
    ],
    inspectorName: "张三",
  };

  it("stores the annex example, trims barcodes, stands the time of receipt in for a missing Date", async () => {
    const before = t.clock.now().getTime();
    const r = await ok<{ recordBeforeFillChecks: Upload }>(t, RECORD_BEFORE, { input: annexBefore }, tickets.kmFilling);
    expect(r.recordBeforeFillChecks).toMatchObject({ accepted: 2, duplicates: 0 });
    const [failed, passed] = r.recordBeforeFillChecks.items;
    expect(failed).toMatchObject({ thirdId: "20489", barcode: "1103007831", status: "ACCEPTED" });
    // a 2020 check uploaded now is both failed and late
    expect(failed!.alarms).toEqual(["CHECK_FAILED", "LATE_UPLOAD"]);
    expect(passed).toMatchObject({ thirdId: "20490", barcode: "1103007832", status: "ACCEPTED", alarms: [] });

    const list = await ok<{ beforeFillChecks: { nodes: Record<string, unknown>[] } }>(
      t,
      `query($b: String) { beforeFillChecks(filter: { barcode: $b }) { nodes {
        id thirdId barcode state passed remark checkedAt checkedAtSource inspectorName prefectureCode receivedAt kind } } }`,
      { b: "1103007832" },
      tickets.kmFilling,
    );
    const node = list.beforeFillChecks.nodes[0]!;
    expect(node).toMatchObject({
      thirdId: "20490",
      barcode: "1103007832",
      passed: true,
      checkedAtSource: "RECEIVED",
      inspectorName: "张三",
      prefectureCode: "530100",
      kind: "BEFORE_FILL",
    });
    expect(node.checkedAt).toBe(node.receivedAt);
    expect(new Date(node.checkedAt as string).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("keeps ThridIds per record kind: the annex reuses 20489 for an after-fill check", async () => {
    const r = await ok<{ recordAfterFillChecks: Upload }>(
      t,
      RECORD_AFTER,
      {
        input: {
          items: [
            {
              barcode: " 1103007831",
              state: 1,
              remark: " 密封检查不通过",
              checkedAt: minutesAgo(t.clock, 5),
              thirdId: "20489",
            },
            { barcode: " 1103007832", state: 0, checkedAt: minutesAgo(t.clock, 5), thirdId: "20479" },
          ],
        },
      },
      tickets.kmFilling,
    );
    expect(r.recordAfterFillChecks.items.map((i) => [i.thirdId, i.status, i.alarms])).toEqual([
      ["20489", "ACCEPTED", ["CHECK_FAILED"]],
      ["20479", "ACCEPTED", []],
    ]);
  });

  it("answers a retried batch DUPLICATE with the stored ids and alarms, storing nothing twice", async () => {
    const before = await count("before_fill_check");
    const alarms = await count("alarm");
    const r = await ok<{ recordBeforeFillChecks: Upload }>(t, RECORD_BEFORE, { input: annexBefore }, tickets.kmFilling);
    expect(r.recordBeforeFillChecks).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(r.recordBeforeFillChecks.items.map((i) => [i.thirdId, i.status, i.alarms])).toEqual([
      ["20489", "DUPLICATE", ["CHECK_FAILED", "LATE_UPLOAD"]],
      ["20490", "DUPLICATE", []],
    ]);
    expect(await count("before_fill_check")).toBe(before);
    expect(await count("alarm")).toBe(alarms);
  });

  it("does not let another unit's ThridId collide with ours", async () => {
    const r = await ok<{ recordBeforeFillChecks: Upload }>(
      t,
      RECORD_BEFORE,
      { input: { items: [{ barcode: "2203000001", state: 0, thirdId: "20489" }] } },
      tickets.qjFilling,
    );
    expect(r.recordBeforeFillChecks.items[0]).toMatchObject({ status: "ACCEPTED", alarms: [] });
  });
});

describe("fill records", () => {
  it("stores a clean fill without alarms", async () => {
    const r = await ok<{ recordFills: Upload }>(
      t,
      RECORD_FILLS,
      { input: { scaleFactory: " 测试厂家", fillerName: "张三", items: [fill("UP0000", "1001")] } },
      tickets.kmFilling,
    );
    expect(r.recordFills.items[0]).toMatchObject({ status: "ACCEPTED", alarms: [], barcode: "UP0000" });
    const list = await ok<{ fillRecords: { nodes: Record<string, unknown>[] } }>(
      t,
      `{ fillRecords(filter: { barcode: "UP0000" }) { nodes { thirdId netWeight scaleFactory fillerName unitId unit { id name } } } }`,
      {},
      tickets.kmFilling,
    );
    expect(list.fillRecords.nodes).toEqual([
      {
        thirdId: "1001",
        netWeight: 13.43,
        scaleFactory: "测试厂家",
        fillerName: "张三",
        unitId: t.world.units.kmFilling,
        unit: { id: t.world.units.kmFilling, name: "昆明市官渡燃气充装站" },
      },
    ]);
  });

  it("keeps the evidence of every violation and raises each alarm kind, visible and published", async () => {
    const bus = captureAlarms(t);
    const r = await ok<{ recordFills: Upload }>(
      t,
      RECORD_FILLS,
      {
        input: {
          items: [
            fill("UP0001", "1101", { netWeight: 15, grossWeight: 31.33 }),
            fill("NOPE000001", "1102"),
            fill(t.world.barcodes.kmOverdue, "1103"),
            fill("UP0002", "1104", { beginAt: minutesAgo(t.clock, 31 * 60), endAt: minutesAgo(t.clock, 30 * 60) }),
          ],
        },
      },
      tickets.kmFilling,
    );
    expect(r.recordFills.items.map((i) => i.alarms)).toEqual([
      ["OVERFILL"],
      ["UNKNOWN_CYLINDER", "REFUSED_CYLINDER_FILLED"],
      ["REFUSED_CYLINDER_FILLED"],
      ["LATE_UPLOAD"],
    ]);
    const ids = r.recordFills.items.map((i) => i.id);

    const listed = await ok<{
      alarms: {
        nodes: {
          type: string;
          recordKind: string;
          recordId: number;
          barcode: string;
          prefectureCode: string;
          reasons: { code: string }[];
          message: string;
        }[];
      };
    }>(
      t,
      `{ alarms(filter: { unitId: ${t.world.units.kmFilling}, types: [OVERFILL, UNKNOWN_CYLINDER, REFUSED_CYLINDER_FILLED, LATE_UPLOAD], open: true }, first: 50) {
          nodes { type recordKind recordId barcode prefectureCode reasons { code } message } } }`,
      {},
      tickets.kmRegulator,
    );
    const mine = listed.alarms.nodes.filter((a) => a.recordKind === "fill_record" && ids.includes(a.recordId));
    expect(mine.map((a) => `${a.barcode}:${a.type}`).sort()).toEqual(
      [
        "UP0001:OVERFILL",
        "NOPE000001:UNKNOWN_CYLINDER",
        "NOPE000001:REFUSED_CYLINDER_FILLED",
        `${t.world.barcodes.kmOverdue}:REFUSED_CYLINDER_FILLED`,
        "UP0002:LATE_UPLOAD",
      ].sort(),
    );
    expect(mine.every((a) => a.prefectureCode === "530100")).toBe(true);
    const overdue = mine.find((a) => a.barcode === t.world.barcodes.kmOverdue)!;
    expect(overdue.reasons.map((x) => x.code)).toEqual(["INSPECTION_OVERDUE"]);
    expect(overdue.message).toContain("违规充装");

    // the evidence of an unknown cylinder is listed, with no archive behind it
    const unknown = await t.gql<{ fillRecords: { nodes: { barcode: string; cylinder: unknown }[] } }>(
      `{ fillRecords(filter: { barcode: "NOPE000001" }) { nodes { barcode cylinder { state } } } }`,
      {},
      tickets.kmFilling,
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.fillRecords.nodes).toEqual([{ barcode: "NOPE000001", cylinder: null }]);

    await eventually(() => bus.events.length >= 5);
    bus.stop();
    expect(bus.events.map((e) => `${e.barcode}:${e.type}`).sort()).toEqual(
      [
        "UP0001:overfill",
        "NOPE000001:unknown_cylinder",
        "NOPE000001:refused_cylinder_filled",
        `${t.world.barcodes.kmOverdue}:refused_cylinder_filled`,
        "UP0002:late_upload",
      ].sort(),
    );
    expect(bus.events[0]).toMatchObject({ unitId: t.world.units.kmFilling, prefectureCode: "530100" });
  });

  it("raises check_failed for a failed check, and a fill after it is a refused cylinder filled", async () => {
    const c = await ok<{ recordBeforeFillChecks: Upload }>(
      t,
      RECORD_BEFORE,
      {
        input: {
          items: [
            { barcode: "UP0003", state: 1, remark: "瓶阀漏气", checkedAt: minutesAgo(t.clock, 20), thirdId: "3001" },
          ],
        },
      },
      tickets.kmFilling,
    );
    expect(c.recordBeforeFillChecks.items[0]!.alarms).toEqual(["CHECK_FAILED"]);
    const f = await ok<{ recordFills: Upload }>(
      t,
      RECORD_FILLS,
      { input: { items: [fill("UP0003", "3002")] } },
      tickets.kmFilling,
    );
    expect(f.recordFills.items[0]!.alarms).toEqual(["REFUSED_CYLINDER_FILLED"]);
  });

  it("never double-stores concurrent identical retries", async () => {
    const batch = { items: [fill("UP0004", "4001"), fill("UP0005", "4002"), fill("NOPE000002", "4003")] };
    const rows = await count("fill_record");
    const alarms = await count("alarm");
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        ok<{ recordFills: Upload }>(t, RECORD_FILLS, { input: batch }, tickets.kmFilling),
      ),
    );
    expect(results.reduce((n, r) => n + r.recordFills.accepted, 0)).toBe(3);
    const idsOf = (r: { recordFills: Upload }) => r.recordFills.items.map((i) => i.id);
    for (const r of results) {
      expect(idsOf(r)).toEqual(idsOf(results[0]!));
      expect(r.recordFills.items[2]!.alarms).toEqual(["UNKNOWN_CYLINDER", "REFUSED_CYLINDER_FILLED"]);
    }
    expect(await count("fill_record")).toBe(rows + 3);
    expect(await count("alarm")).toBe(alarms + 2);
  });
});

describe("a malformed item refuses its whole batch, and nothing of it is stored", () => {
  // (times are read from the platform's clock when the case runs)
  it.each<[string, () => Record<string, unknown>, string, string]>([
    ["negative weight", () => ({ netWeight: -1 }), "INVALID_FIELD", "items[1].netWeight"],
    [
      "end before begin",
      () => ({ beginAt: minutesAgo(t.clock, 5), endAt: minutesAgo(t.clock, 6) }),
      "INVALID_FIELD",
      "items[1].endAt",
    ],
    ["empty barcode", () => ({ barcode: "   " }), "MISSING_FIELD", "items[1].barcode"],
    ["a non-numeric ThridId", () => ({ thirdId: "abc" }), "INVALID_FIELD", "items[1].thirdId"],
    ["a ThridId repeated in the batch", () => ({ thirdId: "5000" }), "INVALID_FIELD", "items[1].thirdId"],
    [
      "a time far in the future",
      () => ({ beginAt: minutesAgo(t.clock, -366 * 24 * 60), endAt: minutesAgo(t.clock, -366 * 24 * 60 - 1) }),
      "INVALID_FIELD",
      "items[1].beginAt",
    ],
  ])("%s", async (_name, bad, code, field) => {
    const before = await count("fill_record");
    const e = await fails(
      t,
      RECORD_FILLS,
      { input: { items: [fill("UP0006", "5000"), fill("UP0006", "5001", bad())] } },
      tickets.kmFilling,
    );
    expect(e.extensions?.code).toBe(code);
    expect(e.extensions?.details?.field).toBe(field);
    expect(e.extensions?.details?.index).toBe(1);
    expect(e.message).toContain(field);
    expect(await count("fill_record")).toBe(before);
    expect(await count("fill_record", sql`third_id = 5000`)).toBe(0);
  });

  it("refuses a check state outside 0/1 naming the item", async () => {
    const e = await fails(
      t,
      RECORD_BEFORE,
      {
        input: {
          items: [
            { barcode: "UP0006", state: 0, thirdId: "6000" },
            { barcode: "UP0006", state: 2, thirdId: "6001" },
          ],
        },
      },
      tickets.kmFilling,
    );
    expect(e.extensions).toMatchObject({ code: "INVALID_ENUM", details: { field: "items[1].state", index: 1 } });
    expect(await count("before_fill_check", sql`third_id in (6000, 6001)`)).toBe(0);
  });

  it("refuses an empty batch and one over 1000 items", async () => {
    expect((await fails(t, RECORD_FILLS, { input: { items: [] } }, tickets.kmFilling)).extensions?.code).toBe(
      "MISSING_FIELD",
    );
    const many = Array.from({ length: 1001 }, (_, i) => fill("UP0006", String(70000 + i)));
    const e = await fails(t, RECORD_FILLS, { input: { items: many } }, tickets.kmFilling);
    expect(e.extensions?.code).toBe("BATCH_TOO_LARGE");
    expect(await count("fill_record", sql`third_id >= 70000`)).toBe(0);
  });

  it("takes a full batch of 1000 in one go", async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      fill(`UP00${String(7 + (i % 5)).padStart(2, "0")}`, String(80000 + i)),
    );
    const started = Date.now();
    const r = await ok<{ recordFills: Upload }>(t, RECORD_FILLS, { input: { items: many } }, tickets.kmFilling);
    expect(r.recordFills.accepted).toBe(1000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("alarm acknowledgement", () => {
  async function openAlarmId(): Promise<number> {
    const r = await ok<{ alarms: { nodes: { id: number }[] } }>(
      t,
      `{ alarms(filter: { prefectureCode: "530100", open: true }, first: 1) { nodes { id } } }`,
      {},
      tickets.province,
    );
    return r.alarms.nodes[0]!.id;
  }
  const ACK = `mutation($id: Int!, $n: String) { acknowledgeAlarm(id: $id, note: $n) { id open acknowledgedAt acknowledgedByAccountId acknowledgeNote } }`;

  it("lets the prefecture's regulator acknowledge, once, and refuses others", async () => {
    const id = await openAlarmId();
    for (const role of ["qjRegulator", "kmFilling", "station", "operator"] as const) {
      expect((await fails(t, ACK, { id, n: "x" }, tickets[role])).extensions?.code).toBe("FORBIDDEN");
    }
    const r = await ok<{ acknowledgeAlarm: Record<string, unknown> }>(
      t,
      ACK,
      { id, n: "已现场核查" },
      tickets.kmRegulator,
    );
    expect(r.acknowledgeAlarm).toMatchObject({ id, open: false, acknowledgeNote: "已现场核查" });
    const again = await ok<{ acknowledgeAlarm: Record<string, unknown> }>(t, ACK, { id, n: "再次" }, tickets.province);
    expect(again.acknowledgeAlarm).toEqual(r.acknowledgeAlarm);
    expect((await fails(t, ACK, { id: 99999999 }, tickets.province)).extensions?.code).toBe("NOT_FOUND");
  });

  it("lets the province acknowledge anywhere", async () => {
    const id = await openAlarmId();
    const r = await ok<{ acknowledgeAlarm: { open: boolean } }>(t, ACK, { id }, tickets.province);
    expect(r.acknowledgeAlarm.open).toBe(false);
  });
});

describe("changes since a time", () => {
  const CHANGES = `query($s: DateTime!, $a: String) { fillRecordChanges(since: $s, first: 2, after: $a) {
    nodes { id thirdId updatedAt } pageInfo { hasNextPage endCursor } horizon } }`;
  type Changes = {
    fillRecordChanges: {
      nodes: { id: number; thirdId: string; updatedAt: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      horizon: string;
    };
  };

  it("pages in (updatedAt, id) order, since inclusive, and never misses a row committed late", async () => {
    // change times are the database's (updated_at is its now(), the horizon is read from it), so
    // a puller's first `since` is a time of the database's clock, not of ours
    const [{ now: dbNow }] = (await t.database.sql`select now() as now`) as unknown as [{ now: string }];
    const since = new Date(dbNow).toISOString();
    await ok(
      t,
      RECORD_FILLS,
      { input: { items: [fill("UP0001", "9001"), fill("UP0001", "9002"), fill("UP0001", "9003")] } },
      tickets.kmFilling,
    );

    // a writer that started before the next read and commits after it
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let writerStarted!: Date;
    const writer = t.database.sql.begin(async (tx) => {
      const [{ now }] = (await tx`select now() as now`) as unknown as [{ now: string }];
      writerStarted = new Date(now);
      await tx`insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight,
        begin_at, end_at, prefecture_code) values (${t.world.units.kmFilling}, 9004, 'UP0001', 16, 29, 13, now(), now(), '530100')`;
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));

    const seen: string[] = [];
    let after: string | null = null;
    let horizon = "";
    for (;;) {
      const page: Changes = await ok<Changes>(t, CHANGES, { s: since, a: after }, tickets.kmFilling);
      seen.push(...page.fillRecordChanges.nodes.map((n) => n.thirdId));
      horizon = page.fillRecordChanges.horizon;
      expect(new Date(horizon).getTime()).toBeLessThanOrEqual(writerStarted.getTime());
      if (!page.fillRecordChanges.pageInfo.hasNextPage) break;
      after = page.fillRecordChanges.pageInfo.endCursor;
    }
    expect(seen).toEqual(["9001", "9002", "9003"]);

    release();
    await writer;
    const next = await ok<Changes>(t, CHANGES, { s: horizon, a: null }, tickets.kmFilling);
    expect(next.fillRecordChanges.nodes.map((n) => n.thirdId)).toContain("9004");
  });

  it("shows a unit only its own changes", async () => {
    const r = await ok<Changes>(t, CHANGES, { s: "2000-01-01T00:00:00Z", a: null }, tickets.qjFilling);
    const all = await ok<{ fillRecordChanges: { nodes: { id: number }[] } }>(
      t,
      `{ fillRecordChanges(since: "2000-01-01T00:00:00Z", first: 500) { nodes { id unitId } } }`,
      {},
      tickets.qjFilling,
    );
    expect(r.fillRecordChanges.nodes.length).toBeGreaterThan(0);
    expect(
      (all.fillRecordChanges.nodes as unknown as { unitId: number }[]).every(
        (n) => n.unitId === t.world.units.qjFilling,
      ),
    ).toBe(true);
  });
});

describe("monthly reconciliation (BusinessCount)", () => {
  const REPORT = `mutation($y: Int!, $m: Int!, $t: Int!, $c: Int!) { reportMonthlyCount(year: $y, month: $m, type: $t, count: $c) {
    id year month type typeLabel reportedCount platformCount difference submissions prefectureCode } }`;
  type Report = { reportMonthlyCount: Record<string, number | string> };

  it("returns the platform's count and the difference, raising a gap alarm once", async () => {
    // this month on the platform's clock (China time), and Qujing's fills in it
    const { year: y, month: m } = chinaMonth(t.clock.now());
    const monthBegins = chinaMidnight(`${y}-${String(m).padStart(2, "0")}-01`);
    const [row] = (await t.database.db.execute(sql`select count(*)::int as n from trace.fill_record
      where unit_id = ${t.world.units.qjFilling} and end_at >= ${monthBegins.toISOString()}::timestamptz`)) as unknown as {
      n: number;
    }[];
    const held = row!.n;
    const r = await ok<Report>(t, REPORT, { y, m, t: 2, c: held + 3 }, tickets.qjFilling);
    expect(r.reportMonthlyCount).toMatchObject({
      year: y,
      month: m,
      type: 2,
      typeLabel: "充装记录笔数",
      reportedCount: held + 3,
      platformCount: held,
      difference: 3,
      submissions: 1,
      prefectureCode: "530300",
    });
    const alarms = async () =>
      (
        await ok<{ alarms: { nodes: { recordId: number; message: string }[] } }>(
          t,
          `{ alarms(filter: { types: [RECONCILIATION_GAP] }) { nodes { recordId message } } }`,
          {},
          tickets.qjRegulator,
        )
      ).alarms.nodes.filter((a) => a.recordId === r.reportMonthlyCount.id);
    expect(await alarms()).toHaveLength(1);
    expect((await alarms())[0]!.message).toContain("相差 3 笔");

    const again = await ok<Report>(t, REPORT, { y, m, t: 2, c: held }, tickets.qjFilling);
    expect(again.reportMonthlyCount).toMatchObject({ id: r.reportMonthlyCount.id, difference: 0, submissions: 2 });
    expect(await alarms()).toHaveLength(1);

    const list = await ok<{ reconciliations: { nodes: { id: number; difference: number }[] } }>(
      t,
      `{ reconciliations(filter: { year: ${y}, month: ${m} }) { nodes { id difference } } }`,
      {},
      tickets.qjRegulator,
    );
    expect(list.reconciliations.nodes).toEqual([{ id: r.reportMonthlyCount.id, difference: 0 }]);
  });

  it.each<[string, Record<string, number>, string]>([
    ["month 13", { y: 2026, m: 13, t: 1, c: 1 }, "month"],
    ["type 4", { y: 2026, m: 1, t: 4, c: 1 }, "type"],
    ["a negative count", { y: 2026, m: 1, t: 1, c: -1 }, "count"],
  ])("refuses %s", async (_n, vars, field) => {
    const e = await fails(t, REPORT, vars, tickets.kmFilling);
    expect(e.extensions?.details?.field).toBe(field);
  });

  it("refuses a month not begun", async () => {
    const { year, month } = chinaMonth(t.clock.now());
    const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
    const e = await fails(t, REPORT, { ...next, t: 1, c: 1 }, tickets.kmFilling);
    expect(e.extensions?.details?.field).toBe(next.m === 1 ? "year" : "month");
  });
});
