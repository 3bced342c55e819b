/** Inspection orders (annex 1 §8): BeginApply/AddBottle/RemoveBottle/EndApply and reads. */
import { canRead, PlatformError } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { TraceContext } from "../context";
import { listPage } from "../shared/list";
import { requireSignedIn } from "../shared/read-guard";
import { inspectionOrderScope } from "../shared/scope-sql";
import { one } from "../shared/sql";
import {
  addToInspectionOrder,
  beginInspectionOrder,
  removeFromInspectionOrder,
  submitInspectionOrder,
} from "./order.service";
import {
  InspectionOrder,
  InspectionOrderConnection,
  InspectionOrderFilter,
  InspectionOrderItem,
  InspectionOrderItemInput,
  type InspectionOrderRow,
  ORDER_COLUMNS,
  toInspectionOrder,
  toInspectionOrderItem,
} from "./order.type";

@Resolver(() => InspectionOrder)
export class InspectionOrderResolver {
  @Mutation(() => InspectionOrder, {
    description: "开始送检 (BeginApply): 按 (单位, ThirdId) 幂等 (filling units; idempotent on the unit's ThirdId)",
  })
  async beginInspectionOrder(
    @Arg("thirdId", () => String, { description: "第三方系统唯一 ID (ThirdId)" }) thirdId: string,
    @Arg("stationUnitId", () => Int, { description: "检验机构 ID (Station.Id)" }) stationUnitId: number,
    @Ctx() ctx: TraceContext,
    @Arg("stationName", () => String, { nullable: true, description: "检验机构名称 (Station.Name)" })
    stationName?: string,
  ): Promise<InspectionOrder> {
    return toInspectionOrder(await beginInspectionOrder(ctx, thirdId, stationUnitId, stationName));
  }

  @Mutation(() => InspectionOrder, {
    description: "添加气瓶 (AddBottle): 已在工单中的更新序号 (already on the order: SeqNo updated)",
  })
  async addToInspectionOrder(
    @Arg("orderId", () => Int, { description: "工单 ID (Id)" }) orderId: number,
    @Arg("items", () => [InspectionOrderItemInput], { description: "气瓶列表 (Items)" })
    items: InspectionOrderItemInput[],
    @Ctx() ctx: TraceContext,
    @Arg("thirdId", () => String, { nullable: true, description: "工单的 ThirdId，提供时须一致 (the order's ThirdId)" })
    thirdId?: string,
  ): Promise<InspectionOrder> {
    return toInspectionOrder(await addToInspectionOrder(ctx, orderId, thirdId, items));
  }

  @Mutation(() => InspectionOrder, {
    description: "移除气瓶 (RemoveBottle): 不在工单中的忽略 (cylinders not on the order are ignored)",
  })
  async removeFromInspectionOrder(
    @Arg("orderId", () => Int, { description: "工单 ID (Id)" }) orderId: number,
    @Arg("barcodes", () => [String], { description: "气瓶编号 (Items[].Barcode)" }) barcodes: string[],
    @Ctx() ctx: TraceContext,
    @Arg("thirdId", () => String, { nullable: true, description: "工单的 ThirdId，提供时须一致 (the order's ThirdId)" })
    thirdId?: string,
  ): Promise<InspectionOrder> {
    return toInspectionOrder(await removeFromInspectionOrder(ctx, orderId, thirdId, barcodes));
  }

  @Mutation(() => InspectionOrder, {
    description: "送检结束 (EndApply): 重复提交原样返回 (submitting again returns the order unchanged)",
  })
  async submitInspectionOrder(
    @Arg("orderId", () => Int, { description: "工单 ID (Id)" }) orderId: number,
    @Ctx() ctx: TraceContext,
    @Arg("thirdId", () => String, { nullable: true, description: "工单的 ThirdId，提供时须一致 (the order's ThirdId)" })
    thirdId?: string,
  ): Promise<InspectionOrder> {
    return toInspectionOrder(await submitInspectionOrder(ctx, orderId, thirdId));
  }

  @Query(() => InspectionOrderConnection, {
    description:
      "送检工单列表，最新在前 (inspection orders, newest first: a filling unit its own, a station those addressed to it, regulators by prefecture)",
  })
  async inspectionOrders(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => InspectionOrderFilter, { nullable: true }) filter?: InspectionOrderFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<InspectionOrderConnection> {
    requireSignedIn(ctx);
    const f = filter ?? {};
    const page = await listPage<InspectionOrderRow & { sort_key: string }>(ctx.deps.db, {
      from: sql`trace.inspection_order x`,
      columns: ORDER_COLUMNS,
      where: [
        inspectionOrderScope(ctx.scope, "x"),
        f.unitId !== undefined && f.unitId !== null ? sql`x.unit_id = ${f.unitId}` : undefined,
        f.stationUnitId !== undefined && f.stationUnitId !== null
          ? sql`x.station_unit_id = ${f.stationUnitId}`
          : undefined,
        f.prefectureCode ? sql`x.prefecture_code = ${f.prefectureCode}` : undefined,
        f.status ? sql`x.status = ${f.status}` : undefined,
        f.from ? sql`x.begun_at >= ${f.from.toISOString()}::timestamptz` : undefined,
        f.to ? sql`x.begun_at < ${f.to.toISOString()}::timestamptz` : undefined,
      ],
      sort: "x.begun_at",
      sortType: "timestamptz",
      direction: "desc",
      first,
      after,
    });
    return { nodes: page.rows.map(toInspectionOrder), pageInfo: page.pageInfo };
  }

  @Query(() => InspectionOrder, { nullable: true, description: "按 ID 查询送检工单 (an inspection order by id)" })
  async inspectionOrder(@Arg("id", () => Int) id: number, @Ctx() ctx: TraceContext): Promise<InspectionOrder | null> {
    requireSignedIn(ctx);
    const row = await one<InspectionOrderRow>(
      ctx.deps.db,
      sql`select ${sql.raw(ORDER_COLUMNS)} from trace.inspection_order x where x.id = ${id}`,
    );
    if (!row) return null;
    const subject = {
      kind: "unit_record" as const,
      unitId: row.unit_id,
      prefectureCode: row.prefecture_code,
      stationUnitId: row.station_unit_id,
    };
    if (!canRead(ctx.scope, subject)) throw new PlatformError("FORBIDDEN", { reason: `无权查看送检工单 ${id}` });
    return toInspectionOrder(row);
  }

  @FieldResolver(() => [InspectionOrderItem], { description: "工单中的气瓶 (cylinders on the order, by SeqNo)" })
  async items(@Root() order: InspectionOrder, @Ctx() ctx: TraceContext): Promise<InspectionOrderItem[]> {
    return (await ctx.loaders.orders.items.load(order.id)).map(toInspectionOrderItem);
  }

  @FieldResolver(() => Int, { description: "工单中的气瓶数 (number of cylinders on the order)" })
  async itemCount(@Root() order: InspectionOrder, @Ctx() ctx: TraceContext): Promise<number> {
    return (await ctx.loaders.orders.items.load(order.id)).length;
  }
}
