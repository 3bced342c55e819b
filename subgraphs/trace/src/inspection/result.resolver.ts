/** Inspection results: uploads (inspection stations), lists and changes (scoped). */
import { DateTime } from "@cylinder/subgraph-kit";
import { sql } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { changesPage, listPage } from "../shared/list";
import { requireSignedIn } from "../shared/read-guard";
import { inspectionResultScope } from "../shared/scope-sql";
import { UploadResult } from "../upload/upload.type";
import {
  InspectionResult,
  InspectionResultChangeConnection,
  InspectionResultConnection,
  InspectionResultFilter,
  InspectionResultInput,
  type InspectionResultRow,
  RESULT_COLUMNS,
  toInspectionResult,
} from "./result.type";
import { uploadInspectionResults } from "./result.upload";

type Row = InspectionResultRow & { sort_key: string };

@Resolver(() => InspectionResult)
export class InspectionResultResolver {
  @Mutation(() => UploadResult, {
    description:
      "上传检验结果：仅检验机构；整批一个事务，按 ThirdId 幂等；同时写入发件箱以更新气瓶档案 (inspection stations only; one transaction; idempotent on ThirdId; queues the archive update)",
  })
  recordInspectionResults(
    @Arg("items", () => [InspectionResultInput], { description: "检验结果 (results, at most 1000)" })
    items: InspectionResultInput[],
    @Ctx() ctx: TraceContext,
  ): Promise<UploadResult> {
    return uploadInspectionResults(ctx, items);
  }

  @Query(() => InspectionResultConnection, {
    description: "检验结果列表，按报告日期最新在前 (inspection results, latest report first, scoped)",
  })
  async inspectionResults(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => InspectionResultFilter, { nullable: true }) filter?: InspectionResultFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<InspectionResultConnection> {
    requireSignedIn(ctx);
    const f = filter ?? {};
    const page = await listPage<Row>(ctx.deps.db, {
      from: sql`trace.inspection_result x`,
      columns: RESULT_COLUMNS,
      where: [
        inspectionResultScope(ctx.scope, "x"),
        f.stationUnitId !== undefined && f.stationUnitId !== null
          ? sql`x.station_unit_id = ${f.stationUnitId}`
          : undefined,
        f.orderId !== undefined && f.orderId !== null ? sql`x.order_id = ${f.orderId}` : undefined,
        f.prefectureCode ? sql`x.prefecture_code = ${f.prefectureCode}` : undefined,
        f.barcode ? sql`x.barcode = ${f.barcode.trim()}` : undefined,
        f.conclusion !== undefined && f.conclusion !== null ? sql`x.conclusion = ${f.conclusion}` : undefined,
        f.from ? sql`x.report_date >= ${f.from}::date` : undefined,
        f.to ? sql`x.report_date <= ${f.to}::date` : undefined,
      ],
      sort: "x.report_date",
      sortType: "date",
      direction: "desc",
      first,
      after,
    });
    return { nodes: page.rows.map(toInspectionResult), pageInfo: page.pageInfo };
  }

  @Query(() => InspectionResultChangeConnection, {
    description: "自某时起变更的检验结果 (inspection results changed since a time: prefecture sync)",
  })
  async inspectionResultChanges(
    @Arg("since", () => DateTime) since: Date,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<InspectionResultChangeConnection> {
    requireSignedIn(ctx);
    const page = await changesPage<Row>(ctx.deps.db, {
      from: sql`trace.inspection_result x`,
      columns: RESULT_COLUMNS,
      where: [inspectionResultScope(ctx.scope, "x")],
      since,
      first,
      after,
    });
    return { nodes: page.rows.map(toInspectionResult), pageInfo: page.pageInfo, horizon: page.horizon };
  }
}
