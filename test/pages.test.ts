/**
 * The pages over HTTP (issue 11): the public scan page for every cylinder of the world,
 * public fields only; unknown codes recorded with one alarm per code; citizens' reports
 * stored, alarmed to the cylinder's prefecture regulator and limited per address and per
 * cylinder, also across two gateway processes; labels that decode back to their URL; the
 * label desk's sheets for authorised users only; the home page; the GraphQL IDE for
 * browsers and introspection as configured.
 */
import { formatCarCode } from "@cylinder/db";
import { registration, registrationItem } from "@cylinder/db/schema";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "./support/gateway-process";
import { startTestPlatform, type TestPlatform } from "./support/platform";

let t: TestPlatform;
let second: GatewayProcess;
beforeAll(async () => {
  // behind a proxy: the tests speak for many visitors through X-Forwarded-For
  t = await startTestPlatform({ TRUST_PROXY: "true" });
  second = await startGatewayProcess(t, { TRUST_PROXY: "true" });
});
afterAll(async () => {
  await second?.stop();
  await t?.stop();
});

/** What the world holds that no public page may show. */
const PERSONAL = [
  "李站长",
  "13888966213",
  "138****6213",
  "张三",
  "云A·88888",
  "LSHY8888888",
  "530102199001011234",
  "530102********1234",
  "昆明市出租汽车公司",
  "P1103007831",
  "测试厂家",
];

let visitor = 0;
/** A new visitor's address (TEST-NET-3), so limits of one test do not touch another. */
const newAddress = () => `203.0.113.${++visitor}`;

async function get(path: string, init: RequestInit & { from?: string } = {}, base = t.platform.url) {
  const headers = new Headers(init.headers);
  if (init.from) headers.set("x-forwarded-for", init.from);
  const res = await fetch(`${base}${path}`, { ...init, headers, redirect: "manual" });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function postForm(path: string, form: Record<string, string>, from: string, base = t.platform.url) {
  return get(
    path,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
      from,
    },
    base,
  );
}

const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("the public scan page", () => {
  it.each([
    ["kmNormal", "可以充装", []],
    ["kmOverdue", "禁止充装", ["已超过下次检验日期，超期未检"]],
    ["kmScrapped", "禁止充装", ["气瓶已报废，不能再使用"]],
    ["kmLocked", "禁止充装", ["气瓶已被监管部门锁定"]],
    // judged for the owner unit: Qujing's station has no filling licence on record
    ["qjNormal", "禁止充装", ["产权单位没有登记充装许可证"]],
    ["car", "可以充装", []],
  ] as const)("%s: %s, with every reason, public fields only", async (name, verdict, reasons) => {
    const barcode = t.world.barcodes[name];
    const page = await get(`/c/${barcode}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    const shown = text(page.text);
    expect(shown).toContain(`气瓶 ${barcode}`);
    expect(shown).toContain(verdict);
    for (const r of reasons) expect(shown).toContain(r);
    for (const p of PERSONAL) expect(page.text, `${name} shows ${p}`).not.toContain(p);
    expect(page.text).not.toMatch(/\b1[3-9]\d{9}\b/); // no phone numbers
    expect(page.text).not.toMatch(/\b\d{17}[\dX]\b/); // no ID numbers
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from another host
  });

  it("shows the facts a citizen looks for: owner company, registration, next inspection, last fills, the ledger", async () => {
    const shown = text((await get(`/c/${t.world.barcodes.kmNormal}`)).text);
    const d = t.world.dates;
    expect(shown).toContain("昆明市官渡燃气充装站"); // owner unit and filling unit
    expect(shown).toContain("江苏特种设备生产有限公司");
    expect(shown).toContain(d.productDate);
    expect(shown).toContain(d.nextDate);
    expect(shown).toContain("已办理使用登记");
    expect(shown).toContain("13.43 kg");
    expect(shown).toMatch(/记录(已存证|存证)/);
    expect(shown).toContain("反映问题");
  });

  it("never names the owner of a car cylinder", async () => {
    const shown = text((await get(`/c/${t.world.barcodes.car}`)).text);
    expect(shown).toContain("车用气瓶");
    expect(shown).toContain("不公开");
    expect(shown).toContain("瓶3T云A00002(20)"); // the registration certificate number is public
  });

  it("the public API behind it answers no person's name or phone either", async () => {
    const r = await t.gql<{
      cylinder: { owner: { name: string; contactName: string | null; contactPhone: string | null } };
    }>(`query($b: String!) { cylinder(barcode: $b) { owner { name contactName contactPhone } } }`, {
      b: t.world.barcodes.kmNormal,
    });
    expect(r.data?.cylinder.owner).toEqual({ name: "昆明市官渡燃气充装站", contactName: null, contactPhone: null });
  });

  it("answers the lookup form with a redirect to the code's page", async () => {
    const r = await get(`/c?code=%20${t.world.barcodes.kmNormal}%20`);
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe(`/c/${t.world.barcodes.kmNormal}`);
  });
});

interface AlarmNode {
  id: number;
  type: string;
  barcode: string | null;
  prefectureCode: string | null;
  message: string;
}

async function alarms(ticket: string, types: string[]) {
  const r = await t.gql<{ alarms: { nodes: AlarmNode[] } }>(
    `query($types: [AlarmType!]) { alarms(filter: { types: $types }, first: 100) { nodes { id type barcode prefectureCode message } } }`,
    { types },
    ticket,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.alarms.nodes;
}

describe("unknown codes", () => {
  it("get a friendly page; each scan is recorded and each code raises one alarm, to the province", async () => {
    const from = newAddress();
    for (let i = 0; i < 3; i++) {
      const page = await get("/c/YN-FAKE-0001", { from });
      expect(page.status).toBe(404);
      const shown = text(page.text);
      expect(shown).toContain("没有在云南省气瓶质量安全追溯平台登记");
      expect(shown).toContain("12315");
      expect(shown).toContain("不要使用");
    }
    const [code] = await t.database.sql<{ id: number; scans: number; malformed: boolean }[]>`
      select c.id, c.malformed, (select count(*) from trace.unknown_code_scan s where s.code_id = c.id)::int as scans
      from trace.unknown_code c where c.code = 'YN-FAKE-0001'`;
    expect(code).toMatchObject({ scans: 3, malformed: false });
    const province = await t.login(t.world.accounts.province);
    const raised = (await alarms(province, ["UNKNOWN_CODE_SCANNED"])).filter((a) => a.barcode === "YN-FAKE-0001");
    expect(raised).toHaveLength(1);
    expect(raised[0]!.prefectureCode).toBeNull();
    expect(raised[0]!.message).toContain("疑似假冒标签");
    // a prefecture regulator does not see the province's alarm
    const km = await t.login(t.world.accounts.kmRegulator);
    expect((await alarms(km, ["UNKNOWN_CODE_SCANNED"])).some((a) => a.barcode === "YN-FAKE-0001")).toBe(false);
  });

  it("a car code names its prefecture, whose regulator is told; malformed text is recorded too", async () => {
    const from = newAddress();
    const carCode = formatCarCode("530100", 4242); // a well-formed Kunming car code nobody bound
    expect((await get(`/c/${carCode}`, { from })).status).toBe(404);
    expect((await get(`/c/${encodeURIComponent("<b>x</b>")}`, { from })).status).toBe(404);
    const km = await t.login(t.world.accounts.kmRegulator);
    const raised = (await alarms(km, ["UNKNOWN_CODE_SCANNED"])).filter((a) => a.barcode === carCode);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.prefectureCode).toBe("530100");
    const page = await get(`/c/${encodeURIComponent("<b>x</b>")}`, { from });
    expect(page.text).not.toContain("<b>x</b>");
    expect(page.text).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("a registered code is never recorded as unknown, whoever asks", async () => {
    const r = await t.gql<{ recordUnknownCodeScan: { known: boolean; recorded: boolean } }>(
      `mutation($c: String!) { recordUnknownCodeScan(code: $c) { known recorded firstScan } }`,
      { c: t.world.barcodes.kmNormal },
    );
    expect(r.data?.recordUnknownCodeScan).toMatchObject({ known: true, recorded: false });
    const [n] = await t.database.sql<{ n: number }[]>`
      select count(*)::int as n from trace.unknown_code where code = ${t.world.barcodes.kmNormal}`;
    expect(n!.n).toBe(0);
  });

  it("stops recording an address that scans unknown codes by the dozen (the page still answers)", async () => {
    const from = newAddress();
    for (let i = 0; i < 32; i++) expect((await get(`/c/BOT-${i}`, { from })).status).toBe(404);
    const [n] = await t.database.sql<{ n: number }[]>`
      select count(*)::int as n from trace.unknown_code where code like 'BOT-%'`;
    expect(n!.n).toBe(30);
  });
});

describe("a citizen's report", () => {
  it("is stored, answered, and raised as an alarm to the cylinder's prefecture regulator only", async () => {
    const from = newAddress();
    const barcode = t.world.barcodes.kmNormal;
    const sent = await postForm(
      `/c/${barcode}/report`,
      { kind: "leaking", description: "阀门处有气味", contactPhone: "13900001111" },
      from,
    );
    expect(sent.status).toBe(303);
    const location = sent.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/c/${barcode}\\?reported=\\d+#report$`));
    const answer = text((await get(location.replace(/#.*/, ""))).text);
    expect(answer).toContain("已收到您的反映");

    const [row] = await t.database.sql<
      { id: number; kind: string; contact_phone_enc: string; address_enc: string; prefecture_code: string }[]
    >`
      select id, kind, contact_phone_enc, address_enc, prefecture_code from trace.citizen_report where barcode = ${barcode}`;
    expect(row).toMatchObject({ kind: "leaking", prefecture_code: "530100" });
    expect(row!.contact_phone_enc).not.toContain("13900001111"); // sealed at rest
    expect(row!.address_enc).not.toContain(from);

    const km = await t.login(t.world.accounts.kmRegulator);
    const raised = (await alarms(km, ["CITIZEN_REPORT"])).filter((a) => a.barcode === barcode);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.message).toContain("漏气、有气味");
    expect(raised[0]!.message).toContain("阀门处有气味");
    const listed = await t.gql<{
      citizenReports: { nodes: { id: number; kindLabel: string; contactPhone: string; description: string }[] };
    }>(`{ citizenReports { nodes { id kindLabel contactPhone description } } }`, {}, km);
    expect(listed.data?.citizenReports.nodes).toContainEqual({
      id: row!.id,
      kindLabel: "漏气、有气味",
      contactPhone: "13900001111",
      description: "阀门处有气味",
    });

    const qj = await t.login(t.world.accounts.qjRegulator);
    expect((await alarms(qj, ["CITIZEN_REPORT"])).some((a) => a.barcode === barcode)).toBe(false);
    const owner = await t.login(t.world.accounts.kmFilling);
    expect((await alarms(owner, ["CITIZEN_REPORT"])).some((a) => a.barcode === barcode)).toBe(false);
    expect((await t.gql(`{ citizenReports { nodes { id } } }`, {}, owner)).errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    expect((await t.gql(`{ citizenReports { nodes { id } } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("is evidence: the database refuses to change or delete it", async () => {
    await expect(t.database.sql`delete from trace.citizen_report`).rejects.toThrow(/防篡改/);
    await expect(t.database.sql`update trace.citizen_report set description = 'x'`).rejects.toThrow(/防篡改/);
  });

  it("says what is wrong with a form and keeps what was typed", async () => {
    const r = await postForm(
      `/c/${t.world.barcodes.qjNormal}/report`,
      { kind: "other", description: "说明文字", contactPhone: "12345" },
      newAddress(),
    );
    expect(r.status).toBe(400);
    expect(text(r.text)).toContain("请填写手机号或带区号的固定电话");
    expect(r.text).toContain("说明文字");
    expect((await postForm(`/c/${t.world.barcodes.qjNormal}/report`, {}, newAddress())).status).toBe(400);
  });

  it("is limited per address, counted from the stored reports across gateway processes", async () => {
    const from = newAddress();
    const codes = [t.world.barcodes.qjNormal, t.world.barcodes.kmScrapped];
    for (let i = 0; i < 5; i++) {
      // alternate the two processes: each counts what the other stored
      const base = i % 2 === 0 ? t.platform.url : second.url;
      const r = await postForm(`/c/${codes[i % 2]}/report`, { kind: "other" }, from, base);
      expect(r.status, `report ${i + 1}`).toBe(303);
    }
    const refused = await postForm(`/c/${codes[0]}/report`, { kind: "other" }, from, second.url);
    expect(refused.status).toBe(429);
    expect(text(refused.text)).toContain("提交太频繁");
    // another visitor is not affected
    expect((await postForm(`/c/${codes[0]}/report`, { kind: "other" }, newAddress())).status).toBe(303);
  });

  it("is limited per cylinder: the regulator already knows", async () => {
    const barcode = t.world.barcodes.kmLocked;
    for (let i = 0; i < 10; i++) {
      expect((await postForm(`/c/${barcode}/report`, { kind: "damaged" }, newAddress())).status).toBe(303);
    }
    const refused = await postForm(`/c/${barcode}/report`, { kind: "damaged" }, newAddress());
    expect(refused.status).toBe(429);
    expect(text(refused.text)).toContain("已有多人反映");
    const [n] = await t.database.sql<{ n: number }[]>`
      select count(*)::int as n from trace.citizen_report where barcode = ${barcode}`;
    expect(n!.n).toBe(10);
  });

  it("cannot be sent to a subgraph directly, without an address the gateway vouches for", async () => {
    const trace = t.platform.subgraphs.find((s) => s.name === "trace")!;
    const res = await fetch(trace.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { reportCylinderProblem(input: { barcode: "${t.world.barcodes.car}", kind: OTHER }) { reportId } }`,
      }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe("labels", () => {
  it("PNG: the QR decodes back to the scan page's URL", async () => {
    const barcode = t.world.barcodes.car;
    const res = await fetch(`${t.platform.url}/c/${barcode}/label.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(decodeQr(Buffer.from(await res.arrayBuffer()))).toBe(`${t.platform.url}/c/${barcode}`);
  });

  it("SVG: QR, Code 128 and the code in words", async () => {
    const r = await get(`/c/${t.world.barcodes.kmNormal}/label.svg`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("image/svg+xml");
    expect(r.text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(r.text).toContain(`>${t.world.barcodes.kmNormal}</text>`);
    expect(r.text.match(/<svg /g)).toHaveLength(3); // the label, its QR and its Code 128
  });

  it("are not printed for codes nobody registered", async () => {
    expect((await get("/c/YN-FAKE-0002/label.png")).status).toBe(404);
    expect((await get("/c/YN-FAKE-0002/label.svg")).status).toBe(404);
  });
});

describe("the label desk", () => {
  let registrationId: number;
  beforeAll(async () => {
    const [r] = await t.database.db
      .insert(registration)
      .values({
        unitId: t.world.units.kmFilling,
        thirdId: 9001,
        applyKind: "new",
        style: "YSP35.5",
        medium: "液化石油气",
        productDate: t.world.dates.productDate,
        discardDate: t.world.dates.discardDate,
        nextDate: t.world.dates.nextDate,
        status: "approved",
        reviewerUnitId: t.world.units.kmAuthority,
        reviewedAt: t.clock.now(),
      })
      .returning({ id: registration.id });
    registrationId = r!.id;
    await t.database.db.insert(registrationItem).values([
      { registrationId, barcode: t.world.barcodes.kmNormal, printno: "P1" },
      { registrationId, barcode: t.world.barcodes.kmOverdue, printno: "P2" },
    ]);
  });

  async function signIn(username: string): Promise<string> {
    const r = await postForm("/labels/login", { username, password: "Test@2026" }, newAddress());
    expect(r.status).toBe(303);
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    return cookie.split(";")[0]!;
  }

  it("asks to sign in first, and says when the password is wrong", async () => {
    expect((await get(`/labels/registration/${registrationId}`)).headers.get("location")).toBe("/labels");
    const login = await get("/labels");
    expect(text(login.text)).toContain("登录");
    const wrong = await postForm("/labels/login", { username: "km-filling", password: "nope" }, newAddress());
    expect(wrong.status).toBe(401);
    expect(text(wrong.text)).toContain("账号或密码错误");
  });

  it("prints every cylinder of an approved registration, one label each, for its unit", async () => {
    const cookie = await signIn(t.world.accounts.kmFilling);
    const desk = await get("/labels", { headers: { cookie } });
    expect(desk.text).toContain(`/labels/registration/${registrationId}`);
    const sheet = await get(`/labels/registration/${registrationId}`, { headers: { cookie } });
    expect(sheet.status).toBe(200);
    expect(sheet.text.match(/class="label"/g)).toHaveLength(2);
    expect(sheet.text).toContain(`>${t.world.barcodes.kmOverdue}</text>`);
    // another unit may not
    const other = await signIn(t.world.accounts.qjFilling);
    expect((await get(`/labels/registration/${registrationId}`, { headers: { cookie: other } })).status).toBe(403);
  });

  it("prints a car code range three labels per code (annex 2), for its station only", async () => {
    const km = await t.login(t.world.accounts.kmRegulator);
    const r = await t.gql<{ allocateCarCodeRange: { id: number; firstCode: string; lastCode: string } }>(
      `mutation($u: Int!) { allocateCarCodeRange(unitId: $u, count: 4) { id firstCode lastCode } }`,
      { u: t.world.units.carStation },
      km,
    );
    const range = r.data!.allocateCarCodeRange;
    const cookie = await signIn(t.world.accounts.carStation);
    const sheet = await get(`/labels/car-range/${range.id}`, { headers: { cookie } });
    expect(sheet.status).toBe(200);
    expect(sheet.text.match(/class="label"/g)).toHaveLength(12);
    expect(sheet.text.match(new RegExp(`>${range.firstCode}</text>`, "g"))).toHaveLength(3);
    expect(text(sheet.text)).toContain("一式三张");
    const other = await signIn(t.world.accounts.kmFilling);
    expect((await get(`/labels/car-range/${range.id}`, { headers: { cookie: other } })).status).toBe(404);
    // a ticket works as well as the desk's cookie (scripts print too)
    const ticket = await t.login(t.world.accounts.carStation);
    const byTicket = await get(`/labels/car-range/${range.id}`, { headers: { authorization: `Bearer ${ticket}` } });
    expect(byTicket.status).toBe(200);
  });
});

describe("the home page and the GraphQL IDE", () => {
  it("home: what the platform is and where to go", async () => {
    const home = await get("/");
    expect(home.status).toBe(200);
    for (const link of ["/PS/docs", "/graphql", "/labels", "/healthz"]) expect(home.text).toContain(`href="${link}"`);
    expect(text(home.text)).toContain("查询气瓶");
    expect(text(home.text)).toContain("州市监管部门");
  });

  it("GET /graphql from a browser is the IDE, self-contained and compressed; clients still get GraphQL", async () => {
    const ide = await fetch(`${t.platform.url}/graphql`, {
      headers: { accept: "text/html", "accept-encoding": "gzip" },
    });
    expect(ide.status).toBe(200);
    expect(ide.headers.get("content-type")).toContain("text/html");
    expect(ide.headers.get("content-encoding")).toBe("gzip");
    const html = await ide.text();
    expect(html).toContain("云南省气瓶追溯平台 GraphQL 调试台");
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).not.toMatch(/<link[^>]+href="https?:/);
    const q = await fetch(`${t.platform.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(await q.json()).toEqual({ data: { __typename: "Query" } });
    const schema = await t.gql<{ __schema: { queryType: { name: string } } }>(`{ __schema { queryType { name } } }`);
    expect(schema.data?.__schema.queryType.name).toBe("Query");
  });
});

describe("configuration", () => {
  it("turns introspection off, and labels carry PUBLIC_BASE_URL", async () => {
    const other = await startTestPlatform({
      GRAPHQL_INTROSPECTION: "false",
      PUBLIC_BASE_URL: "https://qp.scjg.yn.gov.cn/trace/",
    });
    try {
      const schema = await other.gql(`{ __schema { queryType { name } } }`);
      expect(schema.errors?.[0]?.message).toMatch(/introspection/i);
      const res = await fetch(`${other.platform.url}/c/${other.world.barcodes.kmNormal}/label.png`);
      expect(decodeQr(Buffer.from(await res.arrayBuffer()))).toBe(
        `https://qp.scjg.yn.gov.cn/trace/c/${other.world.barcodes.kmNormal}`,
      );
    } finally {
      await other.stop();
    }
  });
});
