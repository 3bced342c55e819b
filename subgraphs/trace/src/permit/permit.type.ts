/** 充装许可 (FillPermit) and the logged decisions (PermitDecision). */
import { CalendarDate, Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { TraceCylinder } from "../cylinder/trace-cylinder.type";
import { UnitRef, unitRef } from "../shared/refs.type";
import { toDateNN } from "../shared/sql";

export enum PermitChannel {
  REST = "rest",
  GRAPHQL = "graphql",
}
registerEnumType(PermitChannel, {
  name: "PermitChannel",
  description: "许可申请渠道 (how the permit was asked for)",
  valuesConfig: {
    REST: { description: "/PS/* REST 接口 (the mandated REST contract)" },
    GRAPHQL: { description: "GraphQL" },
  },
});

@ObjectType("PermitReason", { description: "不允许充装的原因 (one refusal reason)" })
export class PermitReason {
  @Field(() => String, {
    description: "原因代码 (reason code: NOT_REGISTERED, NOT_OWN_PROPERTY, SCRAPPED, INSPECTION_OVERDUE…)",
  })
  code!: string;

  @Field(() => String, { description: "原因说明 (reason, Chinese)" })
  message!: string;
}

@ObjectType("FillPermit", { description: "充装许可判定 (fill-permit decision)" })
export class FillPermit {
  @Field(() => String, { description: "气瓶编号 (barcode, trimmed)" })
  barcode!: string;

  @Field(() => Int, { description: "申请充装的单位 ID (the filling unit asked about)" })
  unitId!: number;

  @Field(() => Boolean, { description: "是否允许充装 (permitted)" })
  permitted!: boolean;

  @Field(() => String, { description: "提示信息：允许充装 / 不允许充装：原因… (the line a station shows)" })
  message!: string;

  @Field(() => [PermitReason], {
    description: "全部不允许充装的原因，允许时为空 (every refusal reason; empty when permitted)",
  })
  reasons!: PermitReason[];

  @Field(() => DateTime, { description: "判定时间 (decided at)" })
  decidedAt!: Date;

  @Field(() => Int, {
    nullable: true,
    description: "判定日志 ID，仅扫码申请记录 (the logged decision's id; null for an evaluation)",
  })
  decisionId!: number | null;

  @Field(() => Int, { nullable: true, description: "不允许充装报警 ID (the permit_refused alarm raised)" })
  alarmId!: number | null;

  @Field(() => CalendarDate, {
    nullable: true,
    description:
      "判定采用的下检日期：档案与本平台最新检验结果中较晚者 (the NextDate the decision used: the later of the archive's and the latest inspection result's)",
  })
  effectiveNextDate!: string | null;
}

@ObjectType("PermitDecision", { description: "充装许可判定日志 (a logged fill-permit decision)" })
export class PermitDecision {
  @Field(() => Int, { description: "判定 ID (id)" })
  id!: number;

  @Field(() => Int, { description: "申请单位 ID (unit id)" })
  unitId!: number;

  @Field(() => String, { description: "气瓶编号 (barcode)" })
  barcode!: string;

  @Field(() => Boolean, { description: "是否允许充装 (permitted)" })
  permitted!: boolean;

  @Field(() => [String], { description: "不允许充装原因代码 (refusal reason codes)" })
  reasons!: string[];

  @Field(() => PermitChannel, { description: "申请渠道 (channel)" })
  channel!: PermitChannel;

  @Field(() => String, { nullable: true, description: "申请单位所在州市 (prefecture code)" })
  prefectureCode!: string | null;

  @Field(() => DateTime, { description: "判定时间 (decided at)" })
  decidedAt!: Date;

  @Field(() => TraceCylinder, {
    nullable: true,
    description: "气瓶档案，未登记或无权查看时为空 (the cylinder; null when not registered or not visible)",
  })
  cylinder!: TraceCylinder | null;

  @Field(() => UnitRef, { description: "申请单位 (the unit)" })
  unit!: UnitRef;
}

@ObjectType("PermitDecisionConnection", { description: "充装许可判定日志分页列表 (a page of permit decisions)" })
export class PermitDecisionConnection extends Connection(PermitDecision) {}

@InputType("PermitDecisionFilter", { description: "许可判定筛选条件 (permit decision filter)" })
export class PermitDecisionFilter {
  @Field(() => Int, { nullable: true, description: "申请单位 ID (unit id)" })
  unitId?: number;

  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;

  @Field(() => String, { nullable: true, description: "气瓶编号 (barcode)" })
  barcode?: string;

  @Field(() => Boolean, { nullable: true, description: "是否允许 (permitted or refused only)" })
  permitted?: boolean;

  @Field(() => DateTime, { nullable: true, description: "判定时间不早于 (decided at or after)" })
  from?: Date;

  @Field(() => DateTime, { nullable: true, description: "判定时间早于 (decided before)" })
  to?: Date;
}

export interface PermitDecisionRow {
  id: number;
  unit_id: number;
  barcode: string;
  permitted: boolean;
  reasons: string[];
  channel: "rest" | "graphql";
  prefecture_code: string | null;
  decided_at: string;
}

export const PERMIT_DECISION_COLUMNS =
  "x.id, x.unit_id, x.barcode, x.permitted, x.reasons, x.channel, x.prefecture_code, x.decided_at";

export function toPermitDecision(r: PermitDecisionRow): PermitDecision {
  return {
    id: Number(r.id),
    unitId: r.unit_id,
    barcode: r.barcode,
    permitted: r.permitted,
    reasons: r.reasons ?? [],
    channel: r.channel === "rest" ? PermitChannel.REST : PermitChannel.GRAPHQL,
    prefectureCode: r.prefecture_code,
    decidedAt: toDateNN(r.decided_at),
    cylinder: { barcode: r.barcode },
    unit: unitRef(r.unit_id)!,
  };
}
