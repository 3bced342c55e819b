/**
 * Schema `trace`, owned by the trace subgraph: before/after-fill checks (annex 1 §4, §6),
 * fill records (§5), inspection orders (§8) and results, monthly reconciliation (§9),
 * fill-permit decisions and alarms.
 *
 * Trace rows name cylinders and units by value (barcode, unit id), never by foreign key into
 * `registry`: evidence about a cylinder the platform does not know is still stored (and
 * raises an alarm), and each subgraph owns only its own schema.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  smallint,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { ALARM_TYPES, type AlarmType } from "../standard/enums";
import {
  barcode,
  calendarDate,
  decimal102,
  instant,
  prefectureCheck,
  prefectureCode,
  syncOrigin,
  thirdId,
  timestamps,
} from "./columns";

export const trace = pgSchema("trace");

/** Whether a record's time was reported by the uploader or stood in by the time of receipt
 * (the annex's own examples omit `Date` on a passing check). */
export const timeSource = trace.enum("time_source", ["reported", "received"]);
export const inspectionOrderStatus = trace.enum("inspection_order_status", ["open", "submitted", "completed"]);
export const alarmType = trace.enum("alarm_type", Object.keys(ALARM_TYPES) as [AlarmType, ...AlarmType[]]);
export const permitChannel = trace.enum("permit_channel", ["rest", "graphql"]);
/** Whether an inspection result arrived within 5 working days of its report; `undetermined`
 * when the working-day calendar does not know the year yet (the result is stored anyway). */
export const inspectionLateness = trace.enum("inspection_lateness", ["on_time", "late", "undetermined"]);

/** A before-fill or after-fill check: the two have the same shape and separate ThridId spaces. */
function checkTable<N extends string>(name: N) {
  return trace.table(
    name,
    {
      id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
      unitId: integer().notNull(),
      /** ThridId: the station software's own id, unique per unit and record kind. */
      thirdId: thirdId().notNull(),
      barcode: barcode().notNull(),
      /** CheckState: 0 合格, 1 不合格 */
      state: smallint().notNull(),
      remark: text(),
      checkedAt: instant().notNull(),
      checkedAtSource: timeSource().notNull().default("reported"),
      /** Man.Name: 检查人员 */
      inspectorName: text(),
      /** The uploading unit's prefecture, for prefecture-scoped reads. */
      prefectureCode: prefectureCode().notNull(),
      receivedAt: instant().notNull().defaultNow(),
      ...syncOrigin(),
      ...timestamps(),
    },
    (t) => [
      unique(`${name}_unit_third_id_key`).on(t.unitId, t.thirdId),
      unique(`${name}_source_key`).on(t.sourcePrefectureCode, t.sourceId),
      index(`${name}_barcode_idx`).on(t.barcode, t.checkedAt),
      index(`${name}_unit_idx`).on(t.unitId, t.checkedAt),
      index(`${name}_prefecture_idx`).on(t.prefectureCode, t.receivedAt),
      index(`${name}_updated_idx`).on(t.updatedAt, t.id),
      prefectureCheck(`${name}_prefecture_check`, t.prefectureCode),
      check(`${name}_state_check`, sql`${t.state} in (0, 1)`),
    ],
  );
}

/** 充装前检查 (annex 1 §4) */
export const beforeFillCheck = checkTable("before_fill_check");

/** 充装后检查 (annex 1 §6) */
export const afterFillCheck = checkTable("after_fill_check");

/** 充装记录 (annex 1 §5) */
export const fillRecord = trace.table(
  "fill_record",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer().notNull(),
    thirdId: thirdId().notNull(),
    barcode: barcode().notNull(),
    /** 瓶重 / 毛重 / 净重 (kg) */
    idleWeight: decimal102().notNull(),
    grossWeight: decimal102().notNull(),
    netWeight: decimal102().notNull(),
    beginAt: instant().notNull(),
    endAt: instant().notNull(),
    /** 秤号 */
    machine: integer(),
    /** Factory.Name: 充装秤厂家 */
    scaleFactory: text(),
    /** Man.Name: 充装员 */
    fillerName: text(),
    prefectureCode: prefectureCode().notNull(),
    receivedAt: instant().notNull().defaultNow(),
    ...syncOrigin(),
    ...timestamps(),
  },
  (t) => [
    unique("fill_record_unit_third_id_key").on(t.unitId, t.thirdId),
    unique("fill_record_source_key").on(t.sourcePrefectureCode, t.sourceId),
    index("fill_record_barcode_idx").on(t.barcode, t.endAt),
    index("fill_record_unit_idx").on(t.unitId, t.endAt),
    index("fill_record_prefecture_idx").on(t.prefectureCode, t.endAt),
    index("fill_record_updated_idx").on(t.updatedAt, t.id),
    prefectureCheck("fill_record_prefecture_check", t.prefectureCode),
  ],
);

/** 送检工单 (annex 1 §8): a filling unit declares cylinders for periodic inspection. */
export const inspectionOrder = trace.table(
  "inspection_order",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer().notNull(),
    thirdId: thirdId().notNull(),
    /** Station.Id / Station.Name: the inspection station (检瓶站). */
    stationUnitId: integer().notNull(),
    stationName: text(),
    status: inspectionOrderStatus().notNull().default("open"),
    begunAt: instant().notNull().defaultNow(),
    /** EndApply: 送检结束 */
    submittedAt: instant(),
    prefectureCode: prefectureCode().notNull(),
    ...syncOrigin(),
    ...timestamps(),
  },
  (t) => [
    unique("inspection_order_unit_third_id_key").on(t.unitId, t.thirdId),
    unique("inspection_order_source_key").on(t.sourcePrefectureCode, t.sourceId),
    index("inspection_order_station_idx").on(t.stationUnitId, t.status),
    index("inspection_order_prefecture_idx").on(t.prefectureCode, t.begunAt),
  ],
);

/** A cylinder on an inspection order (AddBottle / RemoveBottle); removal is kept, not deleted. */
export const inspectionOrderItem = trace.table(
  "inspection_order_item",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    orderId: integer()
      .notNull()
      .references(() => inspectionOrder.id),
    barcode: barcode().notNull(),
    seqNo: integer(),
    addedAt: instant().notNull().defaultNow(),
    removedAt: instant(),
  },
  (t) => [
    uniqueIndex("inspection_order_item_active_key").on(t.orderId, t.barcode).where(sql`${t.removedAt} is null`),
    index("inspection_order_item_barcode_idx").on(t.barcode),
  ],
);

/**
 * 检验结果: the station's result for one cylinder, due within 5 working days of the report.
 * Carries the replaced valve's maker and, for a pass, the next inspection date.
 */
export const inspectionResult = trace.table(
  "inspection_result",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    orderId: integer().references(() => inspectionOrder.id),
    barcode: barcode().notNull(),
    stationUnitId: integer().notNull(),
    thirdId: thirdId(),
    /** InspectionConclusion: 0 合格, 1 不合格报废 */
    conclusion: smallint().notNull(),
    /** 检验报告完成日期: the 5-working-day clock starts here. */
    reportDate: calendarDate().notNull(),
    reportNo: text(),
    valveReplaced: boolean().notNull().default(false),
    /** 更换的气瓶阀门制造单位 */
    valveMaker: text(),
    /** 下检日期 set by a passing inspection. */
    nextDate: calendarDate(),
    remark: text(),
    /** The station's prefecture (records belong to the prefecture of the unit that made them). */
    prefectureCode: prefectureCode().notNull(),
    receivedAt: instant().notNull().defaultNow(),
    /** Within 5 working days of the report? Null for rows taken over by the sync, which the
     * prefecture platform judged. */
    lateness: inspectionLateness(),
    ...syncOrigin(),
    ...timestamps(),
  },
  (t) => [
    unique("inspection_result_station_third_id_key").on(t.stationUnitId, t.thirdId),
    unique("inspection_result_source_key").on(t.sourcePrefectureCode, t.sourceId),
    index("inspection_result_barcode_idx").on(t.barcode, t.reportDate),
    index("inspection_result_station_idx").on(t.stationUnitId, t.receivedAt),
    index("inspection_result_prefecture_idx").on(t.prefectureCode, t.receivedAt),
    index("inspection_result_updated_idx").on(t.updatedAt, t.id),
    check("inspection_result_conclusion_check", sql`${t.conclusion} in (0, 1)`),
  ],
);

/**
 * 检验时效复核: a result stored with lateness `undetermined` (its days' holiday notice was not
 * known then), judged once the notice was added, on the result's original report and receipt
 * times. The result itself is immutable evidence; this is the later judgement, one per result,
 * never changed (migration 0007), and reproducible from the result and the calendar.
 */
export const inspectionReassessment = trace.table("inspection_reassessment", {
  resultId: bigint({ mode: "number" })
    .primaryKey()
    .references(() => inspectionResult.id),
  /** on_time or late (never undetermined: a result still undetermined gets no row). */
  lateness: inspectionLateness().notNull(),
  /** The 5th working day after the report (the deadline), when late. */
  deadline: calendarDate(),
  /** The notice that settled the year (file:line, or chinese-days). */
  calendarSource: text().notNull(),
  assessedAt: instant().notNull(),
});

/** 数据对账 (annex 1 §9): the unit's monthly count beside what the platform holds. */
export const reconciliation = trace.table(
  "reconciliation",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer().notNull(),
    year: smallint().notNull(),
    month: smallint().notNull(),
    /** ReconciliationType: 1 充前检查, 2 充装记录, 3 充后检查 */
    type: smallint().notNull(),
    reportedCount: integer().notNull(),
    /** What the platform held for that unit, month and type when the count arrived. */
    platformCount: integer(),
    submissions: integer().notNull().default(1),
    prefectureCode: prefectureCode().notNull(),
    receivedAt: instant().notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    unique("reconciliation_unit_month_type_key").on(t.unitId, t.year, t.month, t.type),
    index("reconciliation_prefecture_idx").on(t.prefectureCode, t.year, t.month),
    check("reconciliation_month_check", sql`${t.month} between 1 and 12 and ${t.type} between 1 and 3`),
  ],
);

/** 报警: refusals and violations, live to command centres, acknowledged by a regulator. */
export const alarm = trace.table(
  "alarm",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    type: alarmType().notNull(),
    barcode: barcode(),
    unitId: integer(),
    prefectureCode: prefectureCode(),
    /** The record that raised it (RecordKind and id), when there is one. */
    recordKind: text(),
    recordId: bigint({ mode: "number" }),
    /** Every reason that applies: [{ code, message }]. */
    reasons: jsonb().$type<{ code: string; message: string }[]>().notNull().default(sql`'[]'::jsonb`),
    message: text().notNull(),
    raisedAt: instant().notNull().defaultNow(),
    acknowledgedAt: instant(),
    acknowledgedByAccountId: integer(),
    acknowledgeNote: text(),
  },
  (t) => [
    uniqueIndex("alarm_record_key").on(t.type, t.recordKind, t.recordId).where(sql`${t.recordId} is not null`),
    index("alarm_prefecture_idx").on(t.prefectureCode, t.raisedAt),
    index("alarm_unit_idx").on(t.unitId, t.raisedAt),
    index("alarm_barcode_idx").on(t.barcode, t.raisedAt),
    index("alarm_open_idx").on(t.prefectureCode, t.raisedAt).where(sql`${t.acknowledgedAt} is null`),
  ],
);

/** 充装许可判定: every permit asked for, with its answer and reasons (an audit trail). */
export const permitDecision = trace.table(
  "permit_decision",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer().notNull(),
    barcode: barcode().notNull(),
    permitted: boolean().notNull(),
    /** Refusal reason codes; empty when permitted. */
    reasons: text().array().notNull().default(sql`'{}'::text[]`),
    channel: permitChannel().notNull(),
    prefectureCode: prefectureCode(),
    decidedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index("permit_decision_barcode_idx").on(t.barcode, t.decidedAt),
    index("permit_decision_unit_idx").on(t.unitId, t.decidedAt),
    index("permit_decision_prefecture_idx").on(t.prefectureCode, t.decidedAt),
  ],
);

/**
 * 发件箱 (transactional outbox): messages for other subgraphs written in the same transaction
 * as the records they describe, delivered at least once, in id order per batch, by
 * `relayOutbox` (subgraphs/trace/src/outbox/relay.ts). Topic `inspection_result` carries
 * what the registry needs to update the cylinder archive (checkDate/nextDate/checkUnit,
 * scrapped state); trace never writes the registry schema itself.
 */
export const outbox = trace.table(
  "outbox",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    topic: text().notNull(),
    payload: jsonb().notNull(),
    createdAt: instant().notNull().defaultNow(),
    /** Delivery attempts so far (failed ones and the successful one). */
    attempts: integer().notNull().default(0),
    /** Not retried before this instant (backoff after a failed attempt). */
    nextAttemptAt: instant().notNull().defaultNow(),
    lastAttemptAt: instant(),
    lastError: text(),
    deliveredAt: instant(),
  },
  (t) => [index("outbox_pending_idx").on(t.id).where(sql`${t.deliveredAt} is null`)],
);
