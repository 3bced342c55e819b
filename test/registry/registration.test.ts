/**
 * Use registration, images and spot checks over real HTTP through the gateway: the happy paths,
 * the refusals with their typed codes, the idempotent retry, and approval creating cylinders.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sm3Hex } from "@cylinder/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { APPLY, application, codeOf, type Images, jpegBase64, newCylinderDates, ok, upload } from "./helpers";

let t: TestPlatform;
let dataDir: string;
const tickets: Record<string, string> = {};
let images: Images;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cyl-registry-"));
  t = await startTestPlatform({ DATA_DIR: dataDir });
  for (const [role, username] of Object.entries(t.world.accounts)) tickets[role] = await t.login(username);
  images = {
    payImage: await upload(t, tickets.kmFilling!, "pay"),
    batchImage: await upload(t, tickets.kmFilling!, "batch"),
    deviceImage: await upload(t, tickets.kmFilling!, "device"),
  };
});
afterAll(async () => {
  await t?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("uploadImage", () => {
  it("stores the bytes under DATA_DIR by SM3 and returns the path; the same bytes again return the same image", async () => {
    const q = `mutation($d: String!) { uploadImage(contentType: "image/jpeg", dataBase64: $d) { path contentType byteSize sm3 } }`;
    const first = ok(
      await t.gql<{ uploadImage: Record<string, unknown> }>(q, { d: jpegBase64("x") }, tickets.kmFilling),
    );
    const bytes = Buffer.from(jpegBase64("x"), "base64");
    expect(first.uploadImage).toEqual({
      path: `images/${t.world.units.kmFilling}/${sm3Hex(bytes)}.jpg`,
      contentType: "image/jpeg",
      byteSize: bytes.length,
      sm3: sm3Hex(bytes),
    });
    expect(await readFile(join(dataDir, first.uploadImage.path as string))).toEqual(bytes);
    const again = ok(
      await t.gql<{ uploadImage: Record<string, unknown> }>(q, { d: jpegBase64("x") }, tickets.kmFilling),
    );
    expect(again.uploadImage).toEqual(first.uploadImage);
  });

  it.each([
    ["a GIF", "image/gif", jpegBase64("g"), "kmFilling", "INVALID_FIELD"],
    [
      "PNG bytes declared as JPEG",
      "image/jpeg",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]).toString("base64"),
      "kmFilling",
      "INVALID_FIELD",
    ],
    [
      "an image over 1 MB",
      "image/jpeg",
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(1024 * 1024)]).toString("base64"),
      "kmFilling",
      "PAYLOAD_TOO_LARGE",
    ],
    ["a regulator", "image/jpeg", jpegBase64("r"), "kmRegulator", "FORBIDDEN"],
    ["the public", "image/jpeg", jpegBase64("p"), "public", "UNAUTHENTICATED"],
  ])("refuses %s", async (_, type, data, who, code) => {
    const r = await t.gql(
      `mutation($t: String!, $d: String!) { uploadImage(contentType: $t, dataBase64: $d) { path } }`,
      { t: type, d: data },
      tickets[who],
    );
    expect(codeOf(r)).toBe(code);
  });
});

describe("applyRegistration and reviewRegistration", () => {
  let registrationId: number;

  it("accepts an application, and a retry with the same ThirdId returns the same registration", async () => {
    const input = application(t, "9001", ["YN0000001", "YN0000002", "YN0000003"], images, t.world.units.manufacturer);
    const first = ok(await t.gql<{ applyRegistration: Record<string, unknown> }>(APPLY, { input }, tickets.kmFilling));
    expect(first.applyRegistration).toMatchObject({
      status: "PENDING",
      kind: "NEW",
      thirdId: "9001",
      unitId: t.world.units.kmFilling,
      medium: "液化石油气",
      items: [
        { barcode: "YN0000001", printno: "GY0", innerNo: "N0" },
        { barcode: "YN0000002", printno: "GY1", innerNo: "N1" },
        { barcode: "YN0000003", printno: "GY2", innerNo: "N2" },
      ],
    });
    registrationId = first.applyRegistration.id as number;
    const retry = ok(await t.gql<{ applyRegistration: { id: number } }>(APPLY, { input }, tickets.kmFilling));
    expect(retry.applyRegistration.id).toBe(registrationId);
    const [{ n }] = (await t.database.sql`
      select count(*)::int as n from registry.registration where unit_id = ${t.world.units.kmFilling} and third_id = 9001`) as unknown as [
      { n: number },
    ];
    expect(n).toBe(1);
    // the same ThirdId under the other kind (ApplyOld) is another application
    const old = { ...application(t, "9001", ["YN0000009"], images, t.world.units.manufacturer), kind: "OLD" };
    const other = ok(
      await t.gql<{ applyRegistration: { id: number; kind: string } }>(APPLY, { input: old }, tickets.kmFilling),
    );
    expect(other.applyRegistration.id).not.toBe(registrationId);
    expect(other.applyRegistration.kind).toBe("OLD");
  });

  it("refuses the same ThirdId naming other cylinders (CONFLICT)", async () => {
    const input = application(t, "9001", ["YN0000004"], images, t.world.units.manufacturer);
    expect(codeOf(await t.gql(APPLY, { input }, tickets.kmFilling))).toBe("CONFLICT");
  });

  it.each([
    [
      "a barcode already registered",
      () => application(t, "9101", ["X1", "1103007831"], images, t.world.units.manufacturer),
      "DUPLICATE_BARCODE",
      "1103007831",
    ],
    [
      "a barcode pending in another application",
      () => application(t, "9102", ["YN0000002"], images, t.world.units.manufacturer),
      "DUPLICATE_BARCODE",
      "待审核",
    ],
    [
      "a barcode twice in the request",
      () => application(t, "9103", ["Z1", "Z1"], images, t.world.units.manufacturer),
      "DUPLICATE_BARCODE",
      "重复",
    ],
    [
      "a factory that is not a manufacturer",
      () => application(t, "9104", ["Z2"], images, t.world.units.kmFilling),
      "INVALID_FIELD",
      "Overview.Factory",
    ],
    ["a factory that does not exist", () => application(t, "9105", ["Z2"], images, 999_999), "INVALID_FIELD", "不存在"],
    [
      "an image that does not exist",
      () => application(t, "9106", ["Z2"], { ...images, payImage: "images/1/nothing.jpg" }, t.world.units.manufacturer),
      "INVALID_FIELD",
      "Overview.PayImage",
    ],
    [
      "a medium the unit is not licensed for",
      () => application(t, "9107", ["Z2"], images, t.world.units.manufacturer, { medium: "CNG" }),
      "INVALID_FIELD",
      "许可范围",
    ],
    [
      "discard date before product date",
      () => application(t, "9108", ["Z2"], images, t.world.units.manufacturer, { discardDate: "2020-01-01" }),
      "INVALID_FIELD",
      "Overview.DiscardDate",
    ],
    [
      "an impossible date",
      () => application(t, "9109", ["Z2"], images, t.world.units.manufacturer, { nextDate: "2030-02-30" }),
      "INVALID_DATE",
      "Overview.NextDate",
    ],
    [
      "a valve outside the enum",
      () => application(t, "9110", ["Z2"], images, t.world.units.manufacturer, { valve: 7 }),
      "INVALID_ENUM",
      "Overview.Valve",
    ],
    [
      "a missing field",
      () => application(t, "9111", ["Z2"], images, t.world.units.manufacturer, { style: null }),
      "MISSING_FIELD",
      "Overview.Style",
    ],
  ])("refuses %s", async (_, input, code, text) => {
    const r = await t.gql(APPLY, { input: input() }, tickets.kmFilling);
    expect(codeOf(r)).toBe(code);
    expect(r.errors![0]!.message).toContain(text);
  });

  it("refuses another unit's image", async () => {
    const qjImage = await upload(t, tickets.qjFilling!, "qj");
    const r = await t.gql(
      APPLY,
      { input: application(t, "9201", ["Q1"], { ...images, batchImage: qjImage }, t.world.units.manufacturer) },
      tickets.kmFilling,
    );
    expect(codeOf(r)).toBe("INVALID_FIELD");
    expect(r.errors![0]!.message).toContain("Overview.BatchImage");
  });

  it.each(["kmRegulator", "station", "operator", "public"])("refuses an application from %s", async (who) => {
    const r = await t.gql(
      APPLY,
      { input: application(t, "9301", ["W1"], images, t.world.units.manufacturer) },
      tickets[who],
    );
    expect(codeOf(r)).toBe(who === "public" ? "UNAUTHENTICATED" : "FORBIDDEN");
  });

  const REVIEW = `mutation($id: Int!, $ok: Boolean!, $c: String) {
    reviewRegistration(id: $id, approve: $ok, comment: $c) { id status reviewerUnitId reviewComment reviewedAt }
  }`;

  it.each([
    ["another prefecture's regulator", "qjRegulator", "FORBIDDEN"],
    ["a filling unit", "kmFilling", "FORBIDDEN"],
    ["an operator", "operator", "FORBIDDEN"],
  ])("refuses a review by %s", async (_, who, code) => {
    expect(codeOf(await t.gql(REVIEW, { id: registrationId, ok: true }, tickets[who]))).toBe(code);
  });

  it("approval by the applicant's prefecture creates the cylinders, visible by barcode", async () => {
    const r = ok(
      await t.gql<{ reviewRegistration: Record<string, unknown> }>(
        REVIEW,
        { id: registrationId, ok: true, c: "资料齐全" },
        tickets.kmRegulator,
      ),
    );
    expect(r.reviewRegistration).toMatchObject({
      status: "APPROVED",
      reviewerUnitId: t.world.units.kmAuthority,
      reviewComment: "资料齐全",
    });
    const c = ok(
      await t.gql<{ cylinder: Record<string, unknown> }>(
        `{ cylinder(barcode: "YN0000002") {
            barcode kind state medium ownerUnitId prefectureCode printno innerNo style valve productDate discardDate
            checkDate nextDate idleWeight factory checkPeriod lifePeriod registerDate owner { name }
        } }`,
        {},
        tickets.kmFilling,
      ),
    );
    expect(c.cylinder).toMatchObject({
      barcode: "YN0000002",
      kind: "GENERIC",
      state: 1,
      medium: "液化石油气",
      ownerUnitId: t.world.units.kmFilling,
      prefectureCode: "530100",
      printno: "GY1",
      innerNo: "N1",
      style: "YSP35.5",
      valve: 1,
      ...newCylinderDates(t),
      checkDate: null,
      idleWeight: 16.5,
      factory: "江苏特种设备生产有限公司",
      checkPeriod: 4,
      lifePeriod: 8,
      owner: { name: "昆明市官渡燃气充装站" },
    });
    expect(t.clock.now().getTime() - new Date(c.cylinder.registerDate as string).getTime()).toBeLessThan(60_000);
    // a retry of the application still answers with the (now approved) registration
    const retry = ok(
      await t.gql<{ applyRegistration: { id: number; status: string } }>(
        APPLY,
        { input: application(t, "9001", ["YN0000001", "YN0000002", "YN0000003"], images, t.world.units.manufacturer) },
        tickets.kmFilling,
      ),
    );
    expect(retry.applyRegistration).toMatchObject({ id: registrationId, status: "APPROVED" });
    // and the barcodes are now taken for good
    const again = await t.gql(
      APPLY,
      { input: application(t, "9401", ["YN0000003"], images, t.world.units.manufacturer) },
      tickets.kmFilling,
    );
    expect(codeOf(again)).toBe("DUPLICATE_BARCODE");
  });

  it("refuses a second review (INVALID_STATE), and a rejection without a reason (MISSING_FIELD)", async () => {
    expect(codeOf(await t.gql(REVIEW, { id: registrationId, ok: false, c: "重复" }, tickets.province))).toBe(
      "INVALID_STATE",
    );
    const pending = ok(
      await t.gql<{ applyRegistration: { id: number } }>(
        APPLY,
        { input: application(t, "9501", ["YN0000101"], images, t.world.units.manufacturer) },
        tickets.kmFilling,
      ),
    ).applyRegistration.id;
    expect(codeOf(await t.gql(REVIEW, { id: pending, ok: false }, tickets.province))).toBe("MISSING_FIELD");
    const rejected = ok(
      await t.gql<{ reviewRegistration: { status: string } }>(
        REVIEW,
        { id: pending, ok: false, c: "照片不清晰" },
        tickets.province,
      ),
    );
    expect(rejected.reviewRegistration.status).toBe("REJECTED");
    expect(
      ok(await t.gql<{ cylinder: null }>(`{ cylinder(barcode: "YN0000101") { barcode } }`, {}, tickets.province))
        .cylinder,
    ).toBeNull();
    // a rejected application frees its barcodes for a new one
    ok(
      await t.gql(
        APPLY,
        { input: application(t, "9502", ["YN0000101"], images, t.world.units.manufacturer) },
        tickets.kmFilling,
      ),
    );
    expect(codeOf(await t.gql(REVIEW, { id: 999_999, ok: true }, tickets.province))).toBe("NOT_FOUND");
  });

  it("lists registrations in scope, filtered and paged", async () => {
    const Q = `query($f: RegistrationFilter, $first: Int, $after: String) {
      registrations(filter: $f, first: $first, after: $after) { nodes { id unitId status } pageInfo { hasNextPage endCursor } }
    }`;
    type Page = {
      registrations: {
        nodes: { id: number; unitId: number; status: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const all: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = ok(await t.gql<Page>(Q, { first: 2, after }, tickets.kmRegulator));
      all.push(...page.registrations.nodes.map((n) => n.id));
      if (!page.registrations.pageInfo.hasNextPage) break;
      after = page.registrations.pageInfo.endCursor;
    }
    expect(all.length).toBe(4);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    const pending = ok(await t.gql<Page>(Q, { f: { status: "PENDING" } }, tickets.kmFilling));
    expect(pending.registrations.nodes.map((n) => n.status)).toEqual(["PENDING", "PENDING"]);
    expect(ok(await t.gql<Page>(Q, {}, tickets.qjFilling)).registrations.nodes).toEqual([]);
    expect(ok(await t.gql<Page>(Q, {}, tickets.qjRegulator)).registrations.nodes).toEqual([]);
    expect(
      ok(await t.gql<Page>(Q, { f: { prefectureCode: "530100" } }, tickets.province)).registrations.nodes,
    ).toHaveLength(4);
    expect(
      ok(await t.gql<Page>(Q, { f: { prefectureCode: "530300" } }, tickets.province)).registrations.nodes,
    ).toHaveLength(0);
    expect(codeOf(await t.gql(Q, {}, tickets.station))).toBe("FORBIDDEN");
    const one = `query($id: Int!) { registration(id: $id) { id items { barcode } unit { name } } }`;
    expect(
      ok(await t.gql<{ registration: { items: unknown[] } }>(one, { id: all[0] }, tickets.kmFilling)).registration
        .items,
    ).toHaveLength(3);
    expect(codeOf(await t.gql(one, { id: all[0] }, tickets.qjFilling))).toBe("FORBIDDEN");
    expect(ok(await t.gql<{ registration: null }>(one, { id: 999_999 }, tickets.province)).registration).toBeNull();
  });
});

describe("spot checks (§7.3)", () => {
  const ISSUE = `mutation($u: Int!, $n: Int!, $s: String, $c: String, $b: [String!]) {
    issueSpotCheck(unitId: $u, checkCount: $n, style: $s, checkComment: $c, barcodes: $b) {
      id unitId authorityUnitId style checkCount checkComment status checkDate applyDate
      items { id barcode printno image }
    }
  }`;
  type Issued = {
    issueSpotCheck: {
      id: number;
      status: string;
      items: { id: number; barcode: string; printno: string; image: string | null }[];
    };
  };
  let checkId: number;
  let items: Issued["issueSpotCheck"]["items"];

  it("a regulator picks random in-use cylinders of the unit", async () => {
    const r = ok(
      await t.gql<Issued>(
        ISSUE,
        { u: t.world.units.kmFilling, n: 3, s: "YSP35.5", c: "请拍摄钢印" },
        tickets.kmRegulator,
      ),
    );
    expect(r.issueSpotCheck).toMatchObject({
      unitId: t.world.units.kmFilling,
      status: "OPEN",
      checkCount: 3,
      checkComment: "请拍摄钢印",
    });
    items = r.issueSpotCheck.items;
    checkId = r.issueSpotCheck.id;
    expect(items).toHaveLength(3);
    expect(items.map((i) => i.barcode)).not.toContain(t.world.barcodes.kmScrapped);
    expect(items.every((i) => i.image === null && i.printno)).toBe(true);
  });

  it("takes given barcodes, and refuses what does not fit", async () => {
    const given = ok(
      await t.gql<Issued>(
        ISSUE,
        { u: t.world.units.kmFilling, n: 1, b: [t.world.barcodes.kmNormal] },
        tickets.province,
      ),
    );
    expect(given.issueSpotCheck.items.map((i) => i.barcode)).toEqual([t.world.barcodes.kmNormal]);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ u: t.world.units.kmFilling, n: 1, b: [t.world.barcodes.qjNormal] }, "kmRegulator", "INVALID_FIELD"],
      [{ u: t.world.units.kmFilling, n: 2, b: [t.world.barcodes.kmNormal] }, "kmRegulator", "INVALID_FIELD"],
      [{ u: t.world.units.kmFilling, n: 500 }, "kmRegulator", "INVALID_FIELD"],
      [{ u: t.world.units.kmFilling, n: 1, s: "YSP118" }, "kmRegulator", "INVALID_FIELD"],
      [{ u: t.world.units.station, n: 1 }, "kmRegulator", "INVALID_FIELD"],
      [{ u: t.world.units.kmFilling, n: 1 }, "qjRegulator", "FORBIDDEN"],
      [{ u: t.world.units.kmFilling, n: 1 }, "kmFilling", "FORBIDDEN"],
      [{ u: 999_999, n: 1 }, "province", "NOT_FOUND"],
    ];
    for (const [vars, who, code] of cases)
      expect(codeOf(await t.gql(ISSUE, vars, tickets[who])), JSON.stringify(vars)).toBe(code);
  });

  const RESPOND = `mutation($id: Int!, $items: [SpotCheckResponseItemInput!]!) {
    respondSpotCheck(id: $id, items: $items) { id status respondedAt items { id image } }
  }`;
  const LIST = `query($f: SpotCheckFilter) { spotChecks(filter: $f) { nodes { id status checkCount } } }`;

  it("the unit sees it in its open list, answers in parts, and it becomes RESPONDED", async () => {
    const open = ok(
      await t.gql<{ spotChecks: { nodes: { id: number }[] } }>(LIST, { f: { status: "OPEN" } }, tickets.kmFilling),
    );
    expect(open.spotChecks.nodes.map((n) => n.id)).toContain(checkId);
    expect(ok(await t.gql<{ spotChecks: { nodes: unknown[] } }>(LIST, {}, tickets.qjFilling)).spotChecks.nodes).toEqual(
      [],
    );

    const photo = await upload(t, tickets.kmFilling!, "spot-1");
    const part = ok(
      await t.gql<{ respondSpotCheck: { status: string } }>(
        RESPOND,
        { id: checkId, items: [{ id: items[0]!.id, image: photo }] },
        tickets.kmFilling,
      ),
    );
    expect(part.respondSpotCheck.status).toBe("OPEN");
    const rest = ok(
      await t.gql<{ respondSpotCheck: { status: string; respondedAt: string; items: { image: string }[] } }>(
        RESPOND,
        { id: checkId, items: items.slice(1).map((i) => ({ id: i.id, image: photo })) },
        tickets.kmFilling,
      ),
    );
    expect(rest.respondSpotCheck.status).toBe("RESPONDED");
    expect(rest.respondSpotCheck.respondedAt).toBeTruthy();
    expect(rest.respondSpotCheck.items.every((i) => i.image === photo)).toBe(true);
    const open2 = ok(
      await t.gql<{ spotChecks: { nodes: { id: number }[] } }>(LIST, { f: { status: "OPEN" } }, tickets.kmFilling),
    );
    expect(open2.spotChecks.nodes.map((n) => n.id)).not.toContain(checkId);
    const detail = ok(
      await t.gql<{ spotCheck: { items: { image: string }[] } }>(
        `query($id: Int!) { spotCheck(id: $id) { items { image } } }`,
        { id: checkId },
        tickets.kmRegulator,
      ),
    );
    expect(detail.spotCheck.items.every((i) => i.image === photo)).toBe(true);
  });

  it("refuses answers that do not fit", async () => {
    const foreign = await upload(t, tickets.qjFilling!, "spot-qj");
    const photo = await upload(t, tickets.kmFilling!, "spot-2");
    const cases: [Record<string, unknown>, string, string][] = [
      [{ id: checkId, items: [{ id: items[0]!.id, image: foreign }] }, "kmFilling", "INVALID_FIELD"],
      [{ id: checkId, items: [{ id: 999_999, image: photo }] }, "kmFilling", "INVALID_FIELD"],
      [{ id: checkId, items: [{ id: items[0]!.id, image: photo }] }, "qjFilling", "FORBIDDEN"],
      [{ id: checkId, items: [{ id: items[0]!.id, image: photo }] }, "kmRegulator", "FORBIDDEN"],
      [{ id: 999_999, items: [{ id: 1, image: photo }] }, "kmFilling", "NOT_FOUND"],
    ];
    for (const [vars, who, code] of cases)
      expect(codeOf(await t.gql(RESPOND, vars, tickets[who])), JSON.stringify(vars)).toBe(code);
    expect(
      codeOf(await t.gql(`query($id: Int!) { spotCheck(id: $id) { id } }`, { id: checkId }, tickets.qjRegulator)),
    ).toBe("FORBIDDEN");
    const closed = ok(
      await t.gql<{ closeSpotCheck: { status: string } }>(
        `mutation($id: Int!) { closeSpotCheck(id: $id) { status } }`,
        { id: checkId },
        tickets.kmRegulator,
      ),
    );
    expect(closed.closeSpotCheck.status).toBe("CLOSED");
    expect(
      codeOf(await t.gql(RESPOND, { id: checkId, items: [{ id: items[0]!.id, image: photo }] }, tickets.kmFilling)),
    ).toBe("INVALID_STATE");
  });
});
