/** Upload inputs of fill records (annex 1 §5). */
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, Float, InputType, Int } from "type-graphql";

@InputType("FillItemInput", { description: "一条充装记录 (one fill, annex 1 §5 Items[])" })
export class FillItemInput {
  @Field(() => String, { description: "钢瓶条形码，首尾空格忽略 (Barcode, trimmed)" })
  barcode!: string;

  @Field(() => Float, { description: "瓶重 kg (IdleWeight)" })
  idleWeight!: number;

  @Field(() => Float, { description: "毛重 kg (GrossWeight)" })
  grossWeight!: number;

  @Field(() => Float, { description: "净重 kg (NetWeight)" })
  netWeight!: number;

  @Field(() => DateTime, { description: "开始时间 (BeginDate)" })
  beginAt!: Date;

  @Field(() => DateTime, { description: "结束时间 (EndDate), 不早于开始时间 (not before BeginDate)" })
  endAt!: Date;

  @Field(() => Int, { nullable: true, description: "秤号 (Machine)" })
  machine?: number | null;

  @Field(() => String, { description: "第三方系统 ID，本单位内唯一 (ThridId, unique per unit and kind)" })
  thirdId!: string;
}

@InputType("FillBatchInput", { description: "一批充装记录 (a batch of fills, at most 1000)" })
export class FillBatchInput {
  @Field(() => String, { nullable: true, description: "充装秤厂家 (Factory.Name)" })
  scaleFactory?: string | null;

  @Field(() => String, { nullable: true, description: "充装员 (Man.Name)" })
  fillerName?: string | null;

  @Field(() => [FillItemInput], { description: "充装记录 (Items)" })
  items!: FillItemInput[];
}
