/** 充装前检查 / 充装后检查 (annex 1 §4, §6): one type, told apart by `kind`. */
import { CheckState } from "@cylinder/db";
import { Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ChangeConnection } from "../changes/change-connection";
import { TraceCylinder } from "../cylinder/trace-cylinder.type";
import { UnitRef, unitRef } from "../shared/refs.type";
import { toDateNN } from "../shared/sql";

export enum CheckKind {
  BEFORE_FILL = "before_fill_check",
  AFTER_FILL = "after_fill_check",
}
registerEnumType(CheckKind, {
  name: "CheckKind",
  description: "检查类别 (kind of check)",
  valuesConfig: {
    BEFORE_FILL: { description: "充装前检查 (before-fill check, annex 1 §4)" },
    AFTER_FILL: { description: "充装后检查 (after-fill check, annex 1 §6)" },
  },
});

export enum TimeSource {
  REPORTED = "reported",
  RECEIVED = "received",
}
registerEnumType(TimeSource, {
  name: "TimeSource",
  description: "时间来源 (where a record's time came from)",
  valuesConfig: {
    REPORTED: { description: "上传方提供 (reported by the uploader)" },
    RECEIVED: { description: "上传未提供，以平台接收时间代替 (not sent: the time of receipt stands in)" },
  },
});

@ObjectType("CheckRecord", { description: "充装前/后检查记录 (before- or after-fill check)" })
export class CheckRecord {
  @Field(() => Int, { description: "系统 ID (Id)" })
  id!: number;

  @Field(() => CheckKind, { description: "检查类别 (before or after fill)" })
  kind!: CheckKind;

  @Field(() => Int, { description: "充装单位 ID (filling unit id)" })
  unitId!: number;

  @Field(() => String, { description: "第三方系统 ID (ThridId)" })
  thirdId!: string;

  @Field(() => String, { description: "钢瓶条形码 (Barcode)" })
  barcode!: string;

  @Field(() => Int, { description: "检查结果 (State): 0 合格, 1 不合格" })
  state!: number;

  @Field(() => String, { description: "检查结果名称 (state label)" })
  stateLabel!: string;

  @Field(() => Boolean, { description: "是否合格 (passed)" })
  passed!: boolean;

  @Field(() => String, { nullable: true, description: "备注，例如不合格原因 (Remark)" })
  remark!: string | null;

  @Field(() => DateTime, { description: "检查时间 (Date)" })
  checkedAt!: Date;

  @Field(() => TimeSource, { description: "检查时间来源 (reported, or the time of receipt standing in)" })
  checkedAtSource!: TimeSource;

  @Field(() => String, { nullable: true, description: "检查人员 (Man.Name)" })
  inspectorName!: string | null;

  @Field(() => String, { description: "上传单位所在州市 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => DateTime, { description: "平台接收时间 (received at)" })
  receivedAt!: Date;

  @Field(() => DateTime, { description: "最后变更时间 (updated at: the changes lists' order)" })
  updatedAt!: Date;

  @Field(() => TraceCylinder, {
    nullable: true,
    description: "气瓶档案，未登记或无权查看时为空 (the cylinder; null when not registered or not visible)",
  })
  cylinder!: TraceCylinder | null;

  @Field(() => UnitRef, { description: "充装单位 (filling unit)" })
  unit!: UnitRef;
}

@ObjectType("CheckConnection", { description: "检查记录分页列表 (a page of checks)" })
export class CheckConnection extends Connection(CheckRecord) {}

@ObjectType("CheckChangeConnection", {
  description: "检查记录变更列表 (checks changed since a time, oldest change first)",
})
export class CheckChangeConnection extends ChangeConnection(CheckRecord) {}

@InputType("TraceFilter", { description: "追溯记录筛选条件 (filter of checks and fills)" })
export class TraceFilter {
  @Field(() => Int, { nullable: true, description: "充装单位 ID (unit id)" })
  unitId?: number;

  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;

  @Field(() => String, { nullable: true, description: "气瓶编号 (barcode)" })
  barcode?: string;

  @Field(() => DateTime, {
    nullable: true,
    description: "时间不早于 (checked at / fill ended at, on or after)",
  })
  from?: Date;

  @Field(() => DateTime, { nullable: true, description: "时间早于 (before)" })
  to?: Date;
}

/** A row of trace.before_fill_check / after_fill_check as read by raw SQL. */
export interface CheckRow {
  id: number;
  unit_id: number;
  third_id: number;
  barcode: string;
  state: number;
  remark: string | null;
  checked_at: string;
  checked_at_source: "reported" | "received";
  inspector_name: string | null;
  prefecture_code: string;
  received_at: string;
  updated_at: string;
}

export const CHECK_COLUMNS =
  "x.id, x.unit_id, x.third_id, x.barcode, x.state, x.remark, x.checked_at, x.checked_at_source, x.inspector_name, x.prefecture_code, x.received_at, x.updated_at";

export function toCheckRecord(kind: CheckKind, r: CheckRow): CheckRecord {
  return {
    id: Number(r.id),
    kind,
    unitId: r.unit_id,
    thirdId: String(r.third_id),
    barcode: r.barcode,
    state: r.state,
    stateLabel: CheckState.label(r.state),
    passed: r.state === CheckState.values.PASS,
    remark: r.remark,
    checkedAt: toDateNN(r.checked_at),
    checkedAtSource: r.checked_at_source === "received" ? TimeSource.RECEIVED : TimeSource.REPORTED,
    inspectorName: r.inspector_name,
    prefectureCode: r.prefecture_code,
    receivedAt: toDateNN(r.received_at),
    updatedAt: toDateNN(r.updated_at),
    cylinder: { barcode: r.barcode },
    unit: unitRef(r.unit_id)!,
  };
}
