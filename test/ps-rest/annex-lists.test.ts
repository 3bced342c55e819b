/**
 * §2 and §3: cylinders holding exactly the values of the annex's response examples come out
 * of GenericBottle/List and CarBottle/List as exactly the annex's example objects (plus the
 * documented extensions), names, types and formats included.
 */
import { sealPersonal } from "@cylinder/db";
import { cylinder } from "@cylinder/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { ps, psLogin } from "./client";

let t: TestPlatform;
let province: string;

beforeAll(async () => {
  t = await startTestPlatform();
  province = await psLogin(t, t.world.accounts.province);
});
afterAll(async () => {
  await t?.stop();
});

// the annex's §2 example, verbatim (Barcode and Id are the platform's here)
const GENERIC_EXAMPLE = {
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
};

// the annex's §3 example, verbatim except IdentityNo (masked for this role) and Id
const CAR_EXAMPLE = {
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
  Factory: "北京市特种设备生产有限公司",
  Install: "北京市特种设备安装有限公司",
  Supervise: "北京市特种设备监督检验公司",
  Check: "北京市特种设备检验有限公司",
  Office: "北京市市场监督管理局",
};

it("§2 GenericBottle/List element = the annex's example", async () => {
  const [row] = await t.database.db
    .insert(cylinder)
    .values({
      barcode: "ANNEX-2",
      kind: "generic",
      ownerUnitId: t.world.units.kmFilling,
      prefectureCode: "530100",
      printno: "1260419",
      innerNo: "XY60235",
      style: "YSP35.5",
      valve: 1,
      productDate: "2014-09-01",
      discardDate: "2022-09-01",
      checkDate: "2020-04-01",
      nextDate: "2024-04-01",
      state: 1,
      idleWeight: 16.5,
      fillWeight: 14.5,
      medium: "液化石油气",
      nominalPressure: 1.6,
      volume: 35.5,
      thickness: 2.5,
      waterPressure: 2.4,
      checkPeriod: 4,
      lifePeriod: 8,
      factory: "江苏特种设备生产有限公司",
      designer: "江苏特种设备设计有限公司",
      supervise: "江苏特种设备监督检验公司",
      checkUnit: "江苏特种设备检测有限公司",
      registerDate: new Date("2020-10-01T02:01:01Z"),
    })
    .returning({ id: cylinder.id });
  const r = await ps<Record<string, unknown>[]>(t, `/PS/GenericBottle/List?ticket=${province}`);
  const element = r.body.find((c) => c.Barcode === "ANNEX-2");
  expect(element).toStrictEqual({ Barcode: "ANNEX-2", ...GENERIC_EXAMPLE, Id: row!.id, PrefectureCode: "530100" });
  expect(Object.keys(element!)).toEqual(["Barcode", ...Object.keys(GENERIC_EXAMPLE), "Id", "PrefectureCode"]);
});

it("§3 CarBottle/List element = the annex's example", async () => {
  await t.database.db.insert(cylinder).values({
    barcode: "5301800000017",
    kind: "car",
    ownerUnitId: null,
    prefectureCode: "530100",
    registerNo: "瓶 3T 浙 KB00002 (20)",
    registerDate: new Date("2020-10-01T02:00:00Z"),
    carCylinderType: "223T",
    volume: 120,
    medium: "CNG",
    carNo: "京 A88888",
    carType: 1,
    carVin: "LSHY8888888",
    productDate: "2020-10-01",
    checkDate: "2020-10-01",
    nextDate: "2024-10-01",
    state: 1,
    certificateDate: "2020-10-22",
    useDate: "2020-10-01",
    innerNo: "21200002",
    deviceCode: "23T331121200002",
    productNo: "KB00002",
    nominalPressure: 0,
    company: "北京市汽车能源有限公司",
    identityNoEnc: sealPersonal("888888888888", t.config.dataKey),
    identityNoMasked: "8888****8888",
    factory: "北京市特种设备生产有限公司",
    install: "北京市特种设备安装有限公司",
    supervise: "北京市特种设备监督检验公司",
    checkUnit: "北京市特种设备检验有限公司",
    office: "北京市市场监督管理局",
  });
  const [row] = await t.database.db
    .select({ id: cylinder.id })
    .from(cylinder)
    .where(eq(cylinder.barcode, "5301800000017"));
  const r = await ps<Record<string, unknown>[]>(t, `/PS/CarBottle/List?ticket=${province}`);
  const element = r.body.find((c) => c.Barcode === "5301800000017")!;
  const { IdentityNo, ...rest } = element;
  expect(rest).toStrictEqual({ ...CAR_EXAMPLE, Id: row!.id, Barcode: "5301800000017", PrefectureCode: "530100" });
  expect(["888888888888", "8888****8888"]).toContain(IdentityNo);
});
