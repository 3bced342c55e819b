/**
 * The API the console needed beyond what was there (issue 14), over real HTTP through the
 * gateway, each scoped like the records it reads: alarms after an id (a reconnecting console
 * catches up), alarm counts per prefecture and type, the chart figures (fills per day,
 * refusals by reason, inspections due), photos viewable by those who review them, a
 * cylinder's registration, a unit's accounts and the operator's credential rotation.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addDays, chinaDateOf } from "@cylinder/db";
import { cylinder } from "@cylinder/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLY, application, upload } from "./registry/helpers";
import { startTestPlatform, type TestPlatform } from "./support/platform";
import { fails, loginAll, ok, REQUEST_PERMIT, type RoleName } from "./support/trace";

let t: TestPlatform;
let dataDir: string;
let tickets: Record<RoleName, string>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cyl-console-api-"));
  t = await startTestPlatform({ DATA_DIR: dataDir });
  tickets = await loginAll(t);
});
afterAll(async () => {
  await t?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface AlarmNode {
  id: number;
  type: string;
  prefectureCode: string | null;
  barcode: string | null;
}

/** Refused permits raise PERMIT_REFUSED alarms: one for Kunming's overdue cylinder, one in Qujing. */
async function raiseRefusals(): Promise<void> {
  await ok(t, REQUEST_PERMIT, { b: t.world.barcodes.kmOverdue }, tickets.kmFilling);
  // Qujing's station asks for a Kunming cylinder: refused (not its own), alarmed in Qujing
  await ok(t, REQUEST_PERMIT, { b: t.world.barcodes.kmNormal }, tickets.qjFilling);
}

describe("alarmsSince and alarmCounts", () => {
  it("returns the alarms after an id oldest first, paged, within the caller's scope", async () => {
    const before = await ok<{ alarms: { nodes: AlarmNode[] } }>(
      t,
      `{ alarms(first: 1) { nodes { id } } }`,
      {},
      tickets.province,
    );
    const lastSeen = before.alarms.nodes[0]?.id ?? 0;
    await raiseRefusals();
    const q = `query($a: Int!, $f: Int) { alarmsSince(afterId: $a, first: $f) {
      nodes { id type prefectureCode barcode } pageInfo { hasNextPage endCursor } } }`;
    const all = await ok<{
      alarmsSince: { nodes: AlarmNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(t, q, { a: lastSeen }, tickets.province);
    const ids = all.alarmsSince.nodes.map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(all.alarmsSince.nodes.map((n) => [n.type, n.prefectureCode])).toEqual([
      ["PERMIT_REFUSED", "530100"],
      ["PERMIT_REFUSED", "530300"],
    ]);
    // paged: one at a time, the cursor is the last id
    const first = await ok<{
      alarmsSince: { nodes: AlarmNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(t, q, { a: lastSeen, f: 1 }, tickets.province);
    expect(first.alarmsSince.pageInfo).toEqual({ hasNextPage: true, endCursor: String(ids[0]) });
    // a prefecture regulator sees only its own
    const km = await ok<{ alarmsSince: { nodes: AlarmNode[] } }>(t, q, { a: lastSeen }, tickets.kmRegulator);
    expect(km.alarmsSince.nodes.map((n) => n.prefectureCode)).toEqual(["530100"]);
    const qj = await ok<{ alarmsSince: { nodes: AlarmNode[] } }>(t, q, { a: lastSeen }, tickets.qjRegulator);
    expect(qj.alarmsSince.nodes.map((n) => n.prefectureCode)).toEqual(["530300"]);
    expect((await fails(t, q, { a: 0 })).extensions?.code).toBe("FORBIDDEN");
  });

  it("counts open and total alarms per prefecture and type", async () => {
    const q = `query($f: AlarmFilter) { alarmCounts(filter: $f) { prefectureCode type typeLabel open total } }`;
    const province = await ok<{ alarmCounts: { prefectureCode: string; type: string; open: number; total: number }[] }>(
      t,
      q,
      { f: { types: ["PERMIT_REFUSED"] } },
      tickets.province,
    );
    const km = province.alarmCounts.find((c) => c.prefectureCode === "530100")!;
    expect(km).toMatchObject({ type: "PERMIT_REFUSED", typeLabel: "不允许充装" });
    expect(km.open).toBeGreaterThanOrEqual(1);
    // acknowledging one moves it from open, not from total
    const open = await ok<{ alarms: { nodes: AlarmNode[] } }>(
      t,
      `{ alarms(filter: { prefectureCode: "530100", open: true, types: [PERMIT_REFUSED] }, first: 1) { nodes { id } } }`,
      {},
      tickets.kmRegulator,
    );
    await ok(
      t,
      `mutation($id: Int!) { acknowledgeAlarm(id: $id, note: "已电话核实") { id } }`,
      { id: open.alarms.nodes[0]!.id },
      tickets.kmRegulator,
    );
    const after = await ok<{ alarmCounts: { prefectureCode: string; open: number; total: number }[] }>(
      t,
      q,
      { f: { types: ["PERMIT_REFUSED"] } },
      tickets.kmRegulator,
    );
    expect(after.alarmCounts.map((c) => c.prefectureCode)).toEqual(["530100"]);
    expect(after.alarmCounts[0]).toMatchObject({ open: km.open - 1, total: km.total });
  });
});

describe("chart figures", () => {
  it("fills per China day and prefecture over the last days, scoped", async () => {
    const q = `query($d: Int!, $p: String) { fillsPerDay(days: $d, prefectureCode: $p) { day prefectureCode count } }`;
    const [, second, third] = t.world.dates.kmFills;
    const province = await ok<{ fillsPerDay: { day: string; prefectureCode: string; count: number }[] }>(
      t,
      q,
      { d: 30 },
      tickets.province,
    );
    expect(province.fillsPerDay).toEqual([
      { day: chinaDateOf(second), prefectureCode: "530100", count: 1 },
      { day: chinaDateOf(third), prefectureCode: "530100", count: 1 },
      { day: chinaDateOf(t.world.dates.qjFill), prefectureCode: "530300", count: 1 },
    ]);
    const qj = await ok<{ fillsPerDay: { prefectureCode: string }[] }>(t, q, { d: 30 }, tickets.qjRegulator);
    expect(qj.fillsPerDay.map((r) => r.prefectureCode)).toEqual(["530300"]);
    expect((await fails(t, q, { d: 0 }, tickets.province)).extensions?.code).toBe("INVALID_FIELD");
  });

  it("refused permits by reason, most first", async () => {
    const q = `{ refusalsByReason(days: 7) { code label count } }`;
    const km = await ok<{ refusalsByReason: { code: string; label: string; count: number }[] }>(
      t,
      q,
      {},
      tickets.kmRegulator,
    );
    expect(km.refusalsByReason).toEqual([{ code: "INSPECTION_OVERDUE", label: "超期未检", count: 1 }]);
    const qj = await ok<{ refusalsByReason: { code: string }[] }>(t, q, {}, tickets.qjRegulator);
    expect(qj.refusalsByReason.map((r) => r.code)).toEqual(["LICENSE_MISSING", "NOT_OWN_PROPERTY"]);
  });

  it("inspections due in the next days, per day and prefecture, cylinders in use only", async () => {
    const due = addDays(t.world.dates.today, 10);
    const base = {
      kind: "generic" as const,
      medium: "液化石油气",
      ownerUnitId: t.world.units.kmFilling,
      nextDate: due,
    };
    await t.database.db.insert(cylinder).values([
      { ...base, barcode: "DUE0000001", prefectureCode: "530100" },
      { ...base, barcode: "DUE0000002", prefectureCode: "530100" },
      { ...base, barcode: "DUE0000003", prefectureCode: "530100", state: 4 },
      { ...base, barcode: "DUE0000004", prefectureCode: "530300", ownerUnitId: t.world.units.qjFilling },
    ]);
    const q = `query($d: Int) { inspectionsDue(days: $d) { day prefectureCode count } }`;
    const province = await ok<{ inspectionsDue: unknown[] }>(t, q, {}, tickets.province);
    expect(province.inspectionsDue).toEqual([
      { day: due, prefectureCode: "530100", count: 2 },
      { day: due, prefectureCode: "530300", count: 1 },
    ]);
    const km = await ok<{ inspectionsDue: unknown[] }>(t, q, {}, tickets.kmRegulator);
    expect(km.inspectionsDue).toEqual([{ day: due, prefectureCode: "530100", count: 2 }]);
    expect((await ok<{ inspectionsDue: unknown[] }>(t, q, { d: 10 }, tickets.province)).inspectionsDue).toEqual([]);
  });
});

describe("photos, a cylinder's registration, accounts", () => {
  it("a photo is shown to its unit, its prefecture's regulators and the province, intact or not", async () => {
    const path = await upload(t, tickets.kmFilling, "console-photo");
    const q = `query($p: String!) { image(path: $p) { path contentType byteSize intact unitId dataBase64 } }`;
    for (const who of ["kmFilling", "kmRegulator", "province"] as const) {
      const r = await ok<{ image: { path: string; intact: boolean; dataBase64: string; unitId: number } }>(
        t,
        q,
        { p: path },
        tickets[who],
      );
      expect(r.image).toMatchObject({ path, intact: true, unitId: t.world.units.kmFilling });
      expect(Buffer.from(r.image.dataBase64, "base64").subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
    for (const who of ["qjRegulator", "qjFilling", "station"] as const) {
      expect((await fails(t, q, { p: path }, tickets[who])).extensions?.code).toBe("FORBIDDEN");
    }
    expect((await fails(t, q, { p: path })).extensions?.code).toBe("UNAUTHENTICATED");
    expect((await ok<{ image: null }>(t, q, { p: "images/1/none.jpg" }, tickets.province)).image).toBeNull();
    // bytes changed on disk after upload: still shown, marked as not intact
    await writeFile(join(dataDir, path), Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    const changed = await ok<{ image: { intact: boolean } }>(t, q, { p: path }, tickets.province);
    expect(changed.image.intact).toBe(false);
  });

  it("a cylinder approved through the platform names its registration", async () => {
    const images = {
      payImage: await upload(t, tickets.kmFilling, "c-pay"),
      batchImage: await upload(t, tickets.kmFilling, "c-batch"),
      deviceImage: await upload(t, tickets.kmFilling, "c-device"),
    };
    const applied = await ok<{ applyRegistration: { id: number } }>(
      t,
      APPLY,
      { input: application(t, "9901", ["1103099001"], images, t.world.units.manufacturer) },
      tickets.kmFilling,
    );
    const id = applied.applyRegistration.id;
    await ok(
      t,
      `mutation($id: Int!) { reviewRegistration(id: $id, approve: true) { id } }`,
      { id },
      tickets.kmRegulator,
    );
    const q = `{ cylinder(barcode: "1103099001") { registration { id status payImage reviewComment } } }`;
    const r = await ok<{ cylinder: { registration: { id: number; status: string; payImage: string } } }>(
      t,
      q,
      {},
      tickets.kmRegulator,
    );
    expect(r.cylinder.registration).toMatchObject({ id, status: "APPROVED", payImage: images.payImage });
    // the world's cylinders were not registered through the platform
    const world = await ok<{ cylinder: { registration: null } }>(
      t,
      `query($b: String!) { cylinder(barcode: $b) { registration { id } } }`,
      { b: t.world.barcodes.kmNormal },
      tickets.province,
    );
    expect(world.cylinder.registration).toBeNull();
  });

  it("a unit's accounts for the operator and its regulators; rotation by the operator only", async () => {
    const q = `query($u: Int!) { accounts(unitId: $u) { id username role disabledAt } }`;
    const unit = t.world.units.kmFilling;
    for (const who of ["operator", "province", "kmRegulator"] as const) {
      const r = await ok<{ accounts: { username: string }[] }>(t, q, { u: unit }, tickets[who]);
      expect(r.accounts.map((a) => a.username)).toEqual([t.world.accounts.kmFilling]);
    }
    for (const who of ["qjRegulator", "kmFilling"] as const) {
      expect((await fails(t, q, { u: unit }, tickets[who])).extensions?.code).toBe("FORBIDDEN");
    }
    const station = await ok<{ accounts: { id: number }[] }>(t, q, { u: t.world.units.station }, tickets.operator);
    const rotate = `mutation($id: Int!) { rotateAccountCredentials(id: $id) { account { username } password sm4Key } }`;
    expect((await fails(t, rotate, { id: station.accounts[0]!.id }, tickets.province)).extensions?.code).toBe(
      "FORBIDDEN",
    );
    const rotated = await ok<{ rotateAccountCredentials: { password: string; sm4Key: string } }>(
      t,
      rotate,
      { id: station.accounts[0]!.id },
      tickets.operator,
    );
    expect(rotated.rotateAccountCredentials.sm4Key).toMatch(/^[0-9a-f]{32}$/);
    const login = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { ticket } }`;
    const withNew = await t.gql(login, { u: t.world.accounts.station, p: rotated.rotateAccountCredentials.password });
    expect(withNew.errors).toBeUndefined();
    // the old password still works within the overlap window
    await t.login(t.world.accounts.station);
  });

  it("a car code range lists its codes with check digits, a page at a time", async () => {
    const r = await ok<{ allocateCarCodeRange: { id: number; firstCode: string; lastCode: string } }>(
      t,
      `mutation($u: Int!) { allocateCarCodeRange(unitId: $u, count: 3) { id firstCode lastCode } }`,
      { u: t.world.units.carStation },
      tickets.kmRegulator,
    );
    const range = r.allocateCarCodeRange;
    const q = `query($o: Int, $f: Int) { carCodeRanges { id codes(offset: $o, first: $f) } }`;
    const all = await ok<{ carCodeRanges: { id: number; codes: string[] }[] }>(t, q, {}, tickets.kmRegulator);
    const codes = all.carCodeRanges.find((x) => x.id === range.id)!.codes;
    expect(codes).toHaveLength(3);
    expect([codes[0], codes[2]]).toEqual([range.firstCode, range.lastCode]);
    const page = await ok<{ carCodeRanges: { id: number; codes: string[] }[] }>(
      t,
      q,
      { o: 2, f: 5 },
      tickets.kmRegulator,
    );
    expect(page.carCodeRanges.find((x) => x.id === range.id)!.codes).toEqual([range.lastCode]);
    expect((await fails(t, q, { f: 501 }, tickets.kmRegulator)).extensions?.code).toBe("INVALID_FIELD");
  });
});
