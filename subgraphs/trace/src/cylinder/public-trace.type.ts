/**
 * 公开追溯信息 (CylinderPublicTrace): what the public scan page shows of a cylinder's trace,
 * to anyone who has its barcode: the last inspection and when, by which unit and how much it
 * was last filled (time, unit, net weight, as comparable municipal pages show: no people,
 * machines, ThridIds or checks). Signed-in roles see
 * the full records through `fills`, `inspectionResults`… within their scope; for the public
 * those lists are empty.
 */
import { CalendarDate, DateTime } from "@cylinder/subgraph-kit";
import { Field, Float, Int, ObjectType } from "type-graphql";
import { UnitRef } from "../shared/refs.type";

@ObjectType("PublicInspection", { description: "最近一次检验（公开） (last inspection, public fields)" })
export class PublicInspection {
  @Field(() => CalendarDate, { description: "检验报告日期 (report date)" })
  reportDate!: string;

  @Field(() => Int, { description: "检验结论 (conclusion): 0 合格, 1 不合格报废" })
  conclusion!: number;

  @Field(() => String, { description: "检验结论名称 (conclusion label)" })
  conclusionLabel!: string;

  @Field(() => CalendarDate, { nullable: true, description: "下次检验日期 (next inspection date)" })
  nextDate!: string | null;

  @Field(() => Int, { description: "检验机构 ID (station unit id)" })
  stationUnitId!: number;

  @Field(() => UnitRef, { description: "检验机构 (station)" })
  station!: UnitRef;
}

@ObjectType("PublicFill", { description: "一次充装（公开） (one fill, public fields)" })
export class PublicFill {
  @Field(() => CalendarDate, { description: "充装日期（中国时间） (fill date, China)" })
  filledOn!: string;

  @Field(() => DateTime, { description: "充装结束时间 (when the fill ended)" })
  filledAt!: Date;

  @Field(() => Float, { nullable: true, description: "充装净重 kg (net weight)" })
  netWeight!: number | null;

  @Field(() => Int, { description: "充装单位 ID (filling unit id)" })
  unitId!: number;

  @Field(() => UnitRef, { description: "充装单位 (filling unit)" })
  unit!: UnitRef;
}

@ObjectType("CylinderPublicTrace", {
  description: "公开追溯信息：扫码页展示 (the public scan page's trace: last inspection, last fills)",
})
export class CylinderPublicTrace {
  @Field(() => PublicInspection, { nullable: true, description: "最近一次检验 (last inspection)" })
  lastInspection!: PublicInspection | null;

  @Field(() => [PublicFill], {
    description: "最近几次充装，最新在前（至多 5 次） (last fills, newest first, at most 5)",
  })
  lastFills!: PublicFill[];
}
