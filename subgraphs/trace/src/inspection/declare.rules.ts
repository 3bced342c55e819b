/**
 * Who may declare a cylinder for inspection (AddBottle): a registered cylinder of the unit's
 * own property, or a car cylinder (owned by its vehicle's user, brought in by the car
 * station). An unknown barcode or another unit's cylinder refuses the whole call.
 */
import { PlatformError } from "@cylinder/db";
import type { CylinderPermitRow } from "../permit/types";

export function declarationProblem(
  barcode: string,
  cylinder: Pick<CylinderPermitRow, "kind" | "ownerUnitId"> | undefined,
  unitId: number,
): PlatformError | null {
  if (!cylinder) return new PlatformError("UNKNOWN_BARCODE", { barcode });
  if (cylinder.kind === "car" || cylinder.ownerUnitId === unitId) return null;
  return new PlatformError("NOT_OWN_CYLINDER", { barcode });
}
