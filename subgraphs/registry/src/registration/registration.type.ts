/** 使用登记申请 (Registration, ApplyNew / ApplyOld) with its items and review, and its inputs. */
import { Valve } from "@cylinder/db";
import type { registration, registrationItem } from "@cylinder/db/schema";
import { CalendarDate, Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

export type RegistrationRow = typeof registration.$inferSelect;
export type RegistrationItemRow = typeof registrationItem.$inferSelect;

export enum RegistrationKind {
  NEW = "new",
  OLD = "old",
}
registerEnumType(RegistrationKind, {
  name: "RegistrationKind",
  description: "登记申请类别 (kind of application)",
  valuesConfig: {
    NEW: { description: "新瓶申请 (ApplyNew, annex 1 §7.1)" },
    OLD: { description: "旧瓶补录 (ApplyOld, annex 1 §7.2)" },
  },
});

export enum RegistrationStatus {
  PENDING = "pending",
  APPROVED = "approved",
  REJECTED = "rejected",
}
registerEnumType(RegistrationStatus, {
  name: "RegistrationStatus",
  description: "审核状态 (review status)",
  valuesConfig: {
    PENDING: { description: "待审核 (pending)" },
    APPROVED: { description: "已通过，气瓶已建档 (approved; the cylinders are in the archive)" },
    REJECTED: { description: "已驳回 (rejected)" },
  },
});

@ObjectType("RegistrationItem", { description: "登记申请中的气瓶 (a cylinder of an application)" })
export class RegistrationItem {
  @Field(() => Int, { description: "系统 ID (Id)" })
  id!: number;

  @Field(() => String, { description: "气瓶条码 (Barcode)" })
  barcode!: string;

  @Field(() => String, { nullable: true, description: "钢印号 (Printno)" })
  printno!: string | null;

  @Field(() => String, { nullable: true, description: "自有编号 (InnerNo)" })
  innerNo!: string | null;
}

@ObjectType("Registration", { description: "使用登记申请 (use registration application) and its review" })
export class Registration {
  @Field(() => Int, { description: "系统 ID (Id)，即 ApplyNew/ApplyOld 响应中的 Id" })
  id!: number;

  @Field(() => Int, { description: "申请单位 ID (applicant filling unit)" })
  unitId!: number;

  @Field(() => String, { description: "第三方系统唯一 ID (ThirdId)" })
  thirdId!: string;

  @Field(() => RegistrationKind, { description: "新瓶申请或旧瓶补录 (kind)" })
  kind!: RegistrationKind;

  @Field(() => RegistrationStatus, { description: "审核状态 (status)" })
  status!: RegistrationStatus;

  @Field(() => String, { description: "气瓶型号 (Style)" })
  style!: string;

  @Field(() => String, { description: "充装介质 (Medium, canonical name)" })
  medium!: string;

  @Field(() => Int, { nullable: true, description: "制造单位 ID (Factory)" })
  factoryId!: number | null;

  @Field(() => CalendarDate, { description: "生产日期 (CreateDate)" })
  productDate!: string;

  @Field(() => CalendarDate, { description: "报废日期 (DiscardDate)" })
  discardDate!: string;

  @Field(() => CalendarDate, { nullable: true, description: "上检日期 (CheckDate)" })
  checkDate!: string | null;

  @Field(() => CalendarDate, { description: "下检日期 (NextDate)" })
  nextDate!: string;

  @Field(() => Float, { nullable: true, description: "瓶重 kg (IdleWeight)" })
  idleWeight!: number | null;

  @Field(() => String, { nullable: true, description: "备注 (Remark)" })
  remark!: string | null;

  @Field(() => Int, { nullable: true, description: "阀门类型 (Valve): 1 角阀液相 2 角阀气相 3 直阀气相" })
  valve!: number | null;

  @Field(() => String, { nullable: true, description: "阀门类型名称 (valve label)" })
  valveLabel!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "新瓶：钢瓶交付瓶号说明文件照片；旧瓶：含钢印号的瓶体照片 (PayImage, server path)",
  })
  payImage!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "新瓶：批量检验质量证明书照片；旧瓶：含厂家、生产日期的瓶体照片 (BatchImage)",
  })
  batchImage!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "新瓶：特种设备制造监督检验证书照片；旧瓶：含条形码的瓶体照片 (DeviceImage)",
  })
  deviceImage!: string | null;

  @Field(() => Int, { nullable: true, description: "审核单位 ID (reviewing authority)" })
  reviewerUnitId!: number | null;

  @Field(() => DateTime, { nullable: true, description: "审核时间 (reviewed at)" })
  reviewedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "审核意见 (review comment)" })
  reviewComment!: string | null;

  @Field(() => DateTime, { description: "申请时间 (applied at)" })
  createdAt!: Date;

  @Field(() => DateTime, { description: "最近变更时间 (last change)" })
  updatedAt!: Date;
}

export function toRegistration(r: RegistrationRow): Registration {
  return {
    id: r.id,
    unitId: r.unitId,
    thirdId: String(r.thirdId),
    kind: r.applyKind as RegistrationKind,
    status: r.status as RegistrationStatus,
    style: r.style,
    medium: r.medium,
    factoryId: r.factoryUnitId,
    productDate: r.productDate,
    discardDate: r.discardDate,
    checkDate: r.checkDate,
    nextDate: r.nextDate,
    idleWeight: r.idleWeight,
    remark: r.remark,
    valve: r.valve,
    valveLabel: r.valve === null ? null : Valve.label(r.valve),
    payImage: r.payImage,
    batchImage: r.batchImage,
    deviceImage: r.deviceImage,
    reviewerUnitId: r.reviewerUnitId,
    reviewedAt: r.reviewedAt,
    reviewComment: r.reviewComment,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

@ObjectType("RegistrationConnection", { description: "登记申请分页列表 (a page of registrations)" })
export class RegistrationConnection extends Connection(Registration) {}

@InputType("RegistrationOverviewInput", {
  description: "基础资料 (Overview of annex 1 §7.1/§7.2); 除 CheckDate、Remark 外均必填，缺少时返回 MISSING_FIELD",
})
export class RegistrationOverviewInput {
  @Field(() => String, { nullable: true, description: "气瓶型号 (Style)，必填" })
  style?: string | null;

  @Field(() => String, { nullable: true, description: "充装介质 (Medium)，须在本单位许可范围内，必填" })
  medium?: string | null;

  @Field(() => Int, { nullable: true, description: "厂家 ID (Factory)：制造单位的单位 ID，必填" })
  factoryId?: number | null;

  @Field(() => String, { nullable: true, description: "生产日期 (CreateDate)，YYYY-MM-DD，必填" })
  productDate?: string | null;

  @Field(() => String, { nullable: true, description: "报废日期 (DiscardDate)，YYYY-MM-DD，必填" })
  discardDate?: string | null;

  @Field(() => String, { nullable: true, description: "上检日期 (CheckDate)，YYYY-MM-DD，新瓶可不填" })
  checkDate?: string | null;

  @Field(() => String, { nullable: true, description: "下检日期 (NextDate)，YYYY-MM-DD，必填" })
  nextDate?: string | null;

  @Field(() => Float, { nullable: true, description: "瓶重 kg (IdleWeight)，必填" })
  idleWeight?: number | null;

  @Field(() => String, { nullable: true, description: "备注 (Remark)" })
  remark?: string | null;

  @Field(() => Int, { nullable: true, description: "阀门类型 (Valve): 1 角阀液相 2 角阀气相 3 直阀气相，必填" })
  valve?: number | null;

  @Field(() => String, { nullable: true, description: "照片路径 (PayImage)，须为本单位 uploadImage 所得，必填" })
  payImage?: string | null;

  @Field(() => String, { nullable: true, description: "照片路径 (BatchImage)，必填" })
  batchImage?: string | null;

  @Field(() => String, { nullable: true, description: "照片路径 (DeviceImage)，必填" })
  deviceImage?: string | null;
}

@InputType("RegistrationItemInput", { description: "气瓶 (an item of Items)" })
export class RegistrationItemInput {
  @Field(() => String, { nullable: true, description: "气瓶条码 (Barcode)，必填，去除首尾空格" })
  barcode?: string | null;

  @Field(() => String, { nullable: true, description: "钢印号 (Printno)，必填" })
  printno?: string | null;

  @Field(() => String, { nullable: true, description: "自有编号 (InnerNo)" })
  innerNo?: string | null;
}

@InputType("RegistrationInput", { description: "使用登记申请 (ApplyNew / ApplyOld body)" })
export class RegistrationInput {
  @Field(() => RegistrationKind, { description: "新瓶申请或旧瓶补录 (ApplyNew or ApplyOld)" })
  kind!: RegistrationKind;

  @Field(() => String, {
    nullable: true,
    description: "第三方系统唯一 ID (ThirdId)，必填；同一单位同一类别重复提交返回同一申请",
  })
  thirdId?: string | null;

  @Field(() => RegistrationOverviewInput, { nullable: true, description: "基础资料 (Overview)，必填" })
  overview?: RegistrationOverviewInput | null;

  @Field(() => [RegistrationItemInput], { nullable: true, description: "气瓶列表 (Items)，必填，至多 1000 只" })
  items?: RegistrationItemInput[] | null;
}

@InputType("RegistrationFilter", { description: "登记申请筛选条件 (registration filter)" })
export class RegistrationFilter {
  @Field(() => RegistrationStatus, { nullable: true, description: "审核状态 (status)" })
  status?: RegistrationStatus;

  @Field(() => Int, { nullable: true, description: "申请单位 (applicant unit id)" })
  unitId?: number;

  @Field(() => String, { nullable: true, description: "申请单位所在州市 (applicant's prefecture)" })
  prefectureCode?: string;
}
