/**
 * The one error type of the platform. Every failure a user can see has a stable code from
 * this catalogue and a Chinese reason; /PS/* turns it into `{State:1, Value:"原因", Code}`,
 * GraphQL into an error with `extensions.code`. Codes never change meaning once published;
 * add new ones rather than reuse.
 */

type Catalogue = Record<string, { status: number; message: string }>;

/**
 * `message` may name `{placeholders}` filled from the error's details, so the text says
 * which field and value were wrong.
 */
export const ERROR_CATALOGUE = {
  // input shape
  MALFORMED_DATA: { status: 400, message: "数据格式错误，无法解析：{reason}" },
  MISSING_FIELD: { status: 400, message: "缺少必填字段：{field}" },
  INVALID_FIELD: { status: 400, message: "字段 {field} 的值无效：{reason}" },
  INVALID_DATE: { status: 400, message: "字段 {field} 的日期无效：{value}（格式应为 {format}）" },
  INVALID_ENUM: { status: 400, message: "字段 {field} 的取值 {value} 不在允许范围内" },
  PAYLOAD_TOO_LARGE: { status: 413, message: "提交的数据过大（上限 {limit}）" },
  BATCH_TOO_LARGE: { status: 400, message: "一次提交的记录过多（上限 {limit} 条）" },
  DECRYPT_FAILED: { status: 400, message: "数据解密失败，请检查 SM4 密钥与加密方式" },
  // identity and scope
  UNAUTHENTICATED: { status: 401, message: "未提供令牌或令牌无效，请先登录" },
  TICKET_EXPIRED: { status: 401, message: "令牌已过期，请重新登录" },
  LOGIN_FAILED: { status: 401, message: "账号或密码错误" },
  ACCOUNT_DISABLED: { status: 403, message: "账号已停用" },
  FORBIDDEN: { status: 403, message: "无权访问：{reason}" },
  NOT_OWN_CYLINDER: { status: 403, message: "气瓶 {barcode} 不属于本单位" },
  // domain
  NOT_FOUND: { status: 404, message: "{what} 不存在：{id}" },
  UNKNOWN_BARCODE: { status: 404, message: "气瓶编号 {barcode} 未在平台登记" },
  DUPLICATE_BARCODE: { status: 409, message: "气瓶编号 {barcode} 已被登记" },
  CONFLICT: { status: 409, message: "操作冲突：{reason}" },
  INVALID_STATE: { status: 409, message: "当前状态不允许此操作：{reason}" },
  RATE_LIMITED: { status: 429, message: "暂不受理：{reason}" },
  CODE_OUT_OF_RANGE: { status: 400, message: "车用气瓶编码 {barcode} 不在本单位分配的号段内" },
  CALENDAR_UNKNOWN_YEAR: {
    status: 500,
    message: "{year} 年的法定节假日安排尚未收录，无法计算工作日（请运维按 db/calendar/README.md 补充该年国务院通知）",
  },
  CALENDAR_NOTICE_INVALID: { status: 500, message: "节假日安排文件 {file} 第 {line} 行有误：{reason}" },
  // platform
  LEDGER_UNKNOWN_RECORD: { status: 404, message: "账本中不存在该记录的存证：{table} {id}" },
  LEDGER_NOT_SEQUENCED: {
    status: 409,
    message: "记录 {table} {id} 已存证，但尚未进入树头 {treeSize}（等待下一次检查点签名）",
  },
  LEDGER_SIZE_BEYOND_TREE: { status: 404, message: "树大小 {size} 不存在：账本目前只有 {current} 个已排序的叶子" },
  DEPENDENCY_UNAVAILABLE: { status: 503, message: "依赖服务不可用：{what}" },
  CONFIG_INVALID: { status: 500, message: "配置错误：{reason}" },
  INTERNAL: { status: 500, message: "平台内部错误，请稍后重试（编号 {ref}）" },
} as const satisfies Catalogue;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export type ErrorDetails = Record<string, string | number | boolean | null | undefined | unknown[]>;

function fill(template: string, details: ErrorDetails): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = details[key];
    return v === undefined || v === null ? "" : Array.isArray(v) ? v.join("、") : String(v);
  });
}

export class PlatformError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, options?: { cause?: unknown; message?: string }) {
    const entry = ERROR_CATALOGUE[code];
    super(options?.message ?? fill(entry.message, details), { cause: options?.cause });
    this.name = "PlatformError";
    this.code = code;
    this.status = entry.status;
    this.details = details;
  }

  /** The body a /PS/* client receives. */
  toPsBody(): { State: 1; Value: string; Code: ErrorCode } {
    return { State: 1, Value: this.message, Code: this.code };
  }
}

export function isPlatformError(e: unknown): e is PlatformError {
  return e instanceof PlatformError || (e instanceof Error && e.name === "PlatformError" && "code" in e);
}

/** Any thrown value as a PlatformError; unknown failures become INTERNAL with a reference. */
export function toPlatformError(e: unknown, ref = ""): PlatformError {
  if (isPlatformError(e)) return e;
  return new PlatformError("INTERNAL", { ref }, { cause: e });
}
