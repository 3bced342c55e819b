/**
 * 使用登记机关同意充装 (plan 二(二)1(5)): "气瓶充装单位只能充装本单位办理使用登记的气瓶以及使用
 * 登记机关同意充装的气瓶". The authority that registered the cylinders — the regulator of the
 * owner's (or the cylinder's) prefecture, or the province — grants a filling unit leave to fill
 * all of one owner's cylinders, or one cylinder, for a period; and may revoke it. The trace
 * subgraph's permit decision reads the active ones through `registry.fill_permission_v1`.
 */
import { chinaToday, type IsoDate, PlatformError, parseIsoDate, type Scope } from "@cylinder/db";
import { cylinder, fillPermission, unit } from "@cylinder/db/schema";
import { and, eq, gte, isNull, or, type SQL, sql } from "drizzle-orm";
import type { RegistryContext } from "../context";
import { lockFor } from "../db-util";
import { requireRegulate } from "../guard";
import { normalizeBarcode } from "../registration/registration.rules";
import type { FillPermissionRow } from "./fill-permission.type";

const ownerPrefecture = sql`(select ${unit.prefectureCode} from ${unit} where ${unit.id} = ${fillPermission.ownerUnitId})`;
const cylinderPrefecture = sql`(select ${cylinder.prefectureCode} from ${cylinder} where ${cylinder.barcode} = ${fillPermission.barcode})`;
const fillingPrefecture = sql`(select ${unit.prefectureCode} from ${unit} where ${unit.id} = ${fillPermission.fillingUnitId})`;

/** Permissions a scope may read: its own as filler or owner; its prefecture's as regulator. */
export function fillPermissionScope(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "prefecture":
      return sql`${scope.prefectureCode} in (${fillingPrefecture}, coalesce(${ownerPrefecture}, ${cylinderPrefecture}))`;
    case "unit":
      return or(
        eq(fillPermission.fillingUnitId, scope.unitId),
        eq(fillPermission.ownerUnitId, scope.unitId),
        sql`${fillPermission.barcode} in (select ${cylinder.barcode} from ${cylinder} where ${cylinder.ownerUnitId} = ${scope.unitId})`,
      );
    default:
      throw new PlatformError("FORBIDDEN", { reason: "当前角色不能查看同意充装许可" });
  }
}

export function activeCondition(active: boolean, today: IsoDate): SQL {
  const on = and(
    isNull(fillPermission.revokedAt),
    sql`${fillPermission.validFrom} <= ${today}`,
    or(isNull(fillPermission.validTo), gte(fillPermission.validTo, today)),
  )!;
  return active ? on : sql`not (${on})`;
}

export interface GrantInput {
  fillingUnitId: number;
  ownerUnitId?: number | null;
  barcode?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  reason: string;
}

export async function grantFillPermission(ctx: RegistryContext, input: GrantInput): Promise<FillPermissionRow> {
  const { db } = ctx.deps;
  const hasOwner = input.ownerUnitId !== null && input.ownerUnitId !== undefined;
  const hasBarcode = !!input.barcode?.trim();
  if (hasOwner === hasBarcode) {
    throw new PlatformError("INVALID_FIELD", {
      field: "ownerUnitId/barcode",
      reason: "须且只能指定产权单位或气瓶编号之一",
    });
  }
  const [filler] = await db.select().from(unit).where(eq(unit.id, input.fillingUnitId));
  if (filler?.kind !== "filling") {
    throw new PlatformError("INVALID_FIELD", {
      field: "fillingUnitId",
      reason: `单位 ${input.fillingUnitId} ${filler ? "不是充装单位" : "不存在"}`,
    });
  }
  let prefectureCode: string;
  let barcode: string | null = null;
  if (hasOwner) {
    const [owner] = await db.select().from(unit).where(eq(unit.id, input.ownerUnitId!));
    if (owner?.kind !== "filling") {
      throw new PlatformError("INVALID_FIELD", {
        field: "ownerUnitId",
        reason: `单位 ${input.ownerUnitId} ${owner ? "不是产权（充装）单位" : "不存在"}`,
      });
    }
    if (owner.id === filler.id)
      throw new PlatformError("INVALID_FIELD", { field: "ownerUnitId", reason: "本单位的气瓶无需许可" });
    prefectureCode = owner.prefectureCode;
  } else {
    barcode = normalizeBarcode(input.barcode, "barcode");
    const [c] = await db.select().from(cylinder).where(eq(cylinder.barcode, barcode));
    if (!c) throw new PlatformError("UNKNOWN_BARCODE", { barcode });
    if (c.kind === "car")
      throw new PlatformError("INVALID_FIELD", { field: "barcode", reason: "车用气瓶不受产权限制，无需许可" });
    if (c.ownerUnitId === filler.id)
      throw new PlatformError("INVALID_FIELD", { field: "barcode", reason: "本单位的气瓶无需许可" });
    prefectureCode = c.prefectureCode;
  }
  const regulator = requireRegulate(ctx, prefectureCode, "批准同意充装");
  const today = chinaToday(ctx.deps.clock);
  const validFrom = input.validFrom?.trim() ? parseIsoDate(input.validFrom, "validFrom") : today;
  const validTo = input.validTo?.trim() ? parseIsoDate(input.validTo, "validTo") : null;
  if (validTo !== null && (validTo < validFrom || validTo < today)) {
    throw new PlatformError("INVALID_FIELD", { field: "validTo", reason: "截止日期须不早于生效日期和今天" });
  }
  const reason = input.reason?.trim();
  if (!reason) throw new PlatformError("MISSING_FIELD", { field: "reason" });

  return db.transaction(async (tx) => {
    await lockFor(tx, "fillPermissions", filler.id);
    const [dup] = await tx
      .select({ id: fillPermission.id })
      .from(fillPermission)
      .where(
        and(
          eq(fillPermission.fillingUnitId, filler.id),
          hasOwner ? eq(fillPermission.ownerUnitId, input.ownerUnitId!) : eq(fillPermission.barcode, barcode!),
          isNull(fillPermission.revokedAt),
          or(isNull(fillPermission.validTo), gte(fillPermission.validTo, today)),
        ),
      )
      .limit(1);
    if (dup) throw new PlatformError("CONFLICT", { reason: `已有未撤销的同类许可（编号 ${dup.id}），请先撤销` });
    const [row] = await tx
      .insert(fillPermission)
      .values({
        fillingUnitId: filler.id,
        ownerUnitId: hasOwner ? input.ownerUnitId! : null,
        barcode,
        grantedByUnitId: regulator.unitId,
        validFrom,
        validTo,
        reason,
      })
      .returning();
    return row!;
  });
}

export async function revokeFillPermission(ctx: RegistryContext, id: number): Promise<FillPermissionRow> {
  const { db } = ctx.deps;
  const [found] = await db
    .select({
      permission: fillPermission,
      prefectureCode: sql<string>`coalesce(${ownerPrefecture}, ${cylinderPrefecture})`,
    })
    .from(fillPermission)
    .where(eq(fillPermission.id, id));
  if (!found) throw new PlatformError("NOT_FOUND", { what: "同意充装许可", id });
  requireRegulate(ctx, found.prefectureCode, "撤销同意充装");
  if (found.permission.revokedAt) throw new PlatformError("INVALID_STATE", { reason: `许可 ${id} 已撤销` });
  const [row] = await db
    .update(fillPermission)
    .set({ revokedAt: ctx.deps.clock.now() })
    .where(and(eq(fillPermission.id, id), isNull(fillPermission.revokedAt)))
    .returning();
  if (!row) throw new PlatformError("INVALID_STATE", { reason: `许可 ${id} 已撤销` });
  return row;
}
