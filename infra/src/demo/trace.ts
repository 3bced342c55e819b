/**
 * Trace rows for the cylinders just written: the last `fillDays` days of before-fill checks,
 * fills and after-fill checks (annex 1 §4-§6), and the inspection orders' items and results
 * (§8) of batches inspected within the inspection window.
 *
 * A station's check, fill and after-fill check of one cylinder share one ThridId, as the
 * annex's own examples do; ThridIds are unique per unit and record kind. Most fills are by
 * the owner, well within the cylinder's maximum; a few are refused-cylinder fills, fills of
 * other owners' cylinders (some with an authority's permission), overfills, late uploads,
 * failed checks, and fills of barcodes the platform does not know (evidence is kept).
 */
import type { IsoDate } from "@cylinder/db";
import type {
  afterFillCheck,
  beforeFillCheck,
  fillRecord,
  inspectionOrderItem,
  inspectionResult,
} from "@cylinder/db/schema";
import { atChinaTime, type Batch, type FillPermissionRow } from "./batches";
import { AFTER_FILL_FAILURES, BEFORE_FILL_FAILURES, SCRAP_REMARKS, VALVE_MAKERS, VEHICLES } from "./catalogue";
import { barcodeOf, type CylinderFacts, round2 } from "./cylinders";
import type { Rng } from "./random";
import type { PlannedUnit, UnitsPlan } from "./units";
import type { Sink } from "./writer";

export type CheckRow = typeof beforeFillCheck.$inferInsert;
export type FillRow = typeof fillRecord.$inferInsert;
export type OrderItemRow = typeof inspectionOrderItem.$inferInsert;
export type ResultRow = typeof inspectionResult.$inferInsert;

export const CHECK_COLUMNS = [
  "id",
  "unitId",
  "thirdId",
  "barcode",
  "state",
  "remark",
  "checkedAt",
  "checkedAtSource",
  "inspectorName",
  "prefectureCode",
  "receivedAt",
  "sourcePrefectureCode",
  "sourceId",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof CheckRow & keyof typeof afterFillCheck.$inferInsert)[];

export const FILL_COLUMNS = [
  "id",
  "unitId",
  "thirdId",
  "barcode",
  "idleWeight",
  "grossWeight",
  "netWeight",
  "beginAt",
  "endAt",
  "machine",
  "scaleFactory",
  "fillerName",
  "prefectureCode",
  "receivedAt",
  "sourcePrefectureCode",
  "sourceId",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof FillRow)[];

export const ORDER_ITEM_COLUMNS = [
  "id",
  "orderId",
  "barcode",
  "seqNo",
  "addedAt",
  "removedAt",
] as const satisfies readonly (keyof OrderItemRow)[];

export const RESULT_COLUMNS = [
  "id",
  "orderId",
  "barcode",
  "stationUnitId",
  "thirdId",
  "conclusion",
  "reportDate",
  "reportNo",
  "valveReplaced",
  "valveMaker",
  "nextDate",
  "remark",
  "prefectureCode",
  "receivedAt",
  "sourcePrefectureCode",
  "sourceId",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof ResultRow)[];

/** Counts of the deliberate irregularities, for the summary and the tests. */
export interface TraceStats {
  unknownBarcodeFills: number;
  crossOwnerFills: number;
  permittedCrossOwnerFills: number;
  overfills: number;
  lateUploads: number;
  failedBeforeChecks: number;
  refusedButFilled: number;
}

export interface TraceContext {
  readonly referenceDate: IsoDate;
  /** Midnight (China) starting the reference date: every generated time is before it. */
  readonly end: number;
  readonly windowStart: number;
  readonly units: UnitsPlan;
  readonly permittedFillers: ReadonlyMap<number, readonly FillPermissionRow[]>;
  readonly before: Sink<CheckRow>;
  readonly fills: Sink<FillRow>;
  readonly after: Sink<CheckRow>;
  readonly orderItems: Sink<OrderItemRow>;
  readonly results: Sink<ResultRow>;
  readonly ids: { before: number; fill: number; after: number; item: number; result: number };
  /** Next ThridId per unit (checks and fills) and per station (results). */
  readonly thirdIds: Map<number, number>;
  readonly resultThirdIds: Map<number, number>;
  readonly sourceIds: Map<string, number>;
  readonly unknownSerials: Map<string, number>;
  readonly stats: TraceStats;
}

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const CHINA = 8 * HOUR;

export function emptyStats(): TraceStats {
  return {
    unknownBarcodeFills: 0,
    crossOwnerFills: 0,
    permittedCrossOwnerFills: 0,
    overfills: 0,
    lateUploads: 0,
    failedBeforeChecks: 0,
    refusedButFilled: 0,
  };
}

function sourceOf(ctx: TraceContext, unit: PlannedUnit, table: string): { code: string | null; id: number | null } {
  const p = ctx.units.prefectures[unit.prefecture];
  if (p?.mode !== "self_built") return { code: null, id: null };
  const key = `${p.profile.code}:${table}`;
  const id = (ctx.sourceIds.get(key) ?? 0) + 1;
  ctx.sourceIds.set(key, id);
  return { code: p.profile.code, id };
}

/** A time on the China calendar day of `t`, between `fromHour` and `toHour`. */
function duringHours(rng: Rng, t: number, fromHour: number, toHour: number): number {
  const day = Math.floor((t + CHINA) / DAY);
  return day * DAY - CHINA + Math.floor(rng.float(fromHour, toHour) * HOUR);
}

interface Event {
  readonly unit: PlannedUnit;
  readonly at: number;
  readonly kind: "lpg" | "industrial" | "car";
}

interface CylinderLike {
  readonly barcode: string;
  readonly idleWeight: number;
  readonly fillWeight: number;
  /** Why a check would refuse it (超期未检...), when it should be refused. */
  readonly refusal: string | null;
}

/** One cylinder at one station: before-fill check, usually a fill and an after-fill check. */
function fillOne(rng: Rng, ctx: TraceContext, e: Event, c: CylinderLike): void {
  const unit = e.unit;
  const code = unit.row.prefectureCode;
  const third = ctx.thirdIds.get(unit.row.id) ?? 10_000;
  ctx.thirdIds.set(unit.row.id, third + 1);
  const inspector = rng.pick(unit.staff);

  // upload: mostly within minutes; some within the day; about 1% later than 24 hours
  const u = rng.next();
  const delay = u < 0.96 ? rng.int(10, 900) * SECOND : u < 0.99 ? rng.int(1, 20) * HOUR : rng.int(25, 72) * HOUR;

  const failBefore = c.refusal !== null ? rng.chance(0.5) : rng.chance(0.01);
  const checkedAt = e.at;
  let endAt = checkedAt;
  const filled = !failBefore || rng.chance(0.1);
  let overfill = false;
  let fill: FillRow | null = null;
  if (filled) {
    const beginAt = checkedAt + rng.int(30, 300) * SECOND;
    const seconds =
      e.kind === "lpg"
        ? 40 + c.fillWeight * 4 + rng.int(0, 30)
        : e.kind === "industrial"
          ? rng.int(900, 2400)
          : rng.int(120, 480);
    endAt = beginAt + Math.round(seconds) * SECOND;
    overfill = rng.chance(0.003);
    const ratio = overfill ? rng.float(1.01, 1.06) : e.kind === "car" ? rng.float(0.45, 0.95) : rng.float(0.92, 0.995);
    const net = round2(c.fillWeight * ratio);
    const idle = round2(c.idleWeight + rng.float(-0.05, 0.05));
    fill = {
      id: 0,
      unitId: unit.row.id,
      thirdId: third,
      barcode: c.barcode,
      idleWeight: idle,
      grossWeight: round2(idle + net),
      netWeight: net,
      beginAt: new Date(beginAt),
      endAt: new Date(endAt),
      machine: rng.int(1, unit.machines),
      scaleFactory: unit.scaleFactory,
      fillerName: rng.pick(unit.staff),
      prefectureCode: code,
    };
  }
  const receivedAt = Math.min(endAt + delay, ctx.end - rng.int(1, 600) * SECOND);
  if (receivedAt - endAt > 24 * HOUR) ctx.stats.lateUploads += 1;
  const received = new Date(receivedAt);

  const beforeReported = failBefore || !rng.chance(0.12);
  const beforeSource = sourceOf(ctx, unit, "before");
  ctx.before.push({
    id: ++ctx.ids.before,
    unitId: unit.row.id,
    thirdId: third,
    barcode: c.barcode,
    state: failBefore ? 1 : 0,
    remark: failBefore ? (c.refusal ?? rng.pick(BEFORE_FILL_FAILURES)) : null,
    checkedAt: beforeReported ? new Date(checkedAt) : received,
    checkedAtSource: beforeReported ? "reported" : "received",
    inspectorName: inspector,
    prefectureCode: code,
    receivedAt: received,
    sourcePrefectureCode: beforeSource.code,
    sourceId: beforeSource.id,
    createdAt: received,
    updatedAt: received,
  });
  if (failBefore) ctx.stats.failedBeforeChecks += 1;
  if (!fill) return;
  if (failBefore) ctx.stats.refusedButFilled += 1;
  if (overfill) ctx.stats.overfills += 1;

  const fillSource = sourceOf(ctx, unit, "fill");
  fill.id = ++ctx.ids.fill;
  fill.receivedAt = received;
  fill.sourcePrefectureCode = fillSource.code;
  fill.sourceId = fillSource.id;
  fill.createdAt = received;
  fill.updatedAt = received;
  ctx.fills.push(fill);

  const failAfter = overfill ? rng.chance(0.5) : rng.chance(0.004);
  const afterAt = endAt + rng.int(20, 180) * SECOND;
  const afterSource = sourceOf(ctx, unit, "after");
  ctx.after.push({
    id: ++ctx.ids.after,
    unitId: unit.row.id,
    thirdId: third,
    barcode: c.barcode,
    state: failAfter ? 1 : 0,
    remark: failAfter ? (overfill ? "充装量超标，已回收" : rng.pick(AFTER_FILL_FAILURES)) : null,
    checkedAt: new Date(Math.min(afterAt, receivedAt)),
    checkedAtSource: "reported",
    inspectorName: rng.pick(unit.staff),
    prefectureCode: code,
    receivedAt: received,
    sourcePrefectureCode: afterSource.code,
    sourceId: afterSource.id,
    createdAt: received,
    updatedAt: received,
  });
}

function refusalOf(f: CylinderFacts, ref: IsoDate): string | null {
  if (f.state === 2) return "气瓶已锁定";
  if (f.state === 3) return "气瓶已停用";
  if (f.state === 4) return "气瓶已报废";
  if (f.pastLife) return "超过设计使用年限";
  if (f.nextDate < ref) return "超期未检";
  return null;
}

/** How likely a refill is to happen anyway, by the cylinder's standing. */
function fillLikelihood(f: CylinderFacts, ref: IsoDate): number {
  if (f.state === 2) return 0.05;
  if (f.state === 3) return 0.03;
  if (f.state === 4) return 0.01;
  if (f.pastLife) return 0.3;
  if (f.nextDate < ref) return 0.35;
  return 1;
}

/** Refill times of one cylinder (or vehicle) in the fill window. */
function refillTimes(rng: Rng, ctx: TraceContext, batch: Batch, intervalDays: number): number[] {
  const start = Math.max(ctx.windowStart, batch.registerAt.getTime() + DAY);
  const times: number[] = [];
  let t = start + rng.float(0, intervalDays) * DAY;
  while (t < ctx.end) {
    times.push(t);
    t += intervalDays * rng.float(0.7, 1.3) * DAY;
  }
  return times;
}

function fillerFor(rng: Rng, ctx: TraceContext, batch: Batch, at: number): PlannedUnit {
  const owner = batch.owner as PlannedUnit;
  if (!rng.chance(0.02)) return owner;
  const today = new Date(at + CHINA).toISOString().slice(0, 10);
  const permitted = (ctx.permittedFillers.get(owner.row.id) ?? []).filter(
    (p) => p.validFrom <= today && (!p.validTo || p.validTo >= today),
  );
  if (permitted.length > 0 && rng.chance(0.5)) {
    const p = rng.pick(permitted);
    const unit = ctx.units.byId.get(p.fillingUnitId);
    if (unit) {
      ctx.stats.crossOwnerFills += 1;
      ctx.stats.permittedCrossOwnerFills += 1;
      return unit;
    }
  }
  const list = batch.category === "lpg" ? batch.prefecture.lpg : batch.prefecture.industrial;
  const others = list.filter((u) => u !== owner);
  if (others.length === 0) return owner;
  ctx.stats.crossOwnerFills += 1;
  return rng.pick(others);
}

/** Writes the batch's fills and checks, and its inspection items and results. */
export function emitTrace(batch: Batch, facts: readonly CylinderFacts[], rng: Rng, ctx: TraceContext): void {
  const ref = ctx.referenceDate;
  const spec = batch.spec;
  if (batch.category === "car") {
    // a vehicle's cylinders are filled together, at its usual station or another nearby
    const v = VEHICLES[batch.vehicle] as (typeof VEHICLES)[number];
    const usable = facts.filter((f) => f.state === 1 || (f.state === 2 && rng.chance(0.05)));
    if (usable.length > 0) {
      const likelihood = Math.min(...usable.map((f) => fillLikelihood(f, ref)));
      const stations = batch.prefecture.car.filter((s) => (s.row.licensedMedia ?? []).includes(spec.medium));
      for (const t of refillTimes(rng, ctx, batch, v.refillDays)) {
        if (!rng.chance(Math.max(likelihood, 0.6))) continue;
        const unit =
          rng.chance(0.6) || stations.length === 0 ? (batch.bindingStation as PlannedUnit) : rng.pick(stations);
        const at = duringHours(rng, t, 6, 23);
        usable.forEach((f, i) => {
          fillOne(
            rng,
            ctx,
            { unit, at: at + i * 15 * SECOND, kind: "car" },
            {
              barcode: f.barcode,
              idleWeight: f.idleWeight,
              fillWeight: spec.fillWeight,
              refusal: refusalOf(f, ref),
            },
          );
        });
      }
    }
  } else {
    const hours: [number, number] = batch.category === "lpg" ? [7.5, 19.5] : [8, 18];
    for (const f of facts) {
      const likelihood = fillLikelihood(f, ref);
      for (const t of refillTimes(rng, ctx, batch, spec.refillDays)) {
        if (!rng.chance(likelihood)) continue;
        const unit = fillerFor(rng, ctx, batch, t);
        const at = duringHours(rng, t, hours[0], hours[1]);
        fillOne(
          rng,
          ctx,
          { unit, at, kind: batch.category },
          {
            barcode: f.barcode,
            idleWeight: f.idleWeight,
            fillWeight: spec.fillWeight,
            refusal: refusalOf(f, ref),
          },
        );
        if (batch.category === "lpg" && rng.chance(0.0015)) {
          // a cylinder the platform has never seen: the records are kept as evidence
          const code = unit.row.prefectureCode;
          const serial = (ctx.unknownSerials.get(code) ?? 0) + 1;
          ctx.unknownSerials.set(code, serial);
          ctx.stats.unknownBarcodeFills += 1;
          fillOne(
            rng,
            ctx,
            { unit, at: at + rng.int(60, 600) * SECOND, kind: "lpg" },
            {
              barcode: barcodeOf(code, "7", serial),
              idleWeight: round2(spec.idleWeight * rng.float(0.97, 1.03)),
              fillWeight: spec.fillWeight,
              refusal: null,
            },
          );
        }
      }
    }
  }
  emitInspections(batch, facts, rng, ctx);
}

function emitInspections(batch: Batch, facts: readonly CylinderFacts[], rng: Rng, ctx: TraceContext): void {
  const station = batch.resultStation;
  if (!station) return;
  const order = batch.order;
  const code = batch.prefecture.profile.code;
  let seq = 0;
  for (const f of facts) {
    if (f.missedInspection) {
      // declared, then taken off the order again (the removal is kept)
      if (order && rng.chance(0.3)) {
        const addedAt = (order.begunAt as Date).getTime() + rng.int(60, 3600) * SECOND;
        ctx.orderItems.push({
          id: ++ctx.ids.item,
          orderId: order.id,
          barcode: f.barcode,
          seqNo: null,
          addedAt: new Date(addedAt),
          removedAt: new Date(addedAt + rng.int(5, 120) * 60 * SECOND),
        });
      }
      continue;
    }
    seq += 1;
    if (order) {
      ctx.orderItems.push({
        id: ++ctx.ids.item,
        orderId: order.id,
        barcode: f.barcode,
        seqNo: seq,
        addedAt: new Date((order.begunAt as Date).getTime() + seq * 20 * SECOND),
        removedAt: null,
      });
    }
    const reportDate = f.checkDate as IsoDate;
    const pass = !f.scrappedAtInspection;
    const late = rng.chance(0.03);
    const receivedAt = Math.min(
      atChinaTime(reportDate, 10 * 3600).getTime() +
        (late ? rng.int(8, 15) : rng.int(0, 4)) * DAY +
        rng.int(0, 8 * 3600) * SECOND,
      ctx.end - rng.int(1, 600) * SECOND,
    );
    const third = (ctx.resultThirdIds.get(station.row.id) ?? 0) + 1;
    ctx.resultThirdIds.set(station.row.id, third);
    const valveReplaced = pass && rng.chance(0.15);
    const src = sourceOf(ctx, station, "result");
    const received = new Date(receivedAt);
    ctx.results.push({
      id: ++ctx.ids.result,
      orderId: order?.id ?? null,
      barcode: f.barcode,
      stationUnitId: station.row.id,
      thirdId: third,
      conclusion: pass ? 0 : 1,
      reportDate,
      reportNo: `${reportDate.slice(0, 4)}JY${String(station.row.id).padStart(4, "0")}${String(third).padStart(6, "0")}`,
      valveReplaced,
      valveMaker: valveReplaced ? rng.pick(VALVE_MAKERS) : null,
      nextDate: pass ? f.nextDate : null,
      remark: pass ? null : rng.pick(SCRAP_REMARKS),
      prefectureCode: code,
      receivedAt: received,
      sourcePrefectureCode: src.code,
      sourceId: src.id,
      createdAt: received,
      updatedAt: received,
    });
  }
}
