/**
 * Scoping: what each role may read and do. Pure rules, used by every subgraph to filter its
 * queries and to refuse writes, and asserted as a matrix in tests.
 *
 *  - filling unit (充装单位): its own cylinders, car cylinders (the province shares the car
 *    archive with every filling station, annex 2 §3), cylinders an authority let it fill, and
 *    its own records;
 *  - inspection station (检验机构): any one cylinder it looks up by barcode (it holds it),
 *    orders addressed to it and its own results;
 *  - prefecture regulator (州市监管): everything in its prefecture;
 *  - province regulator, operator, peer platform: everything;
 *  - public: the public fields of one cylinder, by barcode.
 */
import type { Identity } from "./identity";

export type Scope =
  | { readonly kind: "all" }
  | { readonly kind: "prefecture"; readonly prefectureCode: string }
  | { readonly kind: "unit"; readonly unitId: number }
  | { readonly kind: "station"; readonly unitId: number }
  | { readonly kind: "public" };

export function scopeOf(identity: Identity): Scope {
  switch (identity.role) {
    case "province_regulator":
    case "operator":
    case "platform":
      return { kind: "all" };
    case "prefecture_regulator":
      return identity.prefectureCode
        ? { kind: "prefecture", prefectureCode: identity.prefectureCode }
        : { kind: "public" };
    case "filling_unit":
      return identity.unitId !== null ? { kind: "unit", unitId: identity.unitId } : { kind: "public" };
    case "inspection_station":
      return identity.unitId !== null ? { kind: "station", unitId: identity.unitId } : { kind: "public" };
    default:
      return { kind: "public" };
  }
}

/** The kinds of record a read can touch. */
export type RecordSubject =
  | {
      readonly kind: "cylinder";
      readonly ownerUnitId: number | null;
      readonly prefectureCode: string;
      readonly carCylinder: boolean;
      /** An active authority permission lets the reader's unit fill it. */
      readonly permittedToReader?: boolean;
      /** Looked up by its exact barcode rather than listed. */
      readonly byBarcode?: boolean;
    }
  | { readonly kind: "unit"; readonly unitId: number; readonly prefectureCode: string }
  | {
      /** checks, fills, registrations, reconciliation, inspection orders, spot checks, alarms, permit decisions */
      readonly kind: "unit_record";
      readonly unitId: number | null;
      readonly prefectureCode: string | null;
      /** For inspection orders and results: the station they are addressed to / made by. */
      readonly stationUnitId?: number | null;
    }
  | { readonly kind: "prefecture_data"; readonly prefectureCode: string }
  /** Supervision figures of a prefecture (fills today, open alarms): regulators only. */
  | { readonly kind: "prefecture_figures"; readonly prefectureCode: string };

export function canRead(scope: Scope, subject: RecordSubject): boolean {
  if (scope.kind === "all") return true;
  switch (subject.kind) {
    case "cylinder":
      switch (scope.kind) {
        case "prefecture":
          return subject.prefectureCode === scope.prefectureCode;
        case "unit":
          return subject.ownerUnitId === scope.unitId || subject.carCylinder || subject.permittedToReader === true;
        case "station":
          return subject.byBarcode === true;
        case "public":
          return subject.byBarcode === true; // public fields only; the resolver strips the rest
      }
      return false;
    case "unit":
      // units are the platform's public directory (names, licences); contacts are masked
      return true;
    case "unit_record":
      switch (scope.kind) {
        case "prefecture":
          return subject.prefectureCode === scope.prefectureCode;
        case "unit":
          return subject.unitId === scope.unitId;
        case "station":
          return subject.stationUnitId === scope.unitId || subject.unitId === scope.unitId;
        case "public":
          return false;
      }
      return false;
    case "prefecture_data":
      return scope.kind === "prefecture" ? subject.prefectureCode === scope.prefectureCode : scope.kind !== "public";
    case "prefecture_figures":
      return scope.kind === "prefecture" && subject.prefectureCode === scope.prefectureCode;
  }
}

/** Whether a reader sees personal data (身份证号, phones) in clear rather than masked. */
export function seesPersonalData(scope: Scope): boolean {
  return scope.kind === "all" || scope.kind === "prefecture";
}

/** Actions that change data, and the roles allowed to take them. */
export const ACTIONS = {
  /** upload before/after-fill checks and fill records; ask for a fill permit */
  uploadTrace: ["filling_unit"],
  /** apply for use registration (ApplyNew/ApplyOld), declare cylinders for inspection,
   * answer spot checks, report monthly counts, upload images */
  fillingUnitPaperwork: ["filling_unit"],
  /** record inspection results */
  recordInspection: ["inspection_station"],
  /** review registrations, lock/suspend/scrap cylinders, grant fill permissions, issue spot
   * checks, allocate car code ranges, acknowledge alarms */
  regulate: ["prefecture_regulator", "province_regulator"],
  /** manage sync sources, ledger heads, accounts */
  operate: ["operator"],
} as const satisfies Record<string, readonly Identity["role"][]>;

export type Action = keyof typeof ACTIONS;

export function canDo(identity: Identity, action: Action): boolean {
  return (ACTIONS[action] as readonly string[]).includes(identity.role);
}

/** For regulator actions on something in a prefecture: the province acts everywhere, a
 * prefecture regulator only in its own prefecture. */
export function canRegulate(identity: Identity, prefectureCode: string | null): boolean {
  if (identity.role === "province_regulator") return true;
  return (
    identity.role === "prefecture_regulator" && prefectureCode !== null && identity.prefectureCode === prefectureCode
  );
}
