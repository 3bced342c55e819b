/**
 * 车用气瓶号段与赋码 (annex 2): the authority allocates a car filling station the next free
 * serials of its prefecture; the station binds a code of its own ranges to a car cylinder's
 * archive (二(二)), which creates the cylinder's 一瓶一码 record, shared with every station.
 */
import {
  CAR_MEDIA,
  CarType,
  CylinderState,
  chinaMidnight,
  formatCarCode,
  MAX_CAR_SERIAL,
  maskIdentityNo,
  normalizeMedium,
  PlatformError,
  parseCarCode,
  parseIsoDate,
  type Scope,
  sealPersonal,
} from "@cylinder/db";
import { carCodeRange, cylinder, unit } from "@cylinder/db/schema";
import { and, eq, gte, lte, max, type SQL } from "drizzle-orm";
import type { RegistryContext } from "../context";
import type { CylinderRow } from "../cylinder/cylinder.loader";
import { isUniqueViolation, lockFor } from "../db-util";
import { requireAction, requireRegulate } from "../guard";
import { appendLedgerLeaves } from "../ledger/ledger-seam";
import type { CarCodeRangeRow } from "./car-code-range.type";

export const MAX_RANGE_SIZE = 100_000;

export function carCodeRangeScope(scope: Scope, unitId: number | undefined): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return unitId === undefined ? undefined : eq(carCodeRange.unitId, unitId);
    case "prefecture":
      return and(
        eq(carCodeRange.prefectureCode, scope.prefectureCode),
        unitId === undefined ? undefined : eq(carCodeRange.unitId, unitId),
      );
    case "unit":
      if (unitId !== undefined && unitId !== scope.unitId) {
        throw new PlatformError("FORBIDDEN", { reason: "只能查看本单位的号段" });
      }
      return eq(carCodeRange.unitId, scope.unitId);
    default:
      throw new PlatformError("FORBIDDEN", { reason: "当前角色不能查看车用气瓶号段" });
  }
}

export async function allocateCarCodeRange(
  ctx: RegistryContext,
  unitId: number,
  count: number,
): Promise<CarCodeRangeRow> {
  const { db } = ctx.deps;
  const [station] = await db.select().from(unit).where(eq(unit.id, unitId));
  if (!station) throw new PlatformError("NOT_FOUND", { what: "单位", id: unitId });
  const regulator = requireRegulate(ctx, station.prefectureCode, "分配车用气瓶号段");
  if (station.kind !== "filling" || !station.licensedMedia.some((m) => (CAR_MEDIA as readonly string[]).includes(m))) {
    throw new PlatformError("INVALID_FIELD", {
      field: "unitId",
      reason: `${station.name} 不是许可充装车用气瓶介质（${CAR_MEDIA.join("、")}）的充装单位`,
    });
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_RANGE_SIZE) {
    throw new PlatformError("INVALID_FIELD", { field: "count", reason: `条码数须在 1 到 ${MAX_RANGE_SIZE} 之间` });
  }
  return db.transaction(async (tx) => {
    // one allocation per prefecture at a time: the next range starts after the last one
    await lockFor(tx, "carCodeSerials", Number(station.prefectureCode));
    const [{ last }] = (await tx
      .select({ last: max(carCodeRange.lastSerial) })
      .from(carCodeRange)
      .where(eq(carCodeRange.prefectureCode, station.prefectureCode))) as [{ last: number | null }];
    const first = Number(last ?? 0) + 1;
    const lastSerial = first + count - 1;
    if (lastSerial > MAX_CAR_SERIAL) {
      throw new PlatformError("INVALID_STATE", {
        reason: `${station.prefectureCode} 的车用气瓶序号余量不足（剩余 ${Math.max(0, MAX_CAR_SERIAL - first + 1)} 个）`,
      });
    }
    const [row] = await tx
      .insert(carCodeRange)
      .values({
        unitId,
        prefectureCode: station.prefectureCode,
        firstSerial: first,
        lastSerial,
        allocatedByUnitId: regulator.unitId,
        allocatedAt: ctx.deps.clock.now(),
      })
      .returning();
    return row!;
  });
}

/** A car cylinder's archive as a station binds it (annex 1 §3 CarBottle fields). */
export interface CarCylinderIn {
  barcode: string;
  registerNo: string;
  /** 登记日期 (RegisterDate, yyyyMMdd in the annex) */
  registerDate: string;
  cylinderType: string;
  volume: number;
  medium: string;
  carNo: string;
  carType: number;
  carVin: string;
  productDate: string;
  checkDate?: string | null;
  nextDate: string;
  state?: number | null;
  certificateDate?: string | null;
  useDate?: string | null;
  innerNo?: string | null;
  deviceCode?: string | null;
  productNo?: string | null;
  nominalPressure?: number | null;
  company: string;
  identityNo?: string | null;
  factory?: string | null;
  install?: string | null;
  supervise?: string | null;
  checkUnit?: string | null;
  office?: string | null;
}

function required(value: string | null | undefined, field: string, maxLength = 200): string {
  const t = value?.trim() ?? "";
  if (t === "") throw new PlatformError("MISSING_FIELD", { field });
  if (t.length > maxLength) throw new PlatformError("INVALID_FIELD", { field, reason: `长度不能超过 ${maxLength}` });
  return t;
}

function optional(value: string | null | undefined, field: string, maxLength = 200): string | null {
  const t = value?.trim() ?? "";
  if (t.length > maxLength) throw new PlatformError("INVALID_FIELD", { field, reason: `长度不能超过 ${maxLength}` });
  return t === "" ? null : t;
}

function optionalDate(value: string | null | undefined, field: string): string | null {
  return value?.trim() ? parseIsoDate(value, field) : null;
}

/** Annex 2 二(二): a car station binds a code from its own ranges to a car cylinder's archive. */
export async function bindCarCylinder(ctx: RegistryContext, input: CarCylinderIn): Promise<CylinderRow> {
  const id = requireAction(ctx, "uploadTrace", "车用气瓶赋码");
  const { db, config } = ctx.deps;
  const code = parseCarCode(input.barcode, "Barcode");
  const barcode = formatCarCode(code.prefectureCode, code.serial);
  const [range] = await db
    .select({ id: carCodeRange.id })
    .from(carCodeRange)
    .where(
      and(
        eq(carCodeRange.unitId, id.unitId),
        eq(carCodeRange.prefectureCode, code.prefectureCode),
        lte(carCodeRange.firstSerial, code.serial),
        gte(carCodeRange.lastSerial, code.serial),
      ),
    )
    .limit(1);
  if (!range) throw new PlatformError("CODE_OUT_OF_RANGE", { barcode });

  const medium = normalizeMedium(required(input.medium, "Medium", 64));
  if (!(CAR_MEDIA as readonly string[]).includes(medium)) {
    throw new PlatformError("INVALID_FIELD", {
      field: "Medium",
      reason: `${medium} 不是车用气瓶介质（${CAR_MEDIA.join("、")}）`,
    });
  }
  const productDate = parseIsoDate(required(input.productDate, "ProductDate"), "ProductDate");
  const checkDate = optionalDate(input.checkDate, "CheckDate");
  const nextDate = parseIsoDate(required(input.nextDate, "NextDate"), "NextDate");
  if (nextDate <= (checkDate ?? productDate)) {
    throw new PlatformError("INVALID_FIELD", { field: "NextDate", reason: "下检日期须晚于上检日期（或出厂日期）" });
  }
  if (checkDate !== null && checkDate < productDate) {
    throw new PlatformError("INVALID_FIELD", { field: "CheckDate", reason: "上检日期不能早于出厂日期" });
  }
  const registerDate = parseIsoDate(required(input.registerDate, "RegisterDate"), "RegisterDate");
  if (!Number.isFinite(input.volume) || input.volume <= 0 || input.volume >= 100_000) {
    throw new PlatformError("INVALID_FIELD", { field: "Volumn", reason: "容积须为大于 0 的数值（L）" });
  }
  const identityNo = optional(input.identityNo, "IdentityNo", 32);
  const values = {
    barcode,
    kind: "car" as const,
    ownerUnitId: null,
    prefectureCode: code.prefectureCode,
    state: input.state === null || input.state === undefined ? 1 : CylinderState.parse(input.state, "State"),
    medium,
    innerNo: optional(input.innerNo, "InnerNo", 64),
    productDate,
    checkDate,
    nextDate,
    volume: Math.round(input.volume * 100) / 100,
    nominalPressure: input.nominalPressure ?? null,
    factory: optional(input.factory, "Factory"),
    supervise: optional(input.supervise, "Supervise"),
    checkUnit: optional(input.checkUnit, "Check"),
    registerDate: chinaMidnight(registerDate),
    registerNo: required(input.registerNo, "RegisterNo", 64),
    carCylinderType: required(input.cylinderType, "Type", 64),
    carNo: required(input.carNo, "CarNo", 32),
    carType: CarType.parse(input.carType, "CarType"),
    carVin: required(input.carVin, "CarVin", 32),
    certificateDate: optionalDate(input.certificateDate, "CertificateDate"),
    useDate: optionalDate(input.useDate, "UseDate"),
    deviceCode: optional(input.deviceCode, "DeviceCode", 64),
    productNo: optional(input.productNo, "ProductNo", 64),
    company: required(input.company, "Company"),
    identityNoEnc: identityNo === null ? null : sealPersonal(identityNo, config.dataKey),
    identityNoMasked: identityNo === null ? null : maskIdentityNo(identityNo),
    install: optional(input.install, "Install"),
    office: optional(input.office, "Office"),
  };
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(cylinder).values(values).returning();
      await appendLedgerLeaves(tx, [{ table: "cylinder", id: row!.id }]);
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e, "cylinder_barcode_key")) throw new PlatformError("DUPLICATE_BARCODE", { barcode });
    throw e;
  }
}
