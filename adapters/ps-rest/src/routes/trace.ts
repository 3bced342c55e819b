/**
 * Annex 1 §4 BeforeFill, §5 Fill, §6 AfterFill (uploads), §9 BusinessCount, and the fill
 * permit a station asks for after scanning (filled gap). Uploads are the same mutations the
 * GraphQL API offers, so both paths store the same records and raise the same alarms
 * (late upload, violation, failed check, overfill, unknown cylinder).
 *
 * Per-item results (filled gap): `Value` = {Accepted, Duplicates, Items: [{ThridId, Barcode,
 * Id, Result, Alarms}]} in the order sent; Result 0 = stored now, 1 = already stored under
 * this ThridId (a retried batch: nothing stored twice, Id is the stored record's).
 */
import { CheckState, ReconciliationType } from "@cylinder/db";
import {
  code,
  dateTime,
  int,
  intEnum,
  items,
  type Json,
  MAX_ITEMS,
  named,
  num,
  record,
  text,
  thirdId,
  word,
} from "../fields";
import { graphql } from "../gql";
import type { CheckBatchInput, UploadResultFragment } from "../gql/graphql";
import { bigintId, dateTime14, omitEmpty } from "../output";
import { type Schema, type StateRoute, type StateRouteSpec, stateRoute } from "../route";

graphql(`
  fragment UploadResult on UploadResult {
    accepted
    duplicates
    items { thirdId barcode status id alarms }
  }
`);

function uploadValue(result: UploadResultFragment): Json {
  return {
    Accepted: result.accepted,
    Duplicates: result.duplicates,
    Items: result.items.map((i) => ({
      ThridId: bigintId(i.thirdId) ?? i.thirdId,
      Barcode: i.barcode,
      Id: i.id,
      Result: i.status === "DUPLICATE" ? 1 : 0,
      Alarms: i.alarms,
    })),
  };
}

const uploadValueSchema: Schema = {
  type: "object",
  description: "补充：逐条结果 (per-item results, in the order sent)",
  required: ["Accepted", "Duplicates", "Items"],
  properties: {
    Accepted: { type: "integer", description: "本次新接收条数" },
    Duplicates: { type: "integer", description: "重复上传条数（按 ThridId，未重复保存）" },
    Items: {
      type: "array",
      items: {
        type: "object",
        required: ["ThridId", "Barcode", "Id", "Result", "Alarms"],
        properties: {
          ThridId: { type: "integer", description: "第 3 方系统 ID" },
          Barcode: { type: "string", description: "钢瓶条形码（已去除首尾空格）" },
          Id: { type: "integer", description: "平台记录 ID；重复时为已保存记录的 ID" },
          Result: { type: "integer", enum: [0, 1], description: "结果：0 已接收，1 重复上传（已存在，未重复保存）" },
          Alarms: {
            type: "array",
            description:
              "该记录引发的报警：PERMIT_REFUSED 不允许充装，REFUSED_CYLINDER_FILLED 违规充装，UNKNOWN_CYLINDER 未登记气瓶，CHECK_FAILED 检查不合格，OVERFILL 超装，LATE_UPLOAD 超过 24 小时上传",
            items: { type: "string" },
          },
        },
      },
    },
  },
};

const UPLOAD_DESCRIPTION = "整批一个事务：任一条格式错误则整批拒收，不保存任何一条；按 ThridId 幂等。";

/** §4 / §6: a batch of before- or after-fill checks. */
const checkBatch = (what: string) =>
  record({
    Items: [
      "items",
      items(
        record({
          Barcode: ["barcode", code("钢瓶条形码（首尾空格忽略）")],
          State: ["state", intEnum(CheckState, "检查结果")],
          Remark: ["remark", text("备注，例如不合格原因（可选）", "optional")],
          // the annex's examples omit Date on a passing check: the time of receipt stands in
          Date: ["checkedAt", dateTime("检查时间 yyyyMMddHHmmss；不传时以平台接收时间代替并注明（可选）", "optional")],
          ThridId: ["thirdId", thirdId("第 3 方系统 ID/业务唯一 ID，本单位本类记录内唯一；重复上传只保存一次")],
        }),
        { description: `${what}列表（至多 ${MAX_ITEMS} 条）` },
      ),
    ],
    Man: ["inspectorName", named("检查人姓名")],
  });

/** §4 and §6: the check uploads differ in their path, words, mutation and example alone. */
function checkUpload<R>(
  spec: Pick<
    StateRouteSpec<R, { input: CheckBatchInput }, never, never>,
    "path" | "summary" | "description" | "operation" | "value" | "example"
  >,
): StateRoute {
  return stateRoute({
    ...spec,
    methods: ["POST"],
    tag: "追溯数据",
    auth: true,
    data: checkBatch("充装气瓶"),
    variables: (input) => ({ input: input.data() }),
    valueSchema: uploadValueSchema,
  });
}

export const beforeFill = checkUpload({
  path: "/PS/GenericTrace/BeforeFill",
  summary: "充装前检查 (upload before-fill checks)",
  description: `附件 1 第 4 节。${UPLOAD_DESCRIPTION}`,
  operation: graphql(`
    mutation RecordBeforeFillChecks($input: CheckBatchInput!) {
      recordBeforeFillChecks(input: $input) { ...UploadResult }
    }
  `),
  value: (result) => uploadValue(result.recordBeforeFillChecks),
  example: `{
  Items: [
    {
      Barcode: "1103007831",
      State: 1,
      Remark: "瓶体变形",
      Date: "20200420195401",
      ThridId: 20489
    },
    {
      Barcode: "1103007832",
      State: 0,
      ThridId: 20490
    }
  ],
  Man: {
    Name: "张三"
  }
}`,
});

export const afterFill = checkUpload({
  path: "/PS/GenericTrace/AfterFill",
  summary: "充装后检查 (upload after-fill checks)",
  description: `附件 1 第 6 节。${UPLOAD_DESCRIPTION}`,
  operation: graphql(`
    mutation RecordAfterFillChecks($input: CheckBatchInput!) {
      recordAfterFillChecks(input: $input) { ...UploadResult }
    }
  `),
  value: (result) => uploadValue(result.recordAfterFillChecks),
  example: `{  
  Items:[  
    {  
      Barcode:" 1103007831",  
      State:1,  
      Remark:" 密封检查不通过",  
      Date:" 20200420195401",  
      ThridId:20489  
    },  
    {  
      Barcode:" 1103007832",  
      State:0,  
        Date:" 20200420195401",
        ThridId:20479
    }
],
Man: {
    Name:" 张三"
}
}`,
});

export const fill: StateRoute = stateRoute({
  path: "/PS/GenericTrace/Fill",
  methods: ["POST"],
  tag: "追溯数据",
  summary: "充装记录 (upload fill records)",
  description:
    "附件 1 第 5 节。整批一个事务：任一条格式错误则整批拒收；按 ThridId 幂等。未登记、不允许充装的气瓶的充装记录照常保存并报警；超过 24 小时上传的报警。",
  auth: true,
  operation: graphql(`
    mutation RecordFills($input: FillBatchInput!) {
      recordFills(input: $input) { ...UploadResult }
    }
  `),
  data: record({
    Items: [
      "items",
      items(
        record({
          Barcode: ["barcode", code("钢瓶条形码（首尾空格忽略）")],
          IdleWeight: ["idleWeight", num("瓶重 kg")],
          GrossWeight: ["grossWeight", num("毛重 kg")],
          NetWeight: ["netWeight", num("净重 kg")],
          BeginDate: ["beginAt", dateTime("开始时间 yyyyMMddHHmmss")],
          EndDate: ["endAt", dateTime("结束时间 yyyyMMddHHmmss，不早于开始时间")],
          Machine: ["machine", int("秤号")],
          ThridId: ["thirdId", thirdId("第 3 方系统 ID/业务唯一 ID，本单位本类记录内唯一")],
        }),
        { description: `充装气瓶列表（至多 ${MAX_ITEMS} 条）` },
      ),
    ],
    Factory: ["scaleFactory", named("充装秤厂家名称")],
    Man: ["fillerName", named("充装员姓名")],
  }),
  variables: (input) => ({ input: input.data() }),
  value: (result) => uploadValue(result.recordFills),
  valueSchema: uploadValueSchema,
  example: `{
  Items:[
    {
      Barcode:" 1103007831" ,
      IdleWeight:16.33,
      GrossWeight:29.76,
      NetWeight:13.43,
      BeginDate:" 20200420195401" ,
      EndDate: "20200420195521" ,
      Machine:1,
      ThridId:20490
    },
    {
      Barcode:" 1103007832" ,
      IdleWeight:16.33,
      GrossWeight:29.76,
      NetWeight:13.43,
      BeginDate:" 20200420195401" ,
      EndDate: "20200420195521" ,
      Machine:2,
      ThridId:20491
    }
  ],
  Factory:{
    Name:" 测试厂家"
  },
  Man:{
    Name:" 张三"
  }
}`,
});

// ------------------------------------------------------------------ fill permit (filled gap)

export const fillPermit: StateRoute = stateRoute({
  path: "/PS/GenericTrace/FillPermit",
  methods: ["GET", "POST"],
  tag: "追溯数据",
  summary: "扫码充装许可 (may this cylinder be filled? a station's scan)",
  description:
    "补充接口：充装前扫码询问能否充装。判定并记录判定日志；不允许充装时报警。参数 barcode，或 data {Barcode}。" +
    "Result 0 允许充装，1 不允许充装（Reasons 列出全部原因）。",
  gap: true,
  auth: true,
  params: record({ barcode: ["barcode", word("扫码得到的气瓶编号（或 data 的 Barcode）", "optional")] }),
  data: record({ Barcode: ["barcode", code("扫码得到的气瓶编号")] }),
  operation: graphql(`
    mutation RequestFillPermit($barcode: String!) {
      requestFillPermit(barcode: $barcode, channel: REST) {
        barcode permitted message reasons { code message } decidedAt decisionId effectiveNextDate
      }
    }
  `),
  variables: (input) => ({ barcode: input.params.barcode ?? input.data().barcode }),
  value: ({ requestFillPermit: p }) =>
    omitEmpty({
      Barcode: p.barcode,
      Result: p.permitted ? 0 : 1,
      Message: p.message,
      Reasons: p.reasons.map((r) => ({ Code: r.code, Message: r.message })),
      NextDate: p.effectiveNextDate?.replaceAll("-", ""),
      DecideTime: dateTime14(p.decidedAt),
      Id: p.decisionId,
    }) as Json,
  valueSchema: {
    type: "object",
    required: ["Barcode", "Result", "Message", "Reasons", "DecideTime"],
    properties: {
      Barcode: { type: "string", description: "气瓶编号" },
      Result: { type: "integer", enum: [0, 1], description: "判定：0 允许充装，1 不允许充装" },
      Message: { type: "string", description: "站端显示的提示：允许充装 / 不允许充装：原因…" },
      Reasons: {
        type: "array",
        description:
          "不允许充装的全部原因（允许时为空）：NOT_REGISTERED 未登记，NOT_OWN_PROPERTY 非本单位产权且无同意充装，SCRAPPED 已报废，LOCKED 锁定，SUSPENDED 停用，STATE_UNKNOWN 状态异常，INSPECTION_DATE_MISSING 无下检日期，INSPECTION_OVERDUE 超期未检，PAST_DISCARD_DATE 超过报废日期，PAST_DESIGN_LIFE 超过设计使用年限，MEDIUM_NOT_LICENSED 介质不在许可范围，BEFORE_FILL_CHECK_FAILED 最近一次充装前检查不合格，UNIT_UNKNOWN / NOT_FILLING_UNIT / LICENSE_MISSING / LICENSE_EXPIRED 充装单位资格问题",
        items: {
          type: "object",
          properties: {
            Code: { type: "string", description: "原因代码" },
            Message: { type: "string", description: "原因说明" },
          },
        },
      },
      NextDate: { type: "string", description: "判定采用的下检日期 yyyyMMdd（档案与最新检验结果中较晚者）" },
      DecideTime: { type: "string", description: "判定时间 yyyyMMddHHmmss" },
      Id: { type: "integer", description: "判定日志 ID" },
    },
  },
});

// ------------------------------------------------------------------ §9 BusinessCount

export const businessCount: StateRoute = stateRoute({
  path: "/PS/GenericStatistics/BusinessCount",
  methods: ["POST"],
  tag: "数据对账",
  summary: "数据对账 (monthly reconciliation count)",
  description:
    "附件 1 第 9 节。上报某月的业务数量；平台按中国时间统计同月收到的记录数，返回差异（补充：Value 含 PlatformCount 与 Difference），不符时报警。",
  auth: true,
  operation: graphql(`
    mutation ReportMonthlyCount($year: Int!, $month: Int!, $count: Int!, $type: Int!) {
      reportMonthlyCount(year: $year, month: $month, count: $count, type: $type) {
        id platformCount difference reportedCount
      }
    }
  `),
  data: record({
    Year: ["year", int("年度")],
    Month: ["month", int("月份").meta({ minimum: 1, maximum: 12 })],
    Count: ["count", int("业务数量").meta({ minimum: 0 })],
    Type: ["type", intEnum(ReconciliationType, "数据类型")],
  }),
  variables: (input) => input.data(),
  value: ({ reportMonthlyCount: r }) => ({
    Id: r.id,
    Count: r.reportedCount,
    PlatformCount: r.platformCount,
    Difference: r.difference,
  }),
  valueSchema: {
    type: "object",
    description: "补充：对账结果",
    properties: {
      Id: { type: "integer", description: "对账记录 ID" },
      Count: { type: "integer", description: "单位上报的业务数量" },
      PlatformCount: { type: "integer", description: "平台收到的该单位当月记录数" },
      Difference: { type: "integer", description: "差异 = 上报数 − 平台数；正数表示平台缺少记录" },
    },
  },
  example: `{  
  Year:2021,  
  Month:3,  
  Count:1024,  
  Type:1  
}`,
});
