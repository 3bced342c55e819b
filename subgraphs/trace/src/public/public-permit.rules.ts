/**
 * The permit badge of the public scan page: the fill-permit rule (permit/decide.ts) judged for
 * the cylinder's owner unit, its reasons put in words a citizen understands. A car cylinder
 * owned outside the platform has no unit to judge for: only the rules about the cylinder
 * itself apply. What a station alone should see (a check's remark, which inspector) stays out.
 */
import type { FillPermitDecision, PermitReason, PermitReasonCode } from "../permit/types";

/** The reasons that are about the unit asked for, not the cylinder. */
const UNIT_REASONS: ReadonlySet<PermitReasonCode> = new Set([
  "UNIT_UNKNOWN",
  "NOT_FILLING_UNIT",
  "LICENSE_MISSING",
  "LICENSE_EXPIRED",
]);

/** A date the station message carries, kept for the citizen (超期未检（下次检验日期 2026-01-02）). */
function dateIn(message: string): string | null {
  return /(\d{4}-\d{2}-\d{2})/.exec(message)?.[1] ?? null;
}

const since = (message: string, text: string) => {
  const d = dateIn(message);
  return d ? `${text}（${d}）` : text;
};

/** Citizen wording per reason code; every code of PERMIT_REASON_CODES has one. */
export const CITIZEN_WORDING: Readonly<Record<PermitReasonCode, (message: string) => string>> = {
  NOT_REGISTERED: () => "未办理使用登记，属于不合法气瓶",
  NOT_OWN_PROPERTY: () => "不是充装单位自有产权的气瓶，且未经登记机关同意",
  SCRAPPED: () => "气瓶已报废，不能再使用",
  LOCKED: () => "气瓶已被监管部门锁定",
  SUSPENDED: () => "气瓶已停用",
  STATE_UNKNOWN: () => "气瓶状态异常，请联系监管部门核实",
  INSPECTION_OVERDUE: (m) => since(m, "已超过下次检验日期，超期未检"),
  INSPECTION_DATE_MISSING: () => "没有登记下次检验日期，无法确认按期检验",
  PAST_DISCARD_DATE: (m) => since(m, "已超过报废日期"),
  PAST_DESIGN_LIFE: (m) => {
    const until = /至 (\d{4}-\d{2}-\d{2})/.exec(m)?.[1];
    return until ? `已超过设计使用年限（${until} 到期）` : "已超过设计使用年限";
  },
  MEDIUM_NOT_LICENSED: () => "产权单位没有充装这种介质的许可",
  BEFORE_FILL_CHECK_FAILED: () => "最近一次充装前检查不合格",
  UNIT_UNKNOWN: () => "产权单位未在平台登记",
  NOT_FILLING_UNIT: () => "产权单位不是气瓶充装单位",
  LICENSE_MISSING: () => "产权单位没有登记充装许可证",
  LICENSE_EXPIRED: (m) => since(m, "产权单位的充装许可证已过期"),
};

export interface PublicPermitVerdict {
  permitted: boolean;
  /** 可以充装 / 禁止充装 */
  label: string;
  reasons: PermitReason[];
}

/**
 * The public verdict from the rule's decision. `ownerKnown`: the decision was made for the
 * owner unit; without one, the reasons about "the unit" are an artefact of asking nobody.
 */
export function publicPermitVerdict(decision: FillPermitDecision, ownerKnown: boolean): PublicPermitVerdict {
  const reasons = decision.reasons
    .filter((r) => ownerKnown || !UNIT_REASONS.has(r.code))
    .map((r) => ({ code: r.code, message: CITIZEN_WORDING[r.code](r.message) }));
  const permitted = reasons.length === 0;
  return { permitted, label: permitted ? "可以充装" : "禁止充装", reasons };
}
