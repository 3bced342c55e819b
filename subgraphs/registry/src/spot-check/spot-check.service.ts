/**
 * 抽查 (spot checks, annex 1 §7.3): a regulator picks cylinders of a filling unit (given, or
 * at random among its cylinders in use, of one style when asked); the unit answers with a
 * photo per cylinder; the regulator closes the check.
 */
import { PlatformError, type Scope } from "@cylinder/db";
import { cylinder, image, spotCheck, spotCheckItem, unit } from "@cylinder/db/schema";
import { and, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import type { RegistryContext } from "../context";
import { requireAction, requireRegulate } from "../guard";
import { normalizeBarcode } from "../registration/registration.rules";
import type { SpotCheckRow } from "./spot-check.type";

export const MAX_SPOT_CHECK_COUNT = 200;

export function spotCheckScope(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "prefecture":
      return sql`${spotCheck.unitId} in (select ${unit.id} from ${unit} where ${unit.prefectureCode} = ${scope.prefectureCode})`;
    case "unit":
      return eq(spotCheck.unitId, scope.unitId);
    default:
      throw new PlatformError("FORBIDDEN", { reason: "当前角色不能查看抽查" });
  }
}

/** One spot check as the reader may see it (FORBIDDEN outside its scope). */
export async function readableSpotCheck(ctx: RegistryContext, id: number): Promise<SpotCheckRow | null> {
  const [found] = await ctx.deps.db
    .select({ spotCheck, prefectureCode: unit.prefectureCode })
    .from(spotCheck)
    .innerJoin(unit, eq(unit.id, spotCheck.unitId))
    .where(eq(spotCheck.id, id));
  if (!found) return null;
  const s = ctx.scope;
  const ok =
    s.kind === "all" ||
    (s.kind === "prefecture" && s.prefectureCode === found.prefectureCode) ||
    (s.kind === "unit" && s.unitId === found.spotCheck.unitId);
  if (!ok) throw new PlatformError("FORBIDDEN", { reason: `无权查看抽查 ${id}` });
  return found.spotCheck;
}

export interface IssueSpotCheckInput {
  unitId: number;
  style?: string | null;
  checkCount: number;
  checkComment?: string | null;
  barcodes?: string[] | null;
}

export async function issueSpotCheck(ctx: RegistryContext, input: IssueSpotCheckInput): Promise<SpotCheckRow> {
  const { db } = ctx.deps;
  const [target] = await db.select().from(unit).where(eq(unit.id, input.unitId));
  if (!target) throw new PlatformError("NOT_FOUND", { what: "单位", id: input.unitId });
  const regulator = requireRegulate(ctx, target.prefectureCode, "发起抽查");
  if (target.kind !== "filling") {
    throw new PlatformError("INVALID_FIELD", { field: "unitId", reason: `${target.name} 不是充装单位` });
  }
  if (!Number.isInteger(input.checkCount) || input.checkCount < 1 || input.checkCount > MAX_SPOT_CHECK_COUNT) {
    throw new PlatformError("INVALID_FIELD", {
      field: "checkCount",
      reason: `抽查瓶数须在 1 到 ${MAX_SPOT_CHECK_COUNT} 之间`,
    });
  }
  const style = input.style?.trim() || null;
  const inUse = and(
    eq(cylinder.ownerUnitId, target.id),
    ne(cylinder.state, 4),
    style ? eq(cylinder.style, style) : undefined,
  );

  let picked: { barcode: string; printno: string | null }[];
  if (input.barcodes && input.barcodes.length > 0) {
    const barcodes = input.barcodes.map((b, i) => normalizeBarcode(b, `barcodes[${i}]`));
    if (new Set(barcodes).size !== barcodes.length) {
      throw new PlatformError("INVALID_FIELD", { field: "barcodes", reason: "气瓶编号重复" });
    }
    if (barcodes.length !== input.checkCount) {
      throw new PlatformError("INVALID_FIELD", {
        field: "checkCount",
        reason: `指定了 ${barcodes.length} 只气瓶，抽查瓶数应为 ${barcodes.length}`,
      });
    }
    picked = await db
      .select({ barcode: cylinder.barcode, printno: cylinder.printno })
      .from(cylinder)
      .where(and(inUse, inArray(cylinder.barcode, barcodes)));
    const found = new Set(picked.map((p) => p.barcode));
    const stranger = barcodes.find((b) => !found.has(b));
    if (stranger !== undefined) {
      throw new PlatformError("INVALID_FIELD", {
        field: "barcodes",
        reason: `气瓶 ${stranger} 不是 ${target.name} 在用的${style ? `${style} 型` : ""}气瓶`,
      });
    }
  } else {
    picked = await db
      .select({ barcode: cylinder.barcode, printno: cylinder.printno })
      .from(cylinder)
      .where(inUse)
      .orderBy(sql`random()`)
      .limit(input.checkCount);
    if (picked.length < input.checkCount) {
      throw new PlatformError("INVALID_FIELD", {
        field: "checkCount",
        reason: `${target.name} 只有 ${picked.length} 只在用的${style ? `${style} 型` : ""}气瓶`,
      });
    }
  }

  return db.transaction(async (tx) => {
    const now = ctx.deps.clock.now();
    const [row] = await tx
      .insert(spotCheck)
      .values({
        unitId: target.id,
        authorityUnitId: regulator.unitId,
        style,
        checkCount: input.checkCount,
        checkDate: now,
        checkComment: input.checkComment?.trim() || null,
        applyDate: now,
      })
      .returning();
    await tx.insert(spotCheckItem).values(picked.map((p) => ({ spotCheckId: row!.id, ...p })));
    return row!;
  });
}

export interface SpotCheckAnswer {
  id: number;
  image: string;
}

/**
 * The unit's answer: a photo per item. Answers may come in parts and an answered photo may be
 * replaced while the check is not closed; the check is RESPONDED once every item has one.
 */
export async function respondSpotCheck(
  ctx: RegistryContext,
  spotCheckId: number,
  answers: readonly SpotCheckAnswer[],
): Promise<SpotCheckRow> {
  const id = requireAction(ctx, "fillingUnitPaperwork", "回复抽查");
  const { db } = ctx.deps;
  if (answers.length === 0) throw new PlatformError("MISSING_FIELD", { field: "Items" });
  return db.transaction(async (tx) => {
    const [check] = await tx.select().from(spotCheck).where(eq(spotCheck.id, spotCheckId)).for("update");
    if (!check) throw new PlatformError("NOT_FOUND", { what: "抽查", id: spotCheckId });
    if (check.unitId !== id.unitId)
      throw new PlatformError("FORBIDDEN", { reason: `抽查 ${spotCheckId} 不是发给本单位的` });
    if (check.status === "closed") throw new PlatformError("INVALID_STATE", { reason: `抽查 ${spotCheckId} 已结束` });

    const items = await tx.select().from(spotCheckItem).where(eq(spotCheckItem.spotCheckId, spotCheckId));
    const itemIds = new Set(items.map((i) => i.id));
    const paths = [...new Set(answers.map((a) => a.image.trim()))];
    const owned = new Set(
      (
        await tx
          .select({ path: image.path })
          .from(image)
          .where(and(eq(image.unitId, id.unitId), inArray(image.path, paths)))
      ).map((r) => r.path),
    );
    const seen = new Set<number>();
    answers.forEach((a, i) => {
      if (!itemIds.has(a.id)) {
        throw new PlatformError("INVALID_FIELD", { field: `Items[${i}].Id`, reason: `${a.id} 不是本次抽查的气瓶` });
      }
      if (seen.has(a.id)) throw new PlatformError("INVALID_FIELD", { field: `Items[${i}].Id`, reason: `${a.id} 重复` });
      seen.add(a.id);
      if (!owned.has(a.image.trim())) {
        throw new PlatformError("INVALID_FIELD", {
          field: `Items[${i}].Image`,
          reason: `照片 ${a.image} 不存在或不是本单位上传的`,
        });
      }
    });
    const now = ctx.deps.clock.now();
    for (const a of answers) {
      await tx.update(spotCheckItem).set({ image: a.image.trim(), respondedAt: now }).where(eq(spotCheckItem.id, a.id));
    }
    const [{ open }] = (await tx
      .select({ open: sql<number>`count(*)::int` })
      .from(spotCheckItem)
      .where(and(eq(spotCheckItem.spotCheckId, spotCheckId), isNull(spotCheckItem.image)))) as [{ open: number }];
    const [row] = await tx
      .update(spotCheck)
      .set(open === 0 ? { status: "responded", respondedAt: check.respondedAt ?? now } : { status: "open" })
      .where(eq(spotCheck.id, spotCheckId))
      .returning();
    return row!;
  });
}

export async function closeSpotCheck(ctx: RegistryContext, spotCheckId: number): Promise<SpotCheckRow> {
  const { db } = ctx.deps;
  const [found] = await db
    .select({ spotCheck, prefectureCode: unit.prefectureCode })
    .from(spotCheck)
    .innerJoin(unit, eq(unit.id, spotCheck.unitId))
    .where(eq(spotCheck.id, spotCheckId));
  if (!found) throw new PlatformError("NOT_FOUND", { what: "抽查", id: spotCheckId });
  requireRegulate(ctx, found.prefectureCode, "结束抽查");
  if (found.spotCheck.status === "closed") return found.spotCheck;
  const [row] = await db.update(spotCheck).set({ status: "closed" }).where(eq(spotCheck.id, spotCheckId)).returning();
  return row!;
}
