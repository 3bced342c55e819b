/**
 * Uploading fill records (annex 1 §5): validate the whole batch (pure), read the permit
 * context of every fill at its beginAt (one query: the registry's permit contract, the latest
 * before-fill check before it, trace's latest inspection), then store it in one transaction
 * with its alarms (unknown_cylinder, refused_cylinder_filled, overfill, late_upload).
 */
import { type AlarmDraft, fillRecordAlarms } from "../alarm/rules";
import type { TraceContext } from "../context";
import { loadPermitContexts } from "../permit/context";
import { actingUnit, requireKnownUnit } from "../shared/guard";
import {
  checkBatchSize,
  checkInstant,
  checkUniqueThirdIds,
  checkWeight,
  invalidItem,
  normalizeBarcode,
  optionalText,
  parseItemThirdId,
} from "../shared/validate";
import { runUpload } from "../upload/run";
import type { UploadResult } from "../upload/upload.type";
import type { FillBatchInput } from "./fill.input";

export interface ValidFill {
  thirdId: number;
  barcode: string;
  idleWeight: number;
  grossWeight: number;
  netWeight: number;
  beginAt: Date;
  endAt: Date;
  machine: number | null;
}

/** The batch's items, validated; throws naming the first malformed item. */
export function validateFillBatch(input: FillBatchInput, receivedAt: Date): ValidFill[] {
  checkBatchSize(input.items);
  const items = input.items.map((item, i) => {
    const barcode = normalizeBarcode(item.barcode, i);
    const idleWeight = checkWeight(item.idleWeight, i, "idleWeight");
    const grossWeight = checkWeight(item.grossWeight, i, "grossWeight");
    const netWeight = checkWeight(item.netWeight, i, "netWeight");
    const beginAt = checkInstant(item.beginAt, i, "beginAt", receivedAt);
    const endAt = checkInstant(item.endAt, i, "endAt", receivedAt);
    if (endAt.getTime() < beginAt.getTime()) throw invalidItem(i, "endAt", "结束时间早于开始时间");
    const machine = item.machine ?? null;
    if (machine !== null && (!Number.isInteger(machine) || machine < 0)) {
      throw invalidItem(i, "machine", "秤号须为非负整数");
    }
    const thirdId = parseItemThirdId(item.thirdId, i);
    return { thirdId, barcode, idleWeight, grossWeight, netWeight, beginAt, endAt, machine };
  });
  checkUniqueThirdIds(items.map((i) => i.thirdId));
  return items;
}

export async function uploadFills(ctx: TraceContext, input: FillBatchInput): Promise<UploadResult> {
  const unitId = actingUnit(ctx.identity, "uploadTrace");
  const receivedAt = ctx.deps.clock.now();
  const items = validateFillBatch(input, receivedAt);
  const scaleFactory = optionalText(input.scaleFactory);
  const fillerName = optionalText(input.fillerName);
  const contexts = await loadPermitContexts(
    ctx.deps.db,
    items.map((i) => ({ barcode: i.barcode, unitId, at: i.beginAt })),
  );
  const unit = requireKnownUnit(contexts[0]?.unit ?? null, unitId);

  return runUpload(ctx.deps, {
    spec: {
      kind: "fill_record",
      table: "fill_record",
      ownerColumn: "unit_id",
      ownerId: unitId,
      columns: [
        ["unit_id", "int"],
        ["third_id", "bigint"],
        ["barcode", "text"],
        ["idle_weight", "numeric"],
        ["gross_weight", "numeric"],
        ["net_weight", "numeric"],
        ["begin_at", "timestamptz"],
        ["end_at", "timestamptz"],
        ["machine", "int"],
        ["scale_factory", "text"],
        ["filler_name", "text"],
        ["prefecture_code", "text"],
        ["received_at", "timestamptz"],
      ],
      rows: items.map((i) => ({
        unit_id: unitId,
        third_id: i.thirdId,
        barcode: i.barcode,
        idle_weight: i.idleWeight,
        gross_weight: i.grossWeight,
        net_weight: i.netWeight,
        begin_at: i.beginAt.toISOString(),
        end_at: i.endAt.toISOString(),
        machine: i.machine,
        scale_factory: scaleFactory,
        filler_name: fillerName,
        prefecture_code: unit.prefectureCode,
        received_at: receivedAt.toISOString(),
      })),
    },
    alarmsFor: (stored) => {
      const item = items[stored.index]!;
      const c = contexts[stored.index]!;
      const drafts: AlarmDraft[] = fillRecordAlarms(
        { ...item, receivedAt },
        {
          cylinder: c.cylinder,
          unit: c.unit,
          permissions: c.permissions,
          latestBeforeFillCheck: c.latestBeforeFillCheck,
        },
      );
      return drafts.map((d) => ({
        ...d,
        barcode: item.barcode,
        unitId,
        prefectureCode: unit.prefectureCode,
        recordKind: "fill_record",
        recordId: stored.id,
      }));
    },
  });
}
