/** Car-cylinder code ranges (annex 2): list, allocate, and bind a code to a car cylinder. */
import { carCodeRange } from "@cylinder/db/schema";
import { asc } from "drizzle-orm";
import { Arg, Ctx, Field, Float, InputType, Int, Mutation, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import { Cylinder, toCylinder } from "../cylinder/cylinder.type";
import { allocateCarCodeRange, bindCarCylinder, carCodeRangeScope } from "./car-code.service";
import { CarCodeRange, toCarCodeRange } from "./car-code-range.type";

@InputType("CarCylinderInput", {
  description: "车用气瓶档案 (the CarBottle fields of annex 1 §3) 及所赋条码；日期为 YYYY-MM-DD",
})
export class CarCylinderInput {
  @Field(() => String, { description: "所赋条码，须在本站分配的号段内 (Barcode, a code of the station's ranges)" })
  barcode!: string;

  @Field(() => String, { description: "使用登记证编号 (RegisterNo)" })
  registerNo!: string;

  @Field(() => String, { description: "登记日期 (RegisterDate)" })
  registerDate!: string;

  @Field(() => String, { description: "气瓶品种 (Type), 例如无缝气瓶、焊接气瓶、特种气瓶" })
  cylinderType!: string;

  @Field(() => Float, { description: "容积 L (Volumn)" })
  volume!: number;

  @Field(() => String, { description: "充装介质 (Medium): CNG/LNG/氢气" })
  medium!: string;

  @Field(() => String, { description: "车牌号码 (CarNo)" })
  carNo!: string;

  @Field(() => Int, { description: "车辆类型 (CarType): 1 出租车 2 公交车 3 私家车 4 货车 5 客车 9 其他" })
  carType!: number;

  @Field(() => String, { description: "车辆 VIN 码 (CarVin)" })
  carVin!: string;

  @Field(() => String, { description: "出厂日期 (ProductDate)" })
  productDate!: string;

  @Field(() => String, { nullable: true, description: "上检日期 (CheckDate)" })
  checkDate?: string | null;

  @Field(() => String, { description: "下检日期 (NextDate)" })
  nextDate!: string;

  @Field(() => Int, { nullable: true, description: "气瓶状态 (State)，默认 1 正常" })
  state?: number | null;

  @Field(() => String, { nullable: true, description: "发证日期 (CertificateDate)" })
  certificateDate?: string | null;

  @Field(() => String, { nullable: true, description: "投入使用日期 (UseDate)" })
  useDate?: string | null;

  @Field(() => String, { nullable: true, description: "单位内编号 (InnerNo)" })
  innerNo?: string | null;

  @Field(() => String, { nullable: true, description: "设备代码 (DeviceCode)" })
  deviceCode?: string | null;

  @Field(() => String, { nullable: true, description: "产品编号 (ProductNo)" })
  productNo?: string | null;

  @Field(() => Float, { nullable: true, description: "公称压力 MPa (NominalPressure)" })
  nominalPressure?: number | null;

  @Field(() => String, { description: "使用单位 (Company)" })
  company!: string;

  @Field(() => String, {
    nullable: true,
    description: "统一社会信用代码/身份证号 (IdentityNo)：加密存储，按权限脱敏显示",
  })
  identityNo?: string | null;

  @Field(() => String, { nullable: true, description: "制造商单位 (Factory)" })
  factory?: string | null;

  @Field(() => String, { nullable: true, description: "施工单位 (Install)" })
  install?: string | null;

  @Field(() => String, { nullable: true, description: "制造监督检验单位 (Supervise)" })
  supervise?: string | null;

  @Field(() => String, { nullable: true, description: "最近一次检验单位 (Check)" })
  checkUnit?: string | null;

  @Field(() => String, { nullable: true, description: "登记机关 (Office)" })
  office?: string | null;
}

@Resolver(() => CarCodeRange)
export class CarCodeResolver {
  @Query(() => [CarCodeRange], {
    description: "车用气瓶号段 (car code ranges): 加气站只见本站的，州市监管部门见本州市的，省局见全部",
  })
  async carCodeRanges(
    @Ctx() ctx: RegistryContext,
    @Arg("unitId", () => Int, { nullable: true }) unitId?: number,
  ): Promise<CarCodeRange[]> {
    const rows = await ctx.deps.db
      .select()
      .from(carCodeRange)
      .where(carCodeRangeScope(ctx.scope, unitId ?? undefined))
      .orderBy(asc(carCodeRange.prefectureCode), asc(carCodeRange.firstSerial));
    return rows.map(toCarCodeRange);
  }

  @Mutation(() => CarCodeRange, {
    description: "分配车用气瓶号段 (allocate the next free serials of the station's prefecture)：监管部门",
  })
  async allocateCarCodeRange(
    @Arg("unitId", () => Int) unitId: number,
    @Arg("count", () => Int) count: number,
    @Ctx() ctx: RegistryContext,
  ): Promise<CarCodeRange> {
    return toCarCodeRange(await allocateCarCodeRange(ctx, unitId, count));
  }

  @Mutation(() => Cylinder, {
    description:
      "车用气瓶赋码 (annex 2 二(二))：加气站把本站号段内的条码绑定到车用气瓶档案，生成一瓶一码；号段外为 CODE_OUT_OF_RANGE",
  })
  async bindCarCylinder(
    @Arg("input", () => CarCylinderInput) input: CarCylinderInput,
    @Ctx() ctx: RegistryContext,
  ): Promise<Cylinder> {
    return toCylinder(await bindCarCylinder(ctx, input), ctx.scope, ctx.deps.config.dataKey);
  }
}
