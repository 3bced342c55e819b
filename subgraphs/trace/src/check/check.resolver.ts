/** Before/after-fill checks: uploads (filling units), lists and changes (scoped). */
import { DateTime } from "@cylinder/subgraph-kit";
import { sql } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { changesPage, listPage } from "../shared/list";
import { requireSignedIn } from "../shared/read-guard";
import { unitRecordScope } from "../shared/scope-sql";
import { traceFilterSql } from "../shared/trace-filter";
import { UploadResult } from "../upload/upload.type";
import { CheckBatchInput } from "./check.input";
import {
  CHECK_COLUMNS,
  CheckChangeConnection,
  CheckConnection,
  CheckKind,
  CheckRecord,
  type CheckRow,
  TraceFilter,
  toCheckRecord,
} from "./check.type";
import { uploadChecks } from "./check.upload";

type Row = CheckRow & { sort_key: string };

async function listChecks(
  ctx: TraceContext,
  kind: CheckKind,
  filter: TraceFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<CheckConnection> {
  requireSignedIn(ctx);
  const page = await listPage<Row>(ctx.deps.db, {
    from: sql`${sql.raw(`trace.${kind}`)} x`,
    columns: CHECK_COLUMNS,
    where: [unitRecordScope(ctx.scope, "x"), ...traceFilterSql(filter, "checked_at")],
    sort: "x.checked_at",
    sortType: "timestamptz",
    direction: "desc",
    first,
    after,
  });
  return { nodes: page.rows.map((r) => toCheckRecord(kind, r)), pageInfo: page.pageInfo };
}

async function checkChanges(
  ctx: TraceContext,
  kind: CheckKind,
  since: Date,
  first: number | undefined,
  after: string | undefined,
): Promise<CheckChangeConnection> {
  requireSignedIn(ctx);
  const page = await changesPage<Row>(ctx.deps.db, {
    from: sql`${sql.raw(`trace.${kind}`)} x`,
    columns: CHECK_COLUMNS,
    where: [unitRecordScope(ctx.scope, "x")],
    since,
    first,
    after,
  });
  return { nodes: page.rows.map((r) => toCheckRecord(kind, r)), pageInfo: page.pageInfo, horizon: page.horizon };
}

@Resolver(() => CheckRecord)
export class CheckResolver {
  @Mutation(() => UploadResult, {
    description:
      "上传充装前检查 (annex 1 §4 BeforeFill): 仅充装单位、为本单位；整批一个事务，按 ThridId 幂等 (filling units, own unit; one transaction; idempotent on ThridId)",
  })
  recordBeforeFillChecks(
    @Arg("input", () => CheckBatchInput) input: CheckBatchInput,
    @Ctx() ctx: TraceContext,
  ): Promise<UploadResult> {
    return uploadChecks(ctx, CheckKind.BEFORE_FILL, input);
  }

  @Mutation(() => UploadResult, {
    description:
      "上传充装后检查 (annex 1 §6 AfterFill): 仅充装单位、为本单位；整批一个事务，按 ThridId 幂等 (filling units, own unit; one transaction; idempotent on ThridId)",
  })
  recordAfterFillChecks(
    @Arg("input", () => CheckBatchInput) input: CheckBatchInput,
    @Ctx() ctx: TraceContext,
  ): Promise<UploadResult> {
    return uploadChecks(ctx, CheckKind.AFTER_FILL, input);
  }

  @Query(() => CheckConnection, { description: "充装前检查列表，最新在前 (before-fill checks, newest first, scoped)" })
  beforeFillChecks(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => TraceFilter, { nullable: true }) filter?: TraceFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CheckConnection> {
    return listChecks(ctx, CheckKind.BEFORE_FILL, filter, first, after);
  }

  @Query(() => CheckConnection, { description: "充装后检查列表，最新在前 (after-fill checks, newest first, scoped)" })
  afterFillChecks(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => TraceFilter, { nullable: true }) filter?: TraceFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CheckConnection> {
    return listChecks(ctx, CheckKind.AFTER_FILL, filter, first, after);
  }

  @Query(() => CheckChangeConnection, {
    description:
      "自某时起变更的充装前检查 (before-fill checks changed since a time: REST lasttime lists, prefecture sync)",
  })
  beforeFillCheckChanges(
    @Arg("since", () => DateTime) since: Date,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CheckChangeConnection> {
    return checkChanges(ctx, CheckKind.BEFORE_FILL, since, first, after);
  }

  @Query(() => CheckChangeConnection, {
    description:
      "自某时起变更的充装后检查 (after-fill checks changed since a time: REST lasttime lists, prefecture sync)",
  })
  afterFillCheckChanges(
    @Arg("since", () => DateTime) since: Date,
    @Ctx() ctx: TraceContext,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CheckChangeConnection> {
    return checkChanges(ctx, CheckKind.AFTER_FILL, since, first, after);
  }
}
