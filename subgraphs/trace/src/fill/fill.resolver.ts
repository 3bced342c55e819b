/** Fill records: uploads (filling units), lists and changes (scoped). */
import { DateTime } from "@cylinder/subgraph-kit";
import { sql } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { TraceFilter } from "../check/check.type";
import type { TraceContext } from "../context";
import { changesPage, listPage } from "../shared/list";
import { requireSignedIn } from "../shared/read-guard";
import { unitRecordScope } from "../shared/scope-sql";
import { traceFilterSql } from "../shared/trace-filter";
import { UploadResult } from "../upload/upload.type";
import { FillBatchInput } from "./fill.input";
import {
  FILL_COLUMNS,
  FillRecord,
  FillRecordChangeConnection,
  FillRecordConnection,
  type FillRow,
  toFillRecord,
} from "./fill.type";
import { uploadFills } from "./fill.upload";

type Row = FillRow & { sort_key: string };

@Resolver(() => FillRecord)
export class FillResolver {
  @Mutation(() => UploadResult, {
    description:
      "上传充装记录 (annex 1 §5 Fill): 仅充装单位、为本单位；整批一个事务，按 ThridId 幂等 (filling units, own unit; one transaction; idempotent on ThridId)",
  })
  recordFills(
    @Arg("input", () => FillBatchInput) input: FillBatchInput,
    @Ctx() ctx: TraceContext,
  ): Promise<UploadResult> {
    return uploadFills(ctx, input);
  }

  @Query(() => FillRecordConnection, { description: "充装记录列表，最新在前 (fill records, newest first, scoped)" })
  async fillRecords(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => TraceFilter, { nullable: true }) filter?: TraceFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<FillRecordConnection> {
    requireSignedIn(ctx);
    const page = await listPage<Row>(ctx.deps.db, {
      from: sql`trace.fill_record x`,
      columns: FILL_COLUMNS,
      where: [unitRecordScope(ctx.scope, "x"), ...traceFilterSql(filter, "end_at")],
      sort: "x.end_at",
      sortType: "timestamptz",
      direction: "desc",
      first,
      after,
    });
    return { nodes: page.rows.map(toFillRecord), pageInfo: page.pageInfo };
  }

  @Query(() => FillRecordChangeConnection, {
    description: "自某时起变更的充装记录 (fill records changed since a time: REST lasttime lists, prefecture sync)",
  })
  async fillRecordChanges(
    @Arg("since", () => DateTime) since: Date,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<FillRecordChangeConnection> {
    requireSignedIn(ctx);
    const page = await changesPage<Row>(ctx.deps.db, {
      from: sql`trace.fill_record x`,
      columns: FILL_COLUMNS,
      where: [unitRecordScope(ctx.scope, "x")],
      since,
      first,
      after,
    });
    return { nodes: page.rows.map(toFillRecord), pageInfo: page.pageInfo, horizon: page.horizon };
  }
}
