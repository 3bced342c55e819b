/**
 * 近期到期的定期检验 (issue 14's chart "inspections due in the next 30 days"): cylinders in use
 * whose next inspection date falls in [today, today + days − 1] (China calendar), per day and
 * prefecture, scoped like the cylinder list (a prefecture regulator its prefecture, a filling
 * unit the cylinders it may fill). One GROUP BY on the next_date index.
 */
import { addDays, chinaToday, PlatformError } from "@cylinder/db";
import { cylinder } from "@cylinder/db/schema";
import { CalendarDate } from "@cylinder/subgraph-kit";
import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import { cylinderListScope } from "../cylinder/cylinder.scope";

@ObjectType("DueCount", { description: "某日到期检验的气瓶数 (cylinders due for inspection on a day, per prefecture)" })
export class DueCount {
  @Field(() => CalendarDate, { description: "下检日期 (next inspection date)" })
  day!: string;

  @Field(() => String, { description: "州市代码 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => Int, { description: "气瓶数 (cylinders)" })
  count!: number;
}

/** States in use (normal, locked, suspended): a scrapped cylinder is never due. */
const IN_USE_STATES = [1, 2, 3];

@Resolver()
export class InspectionsDueResolver {
  @Query(() => [DueCount], {
    description:
      "今后 days 天内（含今天）到期检验的在用气瓶，按日期与州市 (cylinders in use due for inspection in the next days, per day and prefecture)",
  })
  async inspectionsDue(
    @Ctx() ctx: RegistryContext,
    @Arg("days", () => Int, { defaultValue: 30, description: "天数 1–366 (days)" }) days: number,
    @Arg("prefectureCode", () => String, { nullable: true, description: "州市代码 (prefecture code)" })
    prefectureCode?: string,
  ): Promise<DueCount[]> {
    if (!Number.isInteger(days) || days < 1 || days > 366) {
      throw new PlatformError("INVALID_FIELD", { field: "days", reason: "须为 1 到 366 的整数" });
    }
    const today = chinaToday(ctx.deps.clock);
    const rows = await ctx.deps.db
      .select({
        day: sql<string>`${cylinder.nextDate}::text`,
        prefectureCode: cylinder.prefectureCode,
        count: sql<number>`count(*)::int`,
      })
      .from(cylinder)
      .where(
        and(
          cylinderListScope(ctx.scope, today),
          prefectureCode ? eq(cylinder.prefectureCode, prefectureCode) : undefined,
          gte(cylinder.nextDate, today),
          lte(cylinder.nextDate, addDays(today, days - 1)),
          inArray(cylinder.state, IN_USE_STATES),
        ),
      )
      .groupBy(cylinder.nextDate, cylinder.prefectureCode)
      .orderBy(cylinder.nextDate, cylinder.prefectureCode);
    return rows.map((r) => ({ day: r.day, prefectureCode: r.prefectureCode, count: r.count }));
  }
}
