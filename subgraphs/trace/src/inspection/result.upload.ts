/**
 * Uploading inspection results (inspection stations only): validate the whole batch (pure),
 * read the station, the registered cylinders and the named orders (at most two queries),
 * judge lateness on the working-day calendar (never failing on it, see lateness.ts), then in
 * one transaction store the results, their alarms (late_inspection, unknown_cylinder), one
 * outbox message per accepted result for the registry archive, and complete the orders
 * whose every cylinder now has a result.
 */
import { chinaDateOf, InspectionConclusion, PlatformError } from "@cylinder/db";
import { sql } from "drizzle-orm";
import type { TraceContext } from "../context";
import { enqueue, type InspectionResultMessage } from "../outbox/messages";
import { actingUnit, requireKnownUnit } from "../shared/guard";
import { readUnitAndCylinders } from "../shared/registry-read";
import { type Executor, intArray, rows } from "../shared/sql";
import {
  checkBatchSize,
  checkIsoDate,
  checkUniqueThirdIds,
  invalidItem,
  missingItemField,
  normalizeBarcode,
  optionalText,
  parseItemEnum,
  parseItemThirdId,
} from "../shared/validate";
import { runUpload } from "../upload/run";
import type { UploadResult } from "../upload/upload.type";
import { assessInspectionResult, type InspectionAssessment, type Lateness } from "./lateness";
import type { InspectionResultInput } from "./result.type";

export interface ValidResult {
  thirdId: number;
  barcode: string;
  orderId: number | null;
  conclusion: number;
  reportDate: string;
  reportNo: string | null;
  valveReplaced: boolean;
  valveMaker: string | null;
  nextDate: string | null;
  remark: string | null;
}

/** The batch's items, validated against the receipt's China date; throws naming the item. */
export function validateResultBatch(items: readonly InspectionResultInput[], receivedAt: Date): ValidResult[] {
  checkBatchSize(items);
  const today = chinaDateOf(receivedAt);
  const valid = items.map((item, i) => {
    const barcode = normalizeBarcode(item.barcode, i);
    const conclusion = parseItemEnum(InspectionConclusion, item.conclusion, i, "conclusion");
    const reportDate = checkIsoDate(item.reportDate, i, "reportDate");
    if (reportDate > today) throw invalidItem(i, "reportDate", `报告日期 ${reportDate} 晚于今天`);
    let nextDate: string | null = null;
    if (conclusion === InspectionConclusion.values.PASS) {
      if (!item.nextDate) throw missingItemField(i, "nextDate");
      nextDate = checkIsoDate(item.nextDate, i, "nextDate");
      if (nextDate <= reportDate) throw invalidItem(i, "nextDate", `下次检验日期 ${nextDate} 不晚于报告日期`);
    }
    const orderId = item.orderId ?? null;
    if (orderId !== null && (!Number.isInteger(orderId) || orderId <= 0))
      throw invalidItem(i, "orderId", "工单 ID 无效");
    return {
      thirdId: parseItemThirdId(item.thirdId, i),
      barcode,
      orderId,
      conclusion,
      reportDate,
      reportNo: optionalText(item.reportNo),
      valveReplaced: item.valveReplaced ?? false,
      valveMaker: optionalText(item.valveMaker),
      nextDate,
      remark: optionalText(item.remark),
    };
  });
  checkUniqueThirdIds(valid.map((v) => v.thirdId));
  return valid;
}

interface OrderFacts {
  id: number;
  station_unit_id: number;
  station_name: string | null;
  barcodes: string[];
}

async function readOrders(db: Executor, ids: number[]): Promise<Map<number, OrderFacts>> {
  if (ids.length === 0) return new Map();
  const found = await rows<OrderFacts>(
    db,
    sql`select o.id, o.station_unit_id, o.station_name,
        coalesce((select json_agg(i.barcode) from trace.inspection_order_item i
          where i.order_id = o.id and i.removed_at is null), '[]'::json) as barcodes
      from trace.inspection_order o where o.id = any(${intArray(ids)})`,
  );
  return new Map(found.map((o) => [o.id, o]));
}

/** Results naming an order must name one addressed to this station, with the cylinder on it. */
export function checkOrders(items: readonly ValidResult[], orders: Map<number, OrderFacts>, stationUnitId: number) {
  items.forEach((item, i) => {
    if (item.orderId === null) return;
    const order = orders.get(item.orderId);
    if (!order || order.station_unit_id !== stationUnitId) {
      throw invalidItem(i, "orderId", `工单 ${item.orderId} 不存在或未送检到本机构`);
    }
    if (!order.barcodes.includes(item.barcode)) {
      throw invalidItem(i, "barcode", `气瓶 ${item.barcode} 不在工单 ${item.orderId} 中`);
    }
  });
}

async function completeOrders(tx: Executor, orderIds: number[]): Promise<void> {
  if (orderIds.length === 0) return;
  await tx.execute(
    sql`update trace.inspection_order o set status = 'completed'
      where o.id = any(${intArray(orderIds)}) and o.status = 'submitted'
        and not exists (select 1 from trace.inspection_order_item i
          where i.order_id = o.id and i.removed_at is null
            and not exists (select 1 from trace.inspection_result r where r.order_id = o.id and r.barcode = i.barcode))`,
  );
}

export async function uploadInspectionResults(
  ctx: TraceContext,
  input: readonly InspectionResultInput[],
): Promise<UploadResult> {
  const stationUnitId = actingUnit(ctx.identity, "recordInspection");
  const receivedAt = ctx.deps.clock.now();
  const items = validateResultBatch(input, receivedAt);
  const orderIds = [...new Set(items.map((i) => i.orderId).filter((id): id is number => id !== null))];
  const [known, orders] = await Promise.all([
    readUnitAndCylinders(
      ctx.deps.db,
      stationUnitId,
      items.map((i) => i.barcode),
    ),
    readOrders(ctx.deps.db, orderIds),
  ]);
  const station = requireKnownUnit(known.unit, stationUnitId);
  if (station.kind !== "inspection") {
    throw new PlatformError("FORBIDDEN", { reason: `单位 ${stationUnitId} 不是检验机构` });
  }
  checkOrders(items, orders, stationUnitId);

  const assessments: InspectionAssessment[] = items.map((item) =>
    assessInspectionResult(
      { barcode: item.barcode, reportDate: item.reportDate, receivedAt },
      { cylinder: known.cylinders.get(item.barcode) ?? null, calendar: ctx.deps.calendar },
    ),
  );
  const undetermined = assessments.filter((a) => a.lateness === "undetermined");
  if (undetermined.length > 0) {
    ctx.deps.log.warn(
      { year: undetermined[0]!.unknownYear, results: undetermined.length },
      "working-day calendar does not know the year: inspection results stored with lateness undetermined until its holiday notice is added (db/calendar/README.md)",
    );
  }

  return runUpload(ctx.deps, {
    spec: {
      kind: "inspection_result",
      table: "inspection_result",
      ownerColumn: "station_unit_id",
      ownerId: stationUnitId,
      columns: [
        ["order_id", "int"],
        ["barcode", "text"],
        ["station_unit_id", "int"],
        ["third_id", "bigint"],
        ["conclusion", "smallint"],
        ["report_date", "date"],
        ["report_no", "text"],
        ["valve_replaced", "boolean"],
        ["valve_maker", "text"],
        ["next_date", "date"],
        ["remark", "text"],
        ["prefecture_code", "text"],
        ["received_at", "timestamptz"],
        ["lateness", "text", "trace.inspection_lateness"],
      ],
      rows: items.map((i, n) => ({
        order_id: i.orderId,
        barcode: i.barcode,
        station_unit_id: stationUnitId,
        third_id: i.thirdId,
        conclusion: i.conclusion,
        report_date: i.reportDate,
        report_no: i.reportNo,
        valve_replaced: i.valveReplaced,
        valve_maker: i.valveMaker,
        next_date: i.nextDate,
        remark: i.remark,
        prefecture_code: station.prefectureCode,
        received_at: receivedAt.toISOString(),
        lateness: assessments[n]!.lateness,
      })),
      returning: ["lateness"],
    },
    alarmsFor: (stored) =>
      assessments[stored.index]!.alarms.map((d) => ({
        ...d,
        barcode: items[stored.index]!.barcode,
        unitId: stationUnitId,
        prefectureCode: station.prefectureCode,
        recordKind: "inspection_result",
        recordId: stored.id,
      })),
    afterStore: async (tx, stored) => {
      const accepted = stored.filter((s) => s.status === "ACCEPTED");
      const messages: InspectionResultMessage[] = accepted.map((s) => {
        const item = items[s.index]!;
        return {
          resultId: s.id,
          barcode: item.barcode,
          conclusion: item.conclusion,
          conclusionKey: item.conclusion === InspectionConclusion.values.PASS ? "PASS" : "SCRAP",
          reportDate: item.reportDate,
          nextDate: item.nextDate,
          reportNo: item.reportNo,
          stationUnitId,
          stationName: item.orderId === null ? null : (orders.get(item.orderId)?.station_name ?? null),
          valveReplaced: item.valveReplaced,
          valveMaker: item.valveMaker,
          receivedAt: receivedAt.toISOString(),
        };
      });
      await enqueue(tx, "inspection_result", messages);
      await completeOrders(tx, [
        ...new Set(accepted.map((s) => items[s.index]!.orderId).filter((id): id is number => id !== null)),
      ]);
    },
    latenessOf: (s) => (s.row.lateness as Lateness | null) ?? null,
  });
}
