/**
 * The prefecture sync through GraphQL: each self-built prefecture's source and per-list state
 * on `Prefecture`, quarantined rows, and the province's operator actions (save a source, pull
 * now, pause, resume, re-pull from a time, settle a quarantined row).
 *
 * Reading: province roles everywhere, a prefecture regulator its own prefecture. Acting: the
 * province regulator and the platform operator.
 */
import { canRegulate, type Identity, PlatformError } from "@cylinder/db";
import { DateTime } from "@cylinder/subgraph-kit";
import {
  listSources,
  quarantinedRows,
  repullFrom,
  resolveQuarantined,
  saveSource,
  setPaused,
  sourceByPrefecture,
} from "@cylinder/sync/control";
import type { Sql } from "postgres";
import { Arg, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { PrefectureContext } from "../context";
import { Prefecture } from "../prefecture/prefecture.type";
import { SyncList, SyncQuarantinedRow, SyncSourceInfo, SyncSourceInput, SyncStateInfo } from "./sync.type";

function sqlOf(ctx: PrefectureContext): Sql {
  const client = (ctx.deps.db as unknown as { $client?: Sql }).$client;
  if (!client) throw new Error("drizzle instance without its postgres.js client");
  return client;
}

function requireReader(ctx: PrefectureContext, prefectureCode: string | null): Identity {
  const id = ctx.identity;
  if (id.role === "public" || id.accountId === null) {
    if (!(id.role === "operator" && id.username === "system")) throw new PlatformError("UNAUTHENTICATED");
  }
  const province = id.role === "province_regulator" || id.role === "operator" || id.role === "platform";
  if (province) return id;
  if (id.role === "prefecture_regulator" && prefectureCode !== null && canRegulate(id, prefectureCode)) return id;
  throw new PlatformError("FORBIDDEN", { reason: "同步状态仅限省级监管、平台运维和本州市监管部门查看" });
}

function requireProvinceActor(ctx: PrefectureContext): Identity {
  const id = ctx.identity;
  if (id.role === "operator" || id.role === "province_regulator") {
    if (id.accountId !== null || id.username === "system") return id;
  }
  if (id.role === "public") throw new PlatformError("UNAUTHENTICATED");
  throw new PlatformError("FORBIDDEN", { reason: "同步操作仅限省级监管部门和平台运维" });
}

@Resolver(() => Prefecture)
export class PrefectureSyncResolver {
  @FieldResolver(() => SyncSourceInfo, {
    nullable: true,
    description: "同步来源（仅自建平台州市）(the self-built platform the province pulls, if any)",
  })
  async syncSource(@Root() p: Prefecture, @Ctx() ctx: PrefectureContext): Promise<SyncSourceInfo | null> {
    requireReader(ctx, p.code);
    const sources = await listSources(sqlOf(ctx));
    return sources.find((s) => s.prefectureCode === p.code) ?? null;
  }

  @FieldResolver(() => [SyncStateInfo], {
    description: "各列表的同步状态：水位、最近成功、滞后、行数、错误、隔离数 (sync state per list)",
  })
  async syncStates(@Root() p: Prefecture, @Ctx() ctx: PrefectureContext): Promise<SyncStateInfo[]> {
    requireReader(ctx, p.code);
    const rows = await ctx.loaders.syncStatesByPrefecture.load(p.code);
    return rows.map((r) => ({ ...r, list: r.list as SyncList }));
  }

  @Query(() => [SyncQuarantinedRow], {
    description: "被隔离的同步记录，新的在前 (quarantined source rows, newest first)",
  })
  async syncQuarantine(
    @Ctx() ctx: PrefectureContext,
    @Arg("prefectureCode", () => String, { nullable: true }) prefectureCode?: string,
    @Arg("open", () => Boolean, { nullable: true, description: "仅未处理的 (only unsettled), 默认 true" })
    open?: boolean,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("beforeId", () => Float, { nullable: true }) beforeId?: number,
  ): Promise<SyncQuarantinedRow[]> {
    const id = requireReader(ctx, prefectureCode ?? null);
    const scoped = id.role === "prefecture_regulator" ? id.prefectureCode! : prefectureCode;
    const rows = await quarantinedRows(sqlOf(ctx), {
      prefectureCode: scoped ?? undefined,
      open: open ?? true,
      limit: first ?? 50,
      beforeId,
    });
    return rows.map((r) => ({ ...r, list: r.list as SyncList, payload: JSON.stringify(r.payload) }));
  }

  @Mutation(() => SyncSourceInfo, { description: "新增或修改同步来源 (add or change a self-built platform to pull)" })
  async saveSyncSource(
    @Arg("input", () => SyncSourceInput) input: SyncSourceInput,
    @Ctx() ctx: PrefectureContext,
  ): Promise<SyncSourceInfo> {
    requireProvinceActor(ctx);
    const source = await saveSource(
      sqlOf(ctx),
      {
        prefectureCode: input.prefectureCode,
        baseUrl: input.baseUrl,
        username: input.username,
        password: input.password,
        sm4Key: input.sm4Key ?? null,
        intervalSeconds: input.intervalSeconds ?? 60,
      },
      ctx.deps.config.dataKey,
    );
    await ctx.deps.sync?.sourcesChanged();
    return source;
  }

  @Mutation(() => Boolean, { description: "立即拉取 (pull now: every list, or one)" })
  async pullSyncNow(
    @Arg("prefectureCode", () => String) prefectureCode: string,
    @Ctx() ctx: PrefectureContext,
    @Arg("list", () => SyncList, { nullable: true }) list?: SyncList,
  ): Promise<boolean> {
    requireProvinceActor(ctx);
    const source = await sourceByPrefecture(sqlOf(ctx), prefectureCode);
    if (!ctx.deps.sync) throw new PlatformError("DEPENDENCY_UNAVAILABLE", { what: "同步队列（未配置 REDIS_URL）" });
    await ctx.deps.sync.pullNow(source.id, list ? [list] : undefined);
    return true;
  }

  @Mutation(() => SyncSourceInfo, { description: "暂停同步 (pause a source; a running pull stops after its page)" })
  async pauseSync(
    @Arg("prefectureCode", () => String) prefectureCode: string,
    @Ctx() ctx: PrefectureContext,
  ): Promise<SyncSourceInfo> {
    requireProvinceActor(ctx);
    await setPaused(sqlOf(ctx), prefectureCode, true);
    return sourceByPrefecture(sqlOf(ctx), prefectureCode);
  }

  @Mutation(() => SyncSourceInfo, { description: "恢复同步并立即拉取 (resume a source, and pull now)" })
  async resumeSync(
    @Arg("prefectureCode", () => String) prefectureCode: string,
    @Ctx() ctx: PrefectureContext,
  ): Promise<SyncSourceInfo> {
    requireProvinceActor(ctx);
    await setPaused(sqlOf(ctx), prefectureCode, false);
    const source = await sourceByPrefecture(sqlOf(ctx), prefectureCode);
    await ctx.deps.sync?.pullNow(source.id);
    return source;
  }

  @Mutation(() => Int, {
    description:
      "从指定时间（来源平台时间）起重新拉取，已有记录按来源 Id 覆盖不重复 (re-pull from a time; returns the lists reset)",
  })
  async repullSync(
    @Arg("prefectureCode", () => String) prefectureCode: string,
    @Arg("since", () => DateTime) since: Date,
    @Ctx() ctx: PrefectureContext,
    @Arg("list", () => SyncList, { nullable: true }) list?: SyncList,
  ): Promise<number> {
    requireProvinceActor(ctx);
    const reset = await repullFrom(sqlOf(ctx), prefectureCode, since, list);
    const source = await sourceByPrefecture(sqlOf(ctx), prefectureCode);
    await ctx.deps.sync?.pullNow(source.id, list ? [list] : undefined);
    return reset;
  }

  @Mutation(() => Boolean, { description: "标记隔离记录已处理 (settle a quarantined row)" })
  async resolveSyncQuarantine(@Arg("id", () => Float) id: number, @Ctx() ctx: PrefectureContext): Promise<boolean> {
    requireProvinceActor(ctx);
    await resolveQuarantined(sqlOf(ctx), id);
    return true;
  }
}
