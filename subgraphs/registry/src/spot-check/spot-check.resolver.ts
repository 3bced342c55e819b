/** Spot checks (§7.3): list (UnresponseList = OPEN), detail (GetDetail), issue, respond, close. */
import { spotCheck } from "@cylinder/db/schema";
import { decodeCursor, pageSize, toPage } from "@cylinder/subgraph-kit";
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RegistryContext } from "../context";
import { toUnit, Unit } from "../unit/unit.type";
import {
  closeSpotCheck,
  issueSpotCheck,
  readableSpotCheck,
  respondSpotCheck,
  spotCheckScope,
} from "./spot-check.service";
import {
  SpotCheck,
  SpotCheckConnection,
  SpotCheckFilter,
  SpotCheckItem,
  SpotCheckResponseItemInput,
  toSpotCheck,
  toSpotCheckItem,
} from "./spot-check.type";

@Resolver(() => SpotCheck)
export class SpotCheckResolver {
  @Query(() => SpotCheckConnection, {
    description: "抽查列表，按 ID 升序；充装单位只见发给本单位的 (spot checks; status OPEN = UnresponseList)",
  })
  async spotChecks(
    @Ctx() ctx: RegistryContext,
    @Arg("filter", () => SpotCheckFilter, { nullable: true }) filter?: SpotCheckFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<SpotCheckConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const conditions: (SQL | undefined)[] = [spotCheckScope(ctx.scope)];
    if (filter?.status) conditions.push(eq(spotCheck.status, filter.status));
    if (filter?.unitId !== undefined) conditions.push(eq(spotCheck.unitId, filter.unitId));
    if (cursor) conditions.push(gt(spotCheck.id, Number(cursor[0])));
    const rows = await ctx.deps.db
      .select()
      .from(spotCheck)
      .where(and(...conditions))
      .orderBy(asc(spotCheck.id))
      .limit(size + 1);
    return toPage(rows, size, toSpotCheck, (r) => [r.id]);
  }

  @Query(() => SpotCheck, { nullable: true, description: "抽查详情 (GetDetail): 含抽查的气瓶" })
  async spotCheck(@Arg("id", () => Int) id: number, @Ctx() ctx: RegistryContext): Promise<SpotCheck | null> {
    const row = await readableSpotCheck(ctx, id);
    return row ? toSpotCheck(row) : null;
  }

  @Mutation(() => SpotCheck, {
    description:
      "发起抽查 (issue a spot check)：监管部门；未指定气瓶时从该单位在用气瓶（可限定型号）中随机抽取 checkCount 只",
  })
  async issueSpotCheck(
    @Arg("unitId", () => Int) unitId: number,
    @Arg("checkCount", () => Int) checkCount: number,
    @Ctx() ctx: RegistryContext,
    @Arg("style", () => String, { nullable: true }) style?: string,
    @Arg("checkComment", () => String, { nullable: true }) checkComment?: string,
    @Arg("barcodes", () => [String], { nullable: true }) barcodes?: string[],
  ): Promise<SpotCheck> {
    return toSpotCheck(await issueSpotCheck(ctx, { unitId, checkCount, style, checkComment, barcodes }));
  }

  @Mutation(() => SpotCheck, {
    description: "回复抽查 (Response)：被抽查的充装单位，每只气瓶一张本单位上传的照片；可分次回复",
  })
  async respondSpotCheck(
    @Arg("id", () => Int) id: number,
    @Arg("items", () => [SpotCheckResponseItemInput]) items: SpotCheckResponseItemInput[],
    @Ctx() ctx: RegistryContext,
  ): Promise<SpotCheck> {
    return toSpotCheck(await respondSpotCheck(ctx, id, items));
  }

  @Mutation(() => SpotCheck, { description: "结束抽查 (close a spot check)：管辖该单位的监管部门" })
  async closeSpotCheck(@Arg("id", () => Int) id: number, @Ctx() ctx: RegistryContext): Promise<SpotCheck> {
    return toSpotCheck(await closeSpotCheck(ctx, id));
  }

  @FieldResolver(() => [SpotCheckItem], { description: "抽查的气瓶 (Items)" })
  async items(@Root() s: SpotCheck, @Ctx() ctx: RegistryContext): Promise<SpotCheckItem[]> {
    return (await ctx.loaders.spotCheckItems.load(s.id)).map(toSpotCheckItem);
  }

  @FieldResolver(() => Unit, { nullable: true, description: "被抽查单位 (checked unit)" })
  async unit(@Root() s: SpotCheck, @Ctx() ctx: RegistryContext): Promise<Unit | null> {
    const row = await ctx.loaders.unitById.load(s.unitId);
    return row ? toUnit(row, ctx.scope, ctx.deps.config.dataKey) : null;
  }
}
