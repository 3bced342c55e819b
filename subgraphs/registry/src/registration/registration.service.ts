/**
 * 使用登记 (use registration): a filling unit applies (ApplyNew / ApplyOld), the registration
 * authority of its prefecture reviews; approval creates the cylinders' archive entries
 * (一瓶一码) in the same transaction.
 *
 * Barcodes are checked against the archive and against every other pending application while
 * holding one transaction-scoped advisory lock, so two applications (or an application and an
 * approval) naming the same barcode cannot both pass; the archive's unique barcode is the last
 * line of defence.
 */
import { chinaToday, PlatformError, type Scope } from "@cylinder/db";
import { cylinder, image, registration, registrationItem, unit } from "@cylinder/db/schema";
import { and, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import type { RegistryContext } from "../context";
import { isUniqueViolation, lockFor, type Queryable, type Tx } from "../db-util";
import { requireAction, requireRegulate } from "../guard";
import { appendLedgerLeaves, type LedgerRecord } from "../ledger/ledger-seam";
import {
  parseThirdId,
  type RegistrationDraft,
  type RegistrationIn,
  validateRegistration,
  wholeYearsBetween,
} from "./registration.rules";
import type { RegistrationRow } from "./registration.type";

/** The WHERE clause limiting registrations to what a scope may read (unit records). */
export function registrationScope(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "prefecture":
      return sql`${registration.unitId} in (select ${unit.id} from ${unit} where ${unit.prefectureCode} = ${scope.prefectureCode})`;
    case "unit":
      return eq(registration.unitId, scope.unitId);
    default:
      throw new PlatformError("FORBIDDEN", { reason: "当前角色不能查看使用登记申请" });
  }
}

/** Whether the reader may see one registration of an applicant in `prefectureCode`. */
export function canReadRegistration(scope: Scope, row: RegistrationRow, prefectureCode: string): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "prefecture":
      return scope.prefectureCode === prefectureCode;
    case "unit":
      return scope.unitId === row.unitId;
    default:
      return false;
  }
}

async function itemBarcodes(tx: Queryable, registrationId: number): Promise<string[]> {
  const rows = await tx
    .select({ barcode: registrationItem.barcode })
    .from(registrationItem)
    .where(eq(registrationItem.registrationId, registrationId));
  return rows.map((r) => r.barcode).sort();
}

/** The first barcode already in the archive, or pending in another application. */
async function checkBarcodesFree(tx: Tx, barcodes: readonly string[], exceptRegistrationId?: number): Promise<void> {
  const existing = await tx
    .select({ barcode: cylinder.barcode })
    .from(cylinder)
    .where(inArray(cylinder.barcode, barcodes as string[]))
    .limit(1);
  if (existing[0]) {
    throw new PlatformError("DUPLICATE_BARCODE", {
      barcode: existing[0].barcode,
      field: `Items[${barcodes.indexOf(existing[0].barcode)}].Barcode`,
    });
  }
  const pending = await tx
    .select({ barcode: registrationItem.barcode, registrationId: registration.id })
    .from(registrationItem)
    .innerJoin(registration, eq(registration.id, registrationItem.registrationId))
    .where(
      and(
        inArray(registrationItem.barcode, barcodes as string[]),
        eq(registration.status, "pending"),
        exceptRegistrationId === undefined ? undefined : ne(registration.id, exceptRegistrationId),
      ),
    )
    .limit(1);
  if (pending[0]) {
    const { barcode, registrationId } = pending[0];
    throw new PlatformError(
      "DUPLICATE_BARCODE",
      { barcode, field: `Items[${barcodes.indexOf(barcode)}].Barcode`, registrationId },
      { message: `气瓶编号 ${barcode} 已在待审核的登记申请（编号 ${registrationId}）中` },
    );
  }
}

async function checkReferences(tx: Tx, draft: RegistrationDraft, unitId: number): Promise<void> {
  const [factory] = await tx.select({ kind: unit.kind }).from(unit).where(eq(unit.id, draft.factoryUnitId));
  if (factory?.kind !== "manufacturer") {
    throw new PlatformError("INVALID_FIELD", {
      field: "Overview.Factory",
      reason: `厂家 ID ${draft.factoryUnitId} ${factory ? "不是制造单位" : "不存在"}`,
    });
  }
  const paths = [
    ["Overview.PayImage", draft.payImage],
    ["Overview.BatchImage", draft.batchImage],
    ["Overview.DeviceImage", draft.deviceImage],
  ] as const;
  const owned = await tx
    .select({ path: image.path })
    .from(image)
    .where(
      and(
        eq(image.unitId, unitId),
        inArray(
          image.path,
          paths.map(([, p]) => p),
        ),
      ),
    );
  const ownedPaths = new Set(owned.map((r) => r.path));
  for (const [field, path] of paths) {
    if (!ownedPaths.has(path)) {
      throw new PlatformError("INVALID_FIELD", { field, reason: `照片 ${path} 不存在或不是本单位上传的` });
    }
  }
}

/**
 * ApplyNew / ApplyOld. Idempotent on (unit, kind, ThirdId): a retry returns the registration
 * the first call created, whatever has happened since (even after review); the same ThirdId
 * naming other barcodes is a CONFLICT, not a silent success.
 */
export async function applyRegistration(ctx: RegistryContext, input: RegistrationIn): Promise<RegistrationRow> {
  const id = requireAction(ctx, "fillingUnitPaperwork", "办理使用登记申请");
  const { db } = ctx.deps;
  const thirdId = parseThirdId(input.thirdId);
  const findExisting = async (tx: Queryable) =>
    (
      await tx
        .select()
        .from(registration)
        .where(
          and(
            eq(registration.unitId, id.unitId),
            eq(registration.applyKind, input.kind),
            eq(registration.thirdId, thirdId),
          ),
        )
    )[0];
  const retried = async (existing: RegistrationRow, tx: Queryable): Promise<RegistrationRow> => {
    const sent = (input.items ?? []).map((i) => i.barcode?.trim() ?? "").sort();
    const stored = await itemBarcodes(tx, existing.id);
    if (sent.length !== stored.length || sent.some((b, i) => b !== stored[i])) {
      throw new PlatformError("CONFLICT", {
        reason: `ThirdId ${thirdId} 已用于本单位的另一份登记申请（编号 ${existing.id}），气瓶列表不同`,
      });
    }
    return existing;
  };
  const before = await findExisting(db);
  if (before) return retried(before, db);

  const [applicant] = await db.select().from(unit).where(eq(unit.id, id.unitId));
  if (applicant?.kind !== "filling") {
    throw new PlatformError("FORBIDDEN", { reason: "申请单位不是充装单位" });
  }
  const draft = validateRegistration(input, {
    today: chinaToday(ctx.deps.clock),
    licensedMedia: applicant.licensedMedia,
  });
  try {
    return await db.transaction(async (tx) => {
      await lockFor(tx, "registrationBarcodes");
      const raced = await findExisting(tx);
      if (raced) return retried(raced, tx);
      await checkReferences(tx, draft, id.unitId);
      const barcodes = draft.items.map((i) => i.barcode);
      await checkBarcodesFree(tx, barcodes);
      const [row] = await tx
        .insert(registration)
        .values({
          unitId: id.unitId,
          thirdId: draft.thirdId,
          applyKind: draft.kind,
          style: draft.style,
          medium: draft.medium,
          factoryUnitId: draft.factoryUnitId,
          productDate: draft.productDate,
          discardDate: draft.discardDate,
          checkDate: draft.checkDate,
          nextDate: draft.nextDate,
          idleWeight: draft.idleWeight,
          remark: draft.remark,
          valve: draft.valve,
          payImage: draft.payImage,
          batchImage: draft.batchImage,
          deviceImage: draft.deviceImage,
        })
        .returning();
      await tx.insert(registrationItem).values(draft.items.map((i) => ({ registrationId: row!.id, ...i })));
      await appendLedgerLeaves(tx, [{ table: "registration", id: row!.id }]);
      return row!;
    });
  } catch (e) {
    // a concurrent first call with the same ThirdId committed between our check and insert
    if (isUniqueViolation(e, "registration_unit_kind_third_id_key")) {
      const existing = await findExisting(db);
      if (existing) return retried(existing, db);
    }
    throw e;
  }
}

/**
 * Review by the registration authority of the applicant's prefecture (or the province).
 * Approval creates every cylinder of the application: owner = applicant, prefecture = the
 * applicant's, registered now, state normal, fields from the overview and the item. A
 * rejection needs a comment saying why.
 */
export async function reviewRegistration(
  ctx: RegistryContext,
  registrationId: number,
  approve: boolean,
  comment: string | null | undefined,
): Promise<RegistrationRow> {
  const { db } = ctx.deps;
  const [found] = await db
    .select({ registration, prefectureCode: unit.prefectureCode })
    .from(registration)
    .innerJoin(unit, eq(unit.id, registration.unitId))
    .where(eq(registration.id, registrationId));
  if (!found) throw new PlatformError("NOT_FOUND", { what: "登记申请", id: registrationId });
  const reviewer = requireRegulate(ctx, found.prefectureCode, "审核使用登记申请");
  const reviewComment = comment?.trim() || null;
  if (!approve && !reviewComment) throw new PlatformError("MISSING_FIELD", { field: "comment（驳回理由）" });

  return db.transaction(async (tx) => {
    await lockFor(tx, "registrationBarcodes");
    const [current] = await tx.select().from(registration).where(eq(registration.id, registrationId)).for("update");
    if (current!.status !== "pending") {
      throw new PlatformError("INVALID_STATE", {
        reason: `登记申请 ${registrationId} 已${current!.status === "approved" ? "通过" : "驳回"}审核`,
      });
    }
    const items = await tx.select().from(registrationItem).where(eq(registrationItem.registrationId, registrationId));
    const leaves: LedgerRecord[] = [];
    if (approve) {
      const barcodes = items.map((i) => i.barcode);
      await checkBarcodesFree(tx, barcodes, registrationId);
      const [factory] = current!.factoryUnitId
        ? await tx.select({ name: unit.name }).from(unit).where(eq(unit.id, current!.factoryUnitId))
        : [];
      const now = ctx.deps.clock.now();
      try {
        const created = await tx
          .insert(cylinder)
          .values(
            items.map((item) => ({
              barcode: item.barcode,
              kind: "generic" as const,
              ownerUnitId: current!.unitId,
              prefectureCode: found.prefectureCode,
              registrationId,
              state: 1,
              medium: current!.medium,
              printno: item.printno,
              innerNo: item.innerNo,
              style: current!.style,
              valve: current!.valve,
              productDate: current!.productDate,
              discardDate: current!.discardDate,
              checkDate: current!.checkDate,
              nextDate: current!.nextDate,
              idleWeight: current!.idleWeight,
              checkPeriod: wholeYearsBetween(current!.checkDate ?? current!.productDate, current!.nextDate),
              lifePeriod: wholeYearsBetween(current!.productDate, current!.discardDate),
              factory: factory?.name ?? null,
              factoryUnitId: current!.factoryUnitId,
              registerDate: now,
            })),
          )
          .returning();
        for (const c of created) leaves.push({ table: "cylinder", id: c.id });
      } catch (e) {
        if (isUniqueViolation(e, "cylinder_barcode_key")) {
          throw new PlatformError("DUPLICATE_BARCODE", { barcode: "（本申请中的一只气瓶）" });
        }
        throw e;
      }
    }
    const [row] = await tx
      .update(registration)
      .set({
        status: approve ? "approved" : "rejected",
        reviewerUnitId: reviewer.unitId,
        reviewedAt: ctx.deps.clock.now(),
        reviewComment,
      })
      .where(eq(registration.id, registrationId))
      .returning();
    leaves.unshift({ table: "registration", id: row!.id });
    await appendLedgerLeaves(tx, leaves);
    return row!;
  });
}
