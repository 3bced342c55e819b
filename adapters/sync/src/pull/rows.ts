/**
 * Reading one element of a source's list into the row the province stores, or the reason it
 * cannot be stored (the row then goes to quarantine; the rest of the page goes on).
 *
 * Pure: no I/O. Field names are the annex's (annex 1 §2 GenericBottle/List, §3 CarBottle/List;
 * the trace lists carry an upload item's fields plus Id, UnitCode, UnitName, ManName,
 * FactoryName, CreateTime, DateSource; CheckResult/List: the inspection result's fields plus
 * Id, StationCode, StationName, CreateTime). Absent or empty optional fields become null; a value
 * of the wrong type, an impossible date or an out-of-range enum is a reason, never guessed.
 */
import {
  CarType,
  CheckState,
  CylinderState,
  chinaMidnight,
  InspectionConclusion,
  isPlatformError,
  PlatformError,
  parseDate8,
  parseDateTime14,
  Valve,
} from "@cylinder/db";
import type { CylinderList, FillTraceList } from "./lists";

export type SourceElement = Record<string, unknown>;

/** A cylinder archive as the province stores it (snake_case: it travels as jsonb). */
export interface CylinderRow {
  source_id: number;
  barcode: string;
  kind: "generic" | "car";
  /** 产权单位统一社会信用代码 (OwnerCode), resolved to a unit at the province. */
  owner_code: string | null;
  prefecture_code: string;
  state: number;
  medium: string;
  printno: string | null;
  inner_no: string | null;
  style: string | null;
  valve: number | null;
  product_date: string | null;
  discard_date: string | null;
  check_date: string | null;
  next_date: string | null;
  idle_weight: number | null;
  fill_weight: number | null;
  nominal_pressure: number | null;
  volume: number | null;
  thickness: number | null;
  water_pressure: number | null;
  check_period: number | null;
  life_period: number | null;
  factory: string | null;
  designer: string | null;
  supervise: string | null;
  check_unit: string | null;
  /** ISO instant */
  register_date: string | null;
  register_no: string | null;
  car_cylinder_type: string | null;
  car_no: string | null;
  car_type: number | null;
  car_vin: string | null;
  certificate_date: string | null;
  use_date: string | null;
  device_code: string | null;
  product_no: string | null;
  company: string | null;
  /** 统一社会信用代码/身份证号 in clear; sealed with the province's data key when stored. */
  identity_no: string | null;
  install: string | null;
  office: string | null;
}

/** A before/after-fill check or a fill record as the province stores it. */
export interface TraceRow {
  source_id: number;
  unit_code: string;
  unit_name: string | null;
  third_id: number;
  barcode: string;
  /** ISO instant: when the prefecture platform received it (CreateTime). */
  received_at: string | null;
  // checks
  state?: number;
  remark?: string | null;
  checked_at?: string;
  checked_at_source?: "reported" | "received";
  inspector_name?: string | null;
  // fills
  idle_weight?: number;
  gross_weight?: number;
  net_weight?: number;
  begin_at?: string;
  end_at?: string;
  machine?: number | null;
  scale_factory?: string | null;
  filler_name?: string | null;
}

/** A station's inspection result as the province stores it. */
export interface InspectionRow {
  source_id: number;
  /** 检验机构统一社会信用代码 (StationCode), resolved to a unit at the province. */
  station_code: string;
  station_name: string | null;
  third_id: number | null;
  barcode: string;
  conclusion: number;
  report_date: string;
  report_no: string | null;
  valve_replaced: boolean;
  valve_maker: string | null;
  next_date: string | null;
  remark: string | null;
  /** ISO instant: when the prefecture platform received it (CreateTime). */
  received_at: string | null;
}

export type Parsed<R> =
  | { ok: true; row: R }
  | { ok: false; reason: string; sourceRecordId: string | null; barcode: string | null };

const CREDIT_CODE = /^[0-9A-Z]{18}$/;

function invalid(field: string, reason: string): PlatformError {
  return new PlatformError("INVALID_FIELD", { field, reason });
}

function present(e: SourceElement, field: string): unknown {
  const v = e[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string" && v.trim() === "") return undefined;
  return v;
}

function text(e: SourceElement, field: string): string | null {
  const v = present(e, field);
  if (v === undefined) return null;
  if (typeof v !== "string") throw invalid(field, `应为字符串，收到 ${typeof v}`);
  return v.trim();
}

function requiredText(e: SourceElement, field: string): string {
  const v = text(e, field);
  if (v === null) throw new PlatformError("MISSING_FIELD", { field });
  return v;
}

function number(e: SourceElement, field: string, max = 99_999_999.99): number | null {
  const v = present(e, field);
  if (v === undefined) return null;
  const n = typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) throw invalid(field, `应为数值，收到 ${JSON.stringify(v)}`);
  if (n < 0 || n > max) throw invalid(field, `超出范围 (0..${max})：${n}`);
  return Math.round(n * 100) / 100;
}

function requiredNumber(e: SourceElement, field: string): number {
  const v = number(e, field);
  if (v === null) throw new PlatformError("MISSING_FIELD", { field });
  return v;
}

function integer(e: SourceElement, field: string, max: number): number | null {
  const v = number(e, field, max);
  if (v !== null && !Number.isInteger(v)) throw invalid(field, `应为整数：${v}`);
  return v;
}

function sourceId(e: SourceElement): number {
  const v = present(e, "Id");
  const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
    throw v === undefined ? new PlatformError("MISSING_FIELD", { field: "Id" }) : invalid("Id", "应为非负整数");
  }
  return n;
}

function date8(e: SourceElement, field: string): string | null {
  const v = text(e, field);
  return v === null ? null : parseDate8(v, field);
}

function dateTime14(e: SourceElement, field: string): string | null {
  const v = text(e, field);
  return v === null ? null : parseDateTime14(v, field).toISOString();
}

function requiredDateTime14(e: SourceElement, field: string): string {
  const v = dateTime14(e, field);
  if (v === null) throw new PlatformError("MISSING_FIELD", { field });
  return v;
}

function enumValue(e: SourceElement, field: string, parse: (v: unknown, f: string) => number): number | null {
  const v = present(e, field);
  return v === undefined ? null : parse(v, field);
}

function creditCode(e: SourceElement, field: string): string | null {
  const v = text(e, field);
  if (v === null) return null;
  const code = v.toUpperCase();
  if (!CREDIT_CODE.test(code)) throw invalid(field, `统一社会信用代码应为 18 位数字或大写字母：${v}`);
  return code;
}

function maxLength(value: string, field: string, max: number): string {
  if (value.length > max) throw invalid(field, `长度超过 ${max}`);
  return value;
}

/** Reads a cylinder archive element of `list` from the platform of `prefectureCode`. */
export function parseCylinder(list: CylinderList, e: SourceElement, prefectureCode: string): Parsed<CylinderRow> {
  return attempt(e, () => {
    const id = sourceId(e);
    const barcode = maxLength(requiredText(e, "Barcode"), "Barcode", 40);
    const pref = text(e, "PrefectureCode");
    if (pref !== null && pref !== prefectureCode) {
      throw invalid("PrefectureCode", `气瓶属于 ${pref}，不属于来源平台所在州市 ${prefectureCode}`);
    }
    const state = enumValue(e, "State", (v, f) => CylinderState.parse(v, f));
    if (state === null) throw new PlatformError("MISSING_FIELD", { field: "State" });
    const car = list === "car_bottle";
    const registerDate = car ? date8(e, "RegisterDate") : dateTime14(e, "RegisterDate");
    return {
      source_id: id,
      barcode,
      kind: car ? "car" : "generic",
      owner_code: creditCode(e, "OwnerCode"),
      prefecture_code: prefectureCode,
      state,
      medium: requiredText(e, "Medium"),
      printno: car ? null : text(e, "Printno"),
      inner_no: text(e, "InnerNo"),
      style: car ? null : text(e, "Style"),
      valve: car ? null : enumValue(e, "Valve", (v, f) => Valve.parse(v, f)),
      product_date: date8(e, "ProductDate"),
      discard_date: car ? null : date8(e, "DiscardDate"),
      check_date: date8(e, "CheckDate"),
      next_date: date8(e, "NextDate"),
      idle_weight: car ? null : number(e, "IdleWeight"),
      fill_weight: car ? null : number(e, "FillWeight"),
      nominal_pressure: number(e, "NominalPressure"),
      volume: number(e, "Volumn"),
      thickness: car ? null : number(e, "Thickness"),
      water_pressure: car ? null : number(e, "WaterPressure"),
      check_period: car ? null : integer(e, "CheckPeriod", 100),
      life_period: car ? null : integer(e, "LifePeriod", 100),
      factory: text(e, "Factory"),
      designer: car ? null : text(e, "Designer"),
      supervise: text(e, "Supervise"),
      check_unit: text(e, "Check"),
      // a car cylinder's RegisterDate is a calendar date (yyyyMMdd): its midnight in China
      register_date: registerDate === null ? null : car ? chinaMidnight(registerDate).toISOString() : registerDate,
      register_no: car ? text(e, "RegisterNo") : null,
      car_cylinder_type: car ? text(e, "Type") : null,
      car_no: car ? text(e, "CarNo") : null,
      car_type: car ? enumValue(e, "CarType", (v, f) => CarType.parse(v, f)) : null,
      car_vin: car ? text(e, "CarVin") : null,
      certificate_date: car ? date8(e, "CertificateDate") : null,
      use_date: car ? date8(e, "UseDate") : null,
      device_code: car ? text(e, "DeviceCode") : null,
      product_no: car ? text(e, "ProductNo") : null,
      company: car ? text(e, "Company") : null,
      identity_no: car ? text(e, "IdentityNo") : null,
      install: car ? text(e, "Install") : null,
      office: car ? text(e, "Office") : null,
    };
  });
}

function thirdIdOf(e: SourceElement): number {
  const v = present(e, "ThridId") ?? present(e, "ThirdId");
  const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (v === undefined) throw new PlatformError("MISSING_FIELD", { field: "ThridId" });
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw invalid("ThridId", "应为非负整数");
  return n;
}

function dateSource(e: SourceElement): "reported" | "received" {
  const v = present(e, "DateSource");
  if (v === undefined) return "reported";
  if (v === "reported" || v === "received") return v;
  if (v === 0 || v === "0") return "reported";
  if (v === 1 || v === "1") return "received";
  throw invalid("DateSource", `取值应为 reported/received：${JSON.stringify(v)}`);
}

/** Reads a trace element (a check or a fill record) of `list`. */
export function parseTrace(list: FillTraceList, e: SourceElement): Parsed<TraceRow> {
  return attempt(e, () => {
    const base = {
      source_id: sourceId(e),
      unit_code: (() => {
        const c = creditCode(e, "UnitCode");
        if (c === null) throw new PlatformError("MISSING_FIELD", { field: "UnitCode" });
        return c;
      })(),
      unit_name: text(e, "UnitName"),
      third_id: thirdIdOf(e),
      barcode: maxLength(requiredText(e, "Barcode"), "Barcode", 40),
      received_at: dateTime14(e, "CreateTime"),
    };
    if (list === "fill_record") {
      const idle = requiredNumber(e, "IdleWeight");
      const gross = requiredNumber(e, "GrossWeight");
      const net = requiredNumber(e, "NetWeight");
      const beginAt = requiredDateTime14(e, "BeginDate");
      const endAt = requiredDateTime14(e, "EndDate");
      if (endAt < beginAt) throw invalid("EndDate", "结束时间早于开始时间");
      return {
        ...base,
        idle_weight: idle,
        gross_weight: gross,
        net_weight: net,
        begin_at: beginAt,
        end_at: endAt,
        machine: integer(e, "Machine", 2_147_483_647),
        scale_factory: text(e, "FactoryName"),
        filler_name: text(e, "ManName"),
      };
    }
    const state = enumValue(e, "State", (v, f) => CheckState.parse(v, f));
    if (state === null) throw new PlatformError("MISSING_FIELD", { field: "State" });
    const source = dateSource(e);
    return {
      ...base,
      state,
      remark: text(e, "Remark"),
      checked_at: requiredDateTime14(e, "Date"),
      checked_at_source: source,
      inspector_name: text(e, "ManName"),
    };
  });
}

function optionalId(e: SourceElement, field: string): number | null {
  const v = present(e, field);
  if (v === undefined) return null;
  const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw invalid(field, "应为非负整数");
  return n;
}

function flag(e: SourceElement, field: string): boolean {
  const v = present(e, field);
  if (v === undefined || v === 0 || v === "0" || v === false) return false;
  if (v === 1 || v === "1" || v === true) return true;
  throw invalid(field, `取值应为 0 或 1：${JSON.stringify(v)}`);
}

/**
 * Reads an inspection result element (CheckResult/List). The station is named by its credit
 * code (StationCode): without it the result cannot be attributed. ApplyId names an order of
 * the prefecture platform, which the province does not hold: not stored.
 */
export function parseInspectionResult(e: SourceElement): Parsed<InspectionRow> {
  return attempt(e, () => {
    const id = sourceId(e);
    const station = creditCode(e, "StationCode");
    if (station === null) throw new PlatformError("MISSING_FIELD", { field: "StationCode" });
    const conclusion = enumValue(e, "Result", (v, f) => InspectionConclusion.parse(v, f));
    if (conclusion === null) throw new PlatformError("MISSING_FIELD", { field: "Result" });
    const reportDate = date8(e, "ReportDate");
    if (reportDate === null) throw new PlatformError("MISSING_FIELD", { field: "ReportDate" });
    const nextDate = date8(e, "NextDate");
    // a passed cylinder is due again later; the archive's next date depends on it
    if (conclusion === InspectionConclusion.values.PASS && nextDate === null) {
      throw new PlatformError("MISSING_FIELD", { field: "NextDate" });
    }
    if (nextDate !== null && nextDate <= reportDate) throw invalid("NextDate", "下次检验日期应晚于检验报告完成日期");
    return {
      source_id: id,
      station_code: station,
      station_name: text(e, "StationName"),
      third_id: optionalId(e, "ThirdId"),
      barcode: maxLength(requiredText(e, "Barcode"), "Barcode", 40),
      conclusion,
      report_date: reportDate,
      report_no: text(e, "ReportNo"),
      valve_replaced: flag(e, "ValveReplaced"),
      valve_maker: text(e, "ValveMaker"),
      next_date: nextDate,
      remark: text(e, "Remark"),
      received_at: dateTime14(e, "CreateTime"),
    };
  });
}

function attempt<R>(e: SourceElement, read: () => R): Parsed<R> {
  try {
    return { ok: true, row: read() };
  } catch (err) {
    if (!isPlatformError(err)) throw err;
    const id = e.Id;
    const barcode = e.Barcode;
    return {
      ok: false,
      reason: err.message,
      sourceRecordId: typeof id === "number" || typeof id === "string" ? String(id) : null,
      barcode: typeof barcode === "string" ? barcode.trim().slice(0, 40) : null,
    };
  }
}
