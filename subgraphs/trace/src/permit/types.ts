/**
 * Inputs and output of the fill-permit decision. The cylinder, unit and permission shapes are
 * the registry's permit read contract v1 (`registry.cylinder_permit_v1`, `unit_permit_v1`,
 * `fill_permission_v1`), typed from the drizzle views so the rule and the contract cannot
 * drift apart.
 */
import type { cylinderPermitV1, fillPermissionV1, unitPermitV1 } from "@cylinder/db/schema";

/** A row of `registry.cylinder_permit_v1`. */
export type CylinderPermitRow = typeof cylinderPermitV1.$inferSelect;

/** A row of `registry.unit_permit_v1`. */
export type UnitPermitRow = typeof unitPermitV1.$inferSelect;

/**
 * A row of `registry.fill_permission_v1` (which holds only permissions not revoked when read).
 * `revokedAt` is tolerated for callers that read the table itself: a permission revoked at
 * or before the decision instant does not count.
 */
export type FillPermissionRow = typeof fillPermissionV1.$inferSelect & { revokedAt?: Date | null };

/** The cylinder's latest before-fill check, by whichever unit made it. */
export interface LatestBeforeFillCheck {
  /** CheckState: 0 合格, 1 不合格. */
  state: number;
  checkedAt: Date;
  remark?: string | null;
}

export interface FillPermitInput {
  /** The barcode as scanned (surrounding spaces, as in the annex's examples, are ignored). */
  barcode: string;
  /** The registered cylinder, or null when the barcode is not registered. */
  cylinder: CylinderPermitRow | null;
  /** The requesting unit, or null when its id is not in the registry. */
  unit: UnitPermitRow | null;
  /** Permissions granted to the requesting unit (others are ignored). */
  permissions: readonly FillPermissionRow[];
  /** The latest before-fill check of this cylinder before the decision instant, or null. */
  latestBeforeFillCheck: LatestBeforeFillCheck | null;
  /** The decision instant; every date rule compares its China (UTC+8) calendar date. */
  now: Date;
}

/** Refusal reason codes, in the order a decision lists them. Stable: never renamed. */
export const PERMIT_REASON_CODES = [
  "NOT_REGISTERED",
  "NOT_OWN_PROPERTY",
  "SCRAPPED",
  "LOCKED",
  "SUSPENDED",
  "STATE_UNKNOWN",
  "INSPECTION_OVERDUE",
  "INSPECTION_DATE_MISSING",
  "PAST_DISCARD_DATE",
  "PAST_DESIGN_LIFE",
  "MEDIUM_NOT_LICENSED",
  "BEFORE_FILL_CHECK_FAILED",
  "UNIT_UNKNOWN",
  "NOT_FILLING_UNIT",
  "LICENSE_MISSING",
  "LICENSE_EXPIRED",
] as const;

export type PermitReasonCode = (typeof PERMIT_REASON_CODES)[number];

export interface PermitReason {
  code: PermitReasonCode;
  /** Chinese, shown to the station and the regulator. */
  message: string;
}

export interface FillPermitDecision {
  permitted: boolean;
  /** Every reason that applies, in PERMIT_REASON_CODES order; empty when permitted. */
  reasons: PermitReason[];
}
