/**
 * The plan of the demo's cylinders, in memory and small (one entry per delivery batch or
 * vehicle, not per cylinder): cylinders arrive in batches of one model from one maker,
 * owned by one filling unit, registered together (ApplyNew for new cylinders, ApplyOld for
 * those that predate the platform) and, being the same age, inspected together on one
 * inspection order. Car cylinders come one vehicle at a time, coded from the code range
 * (号段) of the car station that bound them (annex 2).
 *
 * Rows that other rows point at (registrations, inspection orders, code ranges, fill
 * permissions) are made here, so they can be written before the streamed rows that refer to
 * them. Per-cylinder detail is generated later, while streaming, from each batch's own seed.
 */
import { addDays, addYears, chinaMidnight, type IsoDate } from "@cylinder/db";
import type { carCodeRange, fillPermission, inspectionOrder, registration } from "@cylinder/db/schema";
import {
  CAR_SPECS,
  type CylinderSpec,
  DESIGNERS,
  INDUSTRIAL_SPECS,
  LPG_SPECS,
  MANUFACTURERS,
  SUPERVISORS,
  VEHICLES,
} from "./catalogue";
import { mixSeed, Rng, weightedPicker } from "./random";
import type { PlannedUnit, PrefecturePlan, UnitsPlan } from "./units";

export type RegistrationRow = typeof registration.$inferInsert & { id: number };
export type InspectionOrderRow = typeof inspectionOrder.$inferInsert & { id: number };
export type CarCodeRangeRow = typeof carCodeRange.$inferInsert & { id: number };
export type FillPermissionRow = typeof fillPermission.$inferInsert & { id: number };

export type CylinderCategory = "lpg" | "industrial" | "car";

/** 使用登记 began province-wide on 1 September 2021 (the plan's 三(三)). */
export const PLATFORM_START: IsoDate = "2021-09-01";
/** Serials per car station's code range; 7-digit serials leave room for 49 stations per prefecture. */
export const CAR_RANGE_SIZE = 200_000;
export const MAX_SERIAL = 9_999_999;

export interface Batch {
  readonly index: number;
  readonly category: CylinderCategory;
  readonly prefecture: PrefecturePlan;
  readonly spec: CylinderSpec;
  /** Car cylinders only: 气瓶品种 and the vehicle kind (index into VEHICLES). */
  readonly carCylinderType: string | null;
  readonly vehicle: number;
  /** 产权单位 (null for car cylinders). */
  readonly owner: PlannedUnit | null;
  /** The car station whose code range the barcodes come from. */
  readonly bindingStation: PlannedUnit | null;
  /** 0-based index of the batch's first cylinder (its id is index + 1). */
  readonly firstCylinder: number;
  readonly size: number;
  /** Serial of the first barcode (generic: the prefecture's series; car: the station's range). */
  readonly firstSerial: number;
  readonly manufacturer: PlannedUnit;
  readonly designer: string;
  readonly supervise: string;
  readonly printnoBase: number;
  readonly valve: number;
  readonly productDate: IsoDate;
  readonly discardDate: IsoDate;
  readonly registerAt: Date;
  readonly registrationId: number | null;
  /** The inspection at the latest due date (null: never due yet, or the batch missed it). */
  readonly lastCheck: IsoDate | null;
  readonly lastCheckUnit: string | null;
  /** The inspection before that one (what a cylinder that missed the latest still shows). */
  readonly previousCheck: IsoDate | null;
  readonly previousCheckUnit: string | null;
  /** The whole batch missed its latest due inspection (超期未检). */
  readonly missedLastDue: boolean;
  /** The inspection order of the latest inspection, when it falls in the inspection window. */
  readonly order: InspectionOrderRow | null;
  /** The station of the latest inspection, when results are generated for it. */
  readonly resultStation: PlannedUnit | null;
  /** Seed of the batch's own PRNG stream, for its per-cylinder detail. */
  readonly seed: number;
}

export interface BatchPlan {
  readonly batches: readonly Batch[];
  readonly registrations: readonly RegistrationRow[];
  readonly orders: readonly InspectionOrderRow[];
  readonly carCodeRanges: readonly CarCodeRangeRow[];
  readonly fillPermissions: readonly FillPermissionRow[];
  /** Filling units allowed to fill each owner's cylinders (from fillPermissions). */
  readonly permittedFillers: ReadonlyMap<number, readonly FillPermissionRow[]>;
}

export interface BatchPlanOptions {
  readonly seed: number;
  readonly cylinders: number;
  readonly referenceDate: IsoDate;
  readonly inspectionDays: number;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/** An instant on a China calendar date, `seconds` after midnight. */
export function atChinaTime(date: IsoDate, seconds: number): Date {
  return new Date(chinaMidnight(date).getTime() + seconds * 1000);
}

export function planBatches(units: UnitsPlan, o: BatchPlanOptions): BatchPlan {
  const rng = new Rng(mixSeed(o.seed, 0x42415443)); // "BATC"
  const ref = o.referenceDate;
  const lastDay = addDays(ref, -1);
  const inspectionFrom = addDays(ref, -o.inspectionDays);
  const avg = Math.min(300, Math.max(2, Math.round(o.cylinders / 3000)));
  const industrialAvg = Math.max(1, Math.round(avg / 2));
  const carAvg = 2.06;
  const pickCategory = weightedPicker<CylinderCategory>(
    ["lpg", "industrial", "car"],
    [0.8 / avg, 0.14 / industrialAvg, 0.06 / carAvg],
  );
  const pickPrefecture = weightedPicker(
    units.prefectures,
    units.prefectures.map((p) => p.profile.weight),
  );
  const pickLpg = weightedPicker(
    LPG_SPECS,
    LPG_SPECS.map((s) => s.share),
  );
  const pickVehicle = weightedPicker(
    VEHICLES.map((_, i) => i),
    VEHICLES.map((v) => v.share),
  );
  const makersFor = (kind: CylinderCategory) =>
    units.manufacturers.filter((_, i) => ((MANUFACTURERS[i]?.kinds ?? []) as readonly string[]).includes(kind));
  const makers = { lpg: makersFor("lpg"), industrial: makersFor("industrial"), car: makersFor("car") };

  // car code ranges: one per car station, allocated by the province
  const carCodeRanges: CarCodeRangeRow[] = [];
  const rangeOf = new Map<number, { first: number; next: number; last: number }>();
  for (const p of units.prefectures) {
    p.car.forEach((station, j) => {
      const first = j * CAR_RANGE_SIZE + 1;
      const last = (j + 1) * CAR_RANGE_SIZE;
      if (last > MAX_SERIAL) throw new Error("too many car stations for 7-digit serials");
      rangeOf.set(station.row.id, { first, next: first, last });
      carCodeRanges.push({
        id: carCodeRanges.length + 1,
        unitId: station.row.id,
        prefectureCode: p.profile.code,
        firstSerial: first,
        lastSerial: last,
        allocatedByUnitId: units.province.row.id,
        allocatedAt: atChinaTime(PLATFORM_START, 10 * 3600 + rng.int(0, 3600)),
      });
    });
  }

  // authority-approved cross-owner fill permissions, a few per prefecture
  const fillPermissions: FillPermissionRow[] = [];
  for (const p of units.prefectures) {
    for (const list of [p.lpg, p.industrial]) {
      if (list.length < 2 || !rng.chance(list === p.lpg ? 0.8 : 0.3)) continue;
      const pairs = list === p.lpg ? rng.int(1, 2) : 1;
      for (let k = 0; k < pairs; k++) {
        const filler = rng.pick(list);
        const owner = rng.pick(list.filter((u) => u !== filler));
        if (fillPermissions.some((f) => f.fillingUnitId === filler.row.id && f.ownerUnitId === owner.row.id)) continue;
        const validFrom = addDays(ref, -rng.int(20, 400));
        const createdAt = atChinaTime(validFrom, 10 * 3600);
        fillPermissions.push({
          id: fillPermissions.length + 1,
          fillingUnitId: filler.row.id,
          ownerUnitId: owner.row.id,
          barcode: null,
          grantedByUnitId: p.authority.row.id,
          validFrom,
          validTo: addYears(validFrom, 1),
          reason: rng.pick([
            "应急保供，经登记机关同意跨单位充装",
            "同一集团下属单位互供",
            "产权单位停业整顿期间委托充装",
          ]),
          createdAt,
          updatedAt: createdAt,
        });
      }
    }
  }
  const permittedFillers = new Map<number, FillPermissionRow[]>();
  for (const f of fillPermissions) {
    const list = permittedFillers.get(f.ownerUnitId as number) ?? [];
    list.push(f);
    permittedFillers.set(f.ownerUnitId as number, list);
  }

  const genericSerial = new Map<string, number>();
  const registrationThird = new Map<number, number>();
  const orderThird = new Map<number, number>();
  const orderSource = new Map<string, number>();
  const batches: Batch[] = [];
  const registrations: RegistrationRow[] = [];
  const orders: InspectionOrderRow[] = [];

  let placed = 0;
  while (placed < o.cylinders) {
    const index = batches.length;
    const category = pickCategory(rng);
    const prefecture = pickPrefecture(rng);
    const code = prefecture.profile.code;
    let spec: CylinderSpec;
    let owner: PlannedUnit | null = null;
    let bindingStation: PlannedUnit | null = null;
    let carCylinderType: string | null = null;
    let vehicle = -1;
    let size: number;
    if (category === "lpg") {
      spec = pickLpg(rng);
      owner = rng.pick(prefecture.lpg);
      size = rng.int(1, 2 * avg - 1);
    } else if (category === "industrial") {
      owner = rng.pick(prefecture.industrial);
      const media = owner.row.licensedMedia ?? [];
      // now and then a cylinder of a medium the owner is not licensed for
      const candidates = rng.chance(0.01) ? INDUSTRIAL_SPECS : INDUSTRIAL_SPECS.filter((s) => media.includes(s.medium));
      spec = rng.weighted(
        candidates,
        candidates.map((s) => s.share),
      );
      size = rng.int(1, 2 * industrialAvg - 1);
    } else {
      vehicle = pickVehicle(rng);
      const v = VEHICLES[vehicle] as (typeof VEHICLES)[number];
      const carSpec = CAR_SPECS[rng.pick(v.specs)] as (typeof CAR_SPECS)[number];
      spec = carSpec;
      carCylinderType = carSpec.carCylinderType;
      const stations = prefecture.car.filter((s) => (s.row.licensedMedia ?? []).includes(carSpec.medium));
      bindingStation = rng.pick(stations.length > 0 ? stations : prefecture.car);
      size = rng.int(v.cylinders[0], v.cylinders[1]);
    }
    size = Math.min(size, o.cylinders - placed);

    let firstSerial: number;
    if (bindingStation) {
      const range = rangeOf.get(bindingStation.row.id) as { next: number; last: number };
      firstSerial = range.next;
      range.next += size;
      if (range.next - 1 > range.last) throw new Error(`car code range of unit ${bindingStation.row.id} exhausted`);
    } else {
      firstSerial = (genericSerial.get(code) ?? 0) + 1;
      genericSerial.set(code, firstSerial + size - 1);
      if (firstSerial + size - 1 > MAX_SERIAL) throw new Error(`barcode series of ${code} exhausted`);
    }

    // age: a few batches are past their design life
    const lifeDays = spec.lifePeriod * 365;
    const ageDays = rng.chance(0.04) ? rng.int(lifeDays + 1, lifeDays + 500) : rng.int(15, lifeDays - 1);
    const productDate = addDays(ref, -ageDays);
    const discardDate = addYears(productDate, spec.lifePeriod);

    // registration: ApplyOld for cylinders made before the platform started, ApplyNew after
    const old = productDate < PLATFORM_START;
    let registerDay = old
      ? addDays(PLATFORM_START, rng.int(0, category === "car" ? 365 : 480))
      : addDays(productDate, rng.int(7, 60));
    registerDay = maxDate(productDate, minDate(registerDay, lastDay));
    const registerAt = atChinaTime(registerDay, 9 * 3600 + rng.int(0, 8 * 3600));

    // periodic inspections at each due date, a few weeks early
    const period = spec.checkPeriod;
    const early = rng.int(0, 45);
    const checks: IsoDate[] = [];
    for (let k = 1; ; k++) {
      const due = addYears(productDate, k * period);
      if (due >= ref) break;
      checks.push(maxDate(addDays(productDate, 1), addDays(due, -early)));
    }
    const missedLastDue = checks.length > 0 && rng.chance(0.03);
    const done = missedLastDue ? checks.slice(0, -1) : checks;
    const lastCheck = done.at(-1) ?? null;
    const previousCheck = done.at(-2) ?? null;
    const stationName = () => rng.pick(prefecture.inspection).row.name;
    const lastCheckStation = lastCheck ? rng.pick(prefecture.inspection) : null;
    const previousCheckUnit = previousCheck ? stationName() : null;
    const pastLife = discardDate <= ref;
    const inWindow = lastCheck !== null && lastCheck >= inspectionFrom && !pastLife;

    const manufacturer = rng.pick(makers[category]);
    const valve = rng.pick(spec.valves);
    const selfBuilt = prefecture.mode === "self_built";
    let registrationId: number | null = null;
    if (owner && !selfBuilt) {
      // a self-built prefecture registers on its own platform; the province receives cylinders only
      const third = (registrationThird.get(owner.row.id) ?? 1000) + 1;
      registrationThird.set(owner.row.id, third);
      const checkAtRegistration = checks.filter((c) => c <= registerDay).at(-1) ?? null;
      registrationId = registrations.length + 1;
      const submittedAt = new Date(registerAt.getTime() - rng.int(1, 5) * DAY - rng.int(0, 4) * HOUR);
      registrations.push({
        id: registrationId,
        unitId: owner.row.id,
        thirdId: third,
        applyKind: old ? "old" : "new",
        style: spec.style,
        medium: spec.medium,
        factoryUnitId: manufacturer.row.id,
        productDate,
        discardDate,
        checkDate: checkAtRegistration,
        nextDate: addYears(checkAtRegistration ?? productDate, period),
        idleWeight: spec.idleWeight,
        remark: old ? "旧瓶补录" : null,
        valve,
        status: "approved",
        reviewerUnitId: prefecture.authority.row.id,
        reviewedAt: registerAt,
        reviewComment: "资料齐全，准予登记",
        createdAt: submittedAt,
        updatedAt: registerAt,
      });
    }

    let order: InspectionOrderRow | null = null;
    if (inWindow && owner && lastCheckStation) {
      const third = (orderThird.get(owner.row.id) ?? 5000) + 1;
      orderThird.set(owner.row.id, third);
      const begunAt = atChinaTime(addDays(lastCheck, -rng.int(3, 10)), 9 * 3600 + rng.int(0, 7 * 3600));
      const submittedAt = new Date(begunAt.getTime() + rng.int(1, 6) * HOUR);
      const sourceId = selfBuilt ? (orderSource.get(code) ?? 0) + 1 : null;
      if (sourceId !== null) orderSource.set(code, sourceId);
      order = {
        id: orders.length + 1,
        unitId: owner.row.id,
        thirdId: third,
        stationUnitId: lastCheckStation.row.id,
        stationName: lastCheckStation.row.name,
        status: "completed",
        begunAt,
        submittedAt,
        prefectureCode: code,
        sourcePrefectureCode: selfBuilt ? code : null,
        sourceId,
        createdAt: begunAt,
        updatedAt: submittedAt,
      };
      orders.push(order);
    }

    batches.push({
      index,
      category,
      prefecture,
      spec,
      carCylinderType,
      vehicle,
      owner,
      bindingStation,
      firstCylinder: placed,
      size,
      firstSerial,
      manufacturer,
      designer: rng.pick(DESIGNERS),
      supervise: rng.pick(SUPERVISORS),
      printnoBase: rng.int(1_000_000, 8_999_999),
      valve,
      productDate,
      discardDate,
      registerAt,
      registrationId,
      lastCheck,
      lastCheckUnit: lastCheckStation?.row.name ?? null,
      previousCheck,
      previousCheckUnit,
      missedLastDue,
      order,
      resultStation: inWindow ? lastCheckStation : null,
      seed: mixSeed(o.seed, 0x43594c53, index), // "CYLS"
    });
    placed += size;
  }

  return { batches, registrations, orders, carCodeRanges, fillPermissions, permittedFillers };
}
