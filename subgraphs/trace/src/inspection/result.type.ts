/** 检验结果 (InspectionResult): an inspection station's result for one cylinder. */
import { InspectionConclusion } from "@cylinder/db";
import { CalendarDate, Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { ChangeConnection } from "../changes/change-connection";
import { TraceCylinder } from "../cylinder/trace-cylinder.type";
import { UnitRef, unitRef } from "../shared/refs.type";
import { toDate, toDateNN } from "../shared/sql";
import type { Lateness } from "./lateness";
import { LatenessValues } from "./lateness.enum";

@ObjectType("InspectionResult", { description: "检验结果 (inspection result of one cylinder)" })
export class InspectionResult {
  @Field(() => Int, { description: "系统 ID (Id)" })
  id!: number;

  @Field(() => Int, { nullable: true, description: "送检工单 ID (inspection order id)" })
  orderId!: number | null;

  @Field(() => String, { description: "气瓶编号 (Barcode)" })
  barcode!: string;

  @Field(() => Int, { description: "检验机构 ID (station unit id)" })
  stationUnitId!: number;

  @Field(() => String, { nullable: true, description: "第三方系统 ID (ThirdId)" })
  thirdId!: string | null;

  @Field(() => Int, { description: "检验结论 (conclusion): 0 合格, 1 不合格报废" })
  conclusion!: number;

  @Field(() => String, { description: "检验结论名称 (conclusion label)" })
  conclusionLabel!: string;

  @Field(() => CalendarDate, { description: "检验报告完成日期 (report date)" })
  reportDate!: string;

  @Field(() => String, { nullable: true, description: "检验报告编号 (report no.)" })
  reportNo!: string | null;

  @Field(() => Boolean, { description: "是否更换瓶阀 (valve replaced)" })
  valveReplaced!: boolean;

  @Field(() => String, { nullable: true, description: "更换的气瓶阀门制造单位 (maker of the new valve)" })
  valveMaker!: string | null;

  @Field(() => CalendarDate, {
    nullable: true,
    description: "下次检验日期，合格时 (next inspection date, when passed)",
  })
  nextDate!: string | null;

  @Field(() => String, { nullable: true, description: "备注 (remark)" })
  remark!: string | null;

  @Field(() => String, { description: "检验机构所在州市 (the station's prefecture)" })
  prefectureCode!: string;

  @Field(() => DateTime, { description: "平台接收时间 (received at)" })
  receivedAt!: Date;

  @Field(() => LatenessValues, {
    nullable: true,
    description:
      "是否在报告后 5 个工作日内上传；无法判定的结果在补充节假日安排后复核；同步来的记录为空 (on time, late or undetermined, as reassessed once the holiday notice was added; null for synced rows)",
  })
  lateness!: Lateness | null;

  @Field(() => DateTime, {
    nullable: true,
    description:
      "时效复核时间：上传时无法判定、补充节假日安排后重新判定的时间 (when an undetermined lateness was assessed again)",
  })
  reassessedAt!: Date | null;

  @Field(() => DateTime, { description: "最后变更时间 (updated at: the changes lists' order)" })
  updatedAt!: Date;

  @Field(() => TraceCylinder, {
    nullable: true,
    description: "气瓶档案，未登记或无权查看时为空 (the cylinder; null when not registered or not visible)",
  })
  cylinder!: TraceCylinder | null;

  @Field(() => UnitRef, { description: "检验机构 (inspection station)" })
  station!: UnitRef;
}

@ObjectType("InspectionResultConnection", { description: "检验结果分页列表 (a page of inspection results)" })
export class InspectionResultConnection extends Connection(InspectionResult) {}

@ObjectType("InspectionResultChangeConnection", {
  description: "检验结果变更列表 (inspection results changed since a time, oldest change first)",
})
export class InspectionResultChangeConnection extends ChangeConnection(InspectionResult) {}

@InputType("InspectionResultInput", { description: "一条检验结果 (one inspection result)" })
export class InspectionResultInput {
  @Field(() => String, { description: "气瓶编号，首尾空格忽略 (barcode, trimmed)" })
  barcode!: string;

  @Field(() => Int, {
    nullable: true,
    description: "送检工单 ID：须送检到本机构且含该气瓶 (order id: addressed to this station, with the cylinder on it)",
  })
  orderId?: number | null;

  @Field(() => Int, { description: "检验结论 (conclusion): 0 合格, 1 不合格报废" })
  conclusion!: number;

  @Field(() => CalendarDate, { description: "检验报告完成日期，不晚于今天 (report date, not after today)" })
  reportDate!: string;

  @Field(() => String, { nullable: true, description: "检验报告编号 (report no.)" })
  reportNo?: string | null;

  @Field(() => Boolean, { nullable: true, description: "是否更换瓶阀，默认否 (valve replaced, default false)" })
  valveReplaced?: boolean | null;

  @Field(() => String, { nullable: true, description: "更换的气瓶阀门制造单位 (maker of the new valve)" })
  valveMaker?: string | null;

  @Field(() => CalendarDate, {
    nullable: true,
    description:
      "下次检验日期：合格时必填且晚于报告日期；报废时忽略 (next date: required after report date when passed; ignored for scrap)",
  })
  nextDate?: string | null;

  @Field(() => String, { nullable: true, description: "备注 (remark)" })
  remark?: string | null;

  @Field(() => String, { description: "第三方系统 ID，本机构内唯一 (ThirdId, unique per station)" })
  thirdId!: string;
}

@InputType("InspectionResultFilter", { description: "检验结果筛选条件 (inspection result filter)" })
export class InspectionResultFilter {
  @Field(() => Int, { nullable: true, description: "检验机构 ID (station unit id)" })
  stationUnitId?: number;

  @Field(() => Int, { nullable: true, description: "送检工单 ID (order id)" })
  orderId?: number;

  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;

  @Field(() => String, { nullable: true, description: "气瓶编号 (barcode)" })
  barcode?: string;

  @Field(() => Int, { nullable: true, description: "检验结论 (conclusion)" })
  conclusion?: number;

  @Field(() => CalendarDate, { nullable: true, description: "报告日期不早于 (report date on or after)" })
  from?: string;

  @Field(() => CalendarDate, { nullable: true, description: "报告日期不晚于 (report date on or before)" })
  to?: string;
}

export interface InspectionResultRow {
  id: number;
  order_id: number | null;
  barcode: string;
  station_unit_id: number;
  third_id: number | null;
  conclusion: number;
  report_date: string;
  report_no: string | null;
  valve_replaced: boolean;
  valve_maker: string | null;
  next_date: string | null;
  remark: string | null;
  prefecture_code: string;
  received_at: string;
  lateness: Lateness | null;
  reassessed_at: string | null;
  updated_at: string;
}

/** The result's columns, its lateness as reassessed when it was undetermined (see reassessment.ts). */
export const RESULT_COLUMNS =
  "x.id, x.order_id, x.barcode, x.station_unit_id, x.third_id, x.conclusion, x.report_date, x.report_no, x.valve_replaced, x.valve_maker, x.next_date, x.remark, x.prefecture_code, x.received_at, " +
  "coalesce((select ra.lateness from trace.inspection_reassessment ra where ra.result_id = x.id), x.lateness) as lateness, " +
  "(select ra.assessed_at from trace.inspection_reassessment ra where ra.result_id = x.id) as reassessed_at, x.updated_at";

export function toInspectionResult(r: InspectionResultRow): InspectionResult {
  return {
    id: Number(r.id),
    orderId: r.order_id,
    barcode: r.barcode,
    stationUnitId: r.station_unit_id,
    thirdId: r.third_id === null ? null : String(r.third_id),
    conclusion: r.conclusion,
    conclusionLabel: InspectionConclusion.label(r.conclusion),
    reportDate: r.report_date,
    reportNo: r.report_no,
    valveReplaced: r.valve_replaced,
    valveMaker: r.valve_maker,
    nextDate: r.next_date,
    remark: r.remark,
    prefectureCode: r.prefecture_code,
    receivedAt: toDateNN(r.received_at),
    lateness: r.lateness,
    reassessedAt: toDate(r.reassessed_at),
    updatedAt: toDateNN(r.updated_at),
    cylinder: { barcode: r.barcode },
    station: unitRef(r.station_unit_id)!,
  };
}
