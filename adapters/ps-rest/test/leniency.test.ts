/**
 * The leniency rules of /PS/* (decode.ts, fields.ts), through the adapter alone: every way
 * annex 1 shows a legacy station sending `data` and its ticket becomes the same GraphQL
 * variables. The whole platform's contract tests (test/ps-rest) replay the same rules
 * against a database; these run in milliseconds.
 */
import { sm4EncryptHex } from "@cylinder/db";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeGateway, psApp, SM4_KEY, SM4_PREVIOUS_KEY, TICKET } from "./fake-gateway";

const uploaded = {
  data: {
    recordFills: {
      accepted: 1,
      duplicates: 0,
      items: [{ thirdId: "20490", barcode: "1103007831", status: "ACCEPTED", id: 7, alarms: [] }],
    },
  },
};

let gateway: FakeGateway;
let app: FastifyInstance;
beforeAll(async () => {
  gateway = new FakeGateway({
    recordFills: uploaded,
    recordBeforeFillChecks: { data: { recordBeforeFillChecks: uploaded.data.recordFills } },
  });
  app = await psApp(gateway);
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  gateway.operations.length = 0;
});

/** One fill as the annex's §5 example writes it: unquoted keys, padded strings. */
const FILL_LITERAL = `{
  Items:[ { Barcode:" 1103007831" , IdleWeight:16.33, GrossWeight:29.76, NetWeight:13.43,
    BeginDate:" 20200420195401" , EndDate: "20200420195521" , Machine:1, ThridId:20490 } ],
  Factory:{ Name:" 测试厂家" },
  Man:{ Name:" 张三" },
}`;

/** The variables every form of FILL_LITERAL must become. */
const FILL_VARIABLES = {
  input: {
    scaleFactory: "测试厂家",
    fillerName: "张三",
    items: [
      {
        barcode: "1103007831",
        idleWeight: 16.33,
        grossWeight: 29.76,
        netWeight: 13.43,
        beginAt: "2020-04-20T11:54:01.000Z",
        endAt: "2020-04-20T11:55:21.000Z",
        machine: 1,
        thirdId: "20490",
      },
    ],
  },
};

const FILL = "/PS/GenericTrace/Fill";

async function fill(init: { url?: string; payload?: string | Buffer; headers?: Record<string, string> }) {
  const res = await app.inject({ method: "POST", url: init.url ?? `${FILL}?ticket=${TICKET}`, ...init });
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, variables: gateway.lastVariables };
}

describe("data: where it comes from and how it is written", () => {
  it("a JavaScript object literal (JSON5) with padded strings, as the body", async () => {
    const r = await fill({ payload: FILL_LITERAL, headers: { "content-type": "application/json" } });
    expect(r.body).toMatchObject({ State: 0, Value: { Accepted: 1 } });
    expect(r.variables).toEqual(FILL_VARIABLES);
  });

  it("strict JSON, numbers as strings and codes as numbers", async () => {
    const r = await fill({
      payload: JSON.stringify({
        Items: [
          {
            Barcode: 1103007831,
            IdleWeight: "16.33",
            GrossWeight: " 29.76 ",
            NetWeight: 13.43,
            BeginDate: 20200420195401,
            EndDate: "20200420195521",
            Machine: "1",
            ThridId: " 20490 ",
          },
        ],
        Factory: { Name: "测试厂家" },
        Man: { Name: "张三" },
      }),
      headers: { "content-type": "text/plain" },
    });
    expect(r.variables).toEqual(FILL_VARIABLES);
  });

  it("the `data` parameter in the query string, with `token` for the ticket", async () => {
    const query = new URLSearchParams({ token: TICKET, data: FILL_LITERAL }).toString();
    const r = await fill({ url: `${FILL}?${query}` });
    expect(r.status).toBe(200);
    expect(r.variables).toEqual(FILL_VARIABLES);
  });

  it("a form field `data`, the ticket a form field too", async () => {
    const r = await fill({
      url: FILL,
      payload: new URLSearchParams({ ticket: TICKET, data: FILL_LITERAL }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(r.variables).toEqual(FILL_VARIABLES);
  });

  it("a 'form' body that is really JSON counts as JSON", async () => {
    const r = await fill({ payload: FILL_LITERAL, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(r.variables).toEqual(FILL_VARIABLES);
  });

  it("parameter names case-free and trimmed, as the annex's own URLs (`ApplyNew? token=`)", async () => {
    const r = await fill({ url: `${FILL}?%20TOKEN=${TICKET}`, payload: FILL_LITERAL });
    expect(r.variables).toEqual(FILL_VARIABLES);
  });

  it("a GBK body, declared by its charset; a UTF-8 byte-order mark is dropped", async () => {
    // 测试厂家 and 张三 in GBK
    const [head, middle, tail] = FILL_LITERAL.replace(" 测试厂家", "\u0000").replace(" 张三", "\u0000").split("\u0000");
    const gbk = Buffer.concat([
      Buffer.from(head!),
      Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xb3, 0xa7, 0xbc, 0xd2]),
      Buffer.from(middle!),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
      Buffer.from(tail!),
    ]);
    let r = await fill({ payload: gbk, headers: { "content-type": "application/json; charset=GBK" } });
    expect(r.variables).toEqual(FILL_VARIABLES);
    r = await fill({ payload: `\uFEFF${FILL_LITERAL}`, headers: { "content-type": "application/json" } });
    expect(r.variables).toEqual(FILL_VARIABLES);
  });

  it("null counts as omitted; optional text left blank is omitted", async () => {
    const r = await app.inject({
      method: "POST",
      url: `/PS/GenericTrace/BeforeFill?ticket=${TICKET}`,
      payload:
        '{ Items: [{ Barcode: "B1", State: "0", Remark: "  ", Date: null, ThridId: "1" }], Man: { Name: "张三" } }',
    });
    expect(r.statusCode).toBe(200);
    expect(gateway.lastVariables).toEqual({
      input: {
        inspectorName: "张三",
        items: [{ barcode: "B1", state: 0, remark: null, checkedAt: null, thirdId: "1" }],
      },
    });
  });
});

describe("the ticket", () => {
  it("ticket, token, a bearer token or x-ticket, passed on to the gateway", async () => {
    const ways: { url: string; headers?: Record<string, string> }[] = [
      { url: `${FILL}?ticket=${TICKET}` },
      { url: `${FILL}?token=${TICKET}` },
      { url: FILL, headers: { authorization: `Bearer ${TICKET}` } },
      { url: FILL, headers: { "x-ticket": TICKET } },
    ];
    for (const init of ways) {
      const r = await fill({ ...init, payload: FILL_LITERAL });
      expect(r.status).toBe(200);
      expect(gateway.operations.at(-1)?.credential).toBe(TICKET);
    }
  });

  it("is checked before data is read: none or a bad one is UNAUTHENTICATED, nothing run", async () => {
    for (const url of [FILL, `${FILL}?ticket=T1.forged`]) {
      const r = await fill({ url, payload: "{ not even data" });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ State: 1, Value: "未提供令牌或令牌无效，请先登录", Code: "UNAUTHENTICATED" });
    }
    expect(gateway.operations).toEqual([]);
  });
});

describe("SM4-encrypted data", () => {
  const cipher = (key: string) => sm4EncryptHex(FILL_LITERAL, key);

  it("with the account's key, hex in either case, as `data` or as the body", async () => {
    let r = await fill({ url: `${FILL}?${new URLSearchParams({ ticket: TICKET, data: cipher(SM4_KEY) })}` });
    expect(r.variables).toEqual(FILL_VARIABLES);
    r = await fill({ payload: cipher(SM4_KEY).toUpperCase(), headers: { "content-type": "text/plain" } });
    expect(r.variables).toEqual(FILL_VARIABLES);
    expect(gateway.operations.map((o) => o.credential)).toEqual([TICKET, TICKET, TICKET, TICKET]);
  });

  it("with the previous key during a rotation's overlap", async () => {
    const r = await fill({ payload: cipher(SM4_PREVIOUS_KEY) });
    expect(r.variables).toEqual(FILL_VARIABLES);
  });

  it("with another key: DECRYPT_FAILED, nothing uploaded", async () => {
    const r = await fill({ payload: cipher("0123456789abcdef0123456789abcdef") });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ State: 1, Value: "数据解密失败，请检查 SM4 密钥与加密方式", Code: "DECRYPT_FAILED" });
    expect(gateway.operations.map((o) => o.variables)).toEqual([{}]);
  });
});
