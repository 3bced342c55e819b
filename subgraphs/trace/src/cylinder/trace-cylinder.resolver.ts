/** A cylinder's trace: its fills (paginated, batched across cylinders). */
import { encodeCursor, pageSize } from "@cylinder/subgraph-kit";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { TraceContext } from "../context";
import type { FillRow } from "../fill/fill.loader";
import { type FillRecord, FillRecordConnection } from "../fill/fill.type";
import { TraceCylinder } from "./trace-cylinder.type";

export function toFillRecord(r: FillRow): FillRecord {
  return {
    id: Number(r.id),
    unitId: r.unit_id,
    thirdId: String(r.third_id),
    barcode: r.barcode,
    idleWeight: Number(r.idle_weight),
    grossWeight: Number(r.gross_weight),
    netWeight: Number(r.net_weight),
    beginAt: new Date(r.begin_at),
    endAt: new Date(r.end_at),
    machine: r.machine,
    scaleFactory: r.scale_factory,
    fillerName: r.filler_name,
    prefectureCode: r.prefecture_code,
    receivedAt: new Date(r.received_at),
  };
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
    const rows = await ctx.loaders.fills.pages.load({
      barcode: c.barcode,
      limit: size + 1,
      after: after ?? null,
      scope: ctx.scope,
    });
    const kept = rows.slice(0, size);
    const last = kept[kept.length - 1];
    return {
      nodes: kept.map(toFillRecord),
      pageInfo: {
        endCursor: last ? encodeCursor([new Date(last.end_at).toISOString(), Number(last.id)]) : null,
        hasNextPage: rows.length > size,
      },
    };
  }
}
