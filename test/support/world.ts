/**
 * A small, explicit world for cross-package tests: the 16 prefectures, a few units in Kunming
 * (530100) and Qujing (530300), one account per role, cylinders in every state that matters,
 * and some fills. Every name here is what a test asserts against.
 *
 * Its dates are relative to China's date on the platform's clock when it is seeded (`dates`):
 * a fit cylinder stays fit and an overdue one overdue whatever day the tests run.
 */
import {
  addDays,
  addYears,
  type Clock,
  type Config,
  chinaMidnight,
  chinaToday,
  type Database,
  hashPassword,
  type IsoDate,
  newSm4Key,
  PREFECTURES,
  sealPersonal,
  sealSm4,
  systemClock,
} from "@cylinder/db";
import { account, cylinder, fillRecord, prefecture, unit } from "@cylinder/db/schema";

export const PASSWORD = "Test@2026";

/** The world's dates, all relative to `today`. */
export interface WorldDates {
  /** China's calendar date on the platform's clock when the world was seeded. */
  today: IsoDate;
  /** A fit LPG cylinder's archive (the world's and `lpgCylinder`'s): made four years ago with an
   * eight-year design life, last inspected two years ago, next inspection in two years. */
  productDate: IsoDate;
  discardDate: IsoDate;
  checkDate: IsoDate;
  nextDate: IsoDate;
  registerDate: Date;
  /** kmOverdue's next inspection date: half a year ago. */
  overdueNextDate: IsoDate;
  /** The car cylinder's archive. */
  car: { productDate: IsoDate; checkDate: IsoDate; nextDate: IsoDate };
  /** kmFilling's filling licence expires on. */
  licenseExpiresOn: IsoDate;
  /** Ends of the seeded fills (10:00 China time): kmNormal's ThridIds 1, 2, 3. */
  kmFills: [Date, Date, Date];
  /** End of Qujing's seeded fill (ThridId 1), 11:00 China time the day of kmNormal's third. */
  qjFill: Date;
}

/** The world's dates on `today` (a China date). */
export function worldDates(today: IsoDate): WorldDates {
  const productDate = addYears(today, -4);
  const checkDate = addYears(today, -2);
  const carCheckDate = addYears(today, -2);
  // a China wall-clock time on the day `days` from today
  const at = (days: number, hours: number) =>
    new Date(chinaMidnight(addDays(today, days)).getTime() + hours * 3_600_000);
  return {
    today,
    productDate,
    discardDate: addYears(productDate, 8),
    checkDate,
    nextDate: addYears(checkDate, 4),
    registerDate: new Date(chinaMidnight(addDays(productDate, 30)).getTime() + 36_061_000), // 10:01:01
    overdueNextDate: addDays(today, -183),
    car: { productDate: addYears(today, -6), checkDate: carCheckDate, nextDate: addYears(carCheckDate, 4) },
    licenseExpiresOn: addYears(today, 3),
    kmFills: [at(-33, 10), at(-24, 10), at(-14, 10)],
    qjFill: at(-14, 11),
  };
}

export interface World {
  units: {
    kmFilling: number;
    qjFilling: number;
    carStation: number;
    station: number;
    kmAuthority: number;
    province: number;
    manufacturer: number;
  };
  /** username per role */
  accounts: Record<
    | "kmFilling"
    | "qjFilling"
    | "carStation"
    | "station"
    | "kmRegulator"
    | "qjRegulator"
    | "province"
    | "operator"
    | "platform",
    string
  >;
  /** account SM4 keys (hex), by username */
  sm4Keys: Record<string, string>;
  barcodes: {
    kmNormal: string;
    kmOverdue: string;
    kmScrapped: string;
    kmLocked: string;
    qjNormal: string;
    car: string;
  };
  dates: WorldDates;
}

export async function seedWorld(database: Database, config: Config, clock: Clock = systemClock): Promise<World> {
  const { db } = database;
  const dates = worldDates(chinaToday(clock));
  await db
    .insert(prefecture)
    .values(PREFECTURES.map((p) => ({ code: p.code, name: p.name, mode: p.mode })))
    .onConflictDoNothing();

  const insertUnit = async (v: typeof unit.$inferInsert) =>
    (await db.insert(unit).values(v).returning({ id: unit.id }))[0]!.id;
  const province = await insertUnit({
    kind: "authority",
    name: "云南省市场监督管理局",
    prefectureCode: "530000",
    authorityLevel: "province",
  });
  const kmAuthority = await insertUnit({
    kind: "authority",
    name: "昆明市市场监督管理局",
    prefectureCode: "530100",
    authorityLevel: "prefecture",
  });
  const manufacturer = await insertUnit({
    kind: "manufacturer",
    name: "江苏特种设备生产有限公司",
    prefectureCode: "530100",
  });
  const kmFilling = await insertUnit({
    kind: "filling",
    name: "昆明市官渡燃气充装站",
    prefectureCode: "530100",
    licensedMedia: ["液化石油气"],
    licenseNo: "TS4253001-2026",
    licenseExpiresOn: dates.licenseExpiresOn,
    contactName: "李站长",
    contactPhoneEnc: sealPersonal("13888966213", config.dataKey),
  });
  const qjFilling = await insertUnit({
    kind: "filling",
    name: "曲靖市麒麟液化气站",
    prefectureCode: "530300",
    licensedMedia: ["液化石油气"],
  });
  const carStation = await insertUnit({
    kind: "filling",
    name: "昆明市西山 CNG 加气站",
    prefectureCode: "530100",
    licensedMedia: ["压缩天然气"],
  });
  const station = await insertUnit({ kind: "inspection", name: "昆明市气瓶检验站", prefectureCode: "530100" });

  const sm4Keys: Record<string, string> = {};
  const accounts = {
    kmFilling: "km-filling",
    qjFilling: "qj-filling",
    carStation: "km-car",
    station: "km-station",
    kmRegulator: "km-regulator",
    qjRegulator: "qj-regulator",
    province: "province",
    operator: "operator",
    platform: "platform",
  } as const;
  const passwordHash = await hashPassword(PASSWORD);
  const rows: (typeof account.$inferInsert)[] = [
    { username: accounts.kmFilling, role: "filling_unit", unitId: kmFilling, prefectureCode: "530100" },
    { username: accounts.qjFilling, role: "filling_unit", unitId: qjFilling, prefectureCode: "530300" },
    { username: accounts.carStation, role: "filling_unit", unitId: carStation, prefectureCode: "530100" },
    { username: accounts.station, role: "inspection_station", unitId: station, prefectureCode: "530100" },
    { username: accounts.kmRegulator, role: "prefecture_regulator", unitId: kmAuthority, prefectureCode: "530100" },
    { username: accounts.qjRegulator, role: "prefecture_regulator", unitId: kmAuthority, prefectureCode: "530300" },
    { username: accounts.province, role: "province_regulator", unitId: province },
    { username: accounts.operator, role: "operator", unitId: province },
    { username: accounts.platform, role: "platform", unitId: province },
  ].map((r) => {
    const key = newSm4Key();
    sm4Keys[r.username!] = key;
    return { ...r, passwordHash, sm4KeyEnc: sealSm4(key, config.dataKey) } as typeof account.$inferInsert;
  });
  await db.insert(account).values(rows);

  const lpg = (
    barcode: string,
    owner: number,
    prefectureCode: string,
    extra: Partial<typeof cylinder.$inferInsert> = {},
  ) => ({
    barcode,
    kind: "generic" as const,
    ownerUnitId: owner,
    prefectureCode,
    medium: "液化石油气",
    style: "YSP35.5",
    valve: 1,
    printno: `P${barcode}`,
    productDate: dates.productDate,
    discardDate: dates.discardDate,
    checkDate: dates.checkDate,
    nextDate: dates.nextDate,
    idleWeight: 16.5,
    fillWeight: 14.5,
    volume: 35.5,
    checkPeriod: 4,
    lifePeriod: 8,
    factory: "江苏特种设备生产有限公司",
    registerDate: dates.registerDate,
    ...extra,
  });
  const barcodes = {
    kmNormal: "1103007831",
    kmOverdue: "1103007832",
    kmScrapped: "1103007833",
    kmLocked: "1103007834",
    qjNormal: "2203000001",
    car: "C530100000001",
  };
  await db.insert(cylinder).values([
    lpg(barcodes.kmNormal, kmFilling, "530100"),
    lpg(barcodes.kmOverdue, kmFilling, "530100", { nextDate: dates.overdueNextDate }),
    lpg(barcodes.kmScrapped, kmFilling, "530100", { state: 4 }),
    lpg(barcodes.kmLocked, kmFilling, "530100", { state: 2 }),
    lpg(barcodes.qjNormal, qjFilling, "530300"),
    {
      barcode: barcodes.car,
      kind: "car",
      ownerUnitId: null,
      prefectureCode: "530100",
      medium: "压缩天然气",
      registerNo: "瓶3T云A00002(20)",
      carCylinderType: "223T",
      volume: 120,
      carNo: "云A·88888",
      carType: 1,
      carVin: "LSHY8888888",
      productDate: dates.car.productDate,
      checkDate: dates.car.checkDate,
      nextDate: dates.car.nextDate,
      company: "昆明市出租汽车公司",
      identityNoEnc: sealPersonal("530102199001011234", config.dataKey),
      identityNoMasked: "530102********1234",
    },
  ]);

  // three fills of the normal Kunming cylinder, one of Qujing's
  const fill = (barcode: string, unitId: number, thirdId: number, endAt: Date, prefectureCode: string) => ({
    unitId,
    thirdId,
    barcode,
    idleWeight: 16.33,
    grossWeight: 29.76,
    netWeight: 13.43,
    beginAt: new Date(endAt.getTime() - 80_000),
    endAt,
    machine: 1,
    scaleFactory: "测试厂家",
    fillerName: "张三",
    prefectureCode,
  });
  await db
    .insert(fillRecord)
    .values([
      fill(barcodes.kmNormal, kmFilling, 1, dates.kmFills[0], "530100"),
      fill(barcodes.kmNormal, kmFilling, 2, dates.kmFills[1], "530100"),
      fill(barcodes.kmNormal, kmFilling, 3, dates.kmFills[2], "530100"),
      fill(barcodes.qjNormal, qjFilling, 1, dates.qjFill, "530300"),
    ]);

  return {
    units: { kmFilling, qjFilling, carStation, station, kmAuthority, province, manufacturer },
    accounts,
    sm4Keys,
    barcodes,
    dates,
  };
}
