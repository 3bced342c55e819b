/**
 * Column shapes shared by the three schemas, so that a barcode, a prefecture code, a weight
 * or a timestamp has one storage type everywhere.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  char,
  check,
  customType,
  date,
  numeric,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";
import { PREFECTURE_CODES, PROVINCE_CODE } from "../standard/prefectures";

/** 一瓶一码: the province-wide cylinder code. Trimmed on the way in. */
export const barcode = () => varchar({ length: 40 });

/** GB/T 2260 administrative code of a prefecture (e.g. 530100). */
export const prefectureCode = () => char({ length: 6 });

/** decimal(10,2) of the annex (weights, pressures, volumes, thickness). */
export const decimal102 = () => numeric({ precision: 10, scale: 2, mode: "number" });

/** A calendar date (annex `yyyyMMdd`), kept as `YYYY-MM-DD` text in TypeScript. */
export const calendarDate = () => date({ mode: "string" });

/** An instant (annex `yyyyMMddHHmmss` is China time; stored as timestamptz). */
export const instant = () => timestamp({ withTimezone: true, mode: "date" });

/** A ThridId/ThirdId: the uploader's own record id (bigint in the annex). */
export const thirdId = () => bigint({ mode: "number" });

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/** created_at / updated_at: updated_at is maintained by a trigger (see the migration), so raw
 * SQL updates move it too; list endpoints read changes by it. */
export const timestamps = () => ({
  createdAt: instant().notNull().defaultNow(),
  updatedAt: instant().notNull().defaultNow(),
});

/** Where a row came from when the province pulled it from a self-built prefecture platform. */
export const syncOrigin = () => ({
  sourcePrefectureCode: prefectureCode(),
  sourceId: bigint({ mode: "number" }),
});

export const emptyTextArray = sql`'{}'::text[]`;

/** A CHECK that a column holds one of the 16 prefecture codes (or the province's own code
 * where `allowProvince`): prefecture codes cross schemas by value, so each schema guards them. */
export function prefectureCheck(name: string, column: AnyPgColumn, allowProvince = false) {
  const codes = [...PREFECTURE_CODES, ...(allowProvince ? [PROVINCE_CODE] : [])];
  return check(name, sql`${column} in (${sql.raw(codes.map((c) => `'${c}'`).join(", "))})`);
}
