/** 抽查 (SpotCheck, annex 1 §7.3): a regulator's request for photos of some of a unit's cylinders. */
import type { spotCheck, spotCheckItem } from "@cylinder/db/schema";
import { Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

export type SpotCheckRow = typeof spotCheck.$inferSelect;
export type SpotCheckItemRow = typeof spotCheckItem.$inferSelect;

export enum SpotCheckStatus {
  OPEN = "open",
  RESPONDED = "responded",
  CLOSED = "closed",
}
registerEnumType(SpotCheckStatus, {
  name: "SpotCheckStatus",
  description: "抽查状态 (spot check status)",
  valuesConfig: {
    OPEN: { description: "待回复 (open: the UnresponseList)" },
    RESPONDED: { description: "已回复，每只气瓶都有照片 (every item answered)" },
    CLOSED: { description: "已结束 (closed by the regulator)" },
  },
});

@ObjectType("SpotCheckItem", { description: "抽查的气瓶 (a cylinder of a spot check)" })
export class SpotCheckItem {
  @Field(() => Int, { description: "系统 ID (Id)，回复时引用" })
  id!: number;

  @Field(() => String, { description: "气瓶条码 (Barcode)" })
  barcode!: string;

  @Field(() => String, { nullable: true, description: "钢印号 (Printno)" })
  printno!: string | null;

  @Field(() => String, { nullable: true, description: "照片路径 (Image)，未回复时为空" })
  image!: string | null;

  @Field(() => DateTime, { nullable: true, description: "回复时间 (answered at)" })
  respondedAt!: Date | null;
}

export function toSpotCheckItem(r: SpotCheckItemRow): SpotCheckItem {
  return { id: r.id, barcode: r.barcode, printno: r.printno, image: r.image, respondedAt: r.respondedAt };
}

@ObjectType("SpotCheck", { description: "抽查 (spot check)" })
export class SpotCheck {
  @Field(() => Int, { description: "系统 ID (Id)" })
  id!: number;

  @Field(() => Int, { description: "被抽查的充装单位 ID (checked unit)" })
  unitId!: number;

  @Field(() => Int, { description: "发起抽查的监管部门单位 ID (issuing authority)" })
  authorityUnitId!: number;

  @Field(() => String, { nullable: true, description: "气瓶型号 (Style)" })
  style!: string | null;

  @Field(() => Int, { description: "抽查瓶数 (CheckCount)" })
  checkCount!: number;

  @Field(() => DateTime, { description: "抽查时间 (CheckDate)" })
  checkDate!: Date;

  @Field(() => String, { nullable: true, description: "抽查要求 (CheckComment)" })
  checkComment!: string | null;

  @Field(() => DateTime, { description: "申请时间 (ApplyDate): 下发给单位的时间" })
  applyDate!: Date;

  @Field(() => SpotCheckStatus, { description: "状态 (status)" })
  status!: SpotCheckStatus;

  @Field(() => DateTime, { nullable: true, description: "全部回复的时间 (fully answered at)" })
  respondedAt!: Date | null;

  @Field(() => DateTime, { description: "最近变更时间 (last change)" })
  updatedAt!: Date;
}

export function toSpotCheck(r: SpotCheckRow): SpotCheck {
  return {
    id: r.id,
    unitId: r.unitId,
    authorityUnitId: r.authorityUnitId,
    style: r.style,
    checkCount: r.checkCount,
    checkDate: r.checkDate,
    checkComment: r.checkComment,
    applyDate: r.applyDate,
    status: r.status as SpotCheckStatus,
    respondedAt: r.respondedAt,
    updatedAt: r.updatedAt,
  };
}

@ObjectType("SpotCheckConnection", { description: "抽查分页列表 (a page of spot checks)" })
export class SpotCheckConnection extends Connection(SpotCheck) {}

@InputType("SpotCheckFilter", { description: "抽查筛选条件 (spot check filter)" })
export class SpotCheckFilter {
  @Field(() => SpotCheckStatus, { nullable: true, description: "状态；OPEN 即待回复列表 (UnresponseList)" })
  status?: SpotCheckStatus;

  @Field(() => Int, { nullable: true, description: "被抽查单位 (unit id)" })
  unitId?: number;
}

@InputType("SpotCheckResponseItemInput", { description: "抽查回复中的一只气瓶 (an answered item)" })
export class SpotCheckResponseItemInput {
  @Field(() => Int, { description: "抽查气瓶的系统 ID (Items[].Id)" })
  id!: number;

  @Field(() => String, { description: "照片在服务端上的路径 (Image)，须为本单位 uploadImage 所得" })
  image!: string;
}
