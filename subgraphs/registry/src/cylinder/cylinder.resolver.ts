/** Cylinder queries: by barcode, by many barcodes, and filtered cursor-paginated lists. */
import { chinaToday, PlatformError } from "@cylinder/db";
import { cylinder } from "@cylinder/db/schema";
import { CalendarDate, Connection, decodeCursor, pageSize, toPage } from "@cylinder/subgraph-kit";
import { and, asc, eq, gt, gte, lte, type SQL } from "drizzle-orm";
import { Arg, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { RegistryContext } from "../context";
import { toUnit, Unit } from "../unit/unit.type";
import { canReadCylinder, cylinderListScope } from "./cylinder.scope";
import { Cylinder, CylinderKind, toCylinder } from "./cylinder.type";

@ObjectType("CylinderConnection", { description: "气瓶分页列表 (a page of cylinders)" })
export class CylinderConnection extends Connection(Cylinder) {}

@InputType("CylinderFilter", { description: "气瓶筛选条件 (cylinder filter)" })
export class CylinderFilter {
  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;

  @Field(() => Int, { nullable: true, description: "产权单位 (owner unit id)" })
  ownerUnitId?: number;

  @Field(() => String, { nullable: true, description: "充装介质 (medium)" })
  medium?: string;

  @Field(() => Int, { nullable: true, description: "气瓶状态 (State)" })
  state?: number;

  @Field(() => CylinderKind, { nullable: true, description: "气瓶类别 (kind)" })
  kind?: CylinderKind;

  @Field(() => CalendarDate, { nullable: true, description: "下检日期不早于 (next inspection on or after)" })
  nextDateFrom?: string;

  @Field(() => CalendarDate, { nullable: true, description: "下检日期不晚于 (next inspection on or before)" })
  nextDateTo?: string;
}

export const MAX_BARCODES = 500;

@Resolver(() => Cylinder)
export class CylinderResolver {
  @Query(() => Cylinder, { nullable: true, description: "按气瓶编号查询 (a cylinder by its barcode)" })
  async cylinder(@Arg("barcode", () => String) barcode: string, @Ctx() ctx: RegistryContext): Promise<Cylinder | null> {
    const row = await ctx.loaders.cylinderByBarcode.load(barcode.trim());
    if (!row) return null;
    if (!(await canReadCylinder(ctx, row))) {
      throw ctx.scope.kind === "unit"
        ? new PlatformError("NOT_OWN_CYLINDER", { barcode: row.barcode })
        : new PlatformError("FORBIDDEN", { reason: `无权查看气瓶 ${row.barcode}` });
    }
    return toCylinder(row, ctx.scope, ctx.deps.config.dataKey);
  }

  @Query(() => [Cylinder], {
    nullable: "items",
    description: "按多个气瓶编号查询，无权或不存在的为 null (many cylinders; null where unknown or not visible)",
  })
  async cylinders(
    @Arg("barcodes", () => [String]) barcodes: string[],
    @Ctx() ctx: RegistryContext,
  ): Promise<(Cylinder | null)[]> {
    if (barcodes.length > MAX_BARCODES) throw new PlatformError("BATCH_TOO_LARGE", { limit: MAX_BARCODES });
    const rows = await ctx.loaders.cylinderByBarcode.loadMany(barcodes.map((b) => b.trim()));
    return Promise.all(
      rows.map(async (row) => {
        if (!row || row instanceof Error || !(await canReadCylinder(ctx, row))) return null;
        return toCylinder(row, ctx.scope, ctx.deps.config.dataKey);
      }),
    );
  }

  @Query(() => CylinderConnection, { description: "气瓶列表 (cylinders, filtered and paginated)" })
  async cylinderList(
    @Ctx() ctx: RegistryContext,
    @Arg("filter", () => CylinderFilter, { nullable: true }) filter?: CylinderFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<CylinderConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const conditions: (SQL | undefined)[] = [cylinderListScope(ctx.scope, chinaToday(ctx.deps.clock))];
    if (filter?.prefectureCode) conditions.push(eq(cylinder.prefectureCode, filter.prefectureCode));
    if (filter?.ownerUnitId !== undefined) conditions.push(eq(cylinder.ownerUnitId, filter.ownerUnitId));
    if (filter?.medium) conditions.push(eq(cylinder.medium, filter.medium));
    if (filter?.state !== undefined) conditions.push(eq(cylinder.state, filter.state));
    if (filter?.kind) conditions.push(eq(cylinder.kind, filter.kind));
    if (filter?.nextDateFrom) conditions.push(gte(cylinder.nextDate, filter.nextDateFrom));
    if (filter?.nextDateTo) conditions.push(lte(cylinder.nextDate, filter.nextDateTo));
    if (cursor) conditions.push(gt(cylinder.id, Number(cursor[0])));
    const rows = await ctx.deps.db
      .select()
      .from(cylinder)
      .where(and(...conditions))
      .orderBy(asc(cylinder.id))
      .limit(size + 1);
    return toPage(
      rows,
      size,
      (r) => toCylinder(r, ctx.scope, ctx.deps.config.dataKey),
      (r) => [r.id],
    );
  }

  @FieldResolver(() => Unit, { nullable: true, description: "产权单位 (owner unit)" })
  async owner(@Root() c: Cylinder, @Ctx() ctx: RegistryContext): Promise<Unit | null> {
    if (c.ownerUnitId === null) return null;
    const row = await ctx.loaders.unitById.load(c.ownerUnitId);
    return row ? toUnit(row, ctx.scope, ctx.deps.config.dataKey) : null;
  }
}

/** Loads a Cylinder entity for the gateway (null when unknown or not visible to the caller). */
export async function resolveCylinderReference(
  ref: { barcode: string },
  ctx: RegistryContext,
): Promise<Cylinder | null> {
  const row = await ctx.loaders.cylinderByBarcode.load(ref.barcode);
  if (!row || !(await canReadCylinder(ctx, row))) return null;
  return toCylinder(row, ctx.scope, ctx.deps.config.dataKey);
}
