/**
 * The OpenAPI 3 document of /PS/*, generated from the route table (one source for the
 * endpoints and their documentation): the annex's endpoints and the filled gaps (marked
 * `x-filled-gap` and 补充接口), Chinese descriptions, every integer enum spelled out.
 */
import { ERROR_CATALOGUE } from "@cylinder/db";
import type { z } from "zod";
import { CURSOR_HEADER, HORIZON_HEADER, listParameters, MAX_PAGE_SIZE } from "./change-stream";
import { openApiSchemaOf } from "./fields";
import type { Route, Schema } from "./route";

const CONVENTIONS = `《云南省气瓶基础数据接入技术要求》（附件 1）规定的 /PS/* 接口，以及本平台按同一风格补充的接口（标注“补充接口”）。

**通用约定**
- 令牌：先调用 POST /PS/Account/Login 取得令牌；各接口均接受参数 \`ticket\` 或 \`token\`（也接受请求头 \`Authorization: Bearer <令牌>\`）。参数名不区分大小写、忽略首尾空格。
- 业务数据 \`data\`：可放在查询参数 \`data\`、表单字段 \`data\`，或直接作为请求体（任意 Content-Type；按其 charset 解码，默认 UTF-8，支持 GBK）。接受标准 JSON，也接受附件 1 范例那样的 JavaScript 对象字面量（键名不加引号、尾随逗号等）；编号、日期、数字两侧的空格（如 \`" 1103007831"\`）自动去除；数字可为数字字符串；\`null\` 视同未传。
- SM4 加密：敏感数据可将 \`data\` 整体加密后发送——SM4/ECB/PKCS#7 填充，明文为 UTF-8 的 JSON 文本，密文以十六进制（大小写均可）作为 \`data\` 或请求体；密钥为本账号的 SM4 密钥（轮换后的重叠期内上一密钥仍可用）。平台按内容自动识别（只含十六进制字符、长度为 32 的倍数）。密钥错误返回 DECRYPT_FAILED。
- 响应：成功 \`{"State":0,"Value":…}\`（附件 1 中直接返回数组/对象的接口除外）；失败 \`{"State":1,"Value":"中文原因","Code":"稳定错误码"}\`，HTTP 状态码为 4xx/5xx（见 Failure）。可选属性不返回，不返回 null。
- 批量上传：整批一个事务，任一条格式错误（类型错误、缺少必填字段、不存在的日期等）整批拒收、不保存任何一条；按 ThridId/ThirdId 幂等，重复上传只保存一次。未登记气瓶、不允许充装的气瓶的记录照常保存并报警。
- 时间：yyyyMMdd / yyyyMMddHHmmss，均为中国标准时间（UTC+8）。请求体上限 2 MB。

**变更列表**（GenericBottle/List、CarBottle/List 及补充的追溯列表）：返回 lasttime（含该秒）以来变更的记录数组，按 (变更时间, Id) 升序。补充参数 \`pagesize\`（1–${MAX_PAGE_SIZE}）分页：响应头 \`X-PS-Cursor\` 存在时还有数据，以同一 lasttime 加 \`cursor\` 再取；不传 pagesize 时一次流式返回全部。响应头 \`X-PS-Horizon\` 是读完最后一页后下次应使用的 lasttime：同一秒的记录会再次返回，请按 Id 覆盖（upsert），从而不会漏掉同一秒写入的记录。`;

const failure: Schema = {
  type: "object",
  required: ["State", "Value", "Code"],
  properties: {
    State: { type: "integer", enum: [1], description: "1 失败" },
    Value: { type: "string", description: "失败原因（中文）" },
    Code: {
      type: "string",
      enum: Object.keys(ERROR_CATALOGUE),
      description: `稳定错误码：${Object.entries(ERROR_CATALOGUE)
        .map(([code, e]) => `${code}（HTTP ${e.status}）${e.message.replace(/[：:]?\{\w+\}.*$/, "")}`)
        .join("；")}`,
    },
  },
};

const credentialParameters = [
  {
    name: "ticket",
    in: "query",
    description: "令牌（/PS/Account/Login 取得）；与 token 二选一",
    schema: { type: "string" },
  },
  { name: "token", in: "query", description: "令牌，同 ticket", schema: { type: "string" } },
];

const dataParameter = {
  name: "data",
  in: "query",
  description: "业务数据：JSON 或对象字面量，或其 SM4 密文（十六进制）；也可作为表单字段或请求体",
  schema: { type: "string" },
};

function responses(route: Route): Record<string, unknown> {
  const failureResponse = {
    description: "失败",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Failure" } } },
  };
  const errors = {
    "400": failureResponse,
    "401": failureResponse,
    "403": failureResponse,
    "404": failureResponse,
    "413": failureResponse,
  };
  if (route.kind === "list") {
    return {
      "200": {
        description: "变更记录数组（流式）",
        headers: {
          [CURSOR_HEADER.replace(/^x-ps/, "X-PS")]: {
            description: "还有数据时的游标；以同一 lasttime 加 cursor 参数取下一页",
            schema: { type: "string" },
          },
          [HORIZON_HEADER.replace(/^x-ps/, "X-PS")]: {
            description: "读完最后一页后下次使用的 lasttime（yyyyMMddHHmmss）",
            schema: { type: "string" },
          },
        },
        content: { "application/json": { schema: { type: "array", items: route.elementSchema } } },
      },
      ...errors,
    };
  }
  const value = route.valueSchema;
  const schema: Schema = route.bare
    ? (value ?? {})
    : {
        type: "object",
        required: ["State"],
        properties: {
          State: { type: "integer", enum: [0], description: "0 成功" },
          ...(value ? { Value: value } : {}),
        },
      };
  return { "200": { description: "成功", content: { "application/json": { schema } } }, ...errors };
}

/** The query parameters a route's `params` schema reads, each with its own schema. */
function queryParameters(params: z.ZodType | undefined): Record<string, unknown>[] {
  if (!params) return [];
  const { properties = {}, required = [] } = openApiSchemaOf(params) as {
    properties?: Record<string, Schema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...schema }]) => ({
    in: "query",
    name,
    description,
    ...(required.includes(name) ? { required: true } : {}),
    schema,
  }));
}

function requestBody(route: Route): Record<string, unknown> | undefined {
  if (route.kind !== "state" || !route.data) return undefined;
  const json: Record<string, unknown> = { schema: openApiSchemaOf(route.data) };
  if (route.example) json.example = route.example;
  const content: Record<string, unknown> = {
    "application/json": json,
    "application/x-www-form-urlencoded": {
      schema: {
        type: "object",
        properties: {
          data: { type: "string", description: "业务数据（JSON 文本）" },
          ticket: { type: "string" },
          token: { type: "string" },
        },
      },
    },
    "text/plain": { schema: { type: "string", description: "业务数据：JSON、对象字面量或 SM4 密文（十六进制）" } },
  };
  if (route.path === "/PS/Image/Upload") {
    content["multipart/form-data"] = {
      schema: {
        type: "object",
        properties: {
          file: { type: "string", format: "binary", description: "照片文件（JPEG/PNG，≤ 1 MB；字段名任意）" },
          ticket: { type: "string" },
        },
      },
    };
  }
  return { required: false, description: "业务数据 data（亦可放在查询参数 data 中）", content };
}

export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [
      ...(route.auth ? credentialParameters : []),
      ...(route.kind === "state" && route.data ? [dataParameter] : []),
      ...queryParameters(route.kind === "list" ? listParameters : route.params),
    ];
    const body = requestBody(route);
    const operation = {
      tags: [route.tag],
      summary: route.gap ? `${route.summary}（补充接口）` : route.summary,
      description: route.description,
      ...(route.gap ? { "x-filled-gap": true } : {}),
      parameters,
      responses: responses(route),
      ...(route.auth ? { security: [{ ticket: [] }, { token: [] }, { bearer: [] }] } : { security: [] }),
    };
    paths[route.path] ??= {};
    for (const method of route.methods) {
      paths[route.path]![method.toLowerCase()] = {
        ...operation,
        // a GET sends `data` in the query string: OpenAPI gives a GET body no meaning
        ...(body && method === "POST" ? { requestBody: body } : {}),
        operationId: `${method.toLowerCase()}${route.path.replaceAll("/", "_")}`,
      };
    }
  }
  return {
    openapi: "3.0.3",
    info: {
      title: "云南省气瓶质量安全追溯数据交换平台 /PS/* 接口 (the mandated REST contract)",
      version: "1.0.0",
      description: CONVENTIONS,
    },
    tags: [
      { name: "身份验证", description: "令牌（补充接口）" },
      { name: "气瓶档案", description: "附件 1 第 2、3 节" },
      {
        name: "追溯数据",
        description: "附件 1 第 4–6 节：充装前检查、充装记录、充装后检查；扫码充装许可与追溯列表（补充）",
      },
      { name: "气瓶使用登记", description: "附件 1 第 7.1、7.2 节；照片上传（补充）" },
      { name: "抽查回复", description: "附件 1 第 7.3 节" },
      { name: "气瓶检验", description: "附件 1 第 8 节；检验结果列表（补充）" },
      { name: "数据对账", description: "附件 1 第 9 节" },
      {
        name: "防篡改存证",
        description:
          "补充接口：防篡改账本的签名树头、公钥、记录存证证明与一致性证明（SM3 Merkle 树，RFC 9162；SM2 签名树头）。树头、公钥、一致性证明公开，记录存证证明需令牌且仅限可查看该记录者。哈希、公钥、签名均为小写十六进制。",
      },
    ],
    paths,
    components: {
      schemas: { Failure: failure },
      securitySchemes: {
        ticket: { type: "apiKey", in: "query", name: "ticket", description: "令牌" },
        token: { type: "apiKey", in: "query", name: "token", description: "令牌（同 ticket）" },
        bearer: { type: "http", scheme: "bearer", description: "令牌作为 Bearer" },
      },
    },
  };
}
