/** Authority-approved cross-owner fill permissions: list, grant, revoke. */
import { chinaToday } from "@cylinder/db";
import { fillPermission } from "@cylinder/db/schema";
import { and, asc, eq, type SQL } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import {
  activeCondition,
  fillPermissionScope,
  grantFillPermission,
  revokeFillPermission,
} from "./fill-permission.service";
import { FillPermission, FillPermissionFilter, FillPermissionInput, toFillPermission } from "./fill-permission.type";

@Resolver(() => FillPermission)
export class FillPermissionResolver {
  @Query(() => [FillPermission], {
    description: "同意充装许可 (fill permissions): 充装单位见与本单位有关的，州市见本州市的，省局见全部",
  })
  async fillPermissions(
    @Ctx() ctx: RegistryContext,
    @Arg("filter", () => FillPermissionFilter, { nullable: true }) filter?: FillPermissionFilter,
  ): Promise<FillPermission[]> {
    const conditions: (SQL | undefined)[] = [fillPermissionScope(ctx.scope)];
    if (filter?.fillingUnitId !== undefined) conditions.push(eq(fillPermission.fillingUnitId, filter.fillingUnitId));
    if (filter?.ownerUnitId !== undefined) conditions.push(eq(fillPermission.ownerUnitId, filter.ownerUnitId));
    if (filter?.active !== undefined && filter.active !== null)
      conditions.push(activeCondition(filter.active, chinaToday(ctx.deps.clock)));
    const rows = await ctx.deps.db
      .select()
      .from(fillPermission)
      .where(and(...conditions))
      .orderBy(asc(fillPermission.id))
      .limit(5000);
    return rows.map((r) => toFillPermission(r, chinaToday(ctx.deps.clock)));
  }

  @Mutation(() => FillPermission, {
    description: "批准同意充装 (grant)：产权单位或气瓶所在州市的监管部门，或省局",
  })
  async grantFillPermission(
    @Arg("input", () => FillPermissionInput) input: FillPermissionInput,
    @Ctx() ctx: RegistryContext,
  ): Promise<FillPermission> {
    return toFillPermission(await grantFillPermission(ctx, input), chinaToday(ctx.deps.clock));
  }

  @Mutation(() => FillPermission, { description: "撤销同意充装 (revoke)：批准范围内的监管部门" })
  async revokeFillPermission(@Arg("id", () => Int) id: number, @Ctx() ctx: RegistryContext): Promise<FillPermission> {
    return toFillPermission(await revokeFillPermission(ctx, id), chinaToday(ctx.deps.clock));
  }
}
