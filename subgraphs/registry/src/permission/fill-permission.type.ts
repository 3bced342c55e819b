/** 使用登记机关同意充装 (FillPermission): a filling unit may fill cylinders it does not own. */
import type { IsoDate } from "@cylinder/db";
import type { fillPermission } from "@cylinder/db/schema";
import { CalendarDate, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType } from "type-graphql";

export type FillPermissionRow = typeof fillPermission.$inferSelect;

@ObjectType("FillPermission", {
  description: "同意充装许可 (authority-approved permission to fill cylinders of another owner)",
})
export class FillPermission {
  @Field(() => Int)
  id!: number;

  @Field(() => Int, { description: "获准充装的单位 ID (the filling unit allowed)" })
  fillingUnitId!: number;

  @Field(() => Int, { nullable: true, description: "按产权单位许可：该单位的全部气瓶 (all cylinders of this owner)" })
  ownerUnitId!: number | null;

  @Field(() => String, { nullable: true, description: "按气瓶许可：这一只气瓶 (one cylinder by barcode)" })
  barcode!: string | null;

  @Field(() => Int, { description: "批准单位 ID (granting authority)" })
  grantedByUnitId!: number;

  @Field(() => CalendarDate, { description: "生效日期 (valid from)" })
  validFrom!: string;

  @Field(() => CalendarDate, {
    nullable: true,
    description: "截止日期，含；空为长期 (valid to, inclusive; open-ended when null)",
  })
  validTo!: string | null;

  @Field(() => String, { nullable: true, description: "理由 (reason)" })
  reason!: string | null;

  @Field(() => DateTime, { nullable: true, description: "撤销时间 (revoked at)" })
  revokedAt!: Date | null;

  @Field(() => Boolean, { description: "今天（中国时间）是否有效 (in force today, China time)" })
  active!: boolean;

  @Field(() => DateTime, { description: "批准时间 (granted at)" })
  createdAt!: Date;
}

export function isActive(r: FillPermissionRow, today: IsoDate): boolean {
  return r.revokedAt === null && r.validFrom <= today && (r.validTo === null || r.validTo >= today);
}

export function toFillPermission(r: FillPermissionRow, today: IsoDate): FillPermission {
  return {
    id: r.id,
    fillingUnitId: r.fillingUnitId,
    ownerUnitId: r.ownerUnitId,
    barcode: r.barcode,
    grantedByUnitId: r.grantedByUnitId,
    validFrom: r.validFrom,
    validTo: r.validTo,
    reason: r.reason,
    revokedAt: r.revokedAt,
    active: isActive(r, today),
    createdAt: r.createdAt,
  };
}

@InputType("FillPermissionInput", {
  description: "同意充装许可 (grant): 按产权单位 (ownerUnitId) 或按气瓶 (barcode)，二者择一",
})
export class FillPermissionInput {
  @Field(() => Int, { description: "获准充装的充装单位 ID" })
  fillingUnitId!: number;

  @Field(() => Int, { nullable: true, description: "产权单位 ID：许可充装其全部气瓶" })
  ownerUnitId?: number | null;

  @Field(() => String, { nullable: true, description: "气瓶编号：只许可这一只" })
  barcode?: string | null;

  @Field(() => String, { nullable: true, description: "生效日期 YYYY-MM-DD，默认今天" })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: "截止日期 YYYY-MM-DD（含），空为长期" })
  validTo?: string | null;

  @Field(() => String, { description: "理由 (reason)，必填" })
  reason!: string;
}

@InputType("FillPermissionFilter", { description: "同意充装许可筛选条件" })
export class FillPermissionFilter {
  @Field(() => Int, { nullable: true, description: "获准充装的单位 (filling unit id)" })
  fillingUnitId?: number;

  @Field(() => Int, { nullable: true, description: "产权单位 (owner unit id)" })
  ownerUnitId?: number;

  @Field(() => Boolean, { nullable: true, description: "true 只看今天有效的，false 只看已撤销或不在有效期的" })
  active?: boolean;
}
