/**
 * Writes to the archive's state: a regulator's lock / suspension / scrap / restoration with a
 * reason, and periodic-inspection results delivered by the system (check date, next date,
 * last inspecting unit; a failed inspection scraps the cylinder). Each state change is a row
 * of registry.cylinder_state_change and a ledger leaf, in the same transaction.
 */
import { InspectionConclusion, PlatformError } from "@cylinder/db";
import { cylinder, cylinderStateChange } from "@cylinder/db/schema";
import { asc, eq, inArray } from "drizzle-orm";
import type { RegistryContext } from "../context";
import { requireOperatorOrSystem, requireRegulate } from "../guard";
import { appendLedgerLeaves, type LedgerRecord } from "../ledger/ledger-seam";
import { normalizeBarcode } from "../registration/registration.rules";
import type { CylinderRow } from "./cylinder.loader";
import {
  checkReason,
  decideStateChange,
  type InspectionResultIn,
  isNewerResult,
  SCRAPPED,
  validateInspectionResult,
} from "./cylinder-state.rules";

export const MAX_INSPECTION_RESULTS = 1000;

export async function setCylinderState(
  ctx: RegistryContext,
  barcodeText: string,
  state: number,
  reasonText: string,
): Promise<CylinderRow> {
  const barcode = normalizeBarcode(barcodeText, "barcode");
  const { db } = ctx.deps;
  const [found] = await db.select().from(cylinder).where(eq(cylinder.barcode, barcode));
  if (!found) throw new PlatformError("UNKNOWN_BARCODE", { barcode });
  const regulator = requireRegulate(ctx, found.prefectureCode, "变更气瓶状态");
  const reason = checkReason(reasonText);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(cylinder).where(eq(cylinder.id, found.id)).for("update");
    const change = decideStateChange(current!.state, state);
    if (change.kind === "unchanged") return current!;
    const [row] = await tx.update(cylinder).set({ state: change.to }).where(eq(cylinder.id, found.id)).returning();
    await tx.insert(cylinderStateChange).values({
      cylinderId: found.id,
      barcode,
      fromState: change.from,
      toState: change.to,
      reason,
      source: "regulator",
      actorUnitId: regulator.unitId,
      actorAccountId: regulator.accountId,
      createdAt: ctx.deps.clock.now(),
    });
    // the change row is the audit trail; the cylinder's new state is the ledger's new version
    await appendLedgerLeaves(tx, [{ table: "cylinder", id: row!.id }]);
    return row!;
  });
}

/**
 * Periodic-inspection results (operator / system only; the trace subgraph's results reach the
 * archive through here). Idempotent: a re-delivered result changes nothing, an older one never
 * overwrites a newer one; barcodes the archive does not know are skipped (the trace keeps the
 * evidence). A malformed item refuses the whole batch. Returns how many results were applied.
 */
export async function applyInspectionResults(
  ctx: RegistryContext,
  items: readonly InspectionResultIn[],
): Promise<number> {
  requireOperatorOrSystem(ctx, "写入检验结果");
  if (items.length > MAX_INSPECTION_RESULTS)
    throw new PlatformError("BATCH_TOO_LARGE", { limit: MAX_INSPECTION_RESULTS });
  const results = items
    .map(validateInspectionResult)
    .sort((a, b) => (a.reportDate === b.reportDate ? a.resultId - b.resultId : a.reportDate < b.reportDate ? -1 : 1));
  if (results.length === 0) return 0;
  return ctx.deps.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(cylinder)
      .where(inArray(cylinder.barcode, [...new Set(results.map((r) => r.barcode))]))
      .orderBy(asc(cylinder.id))
      .for("update");
    const byBarcode = new Map(rows.map((r) => [r.barcode, r]));
    const leaves: LedgerRecord[] = [];
    let applied = 0;
    for (const result of results) {
      const current = byBarcode.get(result.barcode);
      if (!current || !isNewerResult(current, result)) continue;
      const scrap = result.conclusion === InspectionConclusion.values.SCRAP;
      const [row] = await tx
        .update(cylinder)
        .set({
          checkDate: result.reportDate,
          nextDate: result.nextDate ?? current.nextDate,
          checkUnit: result.stationName,
          lastInspectionResultId: result.resultId,
          state: scrap ? SCRAPPED : current.state,
        })
        .where(eq(cylinder.id, current.id))
        .returning();
      if (scrap && current.state !== SCRAPPED) {
        await tx.insert(cylinderStateChange).values({
          cylinderId: current.id,
          barcode: current.barcode,
          fromState: current.state,
          toState: SCRAPPED,
          reason: `定期检验不合格报废（${result.stationName}，${result.reportDate}）`,
          source: "inspection",
          inspectionResultId: result.resultId,
          createdAt: ctx.deps.clock.now(),
        });
      }
      // every applied result changes the archive (check/next date, check unit): a new version leaf
      leaves.push({ table: "cylinder", id: current.id });
      byBarcode.set(result.barcode, row!);
      applied++;
    }
    await appendLedgerLeaves(tx, leaves);
    return applied;
  });
}
