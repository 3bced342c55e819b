/**
 * BusinessCount (annex 1 §9): a filling unit reports how many checks or fills it made in a
 * month; the platform stores the count beside what it holds for that unit and month (China
 * calendar month of checkedAt / a fill's endAt) and raises `reconciliation_gap` when they
 * differ. Reporting again replaces the count (submissions counts them); the gap alarm is
 * raised once per (unit, month, type), when first found, and stays for a regulator.
 */
import { chinaDateOf, chinaMidnight, PlatformError, ReconciliationType } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { type AlarmToStore, insertAlarms, publishAlarms } from "../alarm/alarm.store";
import { reconciliationAlarms } from "../alarm/rules";
import type { TraceContext } from "../context";
import { appendAcceptedToLedger } from "../ledger/seam";
import { actingUnit, requireKnownUnit } from "../shared/guard";
import { readUnitAndCylinders } from "../shared/registry-read";
import { one } from "../shared/sql";
import { RECONCILIATION_COLUMNS, type ReconciliationRow, toReconciliation } from "./reconciliation.type";

const COUNTED: Record<number, { table: string; time: string }> = {
  [ReconciliationType.values.BEFORE_FILL_CHECKS]: { table: "trace.before_fill_check", time: "checked_at" },
  [ReconciliationType.values.FILL_RECORDS]: { table: "trace.fill_record", time: "end_at" },
  [ReconciliationType.values.AFTER_FILL_CHECKS]: { table: "trace.after_fill_check", time: "checked_at" },
};

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Validates Year/Month/Type/Count; the month may not be after the current China month. */
export function validateMonthlyCount(year: number, month: number, type: number, count: number, now: Date) {
  const today = chinaDateOf(now);
  const currentYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > currentYear) {
    throw new PlatformError("INVALID_FIELD", { field: "year", reason: `年度 ${year} 无效` });
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new PlatformError("INVALID_FIELD", { field: "month", reason: `月份 ${month} 无效` });
  }
  if (`${year}-${pad2(month)}` > today.slice(0, 7)) {
    throw new PlatformError("INVALID_FIELD", { field: "month", reason: `${year} 年 ${month} 月尚未开始` });
  }
  const t = ReconciliationType.parse(type, "type");
  if (!Number.isInteger(count) || count < 0) {
    throw new PlatformError("INVALID_FIELD", { field: "count", reason: "业务数量须为非负整数" });
  }
  const from = chinaMidnight(`${year}-${pad2(month)}-01`);
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad2(month + 1)}-01`;
  return { type: t, from, to: chinaMidnight(next) };
}

export async function reportMonthlyCount(
  ctx: TraceContext,
  year: number,
  month: number,
  typeValue: number,
  count: number,
) {
  const unitId = actingUnit(ctx.identity, "fillingUnitPaperwork");
  const now = ctx.deps.clock.now();
  const { type, from, to } = validateMonthlyCount(year, month, typeValue, count, now);
  const counted = COUNTED[type]!;
  const unit = requireKnownUnit((await readUnitAndCylinders(ctx.deps.db, unitId, [])).unit, unitId);

  const { row, alarms } = await ctx.deps.db.transaction(async (tx) => {
    const row = (await one<ReconciliationRow>(
      tx,
      sql`insert into trace.reconciliation as x (unit_id, year, month, type, reported_count, platform_count, prefecture_code, received_at)
        values (${unitId}, ${year}, ${month}, ${type}, ${count},
          (select count(*)::int from ${sql.raw(counted.table)} c
            where c.unit_id = ${unitId} and c.${sql.raw(counted.time)} >= ${from.toISOString()}::timestamptz
              and c.${sql.raw(counted.time)} < ${to.toISOString()}::timestamptz),
          ${unit.prefectureCode}, ${now.toISOString()}::timestamptz)
        on conflict (unit_id, year, month, type) do update set
          reported_count = excluded.reported_count, platform_count = excluded.platform_count,
          submissions = x.submissions + 1, received_at = excluded.received_at
        returning ${sql.raw(RECONCILIATION_COLUMNS)}`,
    ))!;
    const r = toReconciliation(row);
    const drafts: AlarmToStore[] = reconciliationAlarms(r).map((d) => ({
      ...d,
      barcode: null,
      unitId,
      prefectureCode: unit.prefectureCode,
      recordKind: "reconciliation",
      recordId: r.id,
    }));
    const alarms = await insertAlarms(tx, drafts, ctx.deps.clock.now());
    await appendAcceptedToLedger(tx, [{ schema: "trace", table: "reconciliation", id: r.id }]);
    return { row, alarms };
  });
  await publishAlarms(ctx.deps.alarmBus, ctx.deps.log, alarms);
  return toReconciliation(row);
}
