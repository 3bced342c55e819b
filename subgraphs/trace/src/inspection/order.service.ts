/**
 * Declaring cylinders for inspection (annex 1 §8): BeginApply, AddBottle, RemoveBottle,
 * EndApply. Only a filling unit, only on its own orders (the unit comes from the identity).
 *
 * - begin is idempotent on (unit, ThirdId): a retry returns the same order; the same ThirdId
 *   for another station is a CONFLICT.
 * - add/remove are idempotent: adding a cylinder already on the order updates its SeqNo,
 *   removing one that is not there does nothing. A removed cylinder stays on record
 *   (removed_at), it is not deleted. Both need the order open.
 * - submit (EndApply) closes an open, non-empty order; submitting again returns it unchanged.
 * - Only registered cylinders of the unit's own (or car cylinders) can be added
 *   (declare.rules.ts): UNKNOWN_BARCODE / NOT_OWN_CYLINDER refuse the whole call.
 * - The ThirdId sent with add/remove/submit, when sent, must be the order's own (it names the
 *   order in the station software: a mismatch means the wrong order).
 */
import { PlatformError, UNIT_KINDS } from "@cylinder/db";
import { sql } from "drizzle-orm";
import type { TraceContext } from "../context";
import { appendAcceptedToLedger } from "../ledger/seam";
import { toUnitRow } from "../permit/context";
import { actingUnit, requireKnownUnit } from "../shared/guard";
import { readUnitAndCylinders } from "../shared/registry-read";
import { type Executor, jsonb, one, rows, textArray } from "../shared/sql";
import { checkBatchSize, invalidItem, normalizeBarcode, optionalText, parseThirdIdText } from "../shared/validate";
import { declarationProblem } from "./declare.rules";
import { type InspectionOrderItemInput, type InspectionOrderRow, ORDER_COLUMNS } from "./order.type";

function parseThirdId(value: string | null | undefined, required: boolean): number | null {
  if (value === null || value === undefined || value.trim() === "") {
    if (required) throw new PlatformError("MISSING_FIELD", { field: "thirdId" });
    return null;
  }
  const n = parseThirdIdText(value);
  if (n === null)
    throw new PlatformError("INVALID_FIELD", { field: "thirdId", reason: "须为非负整数（不超过 16 位）" });
  return n;
}

export async function beginInspectionOrder(
  ctx: TraceContext,
  thirdIdText: string,
  stationUnitId: number,
  stationNameText: string | null | undefined,
): Promise<InspectionOrderRow> {
  const unitId = actingUnit(ctx.identity, "fillingUnitPaperwork");
  const thirdId = parseThirdId(thirdIdText, true)!;
  const stationName = optionalText(stationNameText);
  const units = await one<{ me: Record<string, unknown> | null; station: Record<string, unknown> | null }>(
    ctx.deps.db,
    sql`select (select row_to_json(u) from registry.unit_permit_v1 u where u.id = ${unitId}) as me,
               (select row_to_json(u) from registry.unit_permit_v1 u where u.id = ${stationUnitId}) as station`,
  );
  const me = requireKnownUnit(units?.me ? toUnitRow(units.me) : null, unitId);
  const station = units?.station ? toUnitRow(units.station) : null;
  if (station?.kind !== "inspection") {
    throw new PlatformError("INVALID_FIELD", {
      field: "stationUnitId",
      reason: station
        ? `单位 ${stationUnitId} 是${UNIT_KINDS[station.kind]}，不是检验机构`
        : `检验机构 ${stationUnitId} 未在平台登记`,
    });
  }
  return ctx.deps.db.transaction(async (tx) => {
    const inserted = await one<InspectionOrderRow>(
      tx,
      sql`insert into trace.inspection_order as x (unit_id, third_id, station_unit_id, station_name, prefecture_code, begun_at)
        values (${unitId}, ${thirdId}, ${stationUnitId}, ${stationName}, ${me.prefectureCode}, ${ctx.deps.clock.now().toISOString()}::timestamptz)
        on conflict (unit_id, third_id) do nothing
        returning ${sql.raw(ORDER_COLUMNS)}`,
    );
    if (inserted) {
      await appendAcceptedToLedger(tx, [{ schema: "trace", table: "inspection_order", id: inserted.id }]);
      return inserted;
    }
    const existing = await one<InspectionOrderRow>(
      tx,
      sql`select ${sql.raw(ORDER_COLUMNS)} from trace.inspection_order x where x.unit_id = ${unitId} and x.third_id = ${thirdId}`,
    );
    if (!existing) throw new Error("inspection order neither inserted nor found");
    if (existing.station_unit_id !== stationUnitId) {
      throw new PlatformError("CONFLICT", {
        reason: `ThirdId ${thirdId} 已用于送检到检验机构 ${existing.station_unit_id} 的工单 ${existing.id}`,
      });
    }
    return existing;
  });
}

/** The order, locked for the change; refuses what is not the unit's own or names another ThirdId. */
async function lockOwnOrder(
  tx: Executor,
  unitId: number,
  orderId: number,
  thirdIdText: string | null | undefined,
): Promise<InspectionOrderRow> {
  const order = await one<InspectionOrderRow>(
    tx,
    sql`select ${sql.raw(ORDER_COLUMNS)} from trace.inspection_order x where x.id = ${orderId} for update`,
  );
  if (!order) throw new PlatformError("NOT_FOUND", { what: "送检工单", id: orderId });
  if (order.unit_id !== unitId)
    throw new PlatformError("FORBIDDEN", { reason: `工单 ${orderId} 不是本单位的送检工单` });
  const thirdId = parseThirdId(thirdIdText, false);
  if (thirdId !== null && thirdId !== Number(order.third_id)) {
    throw new PlatformError("INVALID_FIELD", {
      field: "thirdId",
      reason: `${thirdId} 与工单 ${orderId} 的 ThirdId（${order.third_id}）不一致`,
    });
  }
  return order;
}

function requireOpen(order: InspectionOrderRow, what: string): void {
  if (order.status !== "open") {
    throw new PlatformError("INVALID_STATE", { reason: `工单 ${order.id} 已送检结束，不能${what}` });
  }
}

async function touch(tx: Executor, orderId: number): Promise<InspectionOrderRow> {
  // any update moves updated_at (trigger)
  return (await one<InspectionOrderRow>(
    tx,
    sql`update trace.inspection_order x set status = x.status where x.id = ${orderId} returning ${sql.raw(ORDER_COLUMNS)}`,
  ))!;
}

export async function addToInspectionOrder(
  ctx: TraceContext,
  orderId: number,
  thirdId: string | null | undefined,
  items: readonly InspectionOrderItemInput[],
): Promise<InspectionOrderRow> {
  const unitId = actingUnit(ctx.identity, "fillingUnitPaperwork");
  checkBatchSize(items);
  const seen = new Map<string, number>();
  const valid = items.map((item, i) => {
    const barcode = normalizeBarcode(item.barcode, i);
    const first = seen.get(barcode);
    if (first !== undefined) throw invalidItem(i, "barcode", `与第 ${first} 条重复（${barcode}）`);
    seen.set(barcode, i);
    const seqNo = item.seqNo ?? null;
    if (seqNo !== null && !Number.isInteger(seqNo)) throw invalidItem(i, "seqNo", "须为整数");
    return { n: i, barcode, seq_no: seqNo };
  });
  return ctx.deps.db.transaction(async (tx) => {
    const order = await lockOwnOrder(tx, unitId, orderId, thirdId);
    requireOpen(order, "添加气瓶");
    const { cylinders } = await readUnitAndCylinders(
      tx,
      unitId,
      valid.map((v) => v.barcode),
    );
    for (const v of valid) {
      const problem = declarationProblem(v.barcode, cylinders.get(v.barcode), unitId);
      if (problem) throw problem;
    }
    await tx.execute(
      sql`insert into trace.inspection_order_item as i (order_id, barcode, seq_no, added_at)
        select ${orderId}, r.barcode, r.seq_no, ${ctx.deps.clock.now().toISOString()}::timestamptz
        from jsonb_to_recordset(${jsonb(valid)}) as r(n int, barcode text, seq_no int)
        order by r.n
        on conflict (order_id, barcode) where removed_at is null
        do update set seq_no = coalesce(excluded.seq_no, i.seq_no)`,
    );
    return touch(tx, orderId);
  });
}

export async function removeFromInspectionOrder(
  ctx: TraceContext,
  orderId: number,
  thirdId: string | null | undefined,
  barcodes: readonly string[],
): Promise<InspectionOrderRow> {
  const unitId = actingUnit(ctx.identity, "fillingUnitPaperwork");
  checkBatchSize(barcodes);
  const valid = barcodes.map((b, i) => normalizeBarcode(b, i));
  return ctx.deps.db.transaction(async (tx) => {
    const order = await lockOwnOrder(tx, unitId, orderId, thirdId);
    requireOpen(order, "移除气瓶");
    await tx.execute(
      sql`update trace.inspection_order_item set removed_at = ${ctx.deps.clock.now().toISOString()}::timestamptz
        where order_id = ${orderId} and barcode = any(${textArray(valid)}) and removed_at is null`,
    );
    return touch(tx, orderId);
  });
}

export async function submitInspectionOrder(
  ctx: TraceContext,
  orderId: number,
  thirdId: string | null | undefined,
): Promise<InspectionOrderRow> {
  const unitId = actingUnit(ctx.identity, "fillingUnitPaperwork");
  return ctx.deps.db.transaction(async (tx) => {
    const order = await lockOwnOrder(tx, unitId, orderId, thirdId);
    if (order.status !== "open") return order;
    const [count] = await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from trace.inspection_order_item where order_id = ${orderId} and removed_at is null`,
    );
    if (!count || count.n === 0) {
      throw new PlatformError("INVALID_STATE", { reason: `工单 ${orderId} 中没有气瓶，不能送检结束` });
    }
    return (await one<InspectionOrderRow>(
      tx,
      sql`update trace.inspection_order x set status = 'submitted', submitted_at = ${ctx.deps.clock.now().toISOString()}::timestamptz
        where x.id = ${orderId} returning ${sql.raw(ORDER_COLUMNS)}`,
    ))!;
  });
}
