/**
 * Where a pulled cylinder archive goes at the province (pure). Cylinders are keyed province-
 * wide by barcode (一瓶一码) and each synced row also by (source prefecture, source Id):
 *
 * - the province already holds this source row (same prefecture and Id): update it, even if
 *   the source changed its barcode, unless another archive already has the new barcode;
 * - a row of the same prefecture holds the barcode under another source Id (the platform
 *   re-registered it): update that row and take over the new Id;
 * - the barcode belongs to an archive registered at the province itself or pulled from
 *   another prefecture: a conflict. The province never overwrites another owner's archive on
 *   a source's word; the row is quarantined for an operator to settle;
 * - otherwise: a new archive.
 */
export interface ExistingCylinder {
  id: number;
  barcode: string;
  sourcePrefectureCode: string | null;
  sourceId: number | null;
}

export type Placement =
  | { action: "insert" }
  | { action: "update"; id: number }
  | { action: "conflict"; reason: string };

export function placeCylinder(
  row: { barcode: string; sourceId: number },
  prefectureCode: string,
  bySource: ExistingCylinder | undefined,
  byBarcode: ExistingCylinder | undefined,
): Placement {
  if (bySource) {
    if (byBarcode && byBarcode.id !== bySource.id) {
      return { action: "conflict", reason: conflictReason(row.barcode, byBarcode) };
    }
    return { action: "update", id: bySource.id };
  }
  if (byBarcode) {
    if (byBarcode.sourcePrefectureCode === prefectureCode) return { action: "update", id: byBarcode.id };
    return { action: "conflict", reason: conflictReason(row.barcode, byBarcode) };
  }
  return { action: "insert" };
}

function conflictReason(barcode: string, holder: ExistingCylinder): string {
  return holder.sourcePrefectureCode === null
    ? `气瓶编号 ${barcode} 已在省平台登记（非州市平台同步），不予覆盖`
    : `气瓶编号 ${barcode} 已由州市 ${holder.sourcePrefectureCode} 的平台同步（来源 Id ${holder.sourceId}），不予覆盖`;
}
