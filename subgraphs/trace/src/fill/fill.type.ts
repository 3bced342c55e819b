/** 充装记录 (FillRecord, annex 1 §5). */
import { Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, Float, Int, ObjectType } from "type-graphql";

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
}

@ObjectType("FillRecordConnection", { description: "充装记录分页列表 (a page of fill records)" })
export class FillRecordConnection extends Connection(FillRecord) {}
