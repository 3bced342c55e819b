/**
 * Per-request loaders of a cylinder's trace lists, all batched across cylinders (see
 * lateral.loader.ts), each filtered by the reader's scope in SQL; and the unscoped public
 * projection (last inspection, last fills' times, units and weights) the scan page shows.
 */
import type { Drizzle, Scope } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { ALARM_COLUMNS, type AlarmRow } from "../alarm/alarm.type";
import { CHECK_COLUMNS, type CheckRow } from "../check/check.type";
import { FILL_COLUMNS, type FillRow } from "../fill/fill.type";
import { type InspectionResultRow, RESULT_COLUMNS } from "../inspection/result.type";
import { inspectionResultScope, unitRecordScope } from "../shared/scope-sql";
import { lateralLoader } from "./lateral.loader";

type WithKey<R> = R & { sort_key: string };

export interface PublicFillRow {
  id: number;
  barcode: string;
  unit_id: number;
  end_at: string;
  net_weight: string | number | null;
  sort_key: string;
}

export function createCylinderLoaders(db: Drizzle, scope: Scope) {
  const unitScope = unitRecordScope(scope, "x");
  return {
    fills: lateralLoader<WithKey<FillRow>>(db, {
      table: "trace.fill_record",
      columns: FILL_COLUMNS,
      sort: "x.end_at",
      sortType: "timestamptz",
      scope: unitScope,
    }),
    beforeFillChecks: lateralLoader<WithKey<CheckRow>>(db, {
      table: "trace.before_fill_check",
      columns: CHECK_COLUMNS,
      sort: "x.checked_at",
      sortType: "timestamptz",
      scope: unitScope,
    }),
    afterFillChecks: lateralLoader<WithKey<CheckRow>>(db, {
      table: "trace.after_fill_check",
      columns: CHECK_COLUMNS,
      sort: "x.checked_at",
      sortType: "timestamptz",
      scope: unitScope,
    }),
    inspectionResults: lateralLoader<WithKey<InspectionResultRow>>(db, {
      table: "trace.inspection_result",
      columns: RESULT_COLUMNS,
      sort: "x.report_date",
      sortType: "date",
      scope: inspectionResultScope(scope, "x"),
    }),
    alarms: lateralLoader<WithKey<AlarmRow>>(db, {
      table: "trace.alarm",
      columns: ALARM_COLUMNS,
      sort: "x.raised_at",
      sortType: "timestamptz",
      scope: unitScope,
    }),
    /** Public: the latest inspection result of each cylinder, whoever asks. */
    publicInspection: lateralLoader<WithKey<InspectionResultRow>>(db, {
      table: "trace.inspection_result",
      columns: RESULT_COLUMNS,
      sort: "x.report_date",
      sortType: "date",
      scope: sql`true`,
    }),
    /** Public: when, by which unit and how much each cylinder was last filled, nothing else. */
    publicFills: lateralLoader<PublicFillRow>(db, {
      table: "trace.fill_record",
      columns: "x.id, x.barcode, x.unit_id, x.end_at, x.net_weight",
      sort: "x.end_at",
      sortType: "timestamptz",
      scope: sql`true`,
    }),
  };
}
