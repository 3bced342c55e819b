/**
 * Per-prefecture figures owned by the registry, on the Prefecture entity (@key code, owned by
 * the prefecture subgraph): how many cylinders the archive holds there, and how many in use
 * are overdue for inspection.
 *
 * Visibility (decided here; the brief left it open): the figures are shown to regulators of
 * that prefecture and to province-wide roles (province regulator, operator, peer platform).
 * Anyone else gets null, without an error, so a list of all 16 prefectures still answers a
 * prefecture regulator with its own figures and the others' names — which is why the fields
 * are nullable `Int` rather than `Int!`.
 *
 * Batched: every prefecture asked for in one request is counted by one GROUP BY query.
 */

import { type Clock, chinaToday, type Drizzle, type Scope } from "@cylinder/db";
import { cylinder } from "@cylinder/db/schema";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { inArray, sql } from "drizzle-orm";
import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { RegistryContext } from "../context";

export interface PrefectureFigures {
  cylinderCount: number;
  overdueCylinderCount: number;
}

/** States in use (normal, locked, suspended): a scrapped cylinder is not overdue. */
const IN_USE_STATES = [1, 2, 3];

export function createPrefectureFiguresLoader(db: Drizzle, clock: Clock) {
  return batchLoader<string, PrefectureFigures>(async (codes) => {
    const today = chinaToday(clock);
    const rows = await db
      .select({
        code: cylinder.prefectureCode,
        total: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) filter (where ${cylinder.nextDate} < ${today} and ${cylinder.state} in (${sql.join(
          IN_USE_STATES.map((s) => sql`${s}`),
          sql`, `,
        )})))::int`,
      })
      .from(cylinder)
      .where(inArray(cylinder.prefectureCode, codes as string[]))
      .groupBy(cylinder.prefectureCode);
    const map = new Map(rows.map((r) => [r.code, { cylinderCount: r.total, overdueCylinderCount: r.overdue }]));
    return codes.map((c) => map.get(c) ?? { cylinderCount: 0, overdueCylinderCount: 0 });
  });
}

export function seesPrefectureFigures(scope: Scope, code: string): boolean {
  return scope.kind === "all" || (scope.kind === "prefecture" && scope.prefectureCode === code);
}

/** The Prefecture entity as the registry extends it. */
@ObjectType("Prefecture")
@Directive(`@key(fields: "code")`)
export class RegistryPrefecture {
  @Field(() => String)
  code!: string;
}

@Resolver(() => RegistryPrefecture)
export class PrefectureFiguresResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "在册气瓶数，含各状态 (cylinders in the archive, any state); 仅该州市与省级可见，其他人为 null (null when not visible)",
  })
  async cylinderCount(@Root() p: RegistryPrefecture, @Ctx() ctx: RegistryContext): Promise<number | null> {
    if (!seesPrefectureFigures(ctx.scope, p.code)) return null;
    return (await ctx.loaders.prefectureFigures.load(p.code)).cylinderCount;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "超期未检气瓶数：下检日期早于今天（中国时间）且状态为正常/锁定/停用 (overdue cylinders in use); 可见性同上",
  })
  async overdueCylinderCount(@Root() p: RegistryPrefecture, @Ctx() ctx: RegistryContext): Promise<number | null> {
    if (!seesPrefectureFigures(ctx.scope, p.code)) return null;
    return (await ctx.loaders.prefectureFigures.load(p.code)).overdueCylinderCount;
  }
}
