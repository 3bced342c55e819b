/**
 * Citizens' reports: anyone may send one from the scan page (the gateway forwards their
 * address, which the limits count by); regulators read those of their prefecture, the
 * province all of them, with the call-back phone in clear.
 */
import { openPersonal, PlatformError } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { listPage } from "../shared/list";
import { reportDraft } from "./citizen-report.rules";
import { storeCitizenReport } from "./citizen-report.store";
import {
  CITIZEN_REPORT_COLUMNS,
  CitizenReportConnection,
  CitizenReportFilter,
  CitizenReportInput,
  CitizenReportReceipt,
  type CitizenReportRow,
  toCitizenReport,
} from "./citizen-report.type";

@Resolver()
export class CitizenReportResolver {
  @Mutation(() => CitizenReportReceipt, {
    description:
      "群众反映气瓶问题（扫码页，任何人可提交；按来源地址与气瓶限频，超限为 RATE_LIMITED）：存档并向气瓶所在州市监管部门报警 (a citizen's report: stored, alarmed to the cylinder's prefecture regulator; rate-limited per address and per cylinder)",
  })
  async reportCylinderProblem(
    @Arg("input", () => CitizenReportInput) input: CitizenReportInput,
    @Ctx() ctx: TraceContext,
  ): Promise<CitizenReportReceipt> {
    const barcode = input.barcode.trim();
    if (barcode === "") throw new PlatformError("MISSING_FIELD", { field: "barcode" });
    const draft = reportDraft(input);
    const stored = await storeCitizenReport(ctx.deps, barcode, draft, ctx.clientAddress);
    return {
      reportId: stored.id,
      receivedAt: stored.receivedAt,
      message: `已收到您的反映（编号 ${stored.id}），已转交气瓶所在地的市场监管部门。`,
    };
  }

  @Query(() => CitizenReportConnection, {
    description:
      "群众反映列表，最新在前：州市监管部门见本州市，省局见全部 (citizen reports, newest first; regulators only)",
  })
  async citizenReports(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => CitizenReportFilter, { nullable: true }) filter?: CitizenReportFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CitizenReportConnection> {
    const scope = ctx.scope;
    if (scope.kind !== "all" && scope.kind !== "prefecture") {
      throw new PlatformError("FORBIDDEN", { reason: "群众反映仅监管部门可查看" });
    }
    const f = filter ?? {};
    const page = await listPage<CitizenReportRow & { sort_key: string }>(ctx.deps.db, {
      from: sql`trace.citizen_report x`,
      columns: CITIZEN_REPORT_COLUMNS,
      where: [
        scope.kind === "prefecture" ? sql`x.prefecture_code = ${scope.prefectureCode}` : undefined,
        f.prefectureCode ? sql`x.prefecture_code = ${f.prefectureCode}` : undefined,
        f.barcode ? sql`x.barcode = ${f.barcode.trim()}` : undefined,
        f.from ? sql`x.received_at >= ${f.from.toISOString()}::timestamptz` : undefined,
        f.to ? sql`x.received_at < ${f.to.toISOString()}::timestamptz` : undefined,
      ],
      sort: "x.received_at",
      sortType: "timestamptz",
      direction: "desc",
      first,
      after,
    });
    const key = ctx.deps.config.dataKey;
    return {
      nodes: page.rows.map((r) =>
        toCitizenReport(r, r.contact_phone_enc ? openPersonal(r.contact_phone_enc, key) : null),
      ),
      pageInfo: page.pageInfo,
    };
  }
}
