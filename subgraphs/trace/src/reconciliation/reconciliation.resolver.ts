/** 数据对账 (BusinessCount) and its list. */
import { sql } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { listPage } from "../shared/list";
import { requireSignedIn } from "../shared/read-guard";
import { unitRecordScope } from "../shared/scope-sql";
import { reportMonthlyCount } from "./reconciliation.service";
import {
  RECONCILIATION_COLUMNS,
  Reconciliation,
  ReconciliationConnection,
  ReconciliationFilter,
  type ReconciliationRow,
  toReconciliation,
} from "./reconciliation.type";

@Resolver(() => Reconciliation)
export class ReconciliationResolver {
  @Mutation(() => Reconciliation, {
    description:
      "上报月度业务数量 (BusinessCount, annex 1 §9): 返回平台数与差异，不符时报警 (filling units; returns the platform's count and the difference; a gap raises an alarm)",
  })
  reportMonthlyCount(
    @Arg("year", () => Int, { description: "年度 (Year)" }) year: number,
    @Arg("month", () => Int, { description: "月份 (Month)" }) month: number,
    @Arg("type", () => Int, { description: "数据类型 (Type): 1 充前检查, 2 充装记录, 3 充后检查" }) type: number,
    @Arg("count", () => Int, { description: "业务数量 (Count)" }) count: number,
    @Ctx() ctx: TraceContext,
  ): Promise<Reconciliation> {
    return reportMonthlyCount(ctx, year, month, type, count);
  }

  @Query(() => ReconciliationConnection, { description: "对账列表，最新在前 (reconciliations, newest first, scoped)" })
  async reconciliations(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => ReconciliationFilter, { nullable: true }) filter?: ReconciliationFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<ReconciliationConnection> {
    requireSignedIn(ctx);
    const f = filter ?? {};
    const has = (v: unknown) => v !== undefined && v !== null;
    const page = await listPage<ReconciliationRow & { sort_key: string }>(ctx.deps.db, {
      from: sql`trace.reconciliation x`,
      columns: RECONCILIATION_COLUMNS,
      where: [
        unitRecordScope(ctx.scope, "x"),
        has(f.unitId) ? sql`x.unit_id = ${f.unitId}` : undefined,
        f.prefectureCode ? sql`x.prefecture_code = ${f.prefectureCode}` : undefined,
        has(f.year) ? sql`x.year = ${f.year}` : undefined,
        has(f.month) ? sql`x.month = ${f.month}` : undefined,
        has(f.type) ? sql`x.type = ${f.type}` : undefined,
        f.withDifference === true ? sql`x.reported_count <> coalesce(x.platform_count, 0)` : undefined,
      ],
      sort: "x.id",
      sortType: "bigint",
      direction: "desc",
      first,
      after,
    });
    return { nodes: page.rows.map(toReconciliation), pageInfo: page.pageInfo };
  }
}
