/**
 * Every row of the route table through the adapter alone: the variables a request becomes,
 * the answer the gateway's result becomes, and a subgraph's refusal renamed to the annex's
 * property. The whole platform's contract tests (test/ps-rest) check the same routes against
 * the subgraphs; these pin the mapping itself, in milliseconds.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ROUTES } from "../src/routes/index";
import { FakeGateway, platformError, psApp, TICKET } from "./fake-gateway";

const HEAD = {
  treeSize: 12,
  rootHash: "ab".repeat(32),
  timestampMs: 1767225600000,
  issuedAt: "2026-01-01T00:00:00.000Z",
  keyId: "0123456789abcdef",
  signature: "cd".repeat(64),
};
const UPLOAD = {
  accepted: 1,
  duplicates: 1,
  items: [
    { thirdId: "20489", barcode: "1103007831", status: "ACCEPTED", id: 11, alarms: ["CHECK_FAILED"] },
    { thirdId: "12345678901234567890", barcode: "1103007832", status: "DUPLICATE", id: 9, alarms: [] },
  ],
};
const SPOT_CHECK = {
  id: 5,
  style: "YSP35.5",
  checkCount: 2,
  checkDate: "2026-03-01T02:00:00.000Z",
  checkComment: null,
  applyDate: "2026-02-28T02:00:00.000Z",
};
const PAGE = (nodes: Record<string, unknown>[], hasNextPage = false) => ({
  horizon: "2026-03-01T02:00:00.500Z",
  pageInfo: { endCursor: hasNextPage ? "c2" : null, hasNextPage },
  nodes,
});
const CYLINDER = {
  id: 1,
  barcode: "1103007831",
  printno: "P1",
  innerNo: null,
  style: "YSP35.5",
  valve: 1,
  productDate: "2020-01-02",
  discardDate: "2040-01-02",
  checkDate: null,
  nextDate: "2024-01-02",
  state: 1,
  idleWeight: 16.3,
  fillWeight: 14.5,
  medium: "液化石油气",
  nominalPressure: 2.1,
  volume: 35.5,
  thickness: 3,
  waterPressure: 3.2,
  checkPeriod: 4,
  lifePeriod: 15,
  factory: "厂",
  designer: null,
  supervise: "监检",
  checkUnit: null,
  registerDate: "2020-02-01T16:30:00.000Z",
  prefectureCode: "530100",
  ownerUnitId: 3,
  car: {
    registerNo: "R1",
    cylinderType: "缠绕",
    carNo: "云A12345",
    carType: 1,
    carVin: "VIN",
    certificateDate: "2020-02-02",
    useDate: null,
    deviceCode: "D",
    productNo: "PN",
    company: "公司",
    identityNo: "5301****",
    install: "装",
    office: "局",
  },
};
const CHECK = {
  id: 4,
  barcode: "B1",
  state: 1,
  remark: "变形",
  checkedAt: "2026-03-01T01:00:00.000Z",
  checkedAtSource: "RECEIVED",
  thirdId: "20489",
  inspectorName: "张三",
  receivedAt: "2026-03-01T01:00:05.000Z",
  unitId: 3,
};

function answers(): FakeGateway {
  return new FakeGateway({
    login: { data: { login: { ticket: "T1.new", expiresAt: "2026-03-01T10:00:00.000Z" } } },
    logout: { data: { logout: true } },
    requestFillPermit: {
      data: {
        requestFillPermit: {
          barcode: "1103007832",
          permitted: false,
          message: "不允许充装：超期未检",
          reasons: [{ code: "INSPECTION_OVERDUE", message: "超期未检" }],
          decidedAt: "2026-03-01T02:03:04.000Z",
          decisionId: 88,
          effectiveNextDate: "2025-12-31",
        },
      },
    },
    recordBeforeFillChecks: { data: { recordBeforeFillChecks: UPLOAD } },
    recordFills: { data: { recordFills: UPLOAD } },
    recordAfterFillChecks: { data: { recordAfterFillChecks: UPLOAD } },
    reportMonthlyCount: {
      data: { reportMonthlyCount: { id: 3, platformCount: 1000, difference: 24, reportedCount: 1024 } },
    },
    uploadImage: { data: { uploadImage: { path: "/images/ab.jpg", byteSize: 4, sm3: "ef".repeat(32) } } },
    applyRegistration: { data: { applyRegistration: { id: 10245 } } },
    spotChecks: { data: { spotChecks: { nodes: [SPOT_CHECK] } } },
    spotCheck: (v: Record<string, unknown>) => ({
      data: {
        spotCheck:
          v.id === 5
            ? { ...SPOT_CHECK, items: [{ id: 51, barcode: "B1", printno: null, image: "/images/x.png" }] }
            : null,
      },
    }),
    respondSpotCheck: { data: { respondSpotCheck: { id: 5, status: "ANSWERED" } } },
    beginInspectionOrder: { data: { beginInspectionOrder: { id: 15 } } },
    addToInspectionOrder: { data: { addToInspectionOrder: { id: 15, itemCount: 2 } } },
    removeFromInspectionOrder: { data: { removeFromInspectionOrder: { id: 15, itemCount: 1 } } },
    submitInspectionOrder: { data: { submitInspectionOrder: { id: 15, status: "SUBMITTED" } } },
    cylinderChanges: (v: Record<string, unknown>) => ({
      data: { cylinderChanges: v.after ? PAGE([{ ...CYLINDER, id: 2 }]) : PAGE([CYLINDER], true) },
    }),
    beforeFillCheckChanges: { data: { beforeFillCheckChanges: PAGE([CHECK]) } },
    afterFillCheckChanges: { data: { afterFillCheckChanges: PAGE([{ ...CHECK, checkedAtSource: "REPORTED" }]) } },
    fillRecordChanges: {
      data: {
        fillRecordChanges: PAGE([
          {
            id: 6,
            barcode: "B1",
            idleWeight: 16.33,
            grossWeight: 29.76,
            netWeight: 13.43,
            beginAt: "2026-03-01T01:00:00.000Z",
            endAt: "2026-03-01T01:01:00.000Z",
            machine: 2,
            thirdId: "20490",
            fillerName: "张三",
            scaleFactory: null,
            receivedAt: "2026-03-01T01:02:00.000Z",
            unitId: 3,
          },
        ]),
      },
    },
    inspectionResultChanges: {
      data: {
        inspectionResultChanges: PAGE([
          {
            id: 7,
            orderId: 15,
            barcode: "B1",
            thirdId: "31",
            conclusion: 0,
            reportDate: "2026-02-27",
            reportNo: "R-7",
            valveReplaced: false,
            valveMaker: null,
            nextDate: "2030-02-27",
            remark: null,
            receivedAt: "2026-03-01T01:02:00.000Z",
            stationUnitId: 8,
          },
        ]),
      },
    },
    unit: (_v: unknown, query: string) => ({
      data: Object.fromEntries(
        [...query.matchAll(/u(\d+): unit/g)].map(([, id]) => [
          `u${id}`,
          id === "3" ? { name: "昆明燃气", creditCode: "91530100MA0000000X" } : { name: "检验站", creditCode: null },
        ]),
      ),
    }),
    ledgerTreeHeads: { data: { ledgerTreeHeads: [HEAD] } },
    ledgerTreeHead: { data: { ledgerTreeHead: HEAD } },
    ledgerPublicKeys: {
      data: {
        ledgerPublicKeys: [
          {
            keyId: HEAD.keyId,
            algorithm: "SM2",
            publicKey: `04${"1".repeat(128)}`,
            digest: "SM3",
            userId: "1234567812345678",
            current: true,
            signedMessage: "cylinder-ledger/sth/v1",
          },
        ],
      },
    },
    ledgerRecordProof: {
      data: {
        ledgerRecordProof: {
          table: "FILL_RECORD",
          id: 6,
          version: 1,
          canonical: '{"id":6}',
          leafHash: "aa".repeat(32),
          head: HEAD,
          proof: { leafIndex: 3, treeSize: 12, path: ["bb".repeat(32)] },
        },
      },
    },
    ledgerConsistencyProof: {
      data: { ledgerConsistencyProof: { fromSize: 4, toSize: 12, path: ["cc"], fromHead: null, toHead: HEAD } },
    },
  });
}

interface Case {
  method?: "GET" | "POST";
  /** Path and query string; the ticket is added. */
  url: string;
  body?: string;
}

/** One request per row of the route table (a second where a row reads its input two ways). */
const CASES: Case[] = [
  { url: "/PS/Account/Login", body: "{ Username: ' km-filling ', Password: ' Test@2026 ' }" },
  { url: "/PS/Account/Logout" },
  { method: "GET", url: "/PS/GenericTrace/FillPermit?barcode=%201103007832" },
  { url: "/PS/GenericTrace/FillPermit", body: "{ Barcode: 1103007832 }" },
  {
    url: "/PS/GenericTrace/BeforeFill",
    body: `{ Items: [{ Barcode: " 1103007831", State: 1, Remark: " 瓶体变形", Date: "20200420195401", ThridId: 20489 },
      { Barcode: "1103007832", State: "0", ThridId: "1234567890123456789" }], Man: { Name: "张三" } }`,
  },
  {
    url: "/PS/GenericTrace/Fill",
    body: `{ Items: [{ Barcode: "B1", IdleWeight: "16.33", GrossWeight: 29.76, NetWeight: 13.43,
      BeginDate: "20200420195401", EndDate: "20200420195521", Machine: 2, ThridId: 20490 }],
      Factory: { Name: "测试厂家" }, Man: { Name: "张三" } }`,
  },
  {
    url: "/PS/GenericTrace/AfterFill",
    body: `{ Items: [{ Barcode: "B1", State: 0, Date: " 20200420195401", ThridId: 20479 }], Man: { Name: " 张三" } }`,
  },
  { url: "/PS/GenericStatistics/BusinessCount", body: "{ Year: 2021, Month: '3', Count: 1024, Type: 1 }" },
  { url: "/PS/Image/Upload", body: "{ Data: 'iVBORw0KGgo=' }" },
  { url: "/PS/Image/Upload", body: "{ Data: '/9j/4A==', ContentType: 'image/jpeg' }" },
  {
    url: "/PS/BottleRegister/ApplyNew",
    body: `{ ThirdId: 1, Overview: { Style: "YSP35.5", Medium: "液化石油气", Factory: 3, CreateDate: "20250101",
      DiscardDate: "20450101", NextDate: "20290101", IdleWeight: 16.3, Valve: 1, PayImage: "/a.jpg",
      BatchImage: "/b.jpg", DeviceImage: "/c.jpg" }, Items: [{ Barcode: "RN0001", Printno: "P1" }] }`,
  },
  {
    url: "/PS/BottleRegister/ApplyOld",
    body: `{ ThirdId: "2", Overview: { Style: "YSP35.5", Medium: "液化石油气", Factory: 3, CreateDate: "20150101",
      DiscardDate: "20350101", CheckDate: "20230101", NextDate: "20270101", IdleWeight: 16.3, Remark: "旧", Valve: "2",
      PayImage: "/a.jpg", BatchImage: "/b.jpg", DeviceImage: "/c.jpg" },
      Items: [{ Barcode: "RO0001", Printno: "P2", InnerNo: 17 }] }`,
  },
  { method: "GET", url: "/PS/BottleCheck/UnresponseList" },
  { method: "GET", url: "/PS/BottleCheck/GetDetail?id=5" },
  { url: "/PS/BottleCheck/GetDetail", body: "{ Id: 6 }" },
  { url: "/PS/BottleCheck/Response", body: "{ Id: 5, Items: [{ Id: 51, Image: ' /images/x.png' }] }" },
  { url: "/PS/CheckApply/BeginApply", body: '{ ThirdId: 7001, Station: { Id: 4, Name: "昆明市气瓶检验站" } }' },
  { url: "/PS/CheckApply/BeginApply", body: "{ ThirdId: 7002, Station: { Id: '4' } }" },
  { url: "/PS/CheckApply/AddBottle", body: "{ Id: 15, Items: [{ Barcode: 'B1', SeqNo: 1 }, { Barcode: 'B2' }] }" },
  { url: "/PS/CheckApply/AddBottle", body: "{ Id: 15, ThirdId: 7001, Items: [{ Barcode: 'B1' }] }" },
  { url: "/PS/CheckApply/RemoveBottle", body: "{ Id: 15, ThirdId: null, Items: [{ Barcode: ' B2' }] }" },
  { url: "/PS/CheckApply/EndApply", body: "{ Id: 15, ThirdId: '7001' }" },
  { method: "GET", url: "/PS/GenericBottle/List?lasttime=20260301100000" },
  { method: "GET", url: "/PS/GenericBottle/List?pagesize=1" },
  { method: "GET", url: "/PS/CarBottle/List?pagesize=5&cursor=c1" },
  { method: "GET", url: "/PS/GenericTrace/BeforeFillList?lasttime=20260301100000" },
  { method: "GET", url: "/PS/GenericTrace/FillList" },
  { method: "GET", url: "/PS/GenericTrace/AfterFillList" },
  { method: "GET", url: "/PS/CheckResult/List" },
  { method: "GET", url: "/PS/Ledger/TreeHead" },
  { method: "GET", url: "/PS/Ledger/TreeHead?size=12" },
  { method: "GET", url: "/PS/Ledger/TreeHeads?from=2&first=10" },
  { method: "GET", url: "/PS/Ledger/PublicKeys" },
  { method: "GET", url: "/PS/Ledger/RecordProof?kind=fill_record&id=6&version=1&size=12" },
  { method: "GET", url: "/PS/Ledger/ConsistencyProof?from=4" },
];

let gateway: FakeGateway;
let app: FastifyInstance;
beforeAll(async () => {
  gateway = answers();
  app = await psApp(gateway);
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  gateway.operations.length = 0;
});

const withTicket = (url: string) => `${url}${url.includes("?") ? "&" : "?"}ticket=${TICKET}`;

async function run(c: Case) {
  const res = await app.inject({ method: c.method ?? "POST", url: withTicket(c.url), payload: c.body });
  const headers = ["x-ps-cursor", "x-ps-horizon"]
    .filter((h) => res.headers[h] !== undefined)
    .map((h) => `${h}: ${res.headers[h]}`);
  return {
    request: `${c.method ?? "POST"} ${c.url}`,
    variables: gateway.operations.map((o) => o.variables),
    status: res.statusCode,
    headers,
    body: res.body,
  };
}

it("covers every row of the route table", () => {
  const paths = new Set(CASES.map((c) => c.url.split("?")[0]));
  expect(ROUTES.map((r) => r.path).filter((p) => !paths.has(p))).toEqual([]);
});

describe("each route: request → variables, result → answer", () => {
  for (const c of CASES) {
    it(`${c.method ?? "POST"} ${c.url}`, async () => {
      expect(await run(c)).toMatchSnapshot();
    });
  }
});

describe("a subgraph's refusal in the annex's words", () => {
  const refusals: [Case, string, Record<string, unknown>][] = [
    [CASES[5]!, "recordFills", { field: "items[0].endAt", reason: "结束时间早于开始时间" }],
    [CASES[5]!, "recordFills", { field: "items[0].thirdId", reason: "与第 0 条重复（1）" }],
    [CASES[4]!, "recordBeforeFillChecks", { field: "items[1].checkedAt", reason: "时间早于 2000 年" }],
    [CASES[10]!, "applyRegistration", { field: "overview.productDate", reason: "x" }],
    [CASES[10]!, "applyRegistration", { field: "items[0].printno", reason: "x" }],
    [CASES[7]!, "reportMonthlyCount", { field: "month", reason: "月份 13 无效" }],
    [CASES[8]!, "uploadImage", { field: "dataBase64", reason: "不是有效的 Base64 编码" }],
    [CASES[15]!, "respondSpotCheck", { field: "items[0].image", reason: "x" }],
    [CASES[16]!, "beginInspectionOrder", { field: "stationUnitId", reason: "不是检验机构" }],
    [CASES[18]!, "addToInspectionOrder", { field: "barcodes[1]", reason: "x" }],
    [CASES[21]!, "submitInspectionOrder", { field: "thirdId", reason: "须为该工单的 ThirdId" }],
    [CASES[2]!, "requestFillPermit", { field: "barcode", reason: "长度超过 40 个字符" }],
    [CASES[30]!, "ledgerTreeHead", { field: "treeSize", reason: "-1" }],
    [CASES[33]!, "ledgerRecordProof", { field: "table", reason: "x" }],
    [CASES[34]!, "ledgerConsistencyProof", { field: "toSize", reason: "x" }],
  ];
  it("renames the subgraph's field path to the annex's", async () => {
    const lines: string[] = [];
    for (const [c, field, details] of refusals) {
      const fake = answers().answer(field, platformError("INVALID_FIELD", details));
      const a = await psApp(fake);
      const res = await a.inject({ method: c.method ?? "POST", url: withTicket(c.url), payload: c.body });
      lines.push(`${c.url.split("?")[0]} ${res.statusCode} ${res.body}`);
      await a.close();
    }
    expect(lines.join("\n")).toMatchInlineSnapshot(`
      "/PS/GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[0].EndDate 的值无效：结束时间早于开始时间","Code":"INVALID_FIELD"}
      /PS/GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[0].ThridId 的值无效：与第 0 条重复（1）","Code":"INVALID_FIELD"}
      /PS/GenericTrace/BeforeFill 400 {"State":1,"Value":"字段 Items[1].Date 的值无效：时间早于 2000 年","Code":"INVALID_FIELD"}
      /PS/BottleRegister/ApplyNew 400 {"State":1,"Value":"字段 Overview.CreateDate 的值无效：x","Code":"INVALID_FIELD"}
      /PS/BottleRegister/ApplyNew 400 {"State":1,"Value":"字段 Items[0].Printno 的值无效：x","Code":"INVALID_FIELD"}
      /PS/GenericStatistics/BusinessCount 400 {"State":1,"Value":"字段 Month 的值无效：月份 13 无效","Code":"INVALID_FIELD"}
      /PS/Image/Upload 400 {"State":1,"Value":"字段 Data 的值无效：不是有效的 Base64 编码","Code":"INVALID_FIELD"}
      /PS/BottleCheck/Response 400 {"State":1,"Value":"字段 Items[0].Image 的值无效：x","Code":"INVALID_FIELD"}
      /PS/CheckApply/BeginApply 400 {"State":1,"Value":"字段 Station.Id 的值无效：不是检验机构","Code":"INVALID_FIELD"}
      /PS/CheckApply/AddBottle 400 {"State":1,"Value":"字段 Items[1] 的值无效：x","Code":"INVALID_FIELD"}
      /PS/CheckApply/EndApply 400 {"State":1,"Value":"字段 ThirdId 的值无效：须为该工单的 ThirdId","Code":"INVALID_FIELD"}
      /PS/GenericTrace/FillPermit 400 {"State":1,"Value":"字段 Barcode 的值无效：长度超过 40 个字符","Code":"INVALID_FIELD"}
      /PS/Ledger/TreeHead 400 {"State":1,"Value":"字段 size 的值无效：-1","Code":"INVALID_FIELD"}
      /PS/Ledger/RecordProof 400 {"State":1,"Value":"字段 kind 的值无效：x","Code":"INVALID_FIELD"}
      /PS/Ledger/ConsistencyProof 400 {"State":1,"Value":"字段 to 的值无效：x","Code":"INVALID_FIELD"}"
    `);
  });

  it("other failures: the catalogue's code, GraphQL's own refusal, an unknown error, an empty result", async () => {
    const lines: string[] = [];
    for (const result of [
      platformError("NOT_OWN_CYLINDER", { barcode: "B1" }, "气瓶 B1 不属于本单位"),
      platformError("CONFLICT", {}, "操作冲突：已提交"),
      {
        errors: [
          {
            message: "Int cannot represent non 32-bit signed integer value: 1e10",
            extensions: { code: "BAD_USER_INPUT" },
          },
        ],
      },
      { errors: [{ message: "boom", extensions: { code: "WHATEVER", ref: "r1" } }] },
      { data: null },
    ]) {
      const a = await psApp(answers().answer("addToInspectionOrder", result));
      const res = await a.inject({ method: "POST", url: withTicket(CASES[18]!.url), payload: CASES[18]!.body });
      lines.push(`${res.statusCode} ${res.body}`);
      await a.close();
    }
    expect(lines.join("\n")).toMatchInlineSnapshot(`
      "403 {"State":1,"Value":"气瓶 B1 不属于本单位","Code":"NOT_OWN_CYLINDER"}
      409 {"State":1,"Value":"操作冲突：已提交","Code":"CONFLICT"}
      400 {"State":1,"Value":"字段 data 的值无效：Int cannot represent non 32-bit signed integer value: 1e10","Code":"INVALID_FIELD"}
      500 {"State":1,"Value":"boom","Code":"INTERNAL"}
      500 {"State":1,"Value":"平台内部错误，请稍后重试（编号 empty）","Code":"INTERNAL"}"
    `);
  });

  it("a spot check that is not there", async () => {
    const res = await app.inject({ method: "GET", url: withTicket("/PS/BottleCheck/GetDetail?id=9") });
    expect(`${res.statusCode} ${res.body}`).toMatchInlineSnapshot(
      `"404 {"State":1,"Value":"抽查 不存在：9","Code":"NOT_FOUND"}"`,
    );
  });
});
