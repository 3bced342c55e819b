/** TraceFilter (checks and fills) as SQL conditions over alias x. */
import { type SQL, sql } from "drizzle-orm";
import type { TraceFilter } from "../check/check.type";

export function traceFilterSql(filter: TraceFilter | undefined | null, timeColumn: string): (SQL | undefined)[] {
  const f = filter ?? {};
  const time = sql.raw(`x.${timeColumn}`);
  return [
    f.unitId !== undefined && f.unitId !== null ? sql`x.unit_id = ${f.unitId}` : undefined,
    f.prefectureCode ? sql`x.prefecture_code = ${f.prefectureCode}` : undefined,
    f.barcode ? sql`x.barcode = ${f.barcode.trim()}` : undefined,
    f.from ? sql`${time} >= ${f.from.toISOString()}::timestamptz` : undefined,
    f.to ? sql`${time} < ${f.to.toISOString()}::timestamptz` : undefined,
  ];
}
