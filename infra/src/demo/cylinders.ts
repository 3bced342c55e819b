/**
 * Cylinder rows (一瓶一档), generated batch by batch while streaming: the batch fixes the
 * model, owner, maker and dates; each cylinder then gets its own weights, numbers and fate
 * (most normal; some overdue, scrapped, locked, suspended or past their design life). Car
 * cylinders carry their vehicle (plate, VIN, CarType) and user, whose ID number is stored
 * SM4-sealed with a masked copy.
 */
import { addDays, addYears, type IsoDate, maskIdentityNo, sealPersonal } from "@cylinder/db";
import type { cylinder, registrationItem } from "@cylinder/db/schema";
import { zh_CN } from "@faker-js/faker";
import { atChinaTime, type Batch } from "./batches";
import { CAR_COMPANY_SUFFIX, INSTALLERS, NAME_WORDS, VEHICLES } from "./catalogue";
import { creditCode, identityNumber, licencePlate, vin } from "./identity";
import { mixSeed, Rng } from "./random";
import type { PlannedUnit, UnitsPlan } from "./units";
import type { Sink } from "./writer";

export type CylinderRow = typeof cylinder.$inferInsert;
export type RegistrationItemRow = typeof registrationItem.$inferInsert;

export const CYLINDER_COLUMNS = [
  "id",
  "barcode",
  "kind",
  "ownerUnitId",
  "prefectureCode",
  "registrationId",
  "state",
  "medium",
  "printno",
  "innerNo",
  "style",
  "valve",
  "productDate",
  "discardDate",
  "checkDate",
  "nextDate",
  "idleWeight",
  "fillWeight",
  "nominalPressure",
  "volume",
  "thickness",
  "waterPressure",
  "checkPeriod",
  "lifePeriod",
  "factory",
  "factoryUnitId",
  "designer",
  "supervise",
  "checkUnit",
  "registerDate",
  "registerNo",
  "carCylinderType",
  "carNo",
  "carType",
  "carVin",
  "certificateDate",
  "useDate",
  "deviceCode",
  "productNo",
  "company",
  "identityNoEnc",
  "identityNoMasked",
  "install",
  "office",
  "sourcePrefectureCode",
  "sourceId",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof CylinderRow)[];

export const REGISTRATION_ITEM_COLUMNS = [
  "id",
  "registrationId",
  "barcode",
  "printno",
  "innerNo",
] as const satisfies readonly (keyof RegistrationItemRow)[];

/** What the trace generator needs to know about a cylinder it has just written. */
export interface CylinderFacts {
  readonly id: number;
  readonly barcode: string;
  readonly state: number;
  readonly checkDate: IsoDate | null;
  readonly nextDate: IsoDate;
  readonly idleWeight: number;
  /** Missed the batch's latest inspection (not on its order). */
  readonly missedInspection: boolean;
  /** On the batch's inspection order and scrapped there. */
  readonly scrappedAtInspection: boolean;
  readonly pastLife: boolean;
}

interface CarOwner {
  readonly name: string;
  readonly identityNo: string;
  readonly sealed: string;
  readonly masked: string;
}

export interface CylinderContext {
  readonly referenceDate: IsoDate;
  readonly dataKey: string;
  readonly units: UnitsPlan;
  readonly cylinders: Sink<CylinderRow>;
  readonly registrationItems: Sink<RegistrationItemRow>;
  /** Next registration_item id. */
  nextRegistrationItemId: number;
  /** Per-owner running number for InnerNo, and per-prefecture counters. */
  readonly innerNo: Map<number, number>;
  readonly sourceIds: Map<string, number>;
  readonly registerNos: Map<string, number>;
  readonly companies: Map<string, CarOwner[]>;
  readonly surnames: readonly string[];
  readonly givenNames: readonly string[];
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

export function newCylinderContext(
  seed: number,
  referenceDate: IsoDate,
  dataKey: string,
  units: UnitsPlan,
  cylinders: Sink<CylinderRow>,
  registrationItems: Sink<RegistrationItemRow>,
): CylinderContext {
  const person = zh_CN.person as { last_name: { generic: string[] }; first_name: { generic: string[] } };
  const rng = new Rng(mixSeed(seed, 0x434f4d50)); // "COMP"
  // operators of taxis, buses, lorries and coaches: a few per prefecture and vehicle kind
  const companies = new Map<string, CarOwner[]>();
  let serial = 100_000;
  for (const p of units.prefectures) {
    for (const [carType, suffixes] of Object.entries(CAR_COMPANY_SUFFIX)) {
      const list: CarOwner[] = [];
      for (let i = 0, n = carType === "2" ? 1 : rng.int(2, 4); i < n; i++) {
        const name =
          carType === "2"
            ? `${p.profile.short}${rng.pick(suffixes)}`
            : `${p.profile.short}${rng.pick(NAME_WORDS)}${rng.pick(suffixes)}`;
        const identityNo = creditCode(rng.pick(p.profile.counties).code, serial++);
        list.push({ name, identityNo, sealed: sealPersonal(identityNo, dataKey), masked: maskIdentityNo(identityNo) });
      }
      companies.set(`${p.index}:${carType}`, list);
    }
  }
  return {
    referenceDate,
    dataKey,
    units,
    cylinders,
    registrationItems,
    nextRegistrationItemId: 1,
    innerNo: new Map(),
    sourceIds: new Map(),
    registerNos: new Map(),
    companies,
    surnames: person.last_name.generic,
    givenNames: person.first_name.generic,
  };
}

/** Fields of the vehicle a car batch belongs to, drawn from the batch's own stream. */
interface Vehicle {
  readonly carType: number;
  readonly carNo: string;
  readonly carVin: string;
  readonly owner: CarOwner;
  readonly registerNo: string;
  readonly install: string;
}

function drawVehicle(batch: Batch, rng: Rng, ctx: CylinderContext): Vehicle {
  const v = VEHICLES[batch.vehicle] as (typeof VEHICLES)[number];
  const p = batch.prefecture;
  let owner: CarOwner;
  if (v.carType === 3) {
    // a private car: a person, identified by their 身份证号
    const name = rng.pick(ctx.surnames) + rng.pick(ctx.givenNames);
    const identityNo = identityNumber(rng, rng.pick(p.profile.counties).code);
    owner = { name, identityNo, sealed: sealPersonal(identityNo, ctx.dataKey), masked: maskIdentityNo(identityNo) };
  } else {
    owner = rng.pick(ctx.companies.get(`${p.index}:${v.carType}`) as CarOwner[]);
  }
  const year = Number(batch.registerAt.toISOString().slice(0, 4));
  const key = p.profile.code;
  const n = (ctx.registerNos.get(key) ?? 0) + 1;
  ctx.registerNos.set(key, n);
  return {
    carType: v.carType,
    carNo: licencePlate(rng, p.profile.plate),
    carVin: vin(rng, rng.pick(v.wmi), Math.max(2010, Number(batch.productDate.slice(0, 4)))),
    owner,
    registerNo: `瓶3T云${p.profile.plate}${String(n).padStart(5, "0")}(${String(year).slice(2)})`,
    install: rng.pick(INSTALLERS),
  };
}

export function barcodeOf(prefectureCode: string, kindDigit: "0" | "7" | "8", serial: number): string {
  return `${prefectureCode.slice(0, 4)}${kindDigit}${String(serial).padStart(7, "0")}`;
}

/** Writes the batch's cylinders (and registration items); returns their facts for the trace. */
export function emitCylinders(batch: Batch, rng: Rng, ctx: CylinderContext): CylinderFacts[] {
  const ref = ctx.referenceDate;
  const lastDay = addDays(ref, -1);
  const spec = batch.spec;
  const p = batch.prefecture;
  const code = p.profile.code;
  const car = batch.category === "car";
  const vehicle = car ? drawVehicle(batch, rng, ctx) : null;
  const selfBuilt = p.mode === "self_built";
  const pastLife = batch.discardDate <= ref;
  const owner: PlannedUnit | null = batch.owner;
  const facts: CylinderFacts[] = [];
  const registerDay = batch.registerAt.toISOString().slice(0, 10);
  const certified = addDays(registerDay, rng.int(0, 10));
  const certificateDate = car ? (certified < ref ? certified : lastDay) : null;
  const useDate = car ? addDays(registerDay, -rng.int(0, 5)) : null;

  for (let i = 0; i < batch.size; i++) {
    const id = batch.firstCylinder + i + 1;
    const serial = batch.firstSerial + i;
    const barcode = barcodeOf(code, car ? "8" : "0", serial);

    // fate
    const missed = batch.lastCheck !== null && !batch.missedLastDue && rng.chance(0.05);
    const onOrder = batch.resultStation !== null && !missed;
    const scrappedAtInspection = onOrder && rng.chance(car ? 0.02 : 0.03);
    let state = 1;
    if (pastLife) state = rng.chance(0.85) ? 4 : 1;
    else if (scrappedAtInspection) state = 4;
    else {
      const r = rng.next();
      if (car) state = r < 0.005 ? 2 : r < 0.025 ? 3 : r < 0.04 ? 4 : 1;
      else state = r < 0.012 ? 2 : r < 0.024 ? 3 : r < 0.032 ? 4 : 1;
    }

    let checkDate: IsoDate | null = missed ? batch.previousCheck : batch.lastCheck;
    let checkUnit = missed ? batch.previousCheckUnit : batch.lastCheckUnit;
    if (onOrder && batch.lastCheck) {
      const reportDate = addDays(batch.lastCheck, rng.int(0, 2));
      checkDate = reportDate < ref ? reportDate : lastDay;
      checkUnit = batch.resultStation?.row.name ?? checkUnit;
    }
    if (checkDate === null) checkUnit = null;
    const nextDate = scrappedAtInspection
      ? addYears(batch.previousCheck ?? batch.productDate, spec.checkPeriod)
      : addYears(checkDate ?? batch.productDate, spec.checkPeriod);

    const idleWeight = round2(spec.idleWeight * (1 + rng.float(-0.03, 0.03)));
    const printno = String(batch.printnoBase + i);
    let innerNo: string;
    if (owner) {
      const n = (ctx.innerNo.get(owner.row.id) ?? 0) + 1;
      ctx.innerNo.set(owner.row.id, n);
      innerNo = `${owner.innerPrefix}${String(n).padStart(5, "0")}`;
    } else {
      innerNo = `${registerDay.slice(2, 4)}${String(serial).padStart(7, "0").slice(-6)}`;
    }
    let sourceId: number | null = null;
    if (selfBuilt) {
      sourceId = (ctx.sourceIds.get(code) ?? 0) + 1;
      ctx.sourceIds.set(code, sourceId);
    }
    const changedAt = checkDate ? atChinaTime(checkDate, 17 * 3600) : batch.registerAt;
    const updatedAt = new Date(Math.max(changedAt.getTime(), batch.registerAt.getTime()));

    ctx.cylinders.push({
      id,
      barcode,
      kind: car ? "car" : "generic",
      ownerUnitId: owner?.row.id ?? null,
      prefectureCode: code,
      registrationId: batch.registrationId,
      state,
      medium: spec.medium,
      printno,
      innerNo,
      style: spec.style,
      valve: batch.valve,
      productDate: batch.productDate,
      discardDate: batch.discardDate,
      checkDate,
      nextDate,
      idleWeight,
      fillWeight: spec.fillWeight,
      nominalPressure: spec.nominalPressure,
      volume: spec.volume,
      thickness: spec.thickness,
      waterPressure: spec.waterPressure,
      checkPeriod: spec.checkPeriod,
      lifePeriod: spec.lifePeriod,
      factory: batch.manufacturer.row.name,
      factoryUnitId: batch.manufacturer.row.id,
      designer: batch.designer,
      supervise: batch.supervise,
      checkUnit,
      registerDate: batch.registerAt,
      registerNo: vehicle?.registerNo ?? null,
      carCylinderType: batch.carCylinderType,
      carNo: vehicle?.carNo ?? null,
      carType: vehicle?.carType ?? null,
      carVin: vehicle?.carVin ?? null,
      certificateDate,
      useDate,
      deviceCode: car ? `23T3${code.slice(0, 4)}${String(serial).padStart(7, "0")}` : null,
      productNo: car ? `${batch.manufacturer.innerPrefix}${String(batch.printnoBase + i).slice(-5)}` : null,
      company: vehicle?.owner.name ?? null,
      identityNoEnc: vehicle?.owner.sealed ?? null,
      identityNoMasked: vehicle?.owner.masked ?? null,
      install: vehicle?.install ?? null,
      office: car ? p.authority.row.name : null,
      sourcePrefectureCode: selfBuilt ? code : null,
      sourceId,
      createdAt: batch.registerAt,
      updatedAt,
    });
    if (batch.registrationId !== null) {
      ctx.registrationItems.push({
        id: ctx.nextRegistrationItemId++,
        registrationId: batch.registrationId,
        barcode,
        printno,
        innerNo,
      });
    }
    facts.push({
      id,
      barcode,
      state,
      checkDate,
      nextDate,
      idleWeight,
      missedInspection: missed,
      scrappedAtInspection,
      pastLife,
    });
  }
  return facts;
}
