/**
 * /PS/Account/Login and the change lists over real HTTP: the annex's element shapes, scoping
 * by role, lasttime inclusive, paging with X-PS-Cursor, the X-PS-Horizon watermark, errors.
 */
import { formatDate8, formatDateTime14 } from "@cylinder/db";
import { cylinder, fillRecord } from "@cylinder/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { insertCylinders, lpgCylinder } from "../support/trace";
import { type PsFailure, post, ps, psLogin, q } from "./client";

let t: TestPlatform;
let km: string;
let qj: string;
let kmRegulator: string;
let province: string;

beforeAll(async () => {
  t = await startTestPlatform();
  [km, qj, kmRegulator, province] = await Promise.all([
    psLogin(t, t.world.accounts.kmFilling),
    psLogin(t, t.world.accounts.qjFilling),
    psLogin(t, t.world.accounts.kmRegulator),
    psLogin(t, t.world.accounts.province),
  ]);
});
afterAll(async () => {
  await t?.stop();
});

type Row = Record<string, unknown>;

describe("login", () => {
  it("returns a ticket and its expiry as yyyyMMddHHmmss", async () => {
    const r = await post<{ State: number; Value: { Ticket: string; ExpireTime: string } }>(
      t,
      "/PS/Account/Login",
      '{ Username: "km-filling", Password: "Test@2026" }',
    );
    expect(r.status).toBe(200);
    expect(r.body.State).toBe(0);
    expect(r.body.Value.Ticket).toMatch(/^T1\./);
    expect(r.body.Value.ExpireTime).toMatch(/^\d{14}$/);
  });

  it("accepts form fields", async () => {
    const r = await ps<{ State: number }>(t, "/PS/Account/Login", {
      method: "POST",
      body: new URLSearchParams({ username: "km-filling", password: "Test@2026" }),
    });
    expect(r.body.State).toBe(0);
  });

  it("refuses a wrong password with LOGIN_FAILED", async () => {
    const r = await post<PsFailure>(
      t,
      "/PS/Account/Login",
      JSON.stringify({ Username: "km-filling", Password: "nope" }),
    );
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ State: 1, Code: "LOGIN_FAILED" });
    expect(r.body.Value).toMatch(/账号或密码错误/);
  });

  it("names a missing password", async () => {
    const r = await post<PsFailure>(t, "/PS/Account/Login", JSON.stringify({ Username: "km-filling" }));
    expect(r.body).toMatchObject({ State: 1, Code: "MISSING_FIELD" });
    expect(r.body.Value).toContain("Password");
  });
});

describe("GenericBottle/List", () => {
  it("lists the annex's fields plus OwnerCode and PrefectureCode, omitting empty ones", async () => {
    const r = await ps<Row[]>(t, `/PS/GenericBottle/List?${q({ ticket: km, lasttime: "20000101000000" })}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    const row = r.body.find((c) => c.Barcode === t.world.barcodes.kmNormal)!;
    expect(row).toMatchObject({
      Barcode: "1103007831",
      State: 1,
      Medium: "液化石油气",
      PrefectureCode: "530100",
    });
    expect(row.ProductDate).toMatch(/^\d{8}$/);
    expect(row.RegisterDate).toMatch(/^\d{14}$/);
    expect(typeof row.Id).toBe("number");
    for (const v of Object.values(row)) expect(v).not.toBeNull();
    // a filling unit sees its own, not Qujing's
    expect(r.body.some((c) => c.Barcode === t.world.barcodes.qjNormal)).toBe(false);
    expect(r.body.some((c) => c.Barcode === t.world.barcodes.car)).toBe(false);
    expect(r.headers.get("x-ps-horizon")).toMatch(/^\d{14}$/);
    expect(r.headers.get("x-ps-cursor")).toBeNull();
  });

  it("scopes: a prefecture regulator its prefecture, the province everything", async () => {
    const kmRows = (await ps<Row[]>(t, `/PS/GenericBottle/List?token=${kmRegulator}`)).body;
    expect(kmRows.map((c) => c.Barcode)).toContain(t.world.barcodes.kmNormal);
    expect(kmRows.every((c) => c.PrefectureCode === "530100")).toBe(true);
    const all = (await ps<Row[]>(t, `/PS/GenericBottle/List?ticket=${province}`)).body;
    expect(all.map((c) => c.Barcode)).toEqual(
      expect.arrayContaining([t.world.barcodes.kmNormal, t.world.barcodes.qjNormal]),
    );
    const qjRows = (await ps<Row[]>(t, `/PS/GenericBottle/List?ticket=${qj}`)).body;
    expect(qjRows.map((c) => c.Barcode)).toEqual([t.world.barcodes.qjNormal]);
  });

  it("is ordered by (change time, Id) and lasttime is inclusive to the second", async () => {
    // change times are the database's clock (the list's horizon is read from it): 700 ms into
    // a second an hour ago on it, before every other row
    const [row] = await t.database.sql<{ second: string }[]>`
      select date_trunc('second', now()) - interval '1 hour' as second`;
    const at = new Date(new Date(row!.second).getTime() + 700);
    await insertCylinders(t, [
      lpgCylinder(t, "L-0001", t.world.units.kmFilling, { updatedAt: at }),
      lpgCylinder(t, "L-0002", t.world.units.kmFilling, { updatedAt: new Date(at.getTime() - 500) }),
    ]);
    const lasttime = formatDateTime14(at); // the second of both rows
    const r = await ps<Row[]>(t, `/PS/GenericBottle/List?${q({ ticket: km, lasttime })}`);
    const barcodes = r.body.map((c) => c.Barcode);
    expect(barcodes.slice(0, 2)).toEqual(["L-0002", "L-0001"]);
    const later = await ps<Row[]>(
      t,
      `/PS/GenericBottle/List?${q({ ticket: km, lasttime: formatDateTime14(new Date(at.getTime() + 1000)) })}`,
    );
    expect(later.body.map((c) => c.Barcode)).not.toContain("L-0001");
  });

  it("pages with pagesize and X-PS-Cursor, over more rows than one gateway page", async () => {
    const rows = Array.from({ length: 1203 }, (_, i) =>
      lpgCylinder(t, `P-${String(i).padStart(5, "0")}`, t.world.units.qjFilling, { prefectureCode: "530300" }),
    );
    await insertCylinders(t, rows);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let horizon: string | null = null;
    do {
      const r: Awaited<ReturnType<typeof ps<Row[]>>> = await ps<Row[]>(
        t,
        `/PS/GenericBottle/List?${q({ ticket: qj, pagesize: 700, ...(cursor ? { cursor } : {}) })}`,
      );
      expect(r.body.length).toBeLessThanOrEqual(700);
      seen.push(...r.body.map((c) => c.Barcode as string));
      cursor = r.headers.get("x-ps-cursor");
      horizon ??= r.headers.get("x-ps-horizon");
      expect(r.headers.get("x-ps-horizon")).toBe(horizon);
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen.length).toBe(1204);
    expect(new Set(seen).size).toBe(1204);
    // the same read unpaged, streamed in one response
    const whole = await ps<Row[]>(t, `/PS/GenericBottle/List?ticket=${qj}`);
    expect(whole.body.map((c) => c.Barcode)).toEqual(seen);
  });

  it("a row written after a read is in the next read from X-PS-Horizon", async () => {
    const first = await ps<Row[]>(t, `/PS/GenericBottle/List?ticket=${km}`);
    const horizon = first.headers.get("x-ps-horizon")!;
    // (a trigger moves updated_at to the database's now())
    await t.database.db
      .update(cylinder)
      .set({ style: "YSP118" })
      .where(eq(cylinder.barcode, t.world.barcodes.kmLocked));
    const next = await ps<Row[]>(t, `/PS/GenericBottle/List?${q({ ticket: km, lasttime: horizon })}`);
    expect(next.body.find((c) => c.Barcode === t.world.barcodes.kmLocked)?.Style).toBe("YSP118");
  });

  it("refuses a bad lasttime, pagesize or cursor, a missing or expired ticket", async () => {
    const bad = async (query: string, code: string, status = 400) => {
      const r = await ps<PsFailure>(t, `/PS/GenericBottle/List?${query}`);
      expect(r.status).toBe(status);
      expect(r.body).toMatchObject({ State: 1, Code: code });
      return r.body.Value;
    };
    expect(await bad(q({ ticket: km, lasttime: "20210230000000" }), "INVALID_DATE")).toContain("lasttime");
    expect(await bad(q({ ticket: km, pagesize: 0 }), "INVALID_FIELD")).toContain("pagesize");
    expect(await bad(q({ ticket: km, pagesize: 10001 }), "INVALID_FIELD")).toContain("pagesize");
    expect(await bad(q({ ticket: km, cursor: "abc" }), "INVALID_FIELD")).toContain("cursor");
    await bad("", "UNAUTHENTICATED", 401);
    await bad(q({ ticket: "T1.garbage.sig" }), "UNAUTHENTICATED", 401);
  });
});

describe("CarBottle/List", () => {
  it("lists car cylinders in the annex's shape, identity number masked", async () => {
    const r = await ps<Row[]>(t, `/PS/CarBottle/List?ticket=${kmRegulator}&lasttime=20000101000000`);
    const car = r.body.find((c) => c.Barcode === t.world.barcodes.car)!;
    expect(car).toMatchObject({
      RegisterNo: "瓶3T云A00002(20)",
      Type: "223T",
      Volumn: 120,
      Medium: "压缩天然气",
      CarType: 1,
      CarVin: "LSHY8888888",
      ProductDate: formatDate8(t.world.dates.car.productDate),
      NextDate: formatDate8(t.world.dates.car.nextDate),
      State: 1,
      Company: "昆明市出租汽车公司",
      PrefectureCode: "530100",
    });
    expect(car.RegisterDate ?? "").toMatch(/^(\d{8})?$/);
    expect(car.OwnerCode).toBeUndefined();
  });
});

describe("trace lists", () => {
  it("FillList: the upload item's fields plus Id, unit, names and CreateTime; a unit sees its own", async () => {
    const r = await ps<Row[]>(t, `/PS/GenericTrace/FillList?ticket=${km}`);
    expect(r.body.length).toBe(3);
    expect(r.body[0]).toMatchObject({
      Barcode: "1103007831",
      IdleWeight: 16.33,
      GrossWeight: 29.76,
      NetWeight: 13.43,
      Machine: 1,
      ThridId: 1,
      UnitName: "昆明市官渡燃气充装站",
      ManName: "张三",
      FactoryName: "测试厂家",
    });
    expect(r.body[0]!.EndDate).toBe(formatDateTime14(t.world.dates.kmFills[0]));
    expect(r.body[0]!.CreateTime).toMatch(/^\d{14}$/);
    const all = await ps<Row[]>(t, `/PS/GenericTrace/FillList?ticket=${province}`);
    expect(all.body.length).toBe(4);
    const ids = (await t.database.db.select({ id: fillRecord.id }).from(fillRecord)).map((x) => x.id);
    expect(all.body.map((x) => x.Id).sort()).toEqual(ids.sort());
  });

  it("BeforeFillList and AfterFillList answer (empty at first)", async () => {
    for (const path of ["/PS/GenericTrace/BeforeFillList", "/PS/GenericTrace/AfterFillList", "/PS/CheckResult/List"]) {
      const r = await ps<Row[]>(t, `${path}?ticket=${province}`);
      expect(r.status, `${path}: ${r.text}`).toBe(200);
      expect(Array.isArray(r.body)).toBe(true);
    }
  });
});

describe("unknown paths", () => {
  it("answer in the /PS style", async () => {
    const r = await ps<PsFailure>(t, "/PS/Nothing/Here");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ State: 1, Code: "NOT_FOUND" });
  });
});
