/**
 * Small reads of the registry's permit read contract v1 (the only registry data trace reads):
 * the uploading unit and which of a batch's barcodes are registered, in one query.
 */
import { sql } from "drizzle-orm";
import { toCylinderRow, toUnitRow } from "../permit/context";
import type { CylinderPermitRow, UnitPermitRow } from "../permit/types";
import { type Executor, one, textArray } from "./sql";

export interface UploaderAndCylinders {
  unit: UnitPermitRow | null;
  cylinders: Map<string, CylinderPermitRow>;
}

export async function readUnitAndCylinders(
  db: Executor,
  unitId: number,
  barcodes: readonly string[],
): Promise<UploaderAndCylinders> {
  const row = await one<{ unit: Record<string, unknown> | null; cylinders: Record<string, unknown>[] }>(
    db,
    sql`select
        (select row_to_json(u) from registry.unit_permit_v1 u where u.id = ${unitId}) as unit,
        (select coalesce(json_agg(row_to_json(c)), '[]'::json) from registry.cylinder_permit_v1 c
          where c.barcode = any(${textArray([...new Set(barcodes)])})) as cylinders`,
  );
  const cylinders = new Map<string, CylinderPermitRow>();
  for (const c of row?.cylinders ?? []) {
    const r = toCylinderRow(c);
    cylinders.set(r.barcode, r);
  }
  return { unit: row?.unit ? toUnitRow(row.unit) : null, cylinders };
}
