/** 送检工单 (InspectionOrder, annex 1 §8): a filling unit declares cylinders for inspection. */
import { Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { TraceCylinder } from "../cylinder/trace-cylinder.type";
import { UnitRef, unitRef } from "../shared/refs.type";
import { toDate, toDateNN } from "../shared/sql";

export enum InspectionOrderStatus {
  OPEN = "open",
  SUBMITTED = "submitted",
  COMPLETED = "completed",
}
registerEnumType(InspectionOrderStatus, {
  name: "InspectionOrderStatus",
  description: "送检工单状态 (inspection order status)",
  valuesConfig: {
    OPEN: { description: "送检中，可添加/移除气瓶 (open: cylinders may be added and removed)" },
    SUBMITTED: { description: "送检结束，等待检验 (submitted by EndApply, awaiting results)" },
    COMPLETED: { description: "全部气瓶已有检验结果 (every cylinder on it has a result)" },
  },
});

@ObjectType("InspectionOrderItem", { description: "送检工单中的气瓶 (a cylinder on an inspection order)" })
export class InspectionOrderItem {
  @Field(() => String, { description: "气瓶编号 (Barcode)" })
  barcode!: string;

  @Field(() => Int, { nullable: true, description: "序号 (SeqNo)" })
  seqNo!: number | null;

  @Field(() => DateTime, { description: "添加时间 (added at)" })
  addedAt!: Date;

  @Field(() => TraceCylinder, {
    nullable: true,
    description: "气瓶档案，未登记或无权查看时为空 (the cylinder; null when not registered or not visible)",
  })
  cylinder!: TraceCylinder | null;
}

@ObjectType("InspectionOrder", { description: "送检工单 (inspection order, annex 1 §8)" })
export class InspectionOrder {
  @Field(() => Int, { description: "工单 ID (Id)" })
  id!: number;

  @Field(() => Int, { description: "送检的充装单位 ID (filling unit id)" })
  unitId!: number;

  @Field(() => String, { description: "第三方系统 ID (ThirdId)" })
  thirdId!: string;

  @Field(() => Int, { description: "检验机构 ID (Station.Id)" })
  stationUnitId!: number;

  @Field(() => String, { nullable: true, description: "检验机构名称，按送检方填写 (Station.Name as sent)" })
  stationName!: string | null;

  @Field(() => InspectionOrderStatus, { description: "状态 (status)" })
  status!: InspectionOrderStatus;

  @Field(() => DateTime, { description: "开始送检时间 (BeginApply at)" })
  begunAt!: Date;

  @Field(() => DateTime, { nullable: true, description: "送检结束时间 (EndApply at)" })
  submittedAt!: Date | null;

  @Field(() => String, { description: "送检单位所在州市 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => UnitRef, { description: "送检单位 (filling unit)" })
  unit!: UnitRef;

  @Field(() => UnitRef, { description: "检验机构 (inspection station)" })
  station!: UnitRef;
}

@ObjectType("InspectionOrderConnection", { description: "送检工单分页列表 (a page of inspection orders)" })
export class InspectionOrderConnection extends Connection(InspectionOrder) {}

@InputType("InspectionOrderItemInput", { description: "添加到工单的气瓶 (a cylinder to add, AddBottle Items[])" })
export class InspectionOrderItemInput {
  @Field(() => String, { description: "气瓶编号，首尾空格忽略 (Barcode, trimmed)" })
  barcode!: string;

  @Field(() => Int, { nullable: true, description: "序号 (SeqNo)" })
  seqNo?: number | null;
}

@InputType("InspectionOrderFilter", { description: "送检工单筛选条件 (inspection order filter)" })
export class InspectionOrderFilter {
  @Field(() => Int, { nullable: true, description: "充装单位 ID (unit id)" })
  unitId?: number;

  @Field(() => Int, { nullable: true, description: "检验机构 ID (station unit id)" })
  stationUnitId?: number;

  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;

  @Field(() => InspectionOrderStatus, { nullable: true, description: "状态 (status)" })
  status?: InspectionOrderStatus;

  @Field(() => DateTime, { nullable: true, description: "开始送检不早于 (begun at or after)" })
  from?: Date;

  @Field(() => DateTime, { nullable: true, description: "开始送检早于 (begun before)" })
  to?: Date;
}

export interface InspectionOrderRow {
  id: number;
  unit_id: number;
  third_id: number;
  station_unit_id: number;
  station_name: string | null;
  status: "open" | "submitted" | "completed";
  begun_at: string;
  submitted_at: string | null;
  prefecture_code: string;
}

export const ORDER_COLUMNS =
  "x.id, x.unit_id, x.third_id, x.station_unit_id, x.station_name, x.status, x.begun_at, x.submitted_at, x.prefecture_code";

export function toInspectionOrder(r: InspectionOrderRow): InspectionOrder {
  return {
    id: r.id,
    unitId: r.unit_id,
    thirdId: String(r.third_id),
    stationUnitId: r.station_unit_id,
    stationName: r.station_name,
    status: r.status as InspectionOrderStatus,
    begunAt: toDateNN(r.begun_at),
    submittedAt: toDate(r.submitted_at),
    prefectureCode: r.prefecture_code,
    unit: unitRef(r.unit_id)!,
    station: unitRef(r.station_unit_id)!,
  };
}

export interface InspectionOrderItemRow {
  order_id: number;
  barcode: string;
  seq_no: number | null;
  added_at: string;
}

export function toInspectionOrderItem(r: InspectionOrderItemRow): InspectionOrderItem {
  return { barcode: r.barcode, seqNo: r.seq_no, addedAt: toDateNN(r.added_at), cylinder: { barcode: r.barcode } };
}
