/** The station's scan (requestFillPermit) and the decision log (permitDecisions). */
import { sql } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { listPage } from "../shared/list";
import { requireSignedIn } from "../shared/read-guard";
import { unitRecordScope } from "../shared/scope-sql";
import { requestFillPermit } from "./permit.service";
import {
  FillPermit,
  PERMIT_DECISION_COLUMNS,
  PermitChannel,
  PermitDecisionConnection,
  PermitDecisionFilter,
  type PermitDecisionRow,
  toPermitDecision,
} from "./permit.type";

@Resolver(() => FillPermit)
export class PermitResolver {
  @Mutation(() => FillPermit, {
    description:
      "扫码申请充装许可：判定、记录判定日志，不允许时报警 (a station's scan: decides, logs the decision, raises permit_refused); filling units only",
  })
  requestFillPermit(
    @Arg("barcode", () => String, { description: "扫码得到的气瓶编号 (scanned barcode)" }) barcode: string,
    @Ctx() ctx: TraceContext,
    @Arg("channel", () => PermitChannel, {
      nullable: true,
      description: "申请渠道，REST 适配器传 REST (channel; the REST adapter sends REST)",
    })
    channel?: PermitChannel,
  ): Promise<FillPermit> {
    return requestFillPermit(ctx, barcode, channel ?? PermitChannel.GRAPHQL);
  }

  @Query(() => PermitDecisionConnection, {
    description: "充装许可判定日志，最新在前 (logged permit decisions, newest first, scoped like unit records)",
  })
  async permitDecisions(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => PermitDecisionFilter, { nullable: true }) filter?: PermitDecisionFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<PermitDecisionConnection> {
    requireSignedIn(ctx);
    const f = filter ?? {};
    const page = await listPage<PermitDecisionRow & { sort_key: string }>(ctx.deps.db, {
      from: sql`trace.permit_decision x`,
      columns: PERMIT_DECISION_COLUMNS,
      where: [
        unitRecordScope(ctx.scope, "x"),
        f.unitId !== undefined && f.unitId !== null ? sql`x.unit_id = ${f.unitId}` : undefined,
        f.prefectureCode ? sql`x.prefecture_code = ${f.prefectureCode}` : undefined,
        f.barcode ? sql`x.barcode = ${f.barcode.trim()}` : undefined,
        f.permitted !== undefined && f.permitted !== null ? sql`x.permitted = ${f.permitted}` : undefined,
        f.from ? sql`x.decided_at >= ${f.from.toISOString()}::timestamptz` : undefined,
        f.to ? sql`x.decided_at < ${f.to.toISOString()}::timestamptz` : undefined,
      ],
      sort: "x.decided_at",
      sortType: "timestamptz",
      direction: "desc",
      first,
      after,
    });
    return { nodes: page.rows.map(toPermitDecision), pageInfo: page.pageInfo };
  }
}
