/** 充装记录 (FillRecord, annex 1 §5). */
import { Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { ChangeConnection } from "../changes/change-connection";
import { TraceCylinder } from "../cylinder/trace-cylinder.type";
import { UnitRef, unitRef } from "../shared/refs.type";
import { toDateNN } from "../shared/sql";

@ObjectType("FillRecord", { description: "充装记录 (fill record, annex 1 §5)" })
export class FillRecord {
  @Field(() => Int, { description: "系统 ID (Id)" })
  id!: number;

  @Field(() => Int, { description: "充装单位 ID (filling unit id)" })
  unitId!: number;

  @Field(() => String, { description: "第三方系统 ID (ThridId)" })
  thirdId!: string;

  @Field(() => String, { description: "钢瓶条形码 (Barcode)" })
  barcode!: string;

  @Field(() => Float, { description: "瓶重 kg (IdleWeight)" })
  idleWeight!: number;

  @Field(() => Float, { description: "毛重 kg (GrossWeight)" })
  grossWeight!: number;

  @Field(() => Float, { description: "净重 kg (NetWeight)" })
  netWeight!: number;

  @Field(() => DateTime, { description: "开始时间 (BeginDate)" })
  beginAt!: Date;

  @Field(() => DateTime, { description: "结束时间 (EndDate)" })
  endAt!: Date;

  @Field(() => Int, { nullable: true, description: "秤号 (Machine)" })
  machine!: number | null;

  @Field(() => String, { nullable: true, description: "充装秤厂家 (Factory.Name)" })
  scaleFactory!: string | null;

  @Field(() => String, { nullable: true, description: "充装员 (Man.Name)" })
  fillerName!: string | null;

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

@ObjectType("FillRecordConnection", { description: "充装记录分页列表 (a page of fill records)" })
export class FillRecordConnection extends Connection(FillRecord) {}

@ObjectType("FillRecordChangeConnection", {
  description: "充装记录变更列表 (fill records changed since a time, oldest change first)",
})
export class FillRecordChangeConnection extends ChangeConnection(FillRecord) {}

/** A row of trace.fill_record as read by raw SQL. */
export interface FillRow {
  id: number;
  unit_id: number;
  third_id: number;
  barcode: string;
  idle_weight: string;
  gross_weight: string;
  net_weight: string;
  begin_at: string;
  end_at: string;
  machine: number | null;
  scale_factory: string | null;
  filler_name: string | null;
  prefecture_code: string;
  received_at: string;
  updated_at: string;
}

export const FILL_COLUMNS =
  "x.id, x.unit_id, x.third_id, x.barcode, x.idle_weight, x.gross_weight, x.net_weight, x.begin_at, x.end_at, x.machine, x.scale_factory, x.filler_name, x.prefecture_code, x.received_at, x.updated_at";

export function toFillRecord(r: FillRow): FillRecord {
  return {
    id: Number(r.id),
    unitId: r.unit_id,
    thirdId: String(r.third_id),
    barcode: r.barcode,
    idleWeight: Number(r.idle_weight),
    grossWeight: Number(r.gross_weight),
    netWeight: Number(r.net_weight),
    beginAt: toDateNN(r.begin_at),
    endAt: toDateNN(r.end_at),
    machine: r.machine,
    scaleFactory: r.scale_factory,
    fillerName: r.filler_name,
    prefectureCode: r.prefecture_code,
    receivedAt: toDateNN(r.received_at),
    updatedAt: toDateNN(r.updated_at),
    cylinder: { barcode: r.barcode },
    unit: unitRef(r.unit_id)!,
  };
}
