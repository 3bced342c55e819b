/**
 * The demo's options and its in-memory plan (units, accounts, batches and the rows other
 * rows refer to). Same seed, size and reference date: same plan, same rows.
 */
import { addDays, type Clock, chinaMidnight, chinaToday, type IsoDate, PlatformError, systemClock } from "@cylinder/db";
import { type DemoAccount, planAccounts } from "./accounts";
import { type BatchPlan, planBatches } from "./batches";
import { planUnits, type UnitsPlan } from "./units";

/** The province's plan was issued on 12 July 2021: the default seed. */
export const DEFAULT_SEED = 20210712;
/** Largest demo the barcode series hold (7-digit serials per prefecture, Kunming ~23%). */
export const MAX_CYLINDERS = 20_000_000;

export interface DemoOptions {
  /** Cylinders to generate (their trace rows come on top). */
  readonly cylinders: number;
  /** SM4 data key that seals personal data and account keys (config.dataKey). */
  readonly dataKey: string;
  readonly seed?: number;
  /** The China calendar date the data is "as of": every generated time is before its
   * midnight. Defaults to today in China on `clock`; tests pass a fixed date. */
  readonly referenceDate?: IsoDate;
  /** The platform's clock, for the default reference date (default: the system clock). */
  readonly clock?: Clock;
  /** Days of fill records and checks before the reference date (default 7). */
  readonly fillDays?: number;
  /** Days before the reference date whose inspections carry orders and results (default 365). */
  readonly inspectionDays?: number;
}

export interface ResolvedOptions {
  readonly cylinders: number;
  readonly dataKey: string;
  readonly seed: number;
  readonly referenceDate: IsoDate;
  readonly fillDays: number;
  readonly inspectionDays: number;
}

export interface DemoPlan {
  readonly options: ResolvedOptions;
  readonly units: UnitsPlan;
  readonly accounts: readonly DemoAccount[];
  readonly batches: BatchPlan;
}

export function resolveOptions(o: DemoOptions): ResolvedOptions {
  const r: ResolvedOptions = {
    cylinders: o.cylinders,
    dataKey: o.dataKey,
    seed: o.seed ?? DEFAULT_SEED,
    referenceDate: o.referenceDate ?? chinaToday(o.clock ?? systemClock),
    fillDays: o.fillDays ?? 7,
    inspectionDays: o.inspectionDays ?? 365,
  };
  const bad = (field: string, reason: string) => new PlatformError("INVALID_FIELD", { field, reason });
  if (!Number.isInteger(r.cylinders) || r.cylinders < 0 || r.cylinders > MAX_CYLINDERS) {
    throw bad("cylinders", `须为 0 至 ${MAX_CYLINDERS} 之间的整数`);
  }
  if (!Number.isInteger(r.seed) || r.seed < 0 || r.seed > 0xffffffff) throw bad("seed", "须为 32 位无符号整数");
  chinaMidnight(r.referenceDate); // throws INVALID_DATE on a malformed date
  if (r.referenceDate < "2022-01-01")
    throw bad("referenceDate", "演示数据的基准日期不早于 2022-01-01（平台 2021 年 9 月起登记）");
  if (!Number.isInteger(r.fillDays) || r.fillDays < 1 || r.fillDays > 90) throw bad("fillDays", "须为 1 至 90 天");
  if (!Number.isInteger(r.inspectionDays) || r.inspectionDays < 1 || r.inspectionDays > 1460) {
    throw bad("inspectionDays", "须为 1 至 1460 天");
  }
  return r;
}

export function planDemo(options: DemoOptions): DemoPlan {
  const o = resolveOptions(options);
  const units = planUnits(o.seed, o.referenceDate, o.dataKey);
  const accounts = planAccounts(o.seed, units, o.referenceDate);
  const batches = planBatches(units, {
    seed: o.seed,
    cylinders: o.cylinders,
    referenceDate: o.referenceDate,
    inspectionDays: o.inspectionDays,
  });
  return { options: o, units, accounts, batches };
}

/** The first instant of the fill window. */
export function fillWindowStart(o: ResolvedOptions): number {
  return chinaMidnight(addDays(o.referenceDate, -o.fillDays)).getTime();
}
