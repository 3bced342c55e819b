/** Unit queries: the platform's directory of units. */
import { unit } from "@cylinder/db/schema";
import { Connection, decodeCursor, pageSize, toPage } from "@cylinder/subgraph-kit";
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import { createUnit } from "./unit.service";
import { toUnit, Unit, UnitInput, UnitKind } from "./unit.type";

@ObjectType("UnitConnection", { description: "单位分页列表 (a page of units)" })
export class UnitConnection extends Connection(Unit) {}

@InputType("UnitFilter", { description: "单位筛选条件 (unit filter)" })
export class UnitFilter {
  @Field(() => UnitKind, { nullable: true })
  kind?: UnitKind;

  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;
}

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => Unit, { nullable: true, description: "按 ID 查询单位 (a unit by id)" })
  async unit(@Arg("id", () => Int) id: number, @Ctx() ctx: RegistryContext): Promise<Unit | null> {
    const row = await ctx.loaders.unitById.load(id);
    return row ? toUnit(row, ctx.scope, ctx.deps.config.dataKey) : null;
  }

  @Mutation(() => Unit, {
    description: "新建单位 (create a unit): 平台运维，或管辖该州市的监管部门（登记机关仅平台运维）",
  })
  async createUnit(@Arg("input", () => UnitInput) input: UnitInput, @Ctx() ctx: RegistryContext): Promise<Unit> {
    return toUnit(await createUnit(ctx, input), ctx.scope, ctx.deps.config.dataKey);
  }

  @Query(() => UnitConnection, { description: "单位列表 (units, filtered and paginated)" })
  async units(
    @Ctx() ctx: RegistryContext,
    @Arg("filter", () => UnitFilter, { nullable: true }) filter?: UnitFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<UnitConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const conditions: (SQL | undefined)[] = [];
    if (filter?.kind) conditions.push(eq(unit.kind, filter.kind));
    if (filter?.prefectureCode) conditions.push(eq(unit.prefectureCode, filter.prefectureCode));
    if (cursor) conditions.push(gt(unit.id, Number(cursor[0])));
    const rows = await ctx.deps.db
      .select()
      .from(unit)
      .where(and(...conditions))
      .orderBy(asc(unit.id))
      .limit(size + 1);
    return toPage(
      rows,
      size,
      (r) => toUnit(r, ctx.scope, ctx.deps.config.dataKey),
      (r) => [r.id],
    );
  }
}

export async function resolveUnitReference(ref: { id: number }, ctx: RegistryContext): Promise<Unit | null> {
  const row = await ctx.loaders.unitById.load(Number(ref.id));
  return row ? toUnit(row, ctx.scope, ctx.deps.config.dataKey) : null;
}
