/** 气瓶状态变更记录 (CylinderStateChange) and the inspection-result input. */
import { CylinderState } from "@cylinder/db";
import type { cylinderStateChange } from "@cylinder/db/schema";
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType } from "type-graphql";

export type CylinderStateChangeRow = typeof cylinderStateChange.$inferSelect;

@ObjectType("CylinderStateChange", { description: "气瓶状态变更记录 (a change of a cylinder's state)" })
export class CylinderStateChange {
  @Field(() => Int)
  id!: number;

  @Field(() => Int, { description: "原状态 (from State)" })
  fromState!: number;

  @Field(() => Int, { description: "新状态 (to State)" })
  toState!: number;

  @Field(() => String, { description: "新状态名称 (label of the new state)" })
  toStateLabel!: string;

  @Field(() => String, { description: "理由 (reason)" })
  reason!: string;

  @Field(() => String, { description: "来源 (source): regulator 监管部门 / inspection 定期检验" })
  source!: string;

  @Field(() => Int, { nullable: true, description: "操作单位 ID (acting unit)" })
  actorUnitId!: number | null;

  @Field(() => DateTime, { description: "时间 (at)" })
  createdAt!: Date;
}

export function toCylinderStateChange(r: CylinderStateChangeRow): CylinderStateChange {
  return {
    id: r.id,
    fromState: r.fromState,
    toState: r.toState,
    toStateLabel: CylinderState.label(r.toState),
    reason: r.reason,
    source: r.source,
    actorUnitId: r.actorUnitId,
    createdAt: r.createdAt,
  };
}

@InputType("InspectionResultUpdateInput", {
  description: "定期检验结果 (a periodic-inspection result for the archive)",
})
export class InspectionResultUpdateInput {
  @Field(() => String, { description: "气瓶编号 (barcode)" })
  barcode!: string;

  @Field(() => Int, { description: "检验结论 (conclusion): 0 合格, 1 不合格报废" })
  conclusion!: number;

  @Field(() => String, { description: "检验（报告）日期 YYYY-MM-DD，成为上检日期 (report date → CheckDate)" })
  reportDate!: string;

  @Field(() => String, { nullable: true, description: "下检日期 YYYY-MM-DD，合格时必填 (next date, required on pass)" })
  nextDate?: string | null;

  @Field(() => String, { description: "检验机构名称，成为最近一次检验单位 (station name → Check)" })
  stationName!: string;

  @Field(() => String, { description: "检验结果 ID (trace inspection result id), orders and de-duplicates results" })
  resultId!: string;
}
