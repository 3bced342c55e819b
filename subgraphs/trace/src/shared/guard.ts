/** Who may write: the acting unit always comes from the identity, never from input. */
import { type Action, canDo, type Identity, PlatformError } from "@cylinder/db";
import type { UnitPermitRow } from "../permit/types";

const ACTION_LABEL: Record<Action, string> = {
  uploadTrace: "仅充装单位可上传充装前后检查、充装记录或申请充装许可",
  fillingUnitPaperwork: "仅充装单位可办理送检、对账等业务",
  recordInspection: "仅检验机构可上传检验结果",
  regulate: "仅监管部门可处理报警",
  operate: "仅平台运维可执行此操作",
};

/** The acting unit's id, when the identity may take the action; FORBIDDEN otherwise. */
export function actingUnit(identity: Identity, action: Action): number {
  if (!canDo(identity, action) || identity.unitId === null) {
    throw new PlatformError("FORBIDDEN", { reason: ACTION_LABEL[action] });
  }
  return identity.unitId;
}

/** The acting unit as the registry knows it (its prefecture stamps every record). */
export function requireKnownUnit(unit: UnitPermitRow | null, unitId: number): UnitPermitRow {
  if (!unit) throw new PlatformError("FORBIDDEN", { reason: `本单位（${unitId}）未在平台登记` });
  return unit;
}
