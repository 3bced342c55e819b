/**
 * Refusals of malformed requests, byte for byte: `{State:1, Value:"中文原因", Code}` naming the
 * annex's path of the property (`Items[3].NetWeight`), and nothing run on the gateway. A
 * station's software may show or parse these texts, so they do not change.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FakeGateway, psApp, TICKET } from "./fake-gateway";

let gateway: FakeGateway;
let app: FastifyInstance;
beforeAll(async () => {
  gateway = new FakeGateway();
  app = await psApp(gateway);
});
afterAll(async () => {
  await app.close();
});

const fillItem = {
  Barcode: "1103007831",
  IdleWeight: 16.33,
  GrossWeight: 29.76,
  NetWeight: 13.43,
  BeginDate: "20200420195401",
  EndDate: "20200420195521",
  Machine: 1,
  ThridId: 20490,
};
const fillData = (item: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) =>
  JSON.stringify({
    Items: [fillItem, { ...fillItem, ThridId: 20491, ...item }],
    Factory: { Name: "厂" },
    Man: { Name: "张三" },
    ...rest,
  });

const registration = (overview: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) =>
  JSON.stringify({
    ThirdId: 1,
    Overview: {
      Style: "YSP35.5",
      Medium: "液化石油气",
      Factory: 3,
      CreateDate: "20250101",
      DiscardDate: "20450101",
      NextDate: "20290101",
      IdleWeight: 16.3,
      Valve: 1,
      PayImage: "/img/a.jpg",
      BatchImage: "/img/b.jpg",
      DeviceImage: "/img/c.jpg",
      ...overview,
    },
    Items: [{ Barcode: "RN0001", Printno: "P1" }],
    ...rest,
  });

/** [path with its query string (the ticket added), body] → the answer, one line each. */
const CASES: [string, string | undefined][] = [
  ["/PS/GenericTrace/Fill", '{ Items: [ { Barcode: "1103007831", '],
  ["/PS/GenericTrace/Fill", undefined],
  ["/PS/GenericTrace/Fill", "[1]"],
  ["/PS/GenericTrace/Fill", '"text"'],
  ["/PS/GenericTrace/Fill", "{ Factory: { Name: 'x' }, Man: { Name: 'y' } }"],
  ["/PS/GenericTrace/Fill", fillData({}, { Items: "none" })],
  ["/PS/GenericTrace/Fill", fillData({}, { Items: [] })],
  ["/PS/GenericTrace/Fill", fillData({}, { Items: [1] })],
  ["/PS/GenericTrace/Fill", fillData({}, { Items: [null] })],
  ["/PS/GenericTrace/Fill", fillData({}, { Items: Array.from({ length: 1001 }, () => 0) })],
  ["/PS/GenericTrace/Fill", fillData({ IdleWeight: "十三" })],
  ["/PS/GenericTrace/Fill", fillData({ IdleWeight: "" })],
  ["/PS/GenericTrace/Fill", fillData({ IdleWeight: true })],
  ["/PS/GenericTrace/Fill", fillData({ NetWeight: null })],
  ["/PS/GenericTrace/Fill", fillData({ Machine: 1.5 })],
  ["/PS/GenericTrace/Fill", fillData({ Machine: 2147483648 })],
  ["/PS/GenericTrace/Fill", fillData({ Machine: "1.0" })],
  ["/PS/GenericTrace/Fill", fillData({ Barcode: true })],
  ["/PS/GenericTrace/Fill", fillData({ Barcode: -1 })],
  ["/PS/GenericTrace/Fill", fillData({ Barcode: "   " })],
  ["/PS/GenericTrace/Fill", fillData({ Barcode: { x: 1 } })],
  ["/PS/GenericTrace/Fill", fillData({ ThridId: undefined })],
  ["/PS/GenericTrace/Fill", fillData({ ThridId: "" })],
  ["/PS/GenericTrace/Fill", fillData({ ThridId: "abc" })],
  ["/PS/GenericTrace/Fill", fillData({ ThridId: -3 })],
  ["/PS/GenericTrace/Fill", fillData({ ThridId: "12345678901234567890" })],
  ["/PS/GenericTrace/Fill", fillData({ ThridId: "BIG" }).replace('"BIG"', "12345678901234567")],
  ["/PS/GenericTrace/Fill", fillData({ EndDate: "20210230120000" })],
  ["/PS/GenericTrace/Fill", fillData({ EndDate: 2021 })],
  ["/PS/GenericTrace/Fill", fillData({}, { Factory: "x" })],
  ["/PS/GenericTrace/Fill", fillData({}, { Factory: [] })],
  ["/PS/GenericTrace/Fill", fillData({}, { Factory: undefined })],
  ["/PS/GenericTrace/Fill", fillData({}, { Factory: {} })],
  ["/PS/GenericTrace/Fill", fillData({}, { Man: { Name: 3 } })],
  // several faults: the first in the order the annex lists the properties is named
  ["/PS/GenericTrace/Fill", fillData({ NetWeight: "x", Machine: "y" }, { Man: undefined })],
  ["/PS/GenericTrace/Fill", fillData({ Machine: "y" }, { Factory: undefined })],
  ["/PS/GenericTrace/BeforeFill", '{ Items: [{ Barcode: "B", State: 3, ThridId: 1 }], Man: { Name: "张三" } }'],
  ["/PS/GenericTrace/BeforeFill", '{ Items: [{ Barcode: "B", State: "合格", ThridId: 1 }], Man: { Name: "张三" } }'],
  ["/PS/GenericTrace/BeforeFill", '{ Items: [{ Barcode: "B", State: 0, ThridId: 1, Remark: 5 }], Man: { Name: "x" } }'],
  ["/PS/GenericTrace/BeforeFill", '{ Items: [{ Barcode: "B", State: 0, ThridId: 1, Date: "2020" }], Man: {} }'],
  ["/PS/GenericTrace/AfterFill", '{ Items: [{ Barcode: "B", State: 0 }], Man: { Name: "张三" } }'],
  ["/PS/GenericStatistics/BusinessCount", "{ Year: 2021, Month: 3, Count: 10, Type: 9 }"],
  ["/PS/GenericStatistics/BusinessCount", "{ Year: 2021, Month: '三', Count: 10, Type: 1 }"],
  ["/PS/GenericStatistics/BusinessCount", "{ Year: 2021, Month: 3, Type: 1 }"],
  ["/PS/GenericTrace/FillPermit", undefined],
  ["/PS/GenericTrace/FillPermit", "{ Barcode: ' ' }"],
  ["/PS/BottleRegister/ApplyNew", registration({}, { Overview: undefined })],
  ["/PS/BottleRegister/ApplyNew", registration({}, { Overview: 5 })],
  ["/PS/BottleRegister/ApplyNew", registration({}, { ThirdId: undefined })],
  ["/PS/BottleRegister/ApplyNew", registration({ Valve: 7 })],
  ["/PS/BottleRegister/ApplyNew", registration({ CreateDate: "20260231" })],
  ["/PS/BottleRegister/ApplyNew", registration({ Factory: "江苏" })],
  ["/PS/BottleRegister/ApplyNew", registration({ CheckDate: "2025" })],
  ["/PS/BottleRegister/ApplyNew", registration({}, { Items: [{ Barcode: "" }] })],
  ["/PS/BottleRegister/ApplyOld", registration({}, { Items: [{ Barcode: "B", Printno: 1, InnerNo: [] }] })],
  ["/PS/Image/Upload", "{ ContentType: 'image/png' }"],
  ["/PS/BottleCheck/Response", "{ Id: 1, Items: [{ Id: 2 }] }"],
  ["/PS/BottleCheck/GetDetail?id=x1", undefined],
  ["/PS/BottleCheck/GetDetail", undefined],
  ["/PS/CheckApply/BeginApply", "{ ThirdId: 7001 }"],
  ["/PS/CheckApply/BeginApply", "{ ThirdId: 7001, Station: { Id: 'x' } }"],
  ["/PS/CheckApply/BeginApply", "{ ThirdId: 'x', Station: { Id: 4, Name: 5 } }"],
  ["/PS/CheckApply/AddBottle", "{ Id: 15, ThirdId: '', Items: [{ Barcode: 'B' }] }"],
  ["/PS/CheckApply/AddBottle", "{ Id: 15, Items: [{ Barcode: 'B', SeqNo: 'x' }] }"],
  ["/PS/CheckApply/RemoveBottle", "{ Id: 15, Items: [{ Barcode: '' }] }"],
  ["/PS/CheckApply/EndApply", "{ ThirdId: 1 }"],
  ["/PS/Ledger/RecordProof", undefined],
  ["/PS/Ledger/RecordProof?kind=Nothing&id=1", undefined],
  ["/PS/Ledger/RecordProof?kind=Fill", undefined],
  ["/PS/Ledger/RecordProof?kind=Fill&id=99999999999", undefined],
  ["/PS/Ledger/TreeHead?size=-1", undefined],
  ["/PS/Ledger/ConsistencyProof", undefined],
  ["/PS/GenericBottle/List?lasttime=20210230000000", undefined],
  ["/PS/GenericBottle/List?pagesize=0", undefined],
  ["/PS/CarBottle/List?pagesize=10001", undefined],
  ["/PS/GenericTrace/FillList?cursor=%24%24", undefined],
  ["/PS/No/Such", undefined],
];

const withTicket = (path: string) => `${path}${path.includes("?") ? "&" : "?"}ticket=${TICKET}`;

it("answers each malformed request with the same words and code as always", async () => {
  const lines: string[] = [];
  for (const [path, body] of CASES) {
    const res = await app.inject({ method: "POST", url: withTicket(path), payload: body });
    lines.push(`${path.split("?")[0]!.slice(4)} ${res.statusCode} ${res.body}`);
  }
  expect(lines.join("\n")).toMatchInlineSnapshot(`
    "GenericTrace/Fill 400 {"State":1,"Value":"数据格式错误，无法解析：invalid end of input at 1:36","Code":"MALFORMED_DATA"}
    GenericTrace/Fill 400 {"State":1,"Value":"缺少必填字段：data","Code":"MISSING_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 data 的值无效：应为 JSON 对象","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 data 的值无效：应为 JSON 对象","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"缺少必填字段：Items","Code":"MISSING_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items 的值无效：应为数组","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items 的值无效：不能为空","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[0] 的值无效：应为 JSON 对象","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[0] 的值无效：应为 JSON 对象","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"一次提交的记录过多（上限 1000 条）","Code":"BATCH_TOO_LARGE"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].IdleWeight 的值无效：应为数字","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].IdleWeight 的值无效：应为数字","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].IdleWeight 的值无效：应为数字","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"缺少必填字段：Items[1].NetWeight","Code":"MISSING_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].Machine 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].Machine 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].Machine 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].Barcode 的值无效：应为字符串","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].Barcode 的值无效：应为字符串","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"缺少必填字段：Items[1].Barcode","Code":"MISSING_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].Barcode 的值无效：应为字符串","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"缺少必填字段：Items[1].ThridId","Code":"MISSING_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].ThridId 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].ThridId 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].ThridId 的值无效：应为非负整数；超过 9007199254740991 的请以字符串发送","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].ThridId 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].ThridId 的值无效：应为非负整数；超过 9007199254740991 的请以字符串发送","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].EndDate 的日期无效：20210230120000（格式应为 yyyyMMddHHmmss）","Code":"INVALID_DATE"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].EndDate 的日期无效：2021（格式应为 yyyyMMddHHmmss）","Code":"INVALID_DATE"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Factory 的值无效：应为对象","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Factory 的值无效：应为对象","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"缺少必填字段：Factory","Code":"MISSING_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"缺少必填字段：Factory.Name","Code":"MISSING_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Man.Name 的值无效：应为字符串","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].NetWeight 的值无效：应为数字","Code":"INVALID_FIELD"}
    GenericTrace/Fill 400 {"State":1,"Value":"字段 Items[1].Machine 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericTrace/BeforeFill 400 {"State":1,"Value":"字段 Items[0].State 的取值 3 不在允许范围内","Code":"INVALID_ENUM"}
    GenericTrace/BeforeFill 400 {"State":1,"Value":"字段 Items[0].State 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericTrace/BeforeFill 400 {"State":1,"Value":"字段 Items[0].Remark 的值无效：应为字符串","Code":"INVALID_FIELD"}
    GenericTrace/BeforeFill 400 {"State":1,"Value":"字段 Items[0].Date 的日期无效：2020（格式应为 yyyyMMddHHmmss）","Code":"INVALID_DATE"}
    GenericTrace/AfterFill 400 {"State":1,"Value":"缺少必填字段：Items[0].ThridId","Code":"MISSING_FIELD"}
    GenericStatistics/BusinessCount 400 {"State":1,"Value":"字段 Type 的取值 9 不在允许范围内","Code":"INVALID_ENUM"}
    GenericStatistics/BusinessCount 400 {"State":1,"Value":"字段 Month 的值无效：应为整数","Code":"INVALID_FIELD"}
    GenericStatistics/BusinessCount 400 {"State":1,"Value":"缺少必填字段：Count","Code":"MISSING_FIELD"}
    GenericTrace/FillPermit 400 {"State":1,"Value":"缺少必填字段：data","Code":"MISSING_FIELD"}
    GenericTrace/FillPermit 400 {"State":1,"Value":"缺少必填字段：Barcode","Code":"MISSING_FIELD"}
    BottleRegister/ApplyNew 400 {"State":1,"Value":"缺少必填字段：Overview","Code":"MISSING_FIELD"}
    BottleRegister/ApplyNew 400 {"State":1,"Value":"字段 Overview 的值无效：应为对象","Code":"INVALID_FIELD"}
    BottleRegister/ApplyNew 400 {"State":1,"Value":"缺少必填字段：ThirdId","Code":"MISSING_FIELD"}
    BottleRegister/ApplyNew 400 {"State":1,"Value":"字段 Overview.Valve 的取值 7 不在允许范围内","Code":"INVALID_ENUM"}
    BottleRegister/ApplyNew 400 {"State":1,"Value":"字段 Overview.CreateDate 的日期无效：20260231（格式应为 yyyyMMdd）","Code":"INVALID_DATE"}
    BottleRegister/ApplyNew 400 {"State":1,"Value":"字段 Overview.Factory 的值无效：应为整数","Code":"INVALID_FIELD"}
    BottleRegister/ApplyNew 400 {"State":1,"Value":"字段 Overview.CheckDate 的日期无效：2025（格式应为 yyyyMMdd）","Code":"INVALID_DATE"}
    BottleRegister/ApplyNew 400 {"State":1,"Value":"缺少必填字段：Items[0].Barcode","Code":"MISSING_FIELD"}
    BottleRegister/ApplyOld 400 {"State":1,"Value":"字段 Items[0].InnerNo 的值无效：应为字符串","Code":"INVALID_FIELD"}
    Image/Upload 400 {"State":1,"Value":"缺少必填字段：Data","Code":"MISSING_FIELD"}
    BottleCheck/Response 400 {"State":1,"Value":"缺少必填字段：Items[0].Image","Code":"MISSING_FIELD"}
    BottleCheck/GetDetail 400 {"State":1,"Value":"字段 id 的值无效：应为非负整数","Code":"INVALID_FIELD"}
    BottleCheck/GetDetail 400 {"State":1,"Value":"缺少必填字段：data","Code":"MISSING_FIELD"}
    CheckApply/BeginApply 400 {"State":1,"Value":"缺少必填字段：Station","Code":"MISSING_FIELD"}
    CheckApply/BeginApply 400 {"State":1,"Value":"字段 Station.Id 的值无效：应为整数","Code":"INVALID_FIELD"}
    CheckApply/BeginApply 400 {"State":1,"Value":"字段 ThirdId 的值无效：应为整数","Code":"INVALID_FIELD"}
    CheckApply/AddBottle 400 {"State":1,"Value":"字段 ThirdId 的值无效：应为整数","Code":"INVALID_FIELD"}
    CheckApply/AddBottle 400 {"State":1,"Value":"字段 Items[0].SeqNo 的值无效：应为整数","Code":"INVALID_FIELD"}
    CheckApply/RemoveBottle 400 {"State":1,"Value":"缺少必填字段：Items[0].Barcode","Code":"MISSING_FIELD"}
    CheckApply/EndApply 400 {"State":1,"Value":"缺少必填字段：Id","Code":"MISSING_FIELD"}
    Ledger/RecordProof 400 {"State":1,"Value":"缺少必填字段：kind","Code":"MISSING_FIELD"}
    Ledger/RecordProof 400 {"State":1,"Value":"字段 kind 的值无效：应为 BeforeFill、Fill、AfterFill、CheckResult、Register、Bottle 之一（或记录表名）","Code":"INVALID_FIELD"}
    Ledger/RecordProof 400 {"State":1,"Value":"缺少必填字段：id","Code":"MISSING_FIELD"}
    Ledger/RecordProof 400 {"State":1,"Value":"字段 id 的值无效：应为非负整数","Code":"INVALID_FIELD"}
    Ledger/TreeHead 400 {"State":1,"Value":"字段 size 的值无效：应为非负整数","Code":"INVALID_FIELD"}
    Ledger/ConsistencyProof 400 {"State":1,"Value":"缺少必填字段：from","Code":"MISSING_FIELD"}
    GenericBottle/List 400 {"State":1,"Value":"字段 lasttime 的日期无效：20210230000000（格式应为 yyyyMMddHHmmss）","Code":"INVALID_DATE"}
    GenericBottle/List 400 {"State":1,"Value":"字段 pagesize 的值无效：应为 1 到 10000 的整数","Code":"INVALID_FIELD"}
    CarBottle/List 400 {"State":1,"Value":"字段 pagesize 的值无效：应为 1 到 10000 的整数","Code":"INVALID_FIELD"}
    GenericTrace/FillList 400 {"State":1,"Value":"字段 cursor 的值无效：游标无效，请使用上一页响应头 X-PS-Cursor 的值","Code":"INVALID_FIELD"}
    No/Such 404 {"State":1,"Value":"接口 不存在：/PS/No/Such","Code":"NOT_FOUND"}"
  `);
  expect(gateway.operations).toEqual([]);
});

it("logs in with data or form fields; the password is taken as sent", async () => {
  const lines: string[] = [];
  for (const body of [
    "{ Username: 'km' }",
    "{ Username: 'km', Password: '' }",
    "{ Username: 'km', Password: 123 }",
    "{ Password: 'x' }",
    "{}",
  ]) {
    const res = await app.inject({ method: "POST", url: "/PS/Account/Login", payload: body });
    lines.push(`${res.statusCode} ${res.body}`);
  }
  for (const form of ["username=km", "password=x", "username=%20&password=x"]) {
    const res = await app.inject({
      method: "POST",
      url: "/PS/Account/Login",
      payload: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    lines.push(`${res.statusCode} ${res.body}`);
  }
  expect(lines.join("\n")).toMatchInlineSnapshot(`
    "400 {"State":1,"Value":"缺少必填字段：Password","Code":"MISSING_FIELD"}
    400 {"State":1,"Value":"缺少必填字段：Password","Code":"MISSING_FIELD"}
    400 {"State":1,"Value":"字段 Password 的值无效：应为字符串","Code":"INVALID_FIELD"}
    400 {"State":1,"Value":"缺少必填字段：Username","Code":"MISSING_FIELD"}
    400 {"State":1,"Value":"缺少必填字段：Password","Code":"MISSING_FIELD"}
    400 {"State":1,"Value":"缺少必填字段：Password","Code":"MISSING_FIELD"}
    400 {"State":1,"Value":"缺少必填字段：Username","Code":"MISSING_FIELD"}
    400 {"State":1,"Value":"缺少必填字段：Username","Code":"MISSING_FIELD"}"
  `);
  expect(gateway.operations).toEqual([]);
});
