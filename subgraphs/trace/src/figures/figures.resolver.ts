/**
 * Figures a regulator looks at rather than reads (issue 14's charts), from the trace tables:
 * fills per China calendar day and prefecture, and refused fill permits by reason. Each is one
 * GROUP BY over a bounded time range on the (prefecture_code, time) indexes, scoped like the
 * records it counts (a prefecture regulator its prefecture, a filling unit its own).
 */
import { addDays, chinaMidnight, chinaToday, PlatformError, PREFECTURE_CODES } from "@cylinder/db";
import { CalendarDate } from "@cylinder/subgraph-kit";
import { and, sql } from "drizzle-orm";
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { PERMIT_REASON_CODES, type PermitReasonCode } from "../permit/types";
import { requireSignedIn } from "../shared/read-guard";
import { unitRecordScope } from "../shared/scope-sql";
import { rows, textArray } from "../shared/sql";

@ObjectType("DailyCount", { description: "某州市某日的数量 (a count per China calendar day and prefecture)" })
export class DailyCount {
  @Field(() => CalendarDate, { description: "日期，中国时间 (China calendar day)" })
  day!: string;

  @Field(() => String, { description: "州市代码 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => Int, { description: "数量 (count)" })
  count!: number;
}

@ObjectType("RefusalReasonCount", { description: "按原因的不允许充装次数 (refused permits per reason)" })
export class RefusalReasonCount {
  @Field(() => String, { description: "原因代码 (reason code, e.g. INSPECTION_OVERDUE)" })
  code!: string;

  @Field(() => String, { description: "原因名称 (short Chinese label)" })
  label!: string;

  @Field(() => Int, { description: "次数：一次判定可有多个原因，各计一次 (decisions naming this reason)" })
  count!: number;
}

/** Short labels of the refusal reasons, for chart axes. */
export const REASON_LABELS: Record<PermitReasonCode, string> = {
  NOT_REGISTERED: "未登记",
  NOT_OWN_PROPERTY: "非自有产权",
  SCRAPPED: "已报废",
  LOCKED: "已锁定",
  SUSPENDED: "已停用",
  STATE_UNKNOWN: "状态异常",
  INSPECTION_OVERDUE: "超期未检",
  INSPECTION_DATE_MISSING: "无下检日期",
  PAST_DISCARD_DATE: "超过报废日期",
  PAST_DESIGN_LIFE: "超过设计年限",
  MEDIUM_NOT_LICENSED: "介质不在许可范围",
  BEFORE_FILL_CHECK_FAILED: "充前检查不合格",
  UNIT_UNKNOWN: "单位未登记",
  NOT_FILLING_UNIT: "非充装单位",
  LICENSE_MISSING: "无充装许可证",
  LICENSE_EXPIRED: "许可证过期",
};

const MAX_DAYS = 92;

function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new PlatformError("INVALID_FIELD", { field: "days", reason: `须为 1 到 ${MAX_DAYS} 的整数` });
  }
  return days;
}

/** The prefectures asked about: one, or all 16 (so the (prefecture_code, time) index serves). */
function prefectures(code: string | undefined | null): string[] {
  if (!code) return [...PREFECTURE_CODES];
  if (!PREFECTURE_CODES.includes(code))
    throw new PlatformError("INVALID_FIELD", { field: "prefectureCode", reason: "不是云南省的州市代码" });
  return [code];
}

/** The China days [today − days + 1, today], as instants [from, to). */
function lastDays(ctx: TraceContext, days: number): { from: Date; to: Date } {
  const today = chinaToday(ctx.deps.clock);
  return { from: chinaMidnight(addDays(today, 1 - days)), to: chinaMidnight(addDays(today, 1)) };
}

@Resolver()
export class FiguresResolver {
  @Query(() => [DailyCount], {
    description:
      "每日充装次数，按州市（中国时间，含今天，最近 days 天）(fills per China day and prefecture over the last days, today included); 仅有充装的日期出现",
  })
  async fillsPerDay(
    @Ctx() ctx: TraceContext,
    @Arg("days", () => Int, { defaultValue: 14, description: "天数 1–92 (days)" }) days: number,
    @Arg("prefectureCode", () => String, { nullable: true, description: "州市代码 (prefecture code)" })
    prefectureCode?: string,
  ): Promise<DailyCount[]> {
    requireSignedIn(ctx);
    const { from, to } = lastDays(ctx, checkDays(days));
    const found = await rows<{ day: string; prefecture_code: string; count: number }>(
      ctx.deps.db,
      sql`select to_char((x.end_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') as day,
          x.prefecture_code, count(*)::int as count
        from trace.fill_record x
        where ${and(
          unitRecordScope(ctx.scope, "x"),
          sql`x.prefecture_code = any(${textArray(prefectures(prefectureCode))})`,
          sql`x.end_at >= ${from.toISOString()}::timestamptz and x.end_at < ${to.toISOString()}::timestamptz`,
        )}
        group by 1, 2 order by 1, 2`,
    );
    return found.map((r) => ({ day: r.day, prefectureCode: r.prefecture_code, count: r.count }));
  }

  @Query(() => [RefusalReasonCount], {
    description:
      "不允许充装的原因分布（最近 days 天的扫码判定）(refused permit decisions per reason over the last days), 多到少",
  })
  async refusalsByReason(
    @Ctx() ctx: TraceContext,
    @Arg("days", () => Int, { defaultValue: 30, description: "天数 1–92 (days)" }) days: number,
    @Arg("prefectureCode", () => String, { nullable: true, description: "州市代码 (prefecture code)" })
    prefectureCode?: string,
  ): Promise<RefusalReasonCount[]> {
    requireSignedIn(ctx);
    const { from, to } = lastDays(ctx, checkDays(days));
    const found = await rows<{ code: string; count: number }>(
      ctx.deps.db,
      sql`select r.code, count(*)::int as count
        from trace.permit_decision x, unnest(x.reasons) as r(code)
        where ${and(
          unitRecordScope(ctx.scope, "x"),
          sql`not x.permitted`,
          sql`x.prefecture_code = any(${textArray(prefectures(prefectureCode))})`,
          sql`x.decided_at >= ${from.toISOString()}::timestamptz and x.decided_at < ${to.toISOString()}::timestamptz`,
        )}
        group by r.code order by count desc, r.code`,
    );
    const known = new Set<string>(PERMIT_REASON_CODES);
    return found.map((r) => ({
      code: r.code,
      label: known.has(r.code) ? REASON_LABELS[r.code as PermitReasonCode] : r.code,
      count: r.count,
    }));
  }
}
