/**
 * A cylinder's trace, as trace extends the Cylinder entity: its fills, checks, inspection
 * results and alarms (paginated newest first, each batched across every cylinder of the
 * request, filtered by the reader's scope), its last fill, the fill permit as of now
 * (evaluation only, not logged) and the public projection for the scan page.
 */
import { chinaDateOf, InspectionConclusion } from "@cylinder/db";
import { pageSize } from "@cylinder/subgraph-kit";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { AlarmConnection, toAlarm } from "../alarm/alarm.type";
import { CheckConnection, CheckKind, toCheckRecord } from "../check/check.type";
import type { TraceContext } from "../context";
import { FillRecord, FillRecordConnection, toFillRecord } from "../fill/fill.type";
import { InspectionResultConnection, toInspectionResult } from "../inspection/result.type";
import { evaluationUnit } from "../permit/permit.service";
import { FillPermit } from "../permit/permit.type";
import { unitRef } from "../shared/refs.type";
import { lateralConnection } from "./lateral.loader";
import { CylinderPublicTrace } from "./public-trace.type";
import { TraceCylinder } from "./trace-cylinder.type";

/** How many fills the public projection shows. */
export const PUBLIC_FILLS = 5;

function key(barcode: string, size: number, after: string | undefined) {
  return { barcode, limit: size + 1, after: after ?? null };
}

@Resolver(() => TraceCylinder)
export class TraceCylinderResolver {
  @FieldResolver(() => FillRecordConnection, { description: "充装记录，最新在前 (fill records, newest first)" })
  async fills(
    @Root() c: TraceCylinder,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<FillRecordConnection> {
    const size = pageSize(first);
    return lateralConnection(await ctx.loaders.cylinder.fills.load(key(c.barcode, size, after)), size, toFillRecord);
  }

  @FieldResolver(() => FillRecord, { nullable: true, description: "最近一次充装 (the last fill)" })
  async lastFill(@Root() c: TraceCylinder, @Ctx() ctx: TraceContext): Promise<FillRecord | null> {
    const [last] = await ctx.loaders.cylinder.fills.load(key(c.barcode, 1, undefined));
    return last ? toFillRecord(last) : null;
  }

  @FieldResolver(() => CheckConnection, { description: "充装前检查，最新在前 (before-fill checks, newest first)" })
  async beforeFillChecks(
    @Root() c: TraceCylinder,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CheckConnection> {
    const size = pageSize(first);
    const found = await ctx.loaders.cylinder.beforeFillChecks.load(key(c.barcode, size, after));
    return lateralConnection(found, size, (r) => toCheckRecord(CheckKind.BEFORE_FILL, r));
  }

  @FieldResolver(() => CheckConnection, { description: "充装后检查，最新在前 (after-fill checks, newest first)" })
  async afterFillChecks(
    @Root() c: TraceCylinder,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CheckConnection> {
    const size = pageSize(first);
    const found = await ctx.loaders.cylinder.afterFillChecks.load(key(c.barcode, size, after));
    return lateralConnection(found, size, (r) => toCheckRecord(CheckKind.AFTER_FILL, r));
  }

  @FieldResolver(() => InspectionResultConnection, {
    description: "检验结果，按报告日期最新在前 (inspection results, latest report first)",
  })
  async inspectionResults(
    @Root() c: TraceCylinder,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<InspectionResultConnection> {
    const size = pageSize(first);
    const found = await ctx.loaders.cylinder.inspectionResults.load(key(c.barcode, size, after));
    return lateralConnection(found, size, toInspectionResult);
  }

  @FieldResolver(() => AlarmConnection, { description: "报警，最新在前 (alarms, newest first)" })
  async alarms(
    @Root() c: TraceCylinder,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<AlarmConnection> {
    const size = pageSize(first);
    return lateralConnection(await ctx.loaders.cylinder.alarms.load(key(c.barcode, size, after)), size, toAlarm);
  }

  @FieldResolver(() => FillPermit, {
    nullable: true,
    description:
      "此刻能否充装（仅判定，不记录）：充装单位查本单位；监管部门可指定辖区内单位，默认产权单位 (may this unit fill it now? evaluation only, not logged; a filling unit asks for itself, regulators for any unit in scope, default the owner)",
  })
  async fillPermit(
    @Root() c: TraceCylinder,
    @Ctx() ctx: TraceContext,
    @Arg("unitId", () => Int, { nullable: true, description: "充装单位 ID (filling unit id)" }) unitId?: number,
  ): Promise<FillPermit> {
    const unit = evaluationUnit(ctx.scope, unitId);
    return ctx.loaders.permits.load({ barcode: c.barcode.trim(), unitId: unit });
  }

  @FieldResolver(() => CylinderPublicTrace, {
    description:
      "公开追溯信息，任何人可见 (the public scan page's trace: last inspection, last fills' times, units and net weights)",
  })
  async publicTrace(@Root() c: TraceCylinder, @Ctx() ctx: TraceContext): Promise<CylinderPublicTrace> {
    const [inspections, fills] = await Promise.all([
      ctx.loaders.cylinder.publicInspection.load(key(c.barcode, 1, undefined)),
      ctx.loaders.cylinder.publicFills.load(key(c.barcode, PUBLIC_FILLS, undefined)),
    ]);
    const last = inspections[0];
    return {
      lastInspection: last
        ? {
            reportDate: last.report_date,
            conclusion: last.conclusion,
            conclusionLabel: InspectionConclusion.label(last.conclusion),
            nextDate: last.next_date,
            stationUnitId: last.station_unit_id,
            station: unitRef(last.station_unit_id)!,
          }
        : null,
      lastFills: fills.slice(0, PUBLIC_FILLS).map((f) => ({
        filledOn: chinaDateOf(new Date(f.end_at)),
        filledAt: new Date(f.end_at),
        netWeight: f.net_weight === null ? null : Number(f.net_weight),
        unitId: f.unit_id,
        unit: unitRef(f.unit_id)!,
      })),
    };
  }
}
