/** 数据对账 (Reconciliation, annex 1 §9): a unit's monthly count beside the platform's. */
import { ReconciliationType } from "@cylinder/db";
import { Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { UnitRef, unitRef } from "../shared/refs.type";
import { toDateNN } from "../shared/sql";

@ObjectType("Reconciliation", { description: "数据对账 (monthly reconciliation, annex 1 §9)" })
export class Reconciliation {
  @Field(() => Int, { description: "对账 ID (id)" })
  id!: number;

  @Field(() => Int, { description: "充装单位 ID (unit id)" })
  unitId!: number;

  @Field(() => Int, { description: "年度 (Year)" })
  year!: number;

  @Field(() => Int, { description: "月份 (Month)" })
  month!: number;

  @Field(() => Int, { description: "数据类型 (Type): 1 充前检查笔数, 2 充装记录笔数, 3 充后检查笔数" })
  type!: number;

  @Field(() => String, { description: "数据类型名称 (type label)" })
  typeLabel!: string;

  @Field(() => Int, { description: "单位上报的业务数量 (Count, as the unit reported it)" })
  reportedCount!: number;

  @Field(() => Int, {
    description:
      "上报时平台收到的该单位当月记录数（按中国时间的检查/充装结束时间计） (records the platform held for that unit and month when the count arrived)",
  })
  platformCount!: number;

  @Field(() => Int, {
    description:
      "差异 = 上报数 − 平台数；正数表示平台缺少记录 (reportedCount − platformCount; positive: records missing on the platform)",
  })
  difference!: number;

  @Field(() => Int, { description: "提交次数 (times the count was sent)" })
  submissions!: number;

  @Field(() => String, { description: "单位所在州市 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => DateTime, { description: "最近一次上报时间 (last received at)" })
  receivedAt!: Date;

  @Field(() => UnitRef, { description: "充装单位 (unit)" })
  unit!: UnitRef;
}

@ObjectType("ReconciliationConnection", { description: "对账分页列表 (a page of reconciliations)" })
export class ReconciliationConnection extends Connection(Reconciliation) {}

@InputType("ReconciliationFilter", { description: "对账筛选条件 (reconciliation filter)" })
export class ReconciliationFilter {
  @Field(() => Int, { nullable: true, description: "充装单位 ID (unit id)" })
  unitId?: number;

  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;

  @Field(() => Int, { nullable: true, description: "年度 (year)" })
  year?: number;

  @Field(() => Int, { nullable: true, description: "月份 (month)" })
  month?: number;

  @Field(() => Int, { nullable: true, description: "数据类型 (type)" })
  type?: number;

  @Field(() => Boolean, { nullable: true, description: "仅有差异的 (only those with a difference)" })
  withDifference?: boolean;
}

export interface ReconciliationRow {
  id: number;
  unit_id: number;
  year: number;
  month: number;
  type: number;
  reported_count: number;
  platform_count: number | null;
  submissions: number;
  prefecture_code: string;
  received_at: string;
}

export const RECONCILIATION_COLUMNS =
  "x.id, x.unit_id, x.year, x.month, x.type, x.reported_count, x.platform_count, x.submissions, x.prefecture_code, x.received_at";

export function toReconciliation(r: ReconciliationRow): Reconciliation {
  const platformCount = r.platform_count ?? 0;
  return {
    id: r.id,
    unitId: r.unit_id,
    year: r.year,
    month: r.month,
    type: r.type,
    typeLabel: ReconciliationType.label(r.type),
    reportedCount: r.reported_count,
    platformCount,
    difference: r.reported_count - platformCount,
    submissions: r.submissions,
    prefectureCode: r.prefecture_code,
    receivedAt: toDateNN(r.received_at),
    unit: unitRef(r.unit_id)!,
  };
}
