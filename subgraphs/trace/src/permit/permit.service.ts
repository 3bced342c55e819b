/**
 * The fill permit as a service: `requestFillPermit` (a station's scan: decide, log
 * trace.permit_decision, raise permit_refused, publish after commit) and `evaluatePermits`
 * (Cylinder.fillPermit: decide only, batched across cylinders).
 *
 * Hot path cost: one read (permit/context.ts: one statement, index lookups only) and one
 * write (decision and alarm in one statement, so they commit together).
 */
import { PlatformError, type Scope } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { publishAlarms, type StoredAlarm } from "../alarm/alarm.store";
import { permitRefusedAlarm } from "../alarm/rules";
import type { TraceContext, TraceDeps } from "../context";
import { actingUnit } from "../shared/guard";
import { type Executor, one } from "../shared/sql";
import { MAX_BARCODE_LENGTH } from "../shared/validate";
import { loadPermitContexts, type PermitContext } from "./context";
import { decideFillPermit, permitMessage } from "./decide";
import { type FillPermit, PermitChannel } from "./permit.type";
import type { FillPermitDecision } from "./types";

export function normalizeScannedBarcode(value: string): string {
  const barcode = value.trim();
  if (barcode === "") throw new PlatformError("MISSING_FIELD", { field: "barcode" });
  if (barcode.length > MAX_BARCODE_LENGTH) {
    throw new PlatformError("INVALID_FIELD", { field: "barcode", reason: `长度超过 ${MAX_BARCODE_LENGTH} 个字符` });
  }
  return barcode;
}

export function decideFromContext(c: PermitContext, now: Date): FillPermitDecision {
  return decideFillPermit({
    barcode: c.barcode,
    cylinder: c.cylinder,
    unit: c.unit,
    permissions: c.permissions,
    latestBeforeFillCheck: c.latestBeforeFillCheck,
    now,
  });
}

function toFillPermit(
  c: PermitContext,
  unitId: number,
  decision: FillPermitDecision,
  decidedAt: Date,
  ids: { decisionId: number | null; alarmId: number | null },
): FillPermit {
  return {
    barcode: c.barcode,
    unitId,
    permitted: decision.permitted,
    message: permitMessage(decision),
    reasons: decision.reasons,
    decidedAt,
    ...ids,
    effectiveNextDate: c.cylinder?.nextDate ?? null,
  };
}

interface DecisionWrite extends Partial<StoredAlarm> {
  decision_id: number;
  alarm_id: number | null;
}

async function logDecision(
  db: Executor,
  args: {
    unitId: number;
    barcode: string;
    decision: FillPermitDecision;
    channel: PermitChannel;
    prefectureCode: string | null;
    now: Date;
  },
): Promise<DecisionWrite> {
  const { unitId, barcode, decision, channel, prefectureCode, now } = args;
  const alarm = permitRefusedAlarm(barcode, decision);
  const row = await one<DecisionWrite>(
    db,
    sql`with d as (
        insert into trace.permit_decision (unit_id, barcode, permitted, reasons, channel, prefecture_code, decided_at)
        values (${unitId}, ${barcode}, ${decision.permitted}, ${sql.param(decision.reasons.map((r) => r.code))}::text[],
          ${channel}::trace.permit_channel, ${prefectureCode}, ${now.toISOString()}::timestamptz)
        returning id, decided_at
      ), a as (
        insert into trace.alarm (type, barcode, unit_id, prefecture_code, record_kind, record_id, reasons, message, raised_at)
        select 'permit_refused', ${barcode}, ${unitId}, ${prefectureCode}, 'permit_decision', d.id,
          ${JSON.stringify(alarm?.reasons ?? [])}::jsonb, ${alarm?.message ?? ""}, d.decided_at
        from d where ${alarm !== null}::boolean
        returning id, type, barcode, unit_id, prefecture_code, record_kind, record_id, raised_at
      )
      select d.id as decision_id, a.id as alarm_id, a.id, a.type, a.barcode, a.unit_id, a.prefecture_code,
        a.record_kind, a.record_id, a.raised_at
      from d left join a on true`,
  );
  if (!row) throw new Error("permit decision not stored");
  return row;
}

/** A station's scan: decide, log the decision, raise permit_refused when refused. */
export async function requestFillPermit(
  ctx: TraceContext,
  barcodeText: string,
  channel: PermitChannel = PermitChannel.GRAPHQL,
): Promise<FillPermit> {
  const unitId = actingUnit(ctx.identity, "uploadTrace");
  const barcode = normalizeScannedBarcode(barcodeText);
  const now = ctx.deps.clock.now();
  const [c] = await loadPermitContexts(ctx.deps.db, [{ barcode, unitId, at: now }]);
  const decision = decideFromContext(c!, now);
  const written = await logDecision(ctx.deps.db, {
    unitId,
    barcode,
    decision,
    channel,
    prefectureCode: c!.unit?.prefectureCode ?? ctx.identity.prefectureCode,
    now,
  });
  if (written.alarm_id !== null) {
    await publishAlarms(ctx.deps.alarmBus, ctx.deps.log, [written as StoredAlarm]);
  }
  return toFillPermit(c!, unitId, decision, now, {
    decisionId: Number(written.decision_id),
    alarmId: written.alarm_id === null ? null : Number(written.alarm_id),
  });
}

export interface EvaluationKey {
  barcode: string;
  /** null: the cylinder's owner */
  unitId: number | null;
}

/**
 * Whom `Cylinder.fillPermit(unitId)` asks about, by role: a filling unit only itself (the
 * default); regulators, operators and peer platforms any unit (default: the cylinder's
 * owner, the unit they have no filling unit of their own); stations and the public nobody.
 */
export function evaluationUnit(scope: Scope, requested: number | null | undefined): number | null {
  switch (scope.kind) {
    case "unit":
      if (requested !== null && requested !== undefined && requested !== scope.unitId) {
        throw new PlatformError("FORBIDDEN", { reason: "充装单位只能查询本单位的充装许可" });
      }
      return scope.unitId;
    case "all":
    case "prefecture":
      return requested ?? null;
    default:
      throw new PlatformError("FORBIDDEN", { reason: "当前角色不能查询充装许可" });
  }
}

/** Decides (without logging) for many cylinders at once; errors per key for out-of-scope units. */
export async function evaluatePermits(
  deps: TraceDeps,
  scope: Scope,
  keys: readonly EvaluationKey[],
): Promise<(FillPermit | PlatformError)[]> {
  const now = deps.clock.now();
  const contexts = await loadPermitContexts(
    deps.db,
    keys.map((k) => ({ barcode: k.barcode, unitId: k.unitId, at: now })),
  );
  return contexts.map((c) => {
    if (c.unitId === null) {
      return new PlatformError("INVALID_FIELD", { field: "unitId", reason: "气瓶无产权单位，请指定充装单位" });
    }
    if (scope.kind === "prefecture" && c.unit && c.unit.prefectureCode !== scope.prefectureCode) {
      return new PlatformError("FORBIDDEN", { reason: `单位 ${c.unitId} 不在本州市` });
    }
    return toFillPermit(c, c.unitId, decideFromContext(c, now), now, { decisionId: null, alarmId: null });
  });
}
