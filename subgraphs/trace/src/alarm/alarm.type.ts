/** 报警 (Alarm): refusals and violations, with the GraphQL enum over ALARM_TYPES. */
import { ALARM_TYPES, type AlarmType } from "@cylinder/db";
import { Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { TraceCylinder } from "../cylinder/trace-cylinder.type";
import { UnitRef, unitRef } from "../shared/refs.type";
import { toDate, toDateNN } from "../shared/sql";

/** GraphQL names (PERMIT_REFUSED…) → stored values (permit_refused…). */
export const AlarmTypeValues = Object.fromEntries(
  (Object.keys(ALARM_TYPES) as AlarmType[]).map((k) => [k.toUpperCase(), k]),
) as Record<string, AlarmType>;

registerEnumType(AlarmTypeValues, {
  name: "AlarmType",
  description: "报警类型 (alarm type)",
  valuesConfig: Object.fromEntries(
    (Object.entries(ALARM_TYPES) as [AlarmType, string][]).map(([k, label]) => [
      k.toUpperCase(),
      { description: label },
    ]),
  ),
});

@ObjectType("AlarmReason", { description: "报警原因 (one reason of an alarm)" })
export class AlarmReason {
  @Field(() => String, { description: "原因代码 (reason code, e.g. OVERFILL, INSPECTION_OVERDUE)" })
  code!: string;

  @Field(() => String, { description: "原因说明 (reason, Chinese)" })
  message!: string;
}

@ObjectType("Alarm", { description: "报警 (alarm): 不允许充装与违规行为 (refusals and violations)" })
export class Alarm {
  @Field(() => Int, { description: "报警 ID (alarm id)" })
  id!: number;

  @Field(() => AlarmTypeValues, { description: "报警类型 (alarm type)" })
  type!: AlarmType;

  @Field(() => String, { description: "报警类型名称 (type label)" })
  typeLabel!: string;

  @Field(() => String, { nullable: true, description: "气瓶编号 (barcode)" })
  barcode!: string | null;

  @Field(() => Int, { nullable: true, description: "相关单位 ID (the unit whose record or request raised it)" })
  unitId!: number | null;

  @Field(() => String, { nullable: true, description: "州市代码 (prefecture of that unit)" })
  prefectureCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "引发报警的记录类型 (record kind: before_fill_check, fill_record, after_fill_check, inspection_result, permit_decision, reconciliation)",
  })
  recordKind!: string | null;

  @Field(() => Int, { nullable: true, description: "引发报警的记录 ID (record id)" })
  recordId!: number | null;

  @Field(() => [AlarmReason], { description: "全部报警原因 (every reason that applies)" })
  reasons!: AlarmReason[];

  @Field(() => String, { description: "报警信息 (one line for the command centre)" })
  message!: string;

  @Field(() => DateTime, { description: "报警时间 (raised at)" })
  raisedAt!: Date;

  @Field(() => Boolean, { description: "是否未处理 (not yet acknowledged)" })
  open!: boolean;

  @Field(() => DateTime, { nullable: true, description: "处理时间 (acknowledged at)" })
  acknowledgedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "处理人账号 ID (acknowledged by account)" })
  acknowledgedByAccountId!: number | null;

  @Field(() => String, { nullable: true, description: "处理说明 (acknowledgement note)" })
  acknowledgeNote!: string | null;

  @Field(() => TraceCylinder, { nullable: true, description: "气瓶 (the cylinder, when registered)" })
  cylinder!: TraceCylinder | null;

  @Field(() => UnitRef, { nullable: true, description: "相关单位 (the unit)" })
  unit!: UnitRef | null;
}

@ObjectType("AlarmConnection", { description: "报警分页列表 (a page of alarms)" })
export class AlarmConnection extends Connection(Alarm) {}

@InputType("AlarmFilter", { description: "报警筛选条件 (alarm filter)" })
export class AlarmFilter {
  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;

  @Field(() => Int, { nullable: true, description: "单位 ID (unit id)" })
  unitId?: number;

  @Field(() => String, { nullable: true, description: "气瓶编号 (barcode)" })
  barcode?: string;

  @Field(() => [AlarmTypeValues], { nullable: true, description: "报警类型 (types)" })
  types?: AlarmType[];

  @Field(() => Boolean, { nullable: true, description: "true: 仅未处理; false: 仅已处理 (open or acknowledged only)" })
  open?: boolean;

  @Field(() => DateTime, { nullable: true, description: "报警时间不早于 (raised at or after)" })
  from?: Date;

  @Field(() => DateTime, { nullable: true, description: "报警时间早于 (raised before)" })
  to?: Date;
}

/** A row of trace.alarm as read by raw SQL. */
export interface AlarmRow {
  id: number;
  type: AlarmType;
  barcode: string | null;
  unit_id: number | null;
  prefecture_code: string | null;
  record_kind: string | null;
  record_id: number | null;
  reasons: { code: string; message: string }[];
  message: string;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by_account_id: number | null;
  acknowledge_note: string | null;
}

export const ALARM_COLUMNS =
  "x.id, x.type, x.barcode, x.unit_id, x.prefecture_code, x.record_kind, x.record_id, x.reasons, x.message, x.raised_at, x.acknowledged_at, x.acknowledged_by_account_id, x.acknowledge_note";

export function toAlarm(r: AlarmRow): Alarm {
  return {
    id: Number(r.id),
    type: r.type,
    typeLabel: ALARM_TYPES[r.type] ?? r.type,
    barcode: r.barcode,
    unitId: r.unit_id,
    prefectureCode: r.prefecture_code,
    recordKind: r.record_kind,
    recordId: r.record_id === null ? null : Number(r.record_id),
    reasons: r.reasons ?? [],
    message: r.message,
    raisedAt: toDateNN(r.raised_at),
    open: r.acknowledged_at === null,
    acknowledgedAt: toDate(r.acknowledged_at),
    acknowledgedByAccountId: r.acknowledged_by_account_id,
    acknowledgeNote: r.acknowledge_note,
    cylinder: r.barcode ? { barcode: r.barcode } : null,
    unit: unitRef(r.unit_id),
  };
}
