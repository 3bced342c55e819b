/**
 * Annex 1 §4-6 and §9 over real HTTP: every example payload replayed verbatim with the stored
 * records asserted; each leniency (ticket|token, data in the query, a form field or the body,
 * object literals, padded strings, numbers as strings, SM4-encrypted data); each error
 * (malformed JSON, wrong type, missing field, impossible date, oversized body, expired ticket,
 * wrong SM4 key) answered {State:1, Value, Code} with nothing of the batch stored; idempotent
 * retries; late-upload and violation alarms as on the GraphQL path; the fill permit.
 */
import { formatDateTime14, issueTicket, sm4EncryptHex } from "@cylinder/db";
import { afterFillCheck, alarm, beforeFillCheck, fillRecord, reconciliation } from "@cylinder/db/schema";
import {
  afterFill as afterFillRoute,
  beforeFill as beforeFillRoute,
  businessCount as businessCountRoute,
  fill as fillRoute,
} from "@cylinder/ps-rest/routes";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { insertCylinders, instantAgo, lpgCylinder } from "../support/trace";
import { type PsFailure, post, ps, psLogin, q } from "./client";

let t: TestPlatform;
let km: string;
let kmId: number;

beforeAll(async () => {
  t = await startTestPlatform();
  km = await psLogin(t, t.world.accounts.kmFilling);
  kmId = t.world.units.kmFilling;
});
afterAll(async () => {
  await t?.stop();
});

interface Upload {
  State: 0;
  Value: {
    Accepted: number;
    Duplicates: number;
    Items: { ThridId: number; Barcode: string; Id: number; Result: number; Alarms: string[] }[];
  };
}

const count = async (table: typeof fillRecord | typeof beforeFillCheck | typeof afterFillCheck) =>
  (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.unitId, kmId)))[0]!.n;

const alarmsOf = async (recordKind: string, recordId: number) =>
  (
    await t.database.db
      .select({ type: alarm.type })
      .from(alarm)
      .where(and(eq(alarm.recordKind, recordKind), eq(alarm.recordId, recordId)))
      .orderBy(asc(alarm.type))
  ).map((a) => a.type);

describe("the annex's examples, verbatim", () => {
  it("§4 BeforeFill: two checks stored, the one without Date at the time of receipt", async () => {
    const r = await post<Upload>(t, `/PS/GenericTrace/BeforeFill?ticket=${km}`, beforeFillRoute.example!);
    expect(r.status, r.text).toBe(200);
    expect(r.body.State).toBe(0);
    expect(r.body.Value).toMatchObject({ Accepted: 2, Duplicates: 0 });
    expect(r.body.Value.Items.map((i) => [i.ThridId, i.Barcode, i.Result])).toEqual([
      [20489, "1103007831", 0],
      [20490, "1103007832", 0],
    ]);
    expect(r.body.Value.Items[0]!.Alarms).toEqual(expect.arrayContaining(["CHECK_FAILED", "LATE_UPLOAD"]));
    const rows = await t.database.db
      .select()
      .from(beforeFillCheck)
      .where(eq(beforeFillCheck.unitId, kmId))
      .orderBy(asc(beforeFillCheck.thirdId));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      thirdId: 20489,
      barcode: "1103007831",
      state: 1,
      remark: "瓶体变形",
      inspectorName: "张三",
      checkedAtSource: "reported",
    });
    expect(rows[0]!.checkedAt.toISOString()).toBe("2020-04-20T11:54:01.000Z");
    expect(rows[1]).toMatchObject({
      thirdId: 20490,
      barcode: "1103007832",
      state: 0,
      remark: null,
      checkedAtSource: "received",
    });
    expect(Math.abs(rows[1]!.checkedAt.getTime() - t.clock.now().getTime())).toBeLessThan(60_000);
  });

  it("§5 Fill: padded strings trimmed, late uploads and the fill after a failed check alarmed", async () => {
    const r = await post<Upload>(t, `/PS/GenericTrace/Fill?ticket=${km}`, fillRoute.example!);
    expect(r.status, r.text).toBe(200);
    expect(r.body.Value).toMatchObject({ Accepted: 2, Duplicates: 0 });
    const rows = await t.database.db
      .select()
      .from(fillRecord)
      .where(and(eq(fillRecord.unitId, kmId), sql`${fillRecord.thirdId} >= 20490`))
      .orderBy(asc(fillRecord.thirdId));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      thirdId: 20490,
      barcode: "1103007831",
      idleWeight: 16.33,
      grossWeight: 29.76,
      netWeight: 13.43,
      machine: 1,
      scaleFactory: "测试厂家",
      fillerName: "张三",
      prefectureCode: "530100",
    });
    expect(rows[0]!.beginAt.toISOString()).toBe("2020-04-20T11:54:01.000Z");
    expect(rows[0]!.endAt.toISOString()).toBe("2020-04-20T11:55:21.000Z");
    expect(rows[1]).toMatchObject({ thirdId: 20491, barcode: "1103007832", machine: 2 });
    // both uploaded years late; 1103007831's latest before-fill check (the §4 example) failed,
    // so filling it was a violation
    expect((await alarmsOf("fill_record", rows[0]!.id)).sort()).toEqual(["late_upload", "refused_cylinder_filled"]);
    expect(await alarmsOf("fill_record", rows[1]!.id)).toEqual(["late_upload"]);
    expect(r.body.Value.Items.map((i) => i.Alarms.sort())).toEqual([
      ["LATE_UPLOAD", "REFUSED_CYLINDER_FILLED"],
      ["LATE_UPLOAD"],
    ]);
  });

  it("§6 AfterFill: stored, trimmed", async () => {
    const r = await post<Upload>(t, `/PS/GenericTrace/AfterFill?ticket=${km}`, afterFillRoute.example!);
    expect(r.status, r.text).toBe(200);
    const rows = await t.database.db
      .select()
      .from(afterFillCheck)
      .where(eq(afterFillCheck.unitId, kmId))
      .orderBy(asc(afterFillCheck.thirdId));
    expect(rows.map((x) => [x.thirdId, x.barcode, x.state, x.remark, x.inspectorName])).toEqual([
      [20479, "1103007832", 0, null, "张三"],
      [20489, "1103007831", 1, "密封检查不通过", "张三"],
    ]);
    expect(rows[0]!.checkedAt.toISOString()).toBe("2020-04-20T11:54:01.000Z");
  });

  it("§9 BusinessCount: the count stored with the platform's own and the difference", async () => {
    const r = await post<{ State: 0; Value: { PlatformCount: number; Difference: number } }>(
      t,
      `/PS/GenericStatistics/BusinessCount?ticket=${km}`,
      businessCountRoute.example!,
    );
    expect(r.status, r.text).toBe(200);
    expect(r.body.Value).toMatchObject({ PlatformCount: 0, Difference: 1024 });
    const [row] = await t.database.db.select().from(reconciliation).where(eq(reconciliation.unitId, kmId));
    expect(row).toMatchObject({ year: 2021, month: 3, type: 1, reportedCount: 1024 });
  });
});

describe("alarms: the same as on the GraphQL path", () => {
  it("a fill of a scrapped cylinder is stored and raises a violation alarm", async () => {
    const r = await post<Upload>(
      t,
      `/PS/GenericTrace/Fill?ticket=${km}`,
      JSON.stringify(fillData(31001, { Barcode: t.world.barcodes.kmScrapped })),
    );
    expect(r.body.State, r.text).toBe(0);
    expect(r.body.Value.Items[0]!.Alarms).toEqual(["REFUSED_CYLINDER_FILLED"]);
    expect(await alarmsOf("fill_record", r.body.Value.Items[0]!.Id)).toEqual(["refused_cylinder_filled"]);
  });
});

describe("idempotency", () => {
  it("a retried batch is acknowledged and stored once", async () => {
    const before = await count(fillRecord);
    const r = await post<Upload>(t, `/PS/GenericTrace/Fill?ticket=${km}`, fillRoute.example!);
    expect(r.body.Value).toMatchObject({ Accepted: 0, Duplicates: 2 });
    expect(r.body.Value.Items.map((i) => i.Result)).toEqual([1, 1]);
    expect(await count(fillRecord)).toBe(before);
  });
});

/** yyyyMMddHHmmss `minutes` before the platform's now. */
const ago14 = (minutes: number) => formatDateTime14(instantAgo(t.clock, minutes));

// a fill of an hour ago: uploaded in time
const fillData = (thirdId: number | string, extra: Record<string, unknown> = {}) => ({
  Items: [
    {
      Barcode: "1103007831",
      IdleWeight: 16.3,
      GrossWeight: 30.1,
      NetWeight: 13.8,
      BeginDate: ago14(60),
      EndDate: ago14(58.5),
      Machine: 1,
      ThridId: thirdId,
      ...extra,
    },
  ],
  Factory: { Name: "测试厂家" },
  Man: { Name: "李四" },
});

describe("leniency", () => {
  const stored = async (thirdId: number) =>
    (
      await t.database.db
        .select()
        .from(fillRecord)
        .where(and(eq(fillRecord.unitId, kmId), eq(fillRecord.thirdId, thirdId)))
    )[0];

  it("token instead of ticket, data in the query string", async () => {
    const r = await ps<Upload>(t, `/PS/GenericTrace/Fill?${q({ token: km, data: JSON.stringify(fillData(30001)) })}`, {
      method: "POST",
    });
    expect(r.body.State, r.text).toBe(0);
    expect(await stored(30001)).toBeDefined();
  });

  it("data and ticket as form fields", async () => {
    const r = await ps<Upload>(t, "/PS/GenericTrace/Fill", {
      method: "POST",
      body: new URLSearchParams({ ticket: km, data: JSON.stringify(fillData(30002)) }),
    });
    expect(r.body.State, r.text).toBe(0);
    expect(await stored(30002)).toBeDefined();
  });

  it("a JSON body sent as a form, as text/plain, and a parameter name with a stray space", async () => {
    let r = await post<Upload>(
      t,
      `/PS/GenericTrace/Fill?ticket=${km}`,
      JSON.stringify(fillData(30003)),
      "application/x-www-form-urlencoded",
    );
    expect(r.body.State, r.text).toBe(0);
    r = await post<Upload>(t, `/PS/GenericTrace/Fill?%20token=${km}`, JSON.stringify(fillData(30004)), "text/plain");
    expect(r.body.State, r.text).toBe(0);
    expect(await stored(30003)).toBeDefined();
    expect(await stored(30004)).toBeDefined();
  });

  it("numbers as (padded) strings, a barcode as a number, ThridId as a string", async () => {
    const data = fillData(" 30005 ", { Barcode: 1103007831, IdleWeight: " 16.30", Machine: "2" });
    const r = await post<Upload>(t, `/PS/GenericTrace/Fill?ticket=${km}`, JSON.stringify(data));
    expect(r.body.State, r.text).toBe(0);
    expect(await stored(30005)).toMatchObject({ barcode: "1103007831", idleWeight: 16.3, machine: 2 });
  });

  it("a GBK body, as some legacy stations send", async () => {
    const json = JSON.stringify({ ...fillData(30008), Man: { Name: "NAME" } });
    const [before, after] = json.split("NAME") as [string, string];
    const body = Buffer.concat([Buffer.from(before), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(after)]); // 张三 in GBK
    const r = await ps<Upload>(t, `/PS/GenericTrace/Fill?ticket=${km}`, {
      method: "POST",
      body,
      contentType: "application/json; charset=GBK",
    });
    expect(r.body.State, r.text).toBe(0);
    expect(await stored(30008)).toMatchObject({ fillerName: "张三" });
  });

  it("SM4-encrypted data (ECB, PKCS#7, hex) with the account's key, in the query or the body", async () => {
    const key = t.world.sm4Keys[t.world.accounts.kmFilling]!;
    const cipher = sm4EncryptHex(JSON.stringify(fillData(30006)), key);
    let r = await ps<Upload>(t, `/PS/GenericTrace/Fill?${q({ ticket: km, data: cipher })}`, { method: "POST" });
    expect(r.body.State, r.text).toBe(0);
    r = await post<Upload>(
      t,
      `/PS/GenericTrace/Fill?ticket=${km}`,
      sm4EncryptHex(JSON.stringify(fillData(30007)), key).toUpperCase(),
      "text/plain",
    );
    expect(r.body.State, r.text).toBe(0);
    expect(await stored(30006)).toBeDefined();
    expect(await stored(30007)).toBeDefined();
  });
});

describe("errors: {State:1, Value, Code}, nothing of the batch stored", () => {
  const refused = async (body: string, code: string, field?: string, status = 400) => {
    const before = await count(fillRecord);
    const r = await post<PsFailure>(t, `/PS/GenericTrace/Fill?ticket=${km}`, body);
    expect(r.status, r.text).toBe(status);
    expect(r.body).toMatchObject({ State: 1, Code: code });
    if (field) expect(r.body.Value).toContain(field);
    expect(await count(fillRecord)).toBe(before);
  };
  const twoItems = (second: Record<string, unknown>) => {
    const d = fillData(40001);
    d.Items.push({ ...d.Items[0]!, ThridId: 40002, ...second });
    return JSON.stringify(d);
  };

  it("malformed JSON", async () => {
    await refused('{ Items: [ { Barcode: "1103007831", ', "MALFORMED_DATA");
  });
  it("wrong type", async () => {
    await refused(twoItems({ NetWeight: "十三" }), "INVALID_FIELD", "Items[1].NetWeight");
    await refused(twoItems({ Machine: 1.5 }), "INVALID_FIELD", "Items[1].Machine");
    await refused(JSON.stringify({ ...fillData(40001), Items: "none" }), "INVALID_FIELD", "Items");
  });
  it("missing field", async () => {
    await refused(twoItems({ ThridId: undefined }), "MISSING_FIELD", "Items[1].ThridId");
    await refused(JSON.stringify({ Items: fillData(40001).Items, Factory: { Name: "x" } }), "MISSING_FIELD", "Man");
    const r = await ps<PsFailure>(t, `/PS/GenericTrace/Fill?ticket=${km}`, { method: "POST" });
    expect(r.body).toMatchObject({ State: 1, Code: "MISSING_FIELD" });
  });
  it("impossible date", async () => {
    await refused(twoItems({ EndDate: "20210230120000" }), "INVALID_DATE", "Items[1].EndDate");
  });
  it("a rule of the trace subgraph, named in the annex's words", async () => {
    await refused(twoItems({ BeginDate: ago14(60), EndDate: ago14(120) }), "INVALID_FIELD", "Items[1].EndDate");
  });
  it("a ThridId beyond 2^53 sent as a number", async () => {
    const body = twoItems({ ThridId: "BIG" }).replace('"BIG"', "12345678901234567");
    await refused(body, "INVALID_FIELD", "Items[1].ThridId");
  });
  it("oversized body", async () => {
    await refused(`{ Items: [], Pad: "${"x".repeat(3 * 1024 * 1024)}" }`, "PAYLOAD_TOO_LARGE", undefined, 413);
  });
  it("wrong SM4 key", async () => {
    await refused(sm4EncryptHex(JSON.stringify(fillData(40003)), "0123456789abcdef0123456789abcdef"), "DECRYPT_FAILED");
  });
  it("expired, forged or missing ticket", async () => {
    const account = {
      accountId: 1,
      username: "km-filling",
      role: "filling_unit" as const,
      unitId: kmId,
      prefectureCode: "530100",
    };
    const expired = issueTicket(account, t.config.ticketKeys, 60, t.clock.now().getTime() - 3_600_000).ticket;
    let r = await post<PsFailure>(t, `/PS/GenericTrace/Fill?ticket=${expired}`, JSON.stringify(fillData(40004)));
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ State: 1, Code: "TICKET_EXPIRED" });
    expect(r.body.Value).toContain("过期");
    r = await post<PsFailure>(t, "/PS/GenericTrace/Fill?ticket=T1.e30.00", JSON.stringify(fillData(40004)));
    expect(r.body).toMatchObject({ State: 1, Code: "UNAUTHENTICATED" });
    r = await post<PsFailure>(t, "/PS/GenericTrace/Fill", JSON.stringify(fillData(40004)));
    expect(r.body).toMatchObject({ State: 1, Code: "UNAUTHENTICATED" });
  });
  it("a revoked ticket (logged out) and a batch over 1000 items", async () => {
    const ticket = await psLogin(t, t.world.accounts.kmFilling);
    const out = await post<{ State: number }>(t, `/PS/Account/Logout?ticket=${ticket}`, "");
    expect(out.body).toEqual({ State: 0 });
    await t.platform.gateway.refreshRevocations();
    const r = await post<PsFailure>(t, `/PS/GenericTrace/Fill?ticket=${ticket}`, JSON.stringify(fillData(40006)));
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ State: 1, Code: "TICKET_EXPIRED" });
    const d = fillData(50000);
    d.Items = Array.from({ length: 1001 }, (_, i) => ({ ...d.Items[0]!, ThridId: 50000 + i }));
    await refused(JSON.stringify(d), "BATCH_TOO_LARGE", "1000");
  });
  it("a role that may not upload", async () => {
    const regulator = await psLogin(t, t.world.accounts.kmRegulator);
    const r = await post<PsFailure>(t, `/PS/GenericTrace/Fill?ticket=${regulator}`, JSON.stringify(fillData(40005)));
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ State: 1, Code: "FORBIDDEN" });
  });
  it("check State outside 0/1", async () => {
    const r = await post<PsFailure>(
      t,
      `/PS/GenericTrace/BeforeFill?ticket=${km}`,
      '{ Items: [{ Barcode: "1103007831", State: 3, ThridId: 1 }], Man: { Name: "张三" } }',
    );
    expect(r.body).toMatchObject({ State: 1, Code: "INVALID_ENUM" });
    expect(r.body.Value).toContain("Items[0].State");
  });
});

describe("fill permit", () => {
  it("permits the unit's own good cylinder and refuses an overdue one with its reasons", async () => {
    await insertCylinders(t, [lpgCylinder(t, "PM-0001", kmId)]);
    const okr = await ps<{ State: 0; Value: { Result: number; Message: string; Reasons: unknown[] } }>(
      t,
      `/PS/GenericTrace/FillPermit?${q({ ticket: km, barcode: " PM-0001" })}`,
    );
    expect(okr.body.State, okr.text).toBe(0);
    expect(okr.body.Value).toMatchObject({ Result: 0, Reasons: [] });
    const no = await post<{ State: 0; Value: { Result: number; Reasons: { Code: string }[]; Id: number } }>(
      t,
      `/PS/GenericTrace/FillPermit?ticket=${km}`,
      '{ Barcode: "1103007832" }',
    );
    expect(no.body.Value.Result).toBe(1);
    expect(no.body.Value.Reasons.map((r) => r.Code)).toContain("INSPECTION_OVERDUE");
    expect(no.body.Value.Id).toBeGreaterThan(0);
    const unknown = await ps<{ State: 0; Value: { Result: number; Reasons: { Code: string }[] } }>(
      t,
      `/PS/GenericTrace/FillPermit?${q({ ticket: km, barcode: "NO-SUCH" })}`,
    );
    expect(unknown.body.Value.Reasons.map((r) => r.Code)).toContain("NOT_REGISTERED");
  });
});
