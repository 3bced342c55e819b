/** Upload inputs of before/after-fill checks (annex 1 §4, §6). */
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int } from "type-graphql";

@InputType("CheckItemInput", { description: "一条充装前/后检查 (one check, annex 1 §4/§6 Items[])" })
export class CheckItemInput {
  @Field(() => String, { description: "钢瓶条形码，首尾空格忽略 (Barcode, trimmed)" })
  barcode!: string;

  @Field(() => Int, { description: "检查结果 (State): 0 合格, 1 不合格" })
  state!: number;

  @Field(() => String, { nullable: true, description: "备注，例如不合格原因 (Remark)" })
  remark?: string | null;

  @Field(() => DateTime, {
    nullable: true,
    description: "检查时间 (Date); 未提供时以平台接收时间代替并注明 (omitted: the time of receipt stands in)",
  })
  checkedAt?: Date | null;

  @Field(() => String, { description: "第三方系统 ID，本单位内唯一 (ThridId, unique per unit and kind)" })
  thirdId!: string;
}

@InputType("CheckBatchInput", { description: "一批检查记录 (a batch of checks, at most 1000)" })
export class CheckBatchInput {
  @Field(() => String, { nullable: true, description: "检查人员 (Man.Name)" })
  inspectorName?: string | null;

  @Field(() => [CheckItemInput], { description: "检查记录 (Items)" })
  items!: CheckItemInput[];
}
