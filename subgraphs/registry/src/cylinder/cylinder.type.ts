/**
 * 气瓶 (Cylinder), the federation entity keyed by its province-wide barcode (一瓶一码):
 * every field of the annex's generic archive (§2) and, for car cylinders, the car archive (§3).
 */
import {
  CarType,
  CylinderState,
  maskIdentityNo,
  openPersonal,
  type Scope,
  seesPersonalData,
  Valve,
} from "@cylinder/db";
import { CalendarDate, DateTime } from "@cylinder/subgraph-kit";
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import type { CylinderRow } from "./cylinder.loader";

export enum CylinderKind {
  GENERIC = "generic",
  CAR = "car",
}
registerEnumType(CylinderKind, {
  name: "CylinderKind",
  description: "气瓶类别 (kind of cylinder)",
  valuesConfig: { GENERIC: { description: "非车用气瓶 (generic)" }, CAR: { description: "车用气瓶 (car)" } },
});

@ObjectType("CarCylinderDetails", { description: "车用气瓶档案 (car cylinder archive, annex 1 §3)" })
export class CarCylinderDetails {
  @Field(() => String, { nullable: true, description: "使用登记证编号 (registration certificate no.)" })
  registerNo!: string | null;

  @Field(() => String, { nullable: true, description: "气瓶品种 (cylinder type)" })
  cylinderType!: string | null;

  @Field(() => String, { nullable: true, description: "车牌号码 (plate number)" })
  carNo!: string | null;

  @Field(() => Int, { nullable: true, description: "车辆类型 (CarType)" })
  carType!: number | null;

  @Field(() => String, { nullable: true, description: "车辆类型名称 (CarType label)" })
  carTypeLabel!: string | null;

  @Field(() => String, { nullable: true, description: "车辆 VIN 码 (VIN)" })
  carVin!: string | null;

  @Field(() => CalendarDate, { nullable: true, description: "发证日期 (certificate date)" })
  certificateDate!: string | null;

  @Field(() => CalendarDate, { nullable: true, description: "投入使用日期 (in use since)" })
  useDate!: string | null;

  @Field(() => String, { nullable: true, description: "设备代码 (device code)" })
  deviceCode!: string | null;

  @Field(() => String, { nullable: true, description: "产品编号 (product no.)" })
  productNo!: string | null;

  @Field(() => String, { nullable: true, description: "使用单位 (user company or person)" })
  company!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "统一社会信用代码/身份证号，按权限脱敏 (identity no., masked unless the role may see it)",
  })
  identityNo!: string | null;

  @Field(() => String, { nullable: true, description: "施工单位 (installer)" })
  install!: string | null;

  @Field(() => String, { nullable: true, description: "登记机关 (registration office)" })
  office!: string | null;
}

@ObjectType("Cylinder", { description: "气瓶 (cylinder): 一瓶一码的省级档案 (the province's archive entry)" })
@Directive(`@key(fields: "barcode")`)
export class Cylinder {
  @Field(() => String, { description: "气瓶编号，全省唯一 (province-wide barcode)" })
  barcode!: string;

  @Field(() => Int, { description: "系统 ID (Id)" })
  id!: number;

  @Field(() => CylinderKind, { description: "气瓶类别 (generic or car)" })
  kind!: CylinderKind;

  @Field(() => Int, { description: "气瓶状态 (State): 1 正常 2 锁定 3 停用 4 报废" })
  state!: number;

  @Field(() => String, { description: "气瓶状态名称 (state label)" })
  stateLabel!: string;

  @Field(() => String, { description: "充装介质 (medium)" })
  medium!: string;

  @Field(() => String, { description: "登记州市代码 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => Int, { nullable: true, description: "产权单位 ID (owner unit id)" })
  ownerUnitId!: number | null;

  @Field(() => String, { nullable: true, description: "出厂编号/钢印号 (Printno)" })
  printno!: string | null;

  @Field(() => String, { nullable: true, description: "单位内编号 (InnerNo)" })
  innerNo!: string | null;

  @Field(() => String, { nullable: true, description: "气瓶型号 (Style), e.g. YSP35.5" })
  style!: string | null;

  @Field(() => Int, { nullable: true, description: "阀门类型 (Valve): 1 角阀液相 2 角阀气相 3 直阀气相" })
  valve!: number | null;

  @Field(() => String, { nullable: true, description: "阀门类型名称 (valve label)" })
  valveLabel!: string | null;

  @Field(() => CalendarDate, { nullable: true, description: "出厂日期 (ProductDate)" })
  productDate!: string | null;

  @Field(() => CalendarDate, { nullable: true, description: "报废日期 (DiscardDate)" })
  discardDate!: string | null;

  @Field(() => CalendarDate, { nullable: true, description: "上检日期 (CheckDate)" })
  checkDate!: string | null;

  @Field(() => CalendarDate, { nullable: true, description: "下检日期 (NextDate)" })
  nextDate!: string | null;

  @Field(() => Float, { nullable: true, description: "空瓶重量 kg (IdleWeight)" })
  idleWeight!: number | null;

  @Field(() => Float, { nullable: true, description: "最大充装量 kg (FillWeight)" })
  fillWeight!: number | null;

  @Field(() => Float, { nullable: true, description: "公称压力 MPa (NominalPressure)" })
  nominalPressure!: number | null;

  @Field(() => Float, { nullable: true, description: "容积 L (Volumn)" })
  volume!: number | null;

  @Field(() => Float, { nullable: true, description: "设计壁厚 mm (Thickness)" })
  thickness!: number | null;

  @Field(() => Float, { nullable: true, description: "水试验压力 MPa (WaterPressure)" })
  waterPressure!: number | null;

  @Field(() => Int, { nullable: true, description: "检验周期 年 (CheckPeriod)" })
  checkPeriod!: number | null;

  @Field(() => Int, { nullable: true, description: "最大使用年限 年 (LifePeriod)" })
  lifePeriod!: number | null;

  @Field(() => String, { nullable: true, description: "制造单位 (Factory)" })
  factory!: string | null;

  @Field(() => String, { nullable: true, description: "设计单位 (Designer)" })
  designer!: string | null;

  @Field(() => String, { nullable: true, description: "制造监督检验单位 (Supervise)" })
  supervise!: string | null;

  @Field(() => String, { nullable: true, description: "最近一次检验单位 (Check)" })
  checkUnit!: string | null;

  @Field(() => DateTime, { nullable: true, description: "登记时间 (RegisterDate)" })
  registerDate!: Date | null;

  @Field(() => CarCylinderDetails, { nullable: true, description: "车用气瓶档案 (car archive)" })
  car!: CarCylinderDetails | null;

  @Field(() => DateTime, { description: "最近变更时间 (last change)" })
  updatedAt!: Date;
}

/**
 * The archive as a reader may see it: personal data masked unless the role may see it, and
 * for the public (the scan page) only what the seed says a phone scan shows (registration,
 * inspection and the cylinder's basic facts).
 */
export function toCylinder(row: CylinderRow, scope: Scope, dataKey: string): Cylinder {
  const isPublic = scope.kind === "public";
  let car: CarCylinderDetails | null = null;
  if (row.kind === "car" && !isPublic) {
    let identityNo: string | null = null;
    if (row.identityNoEnc) {
      identityNo = seesPersonalData(scope) ? openPersonal(row.identityNoEnc, dataKey) : row.identityNoMasked;
      identityNo ??= maskIdentityNo(openPersonal(row.identityNoEnc, dataKey));
    }
    car = {
      registerNo: row.registerNo,
      cylinderType: row.carCylinderType,
      carNo: row.carNo,
      carType: row.carType,
      carTypeLabel: row.carType === null ? null : CarType.label(row.carType),
      carVin: row.carVin,
      certificateDate: row.certificateDate,
      useDate: row.useDate,
      deviceCode: row.deviceCode,
      productNo: row.productNo,
      company: row.company,
      identityNo,
      install: row.install,
      office: row.office,
    };
  }
  return {
    barcode: row.barcode,
    id: row.id,
    kind: row.kind as CylinderKind,
    state: row.state,
    stateLabel: CylinderState.label(row.state),
    medium: row.medium,
    prefectureCode: row.prefectureCode,
    ownerUnitId: row.ownerUnitId,
    printno: isPublic ? null : row.printno,
    innerNo: isPublic ? null : row.innerNo,
    style: row.style,
    valve: row.valve,
    valveLabel: row.valve === null ? null : Valve.label(row.valve),
    productDate: row.productDate,
    discardDate: row.discardDate,
    checkDate: row.checkDate,
    nextDate: row.nextDate,
    idleWeight: row.idleWeight,
    fillWeight: row.fillWeight,
    nominalPressure: row.nominalPressure,
    volume: row.volume,
    thickness: row.thickness,
    waterPressure: row.waterPressure,
    checkPeriod: row.checkPeriod,
    lifePeriod: row.lifePeriod,
    factory: row.factory,
    designer: row.designer,
    supervise: row.supervise,
    checkUnit: row.checkUnit,
    registerDate: row.registerDate,
    car,
    updatedAt: row.updatedAt,
  };
}
