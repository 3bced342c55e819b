/**
 * The enums behind the annex's integers. The annex gives some values (Valve 1..3, check State
 * 0/1, reconciliation Type 1..3) and only examples for others ("例如正常、锁定、报废等"); the
 * values marked "gap" below are this platform's filling of those gaps, published in the
 * OpenAPI document and stable from now on.
 */
import { PlatformError } from "../errors";

export interface EnumEntry {
  readonly value: number;
  /** English identifier used in code and GraphQL. */
  readonly key: string;
  /** Chinese label shown to users. */
  readonly label: string;
}

export interface IntEnum<K extends string> {
  readonly name: string;
  readonly entries: readonly EnumEntry[];
  readonly values: Readonly<Record<K, number>>;
  label(value: number): string;
  keyOf(value: number): K;
  has(value: number): boolean;
  /** Validates an incoming integer; throws INVALID_ENUM naming the field. */
  parse(value: unknown, field: string): number;
}

function defineEnum<const E extends readonly { value: number; key: string; label: string }[]>(
  name: string,
  entries: E,
): IntEnum<E[number]["key"]> {
  const byValue = new Map(entries.map((e) => [e.value, e]));
  const values = Object.fromEntries(entries.map((e) => [e.key, e.value])) as Record<E[number]["key"], number>;
  return {
    name,
    entries,
    values,
    label: (v) => byValue.get(v)?.label ?? `未知(${v})`,
    keyOf: (v) => {
      const e = byValue.get(v);
      if (!e) throw new PlatformError("INVALID_ENUM", { field: name, value: v });
      return e.key as E[number]["key"];
    },
    has: (v) => byValue.has(v),
    parse(value, field) {
      const n = typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof n !== "number" || !Number.isInteger(n) || !byValue.has(n)) {
        throw new PlatformError("INVALID_ENUM", { field, value: String(value) });
      }
      return n;
    },
  };
}

/** 气瓶状态 (GenericBottle and CarBottle `State`). Gap: the annex only gives examples. */
export const CylinderState = defineEnum("State", [
  { value: 1, key: "NORMAL", label: "正常（在用）" },
  { value: 2, key: "LOCKED", label: "锁定" },
  { value: 3, key: "SUSPENDED", label: "停用" },
  { value: 4, key: "SCRAPPED", label: "报废" },
] as const);

/** 阀门类型 (`Valve`), values from annex 1 §7.1. */
export const Valve = defineEnum("Valve", [
  { value: 1, key: "ANGLE_LIQUID", label: "角阀液相" },
  { value: 2, key: "ANGLE_GAS", label: "角阀气相" },
  { value: 3, key: "STRAIGHT_GAS", label: "直阀气相" },
] as const);

/** 车辆类型 (`CarType`). Gap: the annex only gives examples (出租车、公交车、私家车). */
export const CarType = defineEnum("CarType", [
  { value: 1, key: "TAXI", label: "出租车" },
  { value: 2, key: "BUS", label: "公交车" },
  { value: 3, key: "PRIVATE", label: "私家车" },
  { value: 4, key: "TRUCK", label: "货车" },
  { value: 5, key: "COACH", label: "客车" },
  { value: 9, key: "OTHER", label: "其他" },
] as const);

/** 检查结果 (before/after-fill check `State`), annex 1 §4, §6: 0 合格, 1 不合格. */
export const CheckState = defineEnum("State", [
  { value: 0, key: "PASS", label: "合格" },
  { value: 1, key: "FAIL", label: "不合格" },
] as const);

/** 对账数据类型 (BusinessCount `Type`), annex 1 §9. */
export const ReconciliationType = defineEnum("Type", [
  { value: 1, key: "BEFORE_FILL_CHECKS", label: "充前检查笔数" },
  { value: 2, key: "FILL_RECORDS", label: "充装记录笔数" },
  { value: 3, key: "AFTER_FILL_CHECKS", label: "充后检查笔数" },
] as const);

/** 检验结论 of a periodic inspection. Gap: the annex has no inspection-result endpoint. */
export const InspectionConclusion = defineEnum("Result", [
  { value: 0, key: "PASS", label: "合格" },
  { value: 1, key: "SCRAP", label: "不合格报废" },
] as const);

/** Kinds of unit (单位类型). */
export const UNIT_KINDS = {
  filling: "充装单位",
  inspection: "检验机构",
  authority: "登记机关（市场监管部门）",
  manufacturer: "制造单位",
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;

/** Roles of an account (账号角色), the basis of scoping. */
export const ACCOUNT_ROLES = {
  filling_unit: "充装单位",
  inspection_station: "检验机构",
  prefecture_regulator: "州市监管部门",
  province_regulator: "省级监管部门",
  platform: "对接平台（州市/省级平台间同步）",
  operator: "平台运维",
} as const;
export type AccountRole = keyof typeof ACCOUNT_ROLES;

/** Alarm kinds (报警类型) with their Chinese names. */
export const ALARM_TYPES = {
  permit_refused: "不允许充装",
  refused_cylinder_filled: "违规充装（充装了不允许充装的气瓶）",
  unknown_cylinder: "未登记气瓶的追溯记录",
  check_failed: "充装前/后检查不合格",
  overfill: "超装（净重超过最大充装量）",
  late_upload: "充装数据超过 24 小时上传",
  late_inspection: "检验结果超过 5 个工作日上传",
  reconciliation_gap: "对账差异",
  sync_failure: "州市平台同步失败",
  calendar_notice_missing: "次年法定节假日安排未收录（检验时效将无法判定）",
  citizen_report: "群众扫码反映气瓶问题",
  unknown_code_scanned: "扫码查询未登记的编码（疑似假冒标签）",
} as const;
export type AlarmType = keyof typeof ALARM_TYPES;

/** What a citizen can report from the public scan page (群众反映的问题), in the order the form shows them. */
export const CITIZEN_REPORT_KINDS = {
  no_label: "没有标签或标签损坏，扫不出信息",
  overdue: "超期未检或已到报废期仍在使用",
  leaking: "漏气、有气味",
  damaged: "瓶体变形、锈蚀或瓶阀损坏",
  refused: "经营者拒绝充装、换瓶或回收",
  other: "其他问题",
} as const;
export type CitizenReportKind = keyof typeof CITIZEN_REPORT_KINDS;

/** The kinds of record that carry a ThridId/ThirdId and are unique per unit and kind. */
export const RECORD_KINDS = {
  before_fill_check: "充装前检查",
  fill_record: "充装记录",
  after_fill_check: "充装后检查",
  registration: "使用登记申请",
  inspection_order: "送检工单",
  inspection_result: "检验结果",
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;
