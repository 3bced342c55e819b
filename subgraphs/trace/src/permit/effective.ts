/**
 * The cylinder as the permit rule should see it: the registry's archive, corrected by trace's
 * own latest inspection result (pure).
 *
 * The registry archive is updated from inspection results through the outbox relay, so it
 * can lag the result by seconds or more. A cylinder inspected minutes ago must already be
 * decided right, so:
 *  - the latest result (by report date, then receipt) passing with a NextDate later than the
 *    archive's makes that NextDate the effective one;
 *  - the latest result being a scrap (不合格报废) makes the cylinder scrapped, whatever the
 *    archive still says (a scrapped cylinder is destroyed; a correction is a new result).
 * Only results reported on or before the decision's China date count. A pass never lifts a
 * registry state (locked, suspended, scrapped): the registry decides those.
 */
import { CylinderState, InspectionConclusion } from "@cylinder/db";
import type { CylinderPermitRow } from "./types";

/** Trace's latest inspection result of a cylinder. */
export interface LatestInspection {
  id: number;
  /** InspectionConclusion: 0 合格, 1 不合格报废 */
  conclusion: number;
  reportDate: string;
  nextDate: string | null;
}

export function effectiveCylinder(
  registered: CylinderPermitRow | null,
  latest: LatestInspection | null,
): CylinderPermitRow | null {
  if (registered === null || latest === null) return registered;
  if (latest.conclusion === InspectionConclusion.values.SCRAP) {
    return { ...registered, state: CylinderState.values.SCRAPPED };
  }
  if (
    latest.conclusion === InspectionConclusion.values.PASS &&
    latest.nextDate !== null &&
    (registered.nextDate === null || latest.nextDate > registered.nextDate)
  ) {
    return { ...registered, nextDate: latest.nextDate };
  }
  return registered;
}
