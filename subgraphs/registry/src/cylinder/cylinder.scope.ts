/**
 * Scoping of cylinder reads, in SQL for lists and per row for lookups; both follow the pure
 * rules in @cylinder/db (auth/scope.ts).
 */
import { canRead, chinaToday, type IsoDate, PlatformError, type Scope } from "@cylinder/db";
import { cylinder, fillPermissionV1 } from "@cylinder/db/schema";
import { and, eq, gte, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { RegistryContext } from "../context";
import type { CylinderRow } from "./cylinder.loader";

/** Permissions valid today for a filling unit (by owner or by barcode). */
function activePermissions(unitId: number, today: string) {
  return and(
    eq(fillPermissionV1.fillingUnitId, unitId),
    lte(fillPermissionV1.validFrom, today),
    or(isNull(fillPermissionV1.validTo), gte(fillPermissionV1.validTo, today)),
  );
}

/** The WHERE clause limiting a cylinder list to what the scope may see. */
export function cylinderListScope(scope: Scope, today: IsoDate): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "prefecture":
      return eq(cylinder.prefectureCode, scope.prefectureCode);
    case "unit": {
      const permitted = activePermissions(scope.unitId, today);
      return or(
        eq(cylinder.ownerUnitId, scope.unitId),
        eq(cylinder.kind, "car"),
        sql`${cylinder.ownerUnitId} in (select ${fillPermissionV1.ownerUnitId} from ${fillPermissionV1} where ${and(permitted, isNotNull(fillPermissionV1.ownerUnitId))})`,
        sql`${cylinder.barcode} in (select ${fillPermissionV1.barcode} from ${fillPermissionV1} where ${and(permitted, isNotNull(fillPermissionV1.barcode))})`,
      );
    }
    default:
      throw new PlatformError("FORBIDDEN", { reason: "当前角色不能浏览气瓶列表，请按气瓶编号查询" });
  }
}

/** Whether the reader may see this cylinder looked up by its barcode. */
export async function canReadCylinder(ctx: RegistryContext, row: CylinderRow): Promise<boolean> {
  const subject = {
    kind: "cylinder" as const,
    ownerUnitId: row.ownerUnitId,
    prefectureCode: row.prefectureCode,
    carCylinder: row.kind === "car",
    byBarcode: true,
  };
  if (canRead(ctx.scope, subject)) return true;
  if (ctx.scope.kind !== "unit") return false;
  const today = chinaToday(ctx.deps.clock);
  const [hit] = await ctx.deps.db
    .select({ one: sql<number>`1` })
    .from(fillPermissionV1)
    .where(
      and(
        activePermissions(ctx.scope.unitId, today),
        or(eq(fillPermissionV1.barcode, row.barcode), eq(fillPermissionV1.ownerUnitId, row.ownerUnitId ?? -1)),
      ),
    )
    .limit(1);
  return hit !== undefined;
}
