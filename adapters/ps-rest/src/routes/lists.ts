/**
 * The change lists. §2 GenericBottle/List and §3 CarBottle/List (the annex's fields plus two
 * documented extensions: OwnerCode, the owner unit's 统一社会信用代码, and PrefectureCode);
 * the trace lists (filled gap: the province and prefecture platforms read the checks and
 * fills they receive the way they read cylinders), and inspection results.
 * Paging and the horizon: change-stream.ts.
 */
import { CarType, CheckState, CylinderState, InspectionConclusion, Valve } from "@cylinder/db";
import { enumSchema } from "../fields";
import { graphql } from "../gql";
import type { CheckRowFragment } from "../gql/graphql";
import { bigintId, date8, dateOf, dateTime14, omitEmpty } from "../output";
import { type ListRoute, type ListRouteSpec, listRoute, type Schema } from "../route";
import type { UnitDirectory } from "../units";

const str = (description: string): Schema => ({ type: "string", description });
const int = (description: string): Schema => ({ type: "integer", description });
const dec = (description: string): Schema => ({ type: "number", description });

// ------------------------------------------------------------------ §2 非车用气瓶档案

const genericElement: Schema = {
  type: "object",
  required: ["Barcode", "State", "Medium", "Id"],
  properties: {
    Barcode: str("气瓶编号，贴在瓶身上的条形码、二维码 (barcode)"),
    Printno: str("出厂编号 (serial no.)"),
    InnerNo: str("单位内编号 (owner's own no.)"),
    Style: str("气瓶型号，例如 YSP35.5 (style)"),
    Valve: enumSchema(Valve, "阀门类型 (valve)"),
    ProductDate: str("出厂日期 yyyyMMdd"),
    DiscardDate: str("报废日期 yyyyMMdd"),
    CheckDate: str("上检日期 yyyyMMdd"),
    NextDate: str("下检日期 yyyyMMdd；未过期表示检验合格"),
    State: enumSchema(CylinderState, "气瓶状态 (state)"),
    IdleWeight: dec("空瓶重量 kg"),
    FillWeight: dec("最大充装量 kg"),
    Medium: str("充装介质 (medium)"),
    NominalPressure: dec("公称压力 MPa"),
    Volumn: dec("气瓶容积 L（拼写按附件 1）"),
    Thickness: dec("设计壁厚 mm"),
    WaterPressure: dec("水试验压力 MPa"),
    CheckPeriod: int("检验周期，年"),
    LifePeriod: int("最大使用年限，年"),
    Factory: str("制造商单位"),
    Designer: str("设计单位"),
    Supervise: str("制造监督检验单位"),
    Check: str("最近一次检验单位"),
    RegisterDate: str("登记时间 yyyyMMddHHmmss"),
    Id: int("系统 ID"),
    OwnerCode: str("扩展：产权单位统一社会信用代码 (extension: owner's credit code)"),
    PrefectureCode: str("扩展：登记州市代码 GB/T 2260 (extension: prefecture code)"),
  },
};

export const genericBottleList: ListRoute = listRoute({
  path: "/PS/GenericBottle/List",
  methods: ["GET", "POST"],
  tag: "气瓶档案",
  summary: "非车用气瓶档案 (generic cylinders changed since lasttime)",
  description: "附件 1 第 2 节。返回 lasttime 以来变更的气瓶档案数组，按 (变更时间, Id) 升序。",
  auth: true,
  operation: graphql(`
    query GenericCylinderChanges($since: DateTime!, $first: Int, $after: String) {
      cylinderChanges(kind: GENERIC, since: $since, first: $first, after: $after) {
        horizon pageInfo { endCursor hasNextPage }
        nodes {
          id barcode printno innerNo style valve productDate discardDate checkDate nextDate state idleWeight
          fillWeight medium nominalPressure volume thickness waterPressure checkPeriod lifePeriod factory designer
          supervise checkUnit registerDate prefectureCode ownerUnitId
        }
      }
    }
  `),
  connection: (result) => result.cylinderChanges,
  unitIds: (n) => [n.ownerUnitId],
  element: (n, units) =>
    omitEmpty({
      Barcode: n.barcode,
      Printno: n.printno,
      InnerNo: n.innerNo,
      Style: n.style,
      Valve: n.valve,
      ProductDate: date8(n.productDate),
      DiscardDate: date8(n.discardDate),
      CheckDate: date8(n.checkDate),
      NextDate: date8(n.nextDate),
      State: n.state,
      IdleWeight: n.idleWeight,
      FillWeight: n.fillWeight,
      Medium: n.medium,
      NominalPressure: n.nominalPressure,
      Volumn: n.volume,
      Thickness: n.thickness,
      WaterPressure: n.waterPressure,
      CheckPeriod: n.checkPeriod,
      LifePeriod: n.lifePeriod,
      Factory: n.factory,
      Designer: n.designer,
      Supervise: n.supervise,
      Check: n.checkUnit,
      RegisterDate: dateTime14(n.registerDate),
      Id: n.id,
      OwnerCode: units.get(n.ownerUnitId)?.creditCode,
      PrefectureCode: n.prefectureCode,
    }),
  elementSchema: genericElement,
});

// ------------------------------------------------------------------ §3 车用气瓶档案

const carElement: Schema = {
  type: "object",
  required: ["State", "Medium", "Id"],
  properties: {
    RegisterNo: str("使用登记证编号"),
    RegisterDate: str("登记日期 yyyyMMdd"),
    Type: str("气瓶品种，例如无缝气瓶、焊接气瓶、特种气瓶"),
    Volumn: dec("容量 L（拼写按附件 1）"),
    Medium: str("充装介质"),
    CarNo: str("车牌号码"),
    CarType: enumSchema(CarType, "车辆类型 (car type)"),
    CarVin: str("车辆 VIN 码"),
    ProductDate: str("出厂日期 yyyyMMdd"),
    CheckDate: str("上检日期 yyyyMMdd"),
    NextDate: str("下检日期 yyyyMMdd"),
    State: enumSchema(CylinderState, "气瓶状态 (state)"),
    CertificateDate: str("发证日期 yyyyMMdd"),
    UseDate: str("投入使用日期 yyyyMMdd"),
    InnerNo: str("单位内编号"),
    DeviceCode: str("设备代码"),
    ProductNo: str("产品编号"),
    NominalPressure: dec("公称压力 MPa"),
    Company: str("使用单位"),
    IdentityNo: str("统一社会信用代码/身份证号，按权限脱敏 (masked unless the role may see it)"),
    Factory: str("制造商单位"),
    Install: str("施工单位名"),
    Supervise: str("制造监督检验单位"),
    Check: str("最近一次检验单位"),
    Office: str("登记机关单位"),
    Id: int("系统 ID"),
    Barcode: str("扩展：气瓶编号（车用气瓶 13 位编码）(extension: the car code)"),
    OwnerCode: str("扩展：产权单位统一社会信用代码"),
    PrefectureCode: str("扩展：登记州市代码 GB/T 2260"),
  },
};

export const carBottleList: ListRoute = listRoute({
  path: "/PS/CarBottle/List",
  methods: ["GET", "POST"],
  tag: "气瓶档案",
  summary: "车用气瓶档案 (car cylinders changed since lasttime)",
  description: "附件 1 第 3 节。返回 lasttime 以来变更的车用气瓶档案数组，按 (变更时间, Id) 升序。",
  auth: true,
  operation: graphql(`
    query CarCylinderChanges($since: DateTime!, $first: Int, $after: String) {
      cylinderChanges(kind: CAR, since: $since, first: $first, after: $after) {
        horizon pageInfo { endCursor hasNextPage }
        nodes {
          id barcode medium volume productDate checkDate nextDate state innerNo nominalPressure factory supervise
          checkUnit registerDate prefectureCode ownerUnitId
          car {
            registerNo cylinderType carNo carType carVin certificateDate useDate deviceCode productNo company
            identityNo install office
          }
        }
      }
    }
  `),
  connection: (result) => result.cylinderChanges,
  unitIds: (n) => [n.ownerUnitId],
  element: (n, units) => {
    const car = n.car;
    return omitEmpty({
      RegisterNo: car?.registerNo,
      RegisterDate: dateOf(n.registerDate),
      Type: car?.cylinderType,
      Volumn: n.volume,
      Medium: n.medium,
      CarNo: car?.carNo,
      CarType: car?.carType,
      CarVin: car?.carVin,
      ProductDate: date8(n.productDate),
      CheckDate: date8(n.checkDate),
      NextDate: date8(n.nextDate),
      State: n.state,
      CertificateDate: date8(car?.certificateDate),
      UseDate: date8(car?.useDate),
      InnerNo: n.innerNo,
      DeviceCode: car?.deviceCode,
      ProductNo: car?.productNo,
      NominalPressure: n.nominalPressure,
      Company: car?.company,
      IdentityNo: car?.identityNo,
      Factory: n.factory,
      Install: car?.install,
      Supervise: n.supervise,
      Check: n.checkUnit,
      Office: car?.office,
      Id: n.id,
      Barcode: n.barcode,
      OwnerCode: units.get(n.ownerUnitId)?.creditCode,
      PrefectureCode: n.prefectureCode,
    });
  },
  elementSchema: carElement,
});

// ------------------------------------------------------------------ trace lists (filled gap)

const checkElement: Schema = {
  type: "object",
  required: ["Barcode", "State", "Date", "ThridId", "Id", "UnitName", "CreateTime", "DateSource"],
  properties: {
    Barcode: str("钢瓶条形码"),
    State: enumSchema(CheckState, "检查结果 (check result)"),
    Remark: str("备注，例如不合格原因"),
    Date: str("检查时间 yyyyMMddHHmmss；上传未提供时为平台接收时间（见 DateSource）"),
    ThridId: int("第 3 方系统 ID（拼写按附件 1）"),
    Id: int("平台记录 ID"),
    UnitCode: str("充装单位统一社会信用代码"),
    UnitName: str("充装单位名称"),
    ManName: str("检查人姓名"),
    CreateTime: str("平台接收时间 yyyyMMddHHmmss"),
    DateSource: {
      type: "string",
      enum: ["reported", "received"],
      description: "Date 的来源：reported 上传方提供，received 以接收时间代替",
    },
  },
};

graphql(`
  fragment CheckRow on CheckRecord {
    id barcode state remark checkedAt checkedAtSource thirdId inspectorName receivedAt unitId
  }
`);

const checkNode = (n: CheckRowFragment, units: UnitDirectory) => {
  const unit = units.get(n.unitId);
  return omitEmpty({
    Barcode: n.barcode,
    State: n.state,
    Remark: n.remark,
    Date: dateTime14(n.checkedAt),
    ThridId: bigintId(n.thirdId),
    Id: n.id,
    UnitCode: unit?.creditCode,
    UnitName: unit?.name,
    ManName: n.inspectorName,
    CreateTime: dateTime14(n.receivedAt),
    DateSource: n.checkedAtSource === "RECEIVED" ? "received" : "reported",
  });
};

/** Before- and after-fill checks are listed alike. */
function checkList<R>(
  spec: Pick<ListRouteSpec<R, CheckRowFragment>, "path" | "summary" | "description" | "operation" | "connection">,
): ListRoute {
  return listRoute({
    ...spec,
    methods: ["GET", "POST"],
    tag: "追溯数据",
    gap: true,
    auth: true,
    unitIds: (n) => [n.unitId],
    element: checkNode,
    elementSchema: checkElement,
  });
}

export const beforeFillList = checkList({
  path: "/PS/GenericTrace/BeforeFillList",
  summary: "充装前检查列表 (before-fill checks changed since lasttime)",
  description:
    "补充接口：lasttime 以来平台收到的充装前检查（附件 1 第 4 节的字段，另加平台 Id、单位、接收时间），分页与水位同气瓶档案列表。",
  operation: graphql(`
    query BeforeFillCheckChanges($since: DateTime!, $first: Int, $after: String) {
      beforeFillCheckChanges(since: $since, first: $first, after: $after) {
        horizon pageInfo { endCursor hasNextPage } nodes { ...CheckRow }
      }
    }
  `),
  connection: (result) => result.beforeFillCheckChanges,
});

export const afterFillList = checkList({
  path: "/PS/GenericTrace/AfterFillList",
  summary: "充装后检查列表 (after-fill checks changed since lasttime)",
  description: "补充接口：lasttime 以来平台收到的充装后检查（附件 1 第 6 节的字段，另加平台 Id、单位、接收时间）。",
  operation: graphql(`
    query AfterFillCheckChanges($since: DateTime!, $first: Int, $after: String) {
      afterFillCheckChanges(since: $since, first: $first, after: $after) {
        horizon pageInfo { endCursor hasNextPage } nodes { ...CheckRow }
      }
    }
  `),
  connection: (result) => result.afterFillCheckChanges,
});

export const fillList: ListRoute = listRoute({
  path: "/PS/GenericTrace/FillList",
  methods: ["GET", "POST"],
  tag: "追溯数据",
  summary: "充装记录列表 (fill records changed since lasttime)",
  description:
    "补充接口：lasttime 以来平台收到的充装记录（附件 1 第 5 节的字段，另加平台 Id、单位、充装员、秤厂家、接收时间）。",
  gap: true,
  auth: true,
  operation: graphql(`
    query FillRecordChanges($since: DateTime!, $first: Int, $after: String) {
      fillRecordChanges(since: $since, first: $first, after: $after) {
        horizon pageInfo { endCursor hasNextPage }
        nodes {
          id barcode idleWeight grossWeight netWeight beginAt endAt machine thirdId fillerName scaleFactory
          receivedAt unitId
        }
      }
    }
  `),
  connection: (result) => result.fillRecordChanges,
  unitIds: (n) => [n.unitId],
  element: (n, units) => {
    const unit = units.get(n.unitId);
    return omitEmpty({
      Barcode: n.barcode,
      IdleWeight: n.idleWeight,
      GrossWeight: n.grossWeight,
      NetWeight: n.netWeight,
      BeginDate: dateTime14(n.beginAt),
      EndDate: dateTime14(n.endAt),
      Machine: n.machine,
      ThridId: bigintId(n.thirdId),
      Id: n.id,
      UnitCode: unit?.creditCode,
      UnitName: unit?.name,
      ManName: n.fillerName,
      FactoryName: n.scaleFactory,
      CreateTime: dateTime14(n.receivedAt),
    });
  },
  elementSchema: {
    type: "object",
    required: [
      "Barcode",
      "IdleWeight",
      "GrossWeight",
      "NetWeight",
      "BeginDate",
      "EndDate",
      "ThridId",
      "Id",
      "UnitName",
      "CreateTime",
    ],
    properties: {
      Barcode: str("钢瓶条形码"),
      IdleWeight: dec("瓶重 kg"),
      GrossWeight: dec("毛重 kg"),
      NetWeight: dec("净重 kg"),
      BeginDate: str("开始时间 yyyyMMddHHmmss"),
      EndDate: str("结束时间 yyyyMMddHHmmss"),
      Machine: int("秤号"),
      ThridId: int("第 3 方系统 ID（拼写按附件 1）"),
      Id: int("平台记录 ID"),
      UnitCode: str("充装单位统一社会信用代码"),
      UnitName: str("充装单位名称"),
      ManName: str("充装员姓名"),
      FactoryName: str("充装秤厂家"),
      CreateTime: str("平台接收时间 yyyyMMddHHmmss"),
    },
  },
});

export const checkResultList: ListRoute = listRoute({
  path: "/PS/CheckResult/List",
  methods: ["GET", "POST"],
  tag: "气瓶检验",
  summary: "检验结果列表 (inspection results changed since lasttime)",
  description: "补充接口：lasttime 以来平台收到的定期检验结果（检验机构上传），分页与水位同气瓶档案列表。",
  gap: true,
  auth: true,
  operation: graphql(`
    query InspectionResultChanges($since: DateTime!, $first: Int, $after: String) {
      inspectionResultChanges(since: $since, first: $first, after: $after) {
        horizon pageInfo { endCursor hasNextPage }
        nodes {
          id orderId barcode thirdId conclusion reportDate reportNo valveReplaced valveMaker nextDate remark receivedAt
          stationUnitId
        }
      }
    }
  `),
  connection: (result) => result.inspectionResultChanges,
  unitIds: (n) => [n.stationUnitId],
  element: (n, units) => {
    const station = units.get(n.stationUnitId);
    return omitEmpty({
      Barcode: n.barcode,
      Result: n.conclusion,
      ReportDate: date8(n.reportDate),
      ReportNo: n.reportNo,
      ValveReplaced: n.valveReplaced === true ? 1 : 0,
      ValveMaker: n.valveMaker,
      NextDate: date8(n.nextDate),
      Remark: n.remark,
      ApplyId: n.orderId,
      ThirdId: bigintId(n.thirdId),
      Id: n.id,
      StationCode: station?.creditCode,
      StationName: station?.name,
      CreateTime: dateTime14(n.receivedAt),
    });
  },
  elementSchema: {
    type: "object",
    required: ["Barcode", "Result", "ReportDate", "ValveReplaced", "Id", "StationName", "CreateTime"],
    properties: {
      Barcode: str("气瓶编号"),
      Result: enumSchema(InspectionConclusion, "检验结论 (conclusion)"),
      ReportDate: str("检验报告完成日期 yyyyMMdd"),
      ReportNo: str("检验报告编号"),
      ValveReplaced: { type: "integer", enum: [0, 1], description: "是否更换瓶阀：0 否，1 是" },
      ValveMaker: str("更换的瓶阀制造单位"),
      NextDate: str("下次检验日期 yyyyMMdd（合格时）"),
      Remark: str("备注"),
      ApplyId: int("送检工单 ID（CheckApply 的 Id）"),
      ThirdId: int("检验机构系统 ID"),
      Id: int("平台记录 ID"),
      StationCode: str("检验机构统一社会信用代码"),
      StationName: str("检验机构名称"),
      CreateTime: str("平台接收时间 yyyyMMddHHmmss"),
    },
  },
});
