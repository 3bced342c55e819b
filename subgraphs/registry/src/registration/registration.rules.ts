/**
 * 使用登记申请的校验 (ApplyNew / ApplyOld, annex 1 §7.1, §7.2): the pure part. Everything
 * that needs no database is decided here, with the annex's field names in the errors so a
 * station's developer finds the field at once; what needs the database (the factory, image
 * ownership, barcodes already registered or pending) is checked by registration.service.ts.
 *
 * The annex makes every property required unless it says otherwise. This platform reads it
 * so, except: CheckDate (a new cylinder has never been inspected), Remark and InnerNo (a unit
 * need not number its cylinders) are optional.
 */
import {
  addYears,
  carCodeProblem,
  type IsoDate,
  normalizeMedium,
  PlatformError,
  parseIsoDate,
  Valve,
} from "@cylinder/db";

export const MAX_REGISTRATION_ITEMS = 1000;
const MAX_TEXT = 200;
const MAX_REMARK = 500;
/** A barcode: printable ASCII without spaces, as labels and scanners carry it. */
const BARCODE = /^[\x21-\x7e]{1,40}$/;

export type ApplyKind = "new" | "old";

/** What the resolver receives: every field optional, so a missing one gets a Chinese error. */
export interface RegistrationOverviewIn {
  style?: string | null;
  medium?: string | null;
  factoryId?: number | null;
  productDate?: string | null;
  discardDate?: string | null;
  checkDate?: string | null;
  nextDate?: string | null;
  idleWeight?: number | null;
  remark?: string | null;
  valve?: number | null;
  payImage?: string | null;
  batchImage?: string | null;
  deviceImage?: string | null;
}

export interface RegistrationItemIn {
  barcode?: string | null;
  printno?: string | null;
  innerNo?: string | null;
}

export interface RegistrationIn {
  kind: ApplyKind;
  thirdId?: string | null;
  overview?: RegistrationOverviewIn | null;
  items?: readonly RegistrationItemIn[] | null;
}

export interface RegistrationItemDraft {
  barcode: string;
  printno: string;
  innerNo: string | null;
}

/** A valid application, normalised (trimmed, canonical medium, real dates). */
export interface RegistrationDraft {
  kind: ApplyKind;
  thirdId: number;
  style: string;
  medium: string;
  factoryUnitId: number;
  productDate: IsoDate;
  discardDate: IsoDate;
  checkDate: IsoDate | null;
  nextDate: IsoDate;
  idleWeight: number;
  remark: string | null;
  valve: number;
  payImage: string;
  batchImage: string;
  deviceImage: string;
  items: RegistrationItemDraft[];
}

export interface RegistrationRuleContext {
  /** Today in China (YYYY-MM-DD). */
  today: IsoDate;
  /** The applicant's licensed media (canonical names). */
  licensedMedia: readonly string[];
}

function missing(field: string): PlatformError {
  return new PlatformError("MISSING_FIELD", { field });
}

function invalid(field: string, reason: string): PlatformError {
  return new PlatformError("INVALID_FIELD", { field, reason });
}

function text(value: string | null | undefined, field: string, max = MAX_TEXT): string {
  const t = value?.trim() ?? "";
  if (t === "") throw missing(field);
  if (t.length > max) throw invalid(field, `长度不能超过 ${max} 个字符`);
  return t;
}

function optionalText(value: string | null | undefined, field: string, max = MAX_TEXT): string | null {
  const t = value?.trim() ?? "";
  if (t === "") return null;
  if (t.length > max) throw invalid(field, `长度不能超过 ${max} 个字符`);
  return t;
}

function date(value: string | null | undefined, field: string): IsoDate {
  if (value === null || value === undefined || value.trim() === "") throw missing(field);
  return parseIsoDate(value, field);
}

/** The annex's ThirdId: a positive integer (bigint), sent as text so it survives JSON. */
export function parseThirdId(value: string | number | null | undefined, field = "ThirdId"): number {
  if (value === null || value === undefined || String(value).trim() === "") throw missing(field);
  const t = String(value).trim();
  if (!/^\d{1,16}$/.test(t) || !Number.isSafeInteger(Number(t)) || Number(t) < 1) {
    throw invalid(field, "须为正整数");
  }
  return Number(t);
}

/** A barcode as the platform keys it: trimmed; printable, no spaces, at most 40 characters. */
export function normalizeBarcode(value: string | null | undefined, field: string): string {
  const t = value?.trim() ?? "";
  if (t === "") throw missing(field);
  if (!BARCODE.test(t)) throw invalid(field, "气瓶编号只能包含字母、数字和符号（不含空格），最长 40 位");
  return t;
}

/** Whole years from `a` to `b` when `b` is exactly an anniversary of `a`, else null. */
export function wholeYearsBetween(a: IsoDate, b: IsoDate): number | null {
  const years = Number(b.slice(0, 4)) - Number(a.slice(0, 4));
  return years > 0 && years < 100 && addYears(a, years) === b ? years : null;
}

export function validateRegistration(input: RegistrationIn, ctx: RegistrationRuleContext): RegistrationDraft {
  const thirdId = parseThirdId(input.thirdId);
  const o = input.overview;
  if (!o) throw missing("Overview");

  const style = text(o.style, "Overview.Style", 64);
  const mediumText = text(o.medium, "Overview.Medium", 64);
  const medium = normalizeMedium(mediumText);
  if (!ctx.licensedMedia.includes(medium)) {
    throw invalid(
      "Overview.Medium",
      `充装介质「${mediumText}」不在本单位许可范围内（许可：${ctx.licensedMedia.join("、") || "无"}）`,
    );
  }
  if (o.factoryId === null || o.factoryId === undefined) throw missing("Overview.Factory");
  if (!Number.isInteger(o.factoryId) || o.factoryId < 1) throw invalid("Overview.Factory", "厂家 ID 须为正整数");

  const productDate = date(o.productDate, "Overview.CreateDate");
  const discardDate = date(o.discardDate, "Overview.DiscardDate");
  const nextDate = date(o.nextDate, "Overview.NextDate");
  const checkDate =
    o.checkDate === null || o.checkDate === undefined || o.checkDate.trim() === ""
      ? null
      : parseIsoDate(o.checkDate, "Overview.CheckDate");
  if (productDate > ctx.today) throw invalid("Overview.CreateDate", `生产日期 ${productDate} 晚于今天`);
  if (discardDate <= productDate) {
    throw invalid("Overview.DiscardDate", `报废日期 ${discardDate} 须晚于生产日期 ${productDate}`);
  }
  if (discardDate <= ctx.today) throw invalid("Overview.DiscardDate", `报废日期 ${discardDate} 已到，不能办理使用登记`);
  if (checkDate !== null) {
    if (checkDate < productDate) {
      throw invalid("Overview.CheckDate", `上检日期 ${checkDate} 不能早于生产日期 ${productDate}`);
    }
    if (checkDate > ctx.today) throw invalid("Overview.CheckDate", `上检日期 ${checkDate} 晚于今天`);
  }
  const after = checkDate ?? productDate;
  if (nextDate <= after) {
    throw invalid("Overview.NextDate", `下检日期 ${nextDate} 须晚于${checkDate ? "上检日期" : "生产日期"} ${after}`);
  }
  if (nextDate < ctx.today) {
    throw invalid("Overview.NextDate", `下检日期 ${nextDate} 已过（超期未检），须检验合格后再办理使用登记`);
  }

  if (o.idleWeight === null || o.idleWeight === undefined) throw missing("Overview.IdleWeight");
  if (!Number.isFinite(o.idleWeight) || o.idleWeight <= 0 || o.idleWeight >= 100_000) {
    throw invalid("Overview.IdleWeight", "瓶重须为大于 0 的数值（kg）");
  }
  if (o.valve === null || o.valve === undefined) throw missing("Overview.Valve");
  const valve = Valve.parse(o.valve, "Overview.Valve");

  const items = input.items ?? [];
  if (items.length === 0) throw missing("Items");
  if (items.length > MAX_REGISTRATION_ITEMS)
    throw new PlatformError("BATCH_TOO_LARGE", { limit: MAX_REGISTRATION_ITEMS });
  const seen = new Map<string, number>();
  const drafts = items.map((item, i): RegistrationItemDraft => {
    const field = `Items[${i}].Barcode`;
    const barcode = normalizeBarcode(item.barcode, field);
    const earlier = seen.get(barcode);
    if (earlier !== undefined) {
      throw new PlatformError(
        "DUPLICATE_BARCODE",
        { barcode, field },
        { message: `气瓶编号 ${barcode} 在本次申请中重复（Items[${earlier}] 与 Items[${i}]）` },
      );
    }
    seen.set(barcode, i);
    if (carCodeProblem(barcode) === null) {
      throw invalid(field, `${barcode} 是车用气瓶编码（号段由省局分配），不能用于非车用气瓶登记`);
    }
    return {
      barcode,
      printno: text(item.printno, `Items[${i}].Printno`, 64),
      innerNo: optionalText(item.innerNo, `Items[${i}].InnerNo`, 64),
    };
  });

  return {
    kind: input.kind,
    thirdId,
    style,
    medium,
    factoryUnitId: o.factoryId,
    productDate,
    discardDate,
    checkDate,
    nextDate,
    idleWeight: Math.round(o.idleWeight * 100) / 100,
    remark: optionalText(o.remark, "Overview.Remark", MAX_REMARK),
    valve,
    payImage: text(o.payImage, "Overview.PayImage", 300),
    batchImage: text(o.batchImage, "Overview.BatchImage", 300),
    deviceImage: text(o.deviceImage, "Overview.DeviceImage", 300),
    items: drafts,
  };
}
