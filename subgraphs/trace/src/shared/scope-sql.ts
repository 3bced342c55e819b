/**
 * The scoping rules of `@cylinder/db` (auth/scope.ts, `canRead`) as SQL conditions on trace
 * tables, so lists are filtered in the query rather than after it. One function per shape of
 * record; the matrix test (test/trace-scope.test.ts) checks them against the rules:
 *
 *  - unit records (checks, fills, reconciliations, permit decisions, alarms): filling unit =
 *    its own (`unit_id`); inspection station = its own (alarms on its results carry its unit
 *    id; it makes no checks or fills); prefecture regulator = `prefecture_code`; province,
 *    operator, platform = all; public = nothing.
 *  - inspection orders: the filling unit that placed them, the station they are addressed to.
 *  - inspection results: the station that made them, the filling unit whose order they answer.
 */
import type { Scope } from "@cylinder/db";
import { type SQL, sql } from "drizzle-orm";

const col = (alias: string, column: string) => sql.raw(`${alias}.${column}`);

/** Checks, fills, reconciliations, permit decisions, alarms (columns unit_id, prefecture_code). */
export function unitRecordScope(scope: Scope, alias: string): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "prefecture":
      return sql`${col(alias, "prefecture_code")} = ${scope.prefectureCode}`;
    case "unit":
    case "station":
      return sql`${col(alias, "unit_id")} = ${scope.unitId}`;
    default:
      return sql`false`;
  }
}

/** Inspection orders (unit_id = the filling unit, station_unit_id = the station). */
export function inspectionOrderScope(scope: Scope, alias: string): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "prefecture":
      return sql`${col(alias, "prefecture_code")} = ${scope.prefectureCode}`;
    case "unit":
      return sql`${col(alias, "unit_id")} = ${scope.unitId}`;
    case "station":
      return sql`${col(alias, "station_unit_id")} = ${scope.unitId}`;
    default:
      return sql`false`;
  }
}

/** Inspection results (station_unit_id; the filling unit through the order it placed). */
export function inspectionResultScope(scope: Scope, alias: string): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "prefecture":
      return sql`${col(alias, "prefecture_code")} = ${scope.prefectureCode}`;
    case "unit":
      return sql`exists (select 1 from trace.inspection_order o_scope
        where o_scope.id = ${col(alias, "order_id")} and o_scope.unit_id = ${scope.unitId})`;
    case "station":
      return sql`${col(alias, "station_unit_id")} = ${scope.unitId}`;
    default:
      return sql`false`;
  }
}
