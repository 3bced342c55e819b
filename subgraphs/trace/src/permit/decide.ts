/**
 * THE fill-permit rule (充装许可判定): may this unit fill this cylinder now? The province plan
 * (二(二)1(5)) requires the platform to tell a unit's own cylinders from others' (car
 * cylinders excepted), to judge whether a cylinder is legal (registered) and fit (inspected,
 * not scrapped), and to answer "不允许充装" for any cylinder that is not; a unit may fill only
 * the cylinders it registered and those the registration authority agreed to.
 *
 * A pure function: no clock, no I/O. The caller reads the permit contract views and passes
 * the instant. Every reason that applies is listed, in PERMIT_REASON_CODES order.
 *
 * Date convention (China Standard Time, UTC+8): `now` is reduced to its China calendar date
 * `today` and compared with calendar dates, never instants. A date that ends a validity is
 * the LAST day of that validity:
 * - NextDate (下检日期): the cylinder may be filled ON its NextDate; from the next day it is
 *   overdue (超期未检). 2026-05-10T15:59:59Z (23:59:59 China) on NextDate 2026-05-10 is
 *   permitted, 2026-05-10T16:00:00Z (00:00:00 China on the 11th) is refused.
 * - DiscardDate (报废日期): fillable on that date, refused from the day after.
 * - Design life: productDate + lifePeriod years (a 29 February product date ends on 28
 *   February in a common year, see `addYears`); fillable on that date, refused after.
 * - A filling licence (许可证有效期至) is valid through its expiry date.
 * - A permission is valid on validFrom..validTo inclusive; a null validTo is open-ended.
 *
 * Missing data: a registered cylinder without a NextDate is refused (the annex makes NextDate
 * the inspection-pass mark: "未过期表示检验合格标识"; without it nothing shows the cylinder
 * was inspected). A missing DiscardDate, ProductDate or LifePeriod is not a reason: the
 * annex's car-cylinder record carries none of the last two, and DiscardDate is optional; the
 * rules that need them apply when they are known. A filling unit whose licence expiry is not
 * recorded is refused (LICENSE_MISSING): the platform cannot confirm it may fill at all.
 *
 * Not registered: the rules about the cylinder (ownership, state, dates, medium, check)
 * cannot apply and are not evaluated; the unit's own rules still are. Likewise without a
 * unit the rules that need it (ownership, medium) are not evaluated.
 */
import {
  addYears,
  CheckState,
  CylinderState,
  chinaDateOf,
  formatChinaDateTime,
  normalizeMedium,
  PlatformError,
} from "@cylinder/db";
import type {
  CylinderPermitRow,
  FillPermissionRow,
  FillPermitDecision,
  FillPermitInput,
  PermitReason,
  PermitReasonCode,
  UnitPermitRow,
} from "./types";
import { PERMIT_REASON_CODES } from "./types";

const ORDER = new Map<PermitReasonCode, number>(PERMIT_REASON_CODES.map((c, i) => [c, i]));

/** Whether a permission lets `unit` fill `cylinder` on `today` (a China date) at `now`. */
export function permissionApplies(
  p: FillPermissionRow,
  unitId: number,
  cylinder: CylinderPermitRow,
  today: string,
  now: Date,
): boolean {
  if (p.fillingUnitId !== unitId) return false;
  if (p.revokedAt && p.revokedAt.getTime() <= now.getTime()) return false;
  const namesOwner = p.ownerUnitId !== null && cylinder.ownerUnitId !== null && p.ownerUnitId === cylinder.ownerUnitId;
  const namesBarcode = p.barcode !== null && p.barcode.trim() === cylinder.barcode.trim();
  if (!namesOwner && !namesBarcode) return false;
  return p.validFrom <= today && (p.validTo === null || today <= p.validTo);
}

function cylinderReasons(input: FillPermitInput, cylinder: CylinderPermitRow, today: string, out: PermitReason[]) {
  const { unit } = input;

  if (unit && cylinder.kind !== "car" && cylinder.ownerUnitId !== unit.id) {
    const permitted = input.permissions.some((p) => permissionApplies(p, unit.id, cylinder, today, input.now));
    if (!permitted) out.push({ code: "NOT_OWN_PROPERTY", message: "非本单位自有产权气瓶且无登记机关同意充装" });
  }

  switch (cylinder.state) {
    case CylinderState.values.NORMAL:
      break;
    case CylinderState.values.SCRAPPED:
      out.push({ code: "SCRAPPED", message: "气瓶已报废" });
      break;
    case CylinderState.values.LOCKED:
      out.push({ code: "LOCKED", message: "气瓶已锁定" });
      break;
    case CylinderState.values.SUSPENDED:
      out.push({ code: "SUSPENDED", message: "气瓶已停用" });
      break;
    default:
      out.push({ code: "STATE_UNKNOWN", message: `气瓶状态异常（状态值 ${cylinder.state}）` });
  }

  if (cylinder.nextDate === null) {
    out.push({ code: "INSPECTION_DATE_MISSING", message: "未登记下次检验日期，无法确认定期检验合格" });
  } else if (cylinder.nextDate < today) {
    out.push({ code: "INSPECTION_OVERDUE", message: `超期未检（下次检验日期 ${cylinder.nextDate}）` });
  }

  if (cylinder.discardDate !== null && cylinder.discardDate < today) {
    out.push({ code: "PAST_DISCARD_DATE", message: `已超过报废日期（${cylinder.discardDate}）` });
  }

  if (cylinder.productDate !== null && cylinder.lifePeriod !== null && cylinder.lifePeriod > 0) {
    const lifeEnds = addYears(cylinder.productDate, cylinder.lifePeriod);
    if (lifeEnds < today) {
      out.push({
        code: "PAST_DESIGN_LIFE",
        message: `已超过设计使用年限（出厂日期 ${cylinder.productDate}，使用年限 ${cylinder.lifePeriod} 年，至 ${lifeEnds}）`,
      });
    }
  }

  if (unit) {
    const medium = normalizeMedium(cylinder.medium);
    const licensed = unit.licensedMedia.map(normalizeMedium);
    if (!licensed.includes(medium)) {
      const scope = licensed.length > 0 ? licensed.join("、") : "无";
      out.push({
        code: "MEDIUM_NOT_LICENSED",
        message: `充装介质不在许可范围（气瓶介质 ${medium}，许可介质 ${scope}）`,
      });
    }
  }

  const check = input.latestBeforeFillCheck;
  if (check && check.state !== CheckState.values.PASS) {
    const remark = check.remark?.trim();
    out.push({
      code: "BEFORE_FILL_CHECK_FAILED",
      message: `最近一次充装前检查不合格（${formatChinaDateTime(check.checkedAt)}${remark ? `，${remark}` : ""}）`,
    });
  }
}

function unitReasons(unit: UnitPermitRow | null, today: string, out: PermitReason[]) {
  if (!unit) {
    out.push({ code: "UNIT_UNKNOWN", message: "申请充装的单位未在平台登记" });
    return;
  }
  if (unit.kind !== "filling") out.push({ code: "NOT_FILLING_UNIT", message: "申请单位不是气瓶充装单位" });
  if (unit.licenseExpiresOn === null) {
    out.push({ code: "LICENSE_MISSING", message: "未登记充装许可证有效期，无法确认充装许可" });
  } else if (unit.licenseExpiresOn < today) {
    out.push({
      code: "LICENSE_EXPIRED",
      message: `充装许可证已过期（有效期至 ${unit.licenseExpiresOn}）`,
    });
  }
}

/** Decides whether the requesting unit may fill the scanned cylinder at `now`. */
export function decideFillPermit(input: FillPermitInput): FillPermitDecision {
  if (Number.isNaN(input.now.getTime())) {
    throw new PlatformError("INVALID_FIELD", { field: "now", reason: "无效时间" });
  }
  const barcode = input.barcode.trim();
  const { cylinder } = input;
  if (cylinder && cylinder.barcode.trim() !== barcode) {
    throw new PlatformError("INVALID_FIELD", {
      field: "cylinder",
      reason: `气瓶档案 ${cylinder.barcode} 与扫码编号 ${barcode} 不一致`,
    });
  }
  const today = chinaDateOf(input.now);
  const reasons: PermitReason[] = [];

  if (cylinder === null) reasons.push({ code: "NOT_REGISTERED", message: "气瓶未办理使用登记（不合法）" });
  else cylinderReasons(input, cylinder, today, reasons);
  unitReasons(input.unit, today, reasons);

  reasons.sort((a, b) => (ORDER.get(a.code) ?? 0) - (ORDER.get(b.code) ?? 0));
  return { permitted: reasons.length === 0, reasons };
}

/** The one line a station shows: "允许充装" or "不允许充装：reason；reason". */
export function permitMessage(decision: FillPermitDecision): string {
  if (decision.permitted) return "允许充装";
  return `不允许充装：${decision.reasons.map((r) => r.message).join("；")}`;
}
