/**
 * Annex 1 §7 and §8 over real HTTP: image upload (filled gap) in each form, ApplyNew /
 * ApplyOld with the registration stored, idempotent on ThirdId; spot checks (UnresponseList,
 * GetDetail, Response); inspection orders (BeginApply, AddBottle, RemoveBottle, EndApply)
 * with their refusals.
 */
import { addDays, addYears, formatDate8 } from "@cylinder/db";
import { inspectionOrder, inspectionOrderItem, registration, registrationItem } from "@cylinder/db/schema";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { type PsFailure, post, ps, psLogin, q } from "./client";

let t: TestPlatform;
let km: string;
let kmRegulatorGql: string;

const jpeg = (salt: string) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF ${salt}`)]);

beforeAll(async () => {
  t = await startTestPlatform();
  km = await psLogin(t, t.world.accounts.kmFilling);
  kmRegulatorGql = await t.login(t.world.accounts.kmRegulator);
});
afterAll(async () => {
  await t?.stop();
});

interface Ok<V = unknown> {
  State: 0;
  Value: V;
}

async function uploadMultipart(salt: string): Promise<string> {
  const form = new FormData();
  form.set("ticket", km);
  form.set("file", new Blob([jpeg(salt)], { type: "image/jpeg" }), "photo.jpg");
  const res = await fetch(`${t.platform.url}/PS/Image/Upload`, { method: "POST", body: form });
  const body = (await res.json()) as Ok<{ Path: string }>;
  expect(body.State, JSON.stringify(body)).toBe(0);
  return body.Value.Path;
}

describe("image upload (filled gap)", () => {
  it("multipart: returns the server path; the same bytes the same path", async () => {
    const a = await uploadMultipart("a");
    expect(a).toMatch(/^images\/\d+\/[0-9a-f]{64}\.jpg$/);
    expect(await uploadMultipart("a")).toBe(a);
  });

  it("base64 in data", async () => {
    const r = await post<Ok<{ Path: string; Size: number }>>(
      t,
      `/PS/Image/Upload?ticket=${km}`,
      JSON.stringify({ Data: jpeg("b").toString("base64") }),
    );
    expect(r.body.State, r.text).toBe(0);
    expect(r.body.Value.Path).toMatch(/\.jpg$/);
  });

  it("refuses what is not an image, and one over 1 MB", async () => {
    const form = new FormData();
    form.set("ticket", km);
    form.set("file", new Blob([Buffer.from("GIF89a not allowed")]), "x.gif");
    const res = await fetch(`${t.platform.url}/PS/Image/Upload`, { method: "POST", body: form });
    expect(await res.json()).toMatchObject({ State: 1, Code: "INVALID_FIELD" });
    const big = new FormData();
    big.set("ticket", km);
    big.set("file", new Blob([jpeg("x"), Buffer.alloc(1_200_000)]), "big.jpg");
    const r2 = await fetch(`${t.platform.url}/PS/Image/Upload`, { method: "POST", body: big });
    expect(r2.status).toBe(413);
    expect(await r2.json()).toMatchObject({ State: 1, Code: "PAYLOAD_TOO_LARGE" });
  });
});

describe("§7.1 ApplyNew, §7.2 ApplyOld", () => {
  let images: string[];
  // a new cylinder made three months ago (8-year life, inspected every 4); an old one made six
  // years ago, inspected two years ago
  const made = () => addDays(t.world.dates.today, -90);
  const old = () => ({ made: addYears(t.world.dates.today, -6), checked: addYears(t.world.dates.today, -2) });
  const body = (thirdId: number, barcodes: string[], overview: Record<string, unknown> = {}) => `{
    ThirdId: ${thirdId},
    Overview: {
      Style: "YSP35.5",
      Medium: "液化石油气",
      Factory: ${t.world.units.manufacturer},
      CreateDate: "${formatDate8(made())}",
      DiscardDate: "${formatDate8(addYears(made(), 8))}",
      NextDate: " ${formatDate8(addYears(made(), 4))}",
      IdleWeight: 16.5,
      Remark: "新购钢瓶",
      Valve: 1,
      PayImage: "${images[0]}",
      BatchImage: "${images[1]}",
      DeviceImage: "${images[2]}",
      ${Object.entries(overview)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)},`)
        .join("\n")}
    },
    Items: [
      ${barcodes.map((b, i) => `{ Barcode: " ${b}", Printno: "GY${i}", InnerNo: "N${i}" },`).join("\n")}
    ]
  }`;

  beforeAll(async () => {
    images = [await uploadMultipart("p1"), await uploadMultipart("p2"), await uploadMultipart("p3")];
  });

  it("stores the application; Value is the annex's JSON text {Id}", async () => {
    const r = await post<Ok<string>>(t, `/PS/BottleRegister/ApplyNew?token=${km}`, body(5001, ["RN0001", "RN0002"]));
    expect(r.status, r.text).toBe(200);
    expect(typeof r.body.Value).toBe("string");
    const { Id } = JSON.parse(r.body.Value) as { Id: number };
    const [row] = await t.database.db.select().from(registration).where(eq(registration.id, Id));
    expect(row).toMatchObject({
      applyKind: "new",
      thirdId: 5001,
      style: "YSP35.5",
      productDate: made(),
      nextDate: addYears(made(), 4),
      valve: 1,
      status: "pending",
    });
    const items = await t.database.db
      .select()
      .from(registrationItem)
      .where(eq(registrationItem.registrationId, Id))
      .orderBy(asc(registrationItem.barcode));
    expect(items.map((i) => [i.barcode, i.printno, i.innerNo])).toEqual([
      ["RN0001", "GY0", "N0"],
      ["RN0002", "GY1", "N1"],
    ]);
    // a retry: the same application
    const again = await post<Ok<string>>(
      t,
      `/PS/BottleRegister/ApplyNew?token=${km}`,
      body(5001, ["RN0001", "RN0002"]),
    );
    expect(JSON.parse(again.body.Value)).toEqual({ Id });
  });

  it("ApplyOld with a CheckDate", async () => {
    const r = await post<Ok<string>>(
      t,
      `/PS/BottleRegister/ApplyOld?token=${km}`,
      body(5002, ["RO0001"], {
        CreateDate: formatDate8(old().made),
        CheckDate: formatDate8(old().checked),
        NextDate: formatDate8(addYears(old().checked, 4)),
      }),
    );
    expect(r.body.State, r.text).toBe(0);
    const { Id } = JSON.parse(r.body.Value) as { Id: number };
    const [row] = await t.database.db.select().from(registration).where(eq(registration.id, Id));
    expect(row).toMatchObject({ applyKind: "old", checkDate: old().checked });
  });

  it("refusals name the annex's fields", async () => {
    const bad = async (b: string, code: string, field: string) => {
      const r = await post<PsFailure>(t, `/PS/BottleRegister/ApplyNew?token=${km}`, b);
      expect(r.body, r.text).toMatchObject({ State: 1, Code: code });
      expect(r.body.Value).toContain(field);
    };
    await bad(body(5003, ["RN0003"], { CreateDate: "20260231" }), "INVALID_DATE", "Overview.CreateDate");
    await bad(body(5003, ["RN0003"], { Valve: 7 }), "INVALID_ENUM", "Overview.Valve");
    await bad(body(5003, ["RN0003"], { Factory: "江苏" }), "INVALID_FIELD", "Overview.Factory");
    await bad(body(5003, ["1103007831"]), "DUPLICATE_BARCODE", "1103007831");
    await bad(body(5003, [""]), "MISSING_FIELD", "Items[0].Barcode");
  });
});

describe("§7.3 spot checks", () => {
  let checkId: number;

  beforeAll(async () => {
    const r = await t.gql<{ issueSpotCheck: { id: number } }>(
      `mutation($u: Int!, $b: [String!]) { issueSpotCheck(unitId: $u, checkCount: 2, barcodes: $b, checkComment: "请拍摄钢印") { id } }`,
      { u: t.world.units.kmFilling, b: [t.world.barcodes.kmNormal, t.world.barcodes.kmLocked] },
      kmRegulatorGql,
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    checkId = r.data.issueSpotCheck.id;
  });

  it("UnresponseList: a bare array in the annex's shape", async () => {
    const r = await ps<Record<string, unknown>[]>(t, `/PS/BottleCheck/UnresponseList?token=${km}`, { method: "POST" });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual([expect.objectContaining({ Id: checkId, CheckCount: 2, CheckComment: "请拍摄钢印" })]);
    expect(r.body[0]!.CheckDate).toMatch(/^\d{14}$/);
    expect(r.body[0]!.ApplyDate).toMatch(/^\d{14}$/);
  });

  it("GetDetail, Response, and the check leaves the list", async () => {
    const d = await ps<{ CheckCount: number; Items: { Id: number; Barcode: string; Image?: string }[] }>(
      t,
      `/PS/BottleCheck/GetDetail?${q({ id: checkId, token: km })}`,
    );
    expect(d.status, d.text).toBe(200);
    expect(d.body.CheckCount).toBe(2);
    expect(d.body.Items.map((i) => i.Barcode).sort()).toEqual(
      [t.world.barcodes.kmNormal, t.world.barcodes.kmLocked].sort(),
    );
    expect(d.body.Items[0]!.Image).toBeUndefined();
    const photos = [await uploadMultipart("s1"), await uploadMultipart("s2")];
    const r = await post<{ State: number }>(
      t,
      `/PS/BottleCheck/Response?token=${km}`,
      `{ Id: ${checkId}, Items: [ ${d.body.Items.map((i, n) => `{ Id: ${i.Id}, Image: "${photos[n]}" }`).join(", ")} ] }`,
    );
    expect(r.body, r.text).toEqual({ State: 0 });
    const after = await ps<{ Items: { Image?: string }[] }>(
      t,
      `/PS/BottleCheck/GetDetail?${q({ id: checkId, token: km })}`,
    );
    expect(after.body.Items.every((i) => typeof i.Image === "string")).toBe(true);
    const list = await ps<unknown[]>(t, `/PS/BottleCheck/UnresponseList?token=${km}`);
    expect(list.body).toEqual([]);
  });

  it("GetDetail of an unknown or another unit's check", async () => {
    const r = await ps<PsFailure>(t, `/PS/BottleCheck/GetDetail?${q({ id: 999999, token: km })}`);
    expect(r.body).toMatchObject({ State: 1, Code: "NOT_FOUND" });
    const qj = await psLogin(t, t.world.accounts.qjFilling);
    const other = await ps<PsFailure>(t, `/PS/BottleCheck/GetDetail?${q({ id: checkId, token: qj })}`);
    expect(other.body.State).toBe(1);
  });
});

describe("§8 inspection orders", () => {
  it("BeginApply (idempotent), AddBottle, RemoveBottle, EndApply", async () => {
    const begin = `{ ThirdId: 7001, Station: { Id: ${t.world.units.station}, Name: "昆明市气瓶检验站" } }`;
    // the annex's URL carries data in the query string too
    const r = await ps<Ok<string>>(t, `/PS/CheckApply/BeginApply?${q({ data: begin, token: km })}`, { method: "POST" });
    expect(r.body.State, r.text).toBe(0);
    const { Id } = JSON.parse(r.body.Value) as { Id: number };
    const again = await post<Ok<string>>(t, `/PS/CheckApply/BeginApply?token=${km}`, begin);
    expect(JSON.parse(again.body.Value)).toEqual({ Id });

    const { kmNormal, kmOverdue, kmLocked } = t.world.barcodes;
    const add = await post<{ State: number }>(
      t,
      `/PS/CheckApply/AddBottle?token=${km}`,
      `{ ThirdId: 7001, Id: ${Id}, Items: [ { Barcode: " ${kmNormal}", SeqNo: 1 }, { Barcode: "${kmOverdue}", SeqNo: 2 }, { Barcode: "${kmLocked}", SeqNo: 3 } ] }`,
    );
    expect(add.body, add.text).toEqual({ State: 0 });
    const remove = await post<{ State: number }>(
      t,
      `/PS/CheckApply/RemoveBottle?token=${km}`,
      `{ ThirdId: 7001, Id: ${Id}, Items: [ { Barcode: "${kmLocked}" } ] }`,
    );
    expect(remove.body, remove.text).toEqual({ State: 0 });
    const end = await post<{ State: number }>(t, `/PS/CheckApply/EndApply?token=${km}`, `{ ThirdId: 7001, Id: ${Id} }`);
    expect(end.body, end.text).toEqual({ State: 0 });

    const [order] = await t.database.db.select().from(inspectionOrder).where(eq(inspectionOrder.id, Id));
    expect(order).toMatchObject({
      thirdId: 7001,
      stationUnitId: t.world.units.station,
      status: "submitted",
      stationName: "昆明市气瓶检验站",
    });
    const items = await t.database.db
      .select()
      .from(inspectionOrderItem)
      .where(eq(inspectionOrderItem.orderId, Id))
      .orderBy(asc(inspectionOrderItem.seqNo));
    expect(items.map((i) => [i.barcode, i.seqNo, i.removedAt === null])).toEqual([
      [kmNormal, 1, true],
      [kmOverdue, 2, true],
      [kmLocked, 3, false],
    ]);
  });

  it("refuses an unknown barcode and another unit's cylinder, adding none of the call", async () => {
    const begin = await post<Ok<string>>(
      t,
      `/PS/CheckApply/BeginApply?token=${km}`,
      `{ ThirdId: 7002, Station: { Id: ${t.world.units.station} } }`,
    );
    const { Id } = JSON.parse(begin.body.Value) as { Id: number };
    const add = (barcode: string) =>
      post<PsFailure>(
        t,
        `/PS/CheckApply/AddBottle?token=${km}`,
        `{ Id: ${Id}, Items: [ { Barcode: "${t.world.barcodes.kmNormal}" }, { Barcode: "${barcode}" } ] }`,
      );
    const unknown = await add("NO-SUCH-1");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ State: 1, Code: "UNKNOWN_BARCODE" });
    expect(unknown.body.Value).toContain("NO-SUCH-1");
    const other = await add(t.world.barcodes.qjNormal);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ State: 1, Code: "NOT_OWN_CYLINDER" });
    expect(await t.database.db.select().from(inspectionOrderItem).where(eq(inspectionOrderItem.orderId, Id))).toEqual(
      [],
    );
    // an empty order cannot be submitted; a wrong ThirdId names the order's
    expect((await post<PsFailure>(t, `/PS/CheckApply/EndApply?token=${km}`, `{ Id: ${Id} }`)).body.Code).toBe(
      "INVALID_STATE",
    );
    expect(
      (await post<PsFailure>(t, `/PS/CheckApply/EndApply?token=${km}`, `{ ThirdId: 1, Id: ${Id} }`)).body,
    ).toMatchObject({
      Code: "INVALID_FIELD",
    });
  });
});
