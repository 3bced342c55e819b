/**
 * Everything the fill-permit rule needs, for many (barcode, unit, instant) requests in ONE
 * query: the registry's permit read contract v1 (cylinder_permit_v1, unit_permit_v1,
 * fill_permission_v1: the only registry data trace reads, DESIGN "Data ownership"), the
 * latest before-fill check before each instant, and trace's latest inspection result (see
 * effective.ts). Each part is an index lookup per request: (barcode) on the archive,
 * (barcode, checked_at) on checks, (barcode, report_date) on results.
 *
 * A request without a unit asks about the cylinder's owner (a regulator's "may its owner
 * fill it?").
 */
import { chinaDateOf } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { type Executor, jsonb, rows } from "../shared/sql";
import { effectiveCylinder, type LatestInspection } from "./effective";
import type { CylinderPermitRow, FillPermissionRow, LatestBeforeFillCheck, UnitPermitRow } from "./types";

export interface PermitRequest {
  barcode: string;
  /** null: the cylinder's owner */
  unitId: number | null;
  /** The decision instant (now, or a fill's beginAt). */
  at: Date;
}

export interface PermitContext {
  barcode: string;
  /** The requested unit, or the owner when none was named (null when neither is known). */
  unitId: number | null;
  /** The registry's archive row, as is. */
  registered: CylinderPermitRow | null;
  /** The archive corrected by trace's latest inspection result: what the rule sees. */
  cylinder: CylinderPermitRow | null;
  unit: UnitPermitRow | null;
  permissions: FillPermissionRow[];
  latestBeforeFillCheck: LatestBeforeFillCheck | null;
  latestInspection: LatestInspection | null;
}

interface Row {
  n: number;
  unit_id: number | null;
  cylinder: Record<string, unknown> | null;
  unit: Record<string, unknown> | null;
  permissions: Record<string, unknown>[];
  last_check: { state: number; checked_at: string; remark: string | null } | null;
  last_inspection: { id: number; conclusion: number; report_date: string; next_date: string | null } | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toCylinderRow(c: Record<string, unknown>): CylinderPermitRow {
  return {
    barcode: c.barcode as string,
    kind: c.kind as CylinderPermitRow["kind"],
    state: Number(c.state),
    ownerUnitId: num(c.owner_unit_id),
    prefectureCode: c.prefecture_code as string,
    medium: c.medium as string,
    productDate: (c.product_date as string | null) ?? null,
    nextDate: (c.next_date as string | null) ?? null,
    discardDate: (c.discard_date as string | null) ?? null,
    lifePeriod: num(c.life_period),
    fillWeight: num(c.fill_weight),
  };
}

export function toUnitRow(u: Record<string, unknown>): UnitPermitRow {
  return {
    id: Number(u.id),
    kind: u.kind as UnitPermitRow["kind"],
    prefectureCode: u.prefecture_code as string,
    licensedMedia: (u.licensed_media as string[] | null) ?? [],
    licenseExpiresOn: (u.license_expires_on as string | null) ?? null,
  };
}

function toPermissionRow(p: Record<string, unknown>): FillPermissionRow {
  return {
    fillingUnitId: Number(p.filling_unit_id),
    ownerUnitId: num(p.owner_unit_id),
    barcode: (p.barcode as string | null) ?? null,
    validFrom: p.valid_from as string,
    validTo: (p.valid_to as string | null) ?? null,
  };
}

export async function loadPermitContexts(db: Executor, requests: readonly PermitRequest[]): Promise<PermitContext[]> {
  if (requests.length === 0) return [];
  const payload = requests.map((r, n) => ({
    n,
    barcode: r.barcode,
    unit_id: r.unitId,
    at: r.at.toISOString(),
    day: chinaDateOf(r.at),
  }));
  const found = await rows<Row>(
    db,
    sql`select r.n, coalesce(r.unit_id, c.owner_unit_id) as unit_id,
        case when c.barcode is null then null else row_to_json(c) end as cylinder,
        (select row_to_json(u) from registry.unit_permit_v1 u where u.id = coalesce(r.unit_id, c.owner_unit_id)) as unit,
        (select coalesce(json_agg(row_to_json(p)), '[]'::json) from registry.fill_permission_v1 p
          where p.filling_unit_id = coalesce(r.unit_id, c.owner_unit_id)
            and (p.barcode = r.barcode or (c.owner_unit_id is not null and p.owner_unit_id = c.owner_unit_id))) as permissions,
        (select row_to_json(b) from (select b.state, b.checked_at, b.remark from trace.before_fill_check b
          where b.barcode = r.barcode and b.checked_at <= r.at
          order by b.checked_at desc, b.id desc limit 1) b) as last_check,
        (select row_to_json(i) from (select i.id, i.conclusion, i.report_date, i.next_date from trace.inspection_result i
          where i.barcode = r.barcode and i.report_date <= r.day
          order by i.report_date desc, i.received_at desc, i.id desc limit 1) i) as last_inspection
      from jsonb_to_recordset(${jsonb(payload)}) as r(n int, barcode text, unit_id int, at timestamptz, day date)
      left join registry.cylinder_permit_v1 c on c.barcode = r.barcode
      order by r.n`,
  );
  return found.map((r) => {
    const req = requests[r.n]!;
    const registered = r.cylinder ? toCylinderRow(r.cylinder) : null;
    const latestInspection: LatestInspection | null = r.last_inspection
      ? {
          id: Number(r.last_inspection.id),
          conclusion: Number(r.last_inspection.conclusion),
          reportDate: r.last_inspection.report_date,
          nextDate: r.last_inspection.next_date,
        }
      : null;
    return {
      barcode: req.barcode,
      unitId: r.unit_id,
      registered,
      cylinder: effectiveCylinder(registered, latestInspection),
      unit: r.unit ? toUnitRow(r.unit) : null,
      permissions: (r.permissions ?? []).map(toPermissionRow),
      latestBeforeFillCheck: r.last_check
        ? {
            state: Number(r.last_check.state),
            checkedAt: new Date(r.last_check.checked_at),
            remark: r.last_check.remark,
          }
        : null,
      latestInspection,
    };
  });
}
