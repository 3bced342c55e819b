/**
 * Who may call what, as guards at the top of each resolver. They only apply the rules of
 * @cylinder/db (auth/scope.ts): `canDo` for role-bound actions, `canRegulate` for regulator
 * actions in a prefecture. A caller without a ticket gets UNAUTHENTICATED, a caller whose role
 * or prefecture does not fit gets FORBIDDEN with the reason.
 */
import { type Action, canDo, canRegulate, type Identity, PlatformError, SYSTEM_IDENTITY } from "@cylinder/db";
import type { RegistryContext } from "./context";

export type AccountIdentity = Identity & { accountId: number; unitId: number; username: string };

/** The caller must be logged in (any role). */
export function requireAccount(ctx: RegistryContext): AccountIdentity {
  const id = ctx.identity;
  if (id.role === "public" || id.accountId === null || id.unitId === null || id.username === null) {
    throw new PlatformError("UNAUTHENTICATED");
  }
  return id as AccountIdentity;
}

const ACTION_LABELS: Record<Action, string> = {
  uploadTrace: "充装单位",
  fillingUnitPaperwork: "充装单位",
  recordInspection: "检验机构",
  regulate: "监管部门",
  operate: "平台运维",
};

/** The caller's role must be allowed `action`. */
export function requireAction(ctx: RegistryContext, action: Action, what: string): AccountIdentity {
  const id = requireAccount(ctx);
  if (!canDo(id, action)) {
    throw new PlatformError("FORBIDDEN", { reason: `${what}仅限${ACTION_LABELS[action]}` });
  }
  return id;
}

/** The caller must regulate `prefectureCode` (the province everywhere, a prefecture its own). */
export function requireRegulate(ctx: RegistryContext, prefectureCode: string | null, what: string): AccountIdentity {
  const id = requireAction(ctx, "regulate", what);
  if (!canRegulate(id, prefectureCode)) {
    throw new PlatformError("FORBIDDEN", { reason: `${what}超出本部门管辖范围（${prefectureCode ?? "未知州市"}）` });
  }
  return id;
}

/**
 * Operations the platform performs on itself (relays, the gateway's revocation list): an
 * operator account, or the system identity (SYSTEM_IDENTITY), which only a holder of the
 * gateway secret can present.
 */
export function requireOperatorOrSystem(ctx: RegistryContext, what: string): Identity {
  const id = ctx.identity;
  if (id.role === "operator" && id.accountId === null && id.username === SYSTEM_IDENTITY.username) return id;
  return requireAction(ctx, "operate", what);
}
