/**
 * Uploading before/after-fill checks (annex 1 §4, §6): validate the whole batch (pure), read
 * the uploader and which barcodes are registered (one query), then store it in one
 * transaction with its alarms (check_failed, unknown_cylinder, late_upload).
 */
import { CheckState } from "@cylinder/db";
import { checkRecordAlarms } from "../alarm/rules";
import type { TraceContext } from "../context";
import { actingUnit, requireKnownUnit } from "../shared/guard";
import { readUnitAndCylinders } from "../shared/registry-read";
import {
  checkBatchSize,
  checkInstant,
  checkUniqueThirdIds,
  normalizeBarcode,
  optionalText,
  parseItemEnum,
  parseItemThirdId,
} from "../shared/validate";
import { runUpload } from "../upload/run";
import type { UploadResult } from "../upload/upload.type";
import type { CheckBatchInput } from "./check.input";
import type { CheckKind } from "./check.type";

export interface ValidCheck {
  thirdId: number;
  barcode: string;
  state: number;
  remark: string | null;
  checkedAt: Date;
  checkedAtSource: "reported" | "received";
}

/** The batch's items, validated; throws naming the first malformed item. */
export function validateCheckBatch(input: CheckBatchInput, receivedAt: Date): ValidCheck[] {
  checkBatchSize(input.items);
  const items = input.items.map((item, i) => {
    const barcode = normalizeBarcode(item.barcode, i);
    const state = parseItemEnum(CheckState, item.state, i, "state");
    const thirdId = parseItemThirdId(item.thirdId, i);
    const reported = item.checkedAt ?? null;
    return {
      thirdId,
      barcode,
      state,
      remark: optionalText(item.remark),
      checkedAt: reported ? checkInstant(reported, i, "checkedAt", receivedAt) : receivedAt,
      checkedAtSource: reported ? ("reported" as const) : ("received" as const),
    };
  });
  checkUniqueThirdIds(items.map((i) => i.thirdId));
  return items;
}

export async function uploadChecks(ctx: TraceContext, kind: CheckKind, input: CheckBatchInput): Promise<UploadResult> {
  const unitId = actingUnit(ctx.identity, "uploadTrace");
  const receivedAt = ctx.deps.clock.now();
  const items = validateCheckBatch(input, receivedAt);
  const inspectorName = optionalText(input.inspectorName);
  const known = await readUnitAndCylinders(
    ctx.deps.db,
    unitId,
    items.map((i) => i.barcode),
  );
  const unit = requireKnownUnit(known.unit, unitId);

  return runUpload(ctx.deps, {
    spec: {
      kind,
      table: kind,
      ownerColumn: "unit_id",
      ownerId: unitId,
      columns: [
        ["unit_id", "int"],
        ["third_id", "bigint"],
        ["barcode", "text"],
        ["state", "smallint"],
        ["remark", "text"],
        ["checked_at", "timestamptz"],
        ["checked_at_source", "text", "trace.time_source"],
        ["inspector_name", "text"],
        ["prefecture_code", "text"],
        ["received_at", "timestamptz"],
      ],
      rows: items.map((i) => ({
        unit_id: unitId,
        third_id: i.thirdId,
        barcode: i.barcode,
        state: i.state,
        remark: i.remark,
        checked_at: i.checkedAt.toISOString(),
        checked_at_source: i.checkedAtSource,
        inspector_name: inspectorName,
        prefecture_code: unit.prefectureCode,
        received_at: receivedAt.toISOString(),
      })),
    },
    alarmsFor: (stored) => {
      const item = items[stored.index]!;
      return checkRecordAlarms(
        { kind, ...item, receivedAt },
        { cylinder: known.cylinders.get(item.barcode) ?? null },
      ).map((d) => ({
        ...d,
        barcode: item.barcode,
        unitId,
        prefectureCode: unit.prefectureCode,
        recordKind: kind,
        recordId: stored.id,
      }));
    },
  });
}
