/** Reading source list elements: what is stored, and what is quarantined with which reason. */
import { describe, expect, it } from "vitest";
import { parseCylinder, parseInspectionResult, parseTrace } from "../src/pull/rows";

const KM = "530100";

/** The annex's own GenericBottle/List example, plus the two extensions. */
const generic = {
  Barcode: "1103007831",
  Printno: "1260419",
  InnerNo: "XY60235",
  Style: "YSP35.5",
  Valve: 1,
  ProductDate: "20140901",
  DiscardDate: "20220901",
  CheckDate: "20200401",
  NextDate: "20240401",
  State: 1,
  IdleWeight: 16.5,
  FillWeight: 14.5,
  Medium: "液化石油气",
  NominalPressure: 1.6,
  Volumn: 35.5,
  Thickness: 2.5,
  WaterPressure: 2.4,
  CheckPeriod: 4,
  LifePeriod: 8,
  Factory: "江苏特种设备生产有限公司",
  Designer: "江苏特种设备设计有限公司",
  Supervise: "江苏特种设备监督检验公司",
  Check: "江苏特种设备检测有限公司",
  RegisterDate: "20201001100101",
  Id: 10245,
  OwnerCode: "91530100MA6K0001XY",
  PrefectureCode: KM,
};

const car = {
  RegisterNo: "瓶 3T 浙 KB00002 (20)",
  RegisterDate: "20201001",
  Type: "223T",
  Volumn: 120,
  Medium: "CNG",
  CarNo: "京 A88888",
  CarType: 1,
  CarVin: "LSHY8888888",
  ProductDate: "20201001",
  CheckDate: "20201001",
  NextDate: "20241001",
  State: 1,
  CertificateDate: "20201022",
  UseDate: "20201001",
  InnerNo: "21200002",
  DeviceCode: "23T331121200002",
  ProductNo: "KB00002",
  NominalPressure: 0,
  Company: "北京市汽车能源有限公司",
  IdentityNo: "888888888888",
  Factory: "北京市特种设备生产有限公司",
  Install: "北京市特种设备安装有限公司",
  Supervise: "北京市特种设备监督检验公司",
  Check: "北京市特种设备检验有限公司",
  Office: "北京市市场监督管理局",
  Id: 10245,
  Barcode: "5301000000017",
  PrefectureCode: KM,
};

describe("parseCylinder", () => {
  it("reads the annex's generic example field by field", () => {
    const r = parseCylinder("generic_bottle", generic, KM);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.row).toMatchObject({
      source_id: 10245,
      barcode: "1103007831",
      kind: "generic",
      owner_code: "91530100MA6K0001XY",
      state: 1,
      valve: 1,
      product_date: "2014-09-01",
      discard_date: "2022-09-01",
      next_date: "2024-04-01",
      idle_weight: 16.5,
      volume: 35.5,
      check_period: 4,
      check_unit: "江苏特种设备检测有限公司",
      // 10:01:01 China time
      register_date: "2020-10-01T02:01:01.000Z",
      car_no: null,
    });
  });

  it("reads the annex's car example; its RegisterDate is a calendar date", () => {
    const r = parseCylinder("car_bottle", car, KM);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.row).toMatchObject({
      kind: "car",
      barcode: "5301000000017",
      car_cylinder_type: "223T",
      car_type: 1,
      certificate_date: "2020-10-22",
      register_date: "2020-09-30T16:00:00.000Z",
      identity_no: "888888888888",
      nominal_pressure: 0,
      style: null,
      owner_code: null,
    });
  });

  it.each([
    ["an impossible date", { ProductDate: "20210230" }, "ProductDate"],
    ["an impossible time", { RegisterDate: "20201001250101" }, "RegisterDate"],
    ["a number where a string belongs", { Barcode: 1103007831 }, "Barcode"],
    ["text where a number belongs", { IdleWeight: "heavy" }, "IdleWeight"],
    ["a negative weight", { FillWeight: -1 }, "FillWeight"],
    ["an unknown state", { State: 9 }, "State"],
    ["an unknown valve", { Valve: 7 }, "Valve"],
    ["no barcode", { Barcode: "" }, "Barcode"],
    ["no medium", { Medium: undefined }, "Medium"],
    ["no Id", { Id: undefined }, "Id"],
    ["a malformed credit code", { OwnerCode: "123" }, "OwnerCode"],
    ["another prefecture's cylinder", { PrefectureCode: "532600" }, "PrefectureCode"],
    ["a fractional period", { CheckPeriod: 2.5 }, "CheckPeriod"],
  ] as [string, Record<string, unknown>, string][])("quarantines %s, naming the field", (_, change, field) => {
    const r = parseCylinder("generic_bottle", { ...generic, ...change }, KM);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(field);
    expect(r.sourceRecordId).toBe("Id" in change ? null : "10245");
  });

  it("takes absent and empty optional fields as null, and trims text", () => {
    const r = parseCylinder(
      "generic_bottle",
      { ...generic, InnerNo: "", Designer: undefined, Barcode: " 1103007831 " },
      KM,
    );
    expect(r.ok && r.row.inner_no).toBeNull();
    expect(r.ok && r.row.designer).toBeNull();
    expect(r.ok && r.row.barcode).toBe("1103007831");
  });
});

const check = {
  Barcode: "1103007831",
  State: 1,
  Remark: "瓶体变形",
  Date: "20200420195401",
  ThridId: 20489,
  Id: 77,
  UnitCode: "91530100MA6K0001XY",
  UnitName: "昆明市官渡燃气充装站",
  ManName: "张三",
  CreateTime: "20200420195501",
  DateSource: "reported",
};

const fill = {
  Barcode: "1103007831",
  IdleWeight: 16.33,
  GrossWeight: 29.76,
  NetWeight: 13.43,
  BeginDate: "20200420195401",
  EndDate: "20200420195521",
  Machine: 1,
  ThridId: 20490,
  Id: 78,
  UnitCode: "91530100MA6K0001XY",
  UnitName: "昆明市官渡燃气充装站",
  ManName: "张三",
  FactoryName: "测试厂家",
  CreateTime: "20200420195601",
};

describe("parseTrace", () => {
  it("reads a check with its unit, inspector and times", () => {
    const r = parseTrace("before_fill_check", check);
    expect(r).toEqual({
      ok: true,
      row: {
        source_id: 77,
        unit_code: "91530100MA6K0001XY",
        unit_name: "昆明市官渡燃气充装站",
        third_id: 20489,
        barcode: "1103007831",
        received_at: "2020-04-20T11:55:01.000Z",
        state: 1,
        remark: "瓶体变形",
        checked_at: "2020-04-20T11:54:01.000Z",
        checked_at_source: "reported",
        inspector_name: "张三",
      },
    });
  });

  it("reads a fill record with its weights, scale maker and filler", () => {
    const r = parseTrace("fill_record", fill);
    expect(r.ok && r.row).toMatchObject({
      idle_weight: 16.33,
      gross_weight: 29.76,
      net_weight: 13.43,
      begin_at: "2020-04-20T11:54:01.000Z",
      end_at: "2020-04-20T11:55:21.000Z",
      machine: 1,
      scale_factory: "测试厂家",
      filler_name: "张三",
    });
  });

  it("keeps that a check's time stood in for a missing one", () => {
    const r = parseTrace("after_fill_check", { ...check, DateSource: "received" });
    expect(r.ok && r.row.checked_at_source).toBe("received");
  });

  it.each([
    ["before_fill_check", "an impossible check time", { Date: "20200431120000" }, "Date"],
    ["before_fill_check", "no unit credit code", { UnitCode: undefined }, "UnitCode"],
    ["before_fill_check", "a check result outside 0/1", { State: 2 }, "State"],
    ["before_fill_check", "no ThridId", { ThridId: undefined }, "ThridId"],
    ["before_fill_check", "an unknown DateSource", { DateSource: "guessed" }, "DateSource"],
    ["fill_record", "a fill ending before it began", { EndDate: "20200420195300" }, "EndDate"],
    ["fill_record", "a weight as text", { NetWeight: "13.4kg" }, "NetWeight"],
    ["fill_record", "no begin time", { BeginDate: undefined }, "BeginDate"],
  ] as const)("%s: quarantines %s", (list, _, change, field) => {
    const base = list === "fill_record" ? fill : check;
    const r = parseTrace(list, { ...base, ...change });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(field);
  });
});

/** A CheckResult/List element as the prefecture platform serves it. */
const result = {
  Barcode: "1103007831",
  Result: 0,
  ReportDate: "20261120",
  ReportNo: "KM-2026-0042",
  ValveReplaced: 1,
  ValveMaker: "宁波阀门厂",
  NextDate: "20301120",
  Remark: "外观良好",
  ApplyId: 12,
  ThirdId: 9001,
  Id: 301,
  StationCode: "12530100MB0000401A",
  StationName: "昆明市气瓶检验站",
  CreateTime: "20261120101500",
};

describe("parseInspectionResult", () => {
  it("reads a result with its station, report and next date; the prefecture's order is not kept", () => {
    expect(parseInspectionResult(result)).toEqual({
      ok: true,
      row: {
        source_id: 301,
        station_code: "12530100MB0000401A",
        station_name: "昆明市气瓶检验站",
        third_id: 9001,
        barcode: "1103007831",
        conclusion: 0,
        report_date: "2026-11-20",
        report_no: "KM-2026-0042",
        valve_replaced: true,
        valve_maker: "宁波阀门厂",
        next_date: "2030-11-20",
        remark: "外观良好",
        received_at: "2026-11-20T02:15:00.000Z",
      },
    });
  });

  it("reads a scrap without a next date, absent optional fields as null", () => {
    const r = parseInspectionResult({
      ...result,
      Result: 1,
      NextDate: undefined,
      ValveReplaced: 0,
      ValveMaker: "",
      ThirdId: undefined,
    });
    expect(r.ok && r.row).toMatchObject({ conclusion: 1, next_date: null, valve_replaced: false, third_id: null });
  });

  it.each([
    ["no station credit code", { StationCode: undefined }, "StationCode"],
    ["a malformed station credit code", { StationCode: "station-1" }, "StationCode"],
    ["an unknown conclusion", { Result: 2 }, "Result"],
    ["no conclusion", { Result: undefined }, "Result"],
    ["an impossible report date", { ReportDate: "20261131" }, "ReportDate"],
    ["no report date", { ReportDate: "" }, "ReportDate"],
    ["a pass without a next date", { NextDate: undefined }, "NextDate"],
    ["a next date not after the report", { NextDate: "20261120" }, "NextDate"],
    ["ValveReplaced outside 0/1", { ValveReplaced: 2 }, "ValveReplaced"],
    ["a negative ThirdId", { ThirdId: -3 }, "ThirdId"],
    ["no barcode", { Barcode: undefined }, "Barcode"],
    ["an impossible receive time", { CreateTime: "20261120256000" }, "CreateTime"],
  ] as [string, Record<string, unknown>, string][])("quarantines %s, naming the field", (_, change, field) => {
    const r = parseInspectionResult({ ...result, ...change });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(field);
    expect(r.sourceRecordId).toBe("301");
  });
});
