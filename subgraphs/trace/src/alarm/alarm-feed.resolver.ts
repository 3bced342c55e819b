/**
 * What a live console reads besides the `alarmRaised` stream (issue 14):
 *
 *  - `alarmsSince(afterId)`: the alarms after the last one a console saw, oldest first. A
 *    console whose socket dropped reads these when it comes back, so an alarm raised while it
 *    was away is never lost (the stream carries only what happens while connected).
 *  - `alarmCounts`: open and total alarms per prefecture and type, for the counts and the 16
 *    prefecture tiles, in one GROUP BY.
 *
 * Both are scoped like every alarm read (a prefecture regulator its prefecture, a unit its own).
 */
import { ALARM_TYPES, type AlarmType } from "@cylinder/db";
import { pageSize } from "@cylinder/subgraph-kit";
import { and, type SQL, sql } from "drizzle-orm";
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { requireSignedIn } from "../shared/read-guard";
import { unitRecordScope } from "../shared/scope-sql";
import { rows, textArray } from "../shared/sql";
import {
  ALARM_COLUMNS,
  Alarm,
  AlarmConnection,
  AlarmFilter,
  type AlarmRow,
  AlarmTypeValues,
  toAlarm,
} from "./alarm.type";

@ObjectType("AlarmCount", { description: "按州市与类型的报警数 (alarms per prefecture and type)" })
export class AlarmCount {
  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code); 空为无法归属州市的报警" })
  prefectureCode!: string | null;

  @Field(() => AlarmTypeValues, { description: "报警类型 (alarm type)" })
  type!: AlarmType;

  @Field(() => String, { description: "报警类型名称 (type label)" })
  typeLabel!: string;

  @Field(() => Int, { description: "未处理数 (open)" })
  open!: number;

  @Field(() => Int, { description: "合计，含已处理 (total, acknowledged included)" })
  total!: number;
}

/** The filter's conditions and the caller's scope (the `open` flag too, unless told not to). */
function alarmConditions(ctx: TraceContext, f: AlarmFilter, withOpen: boolean): (SQL | undefined)[] {
  return [
    unitRecordScope(ctx.scope, "x"),
    f.prefectureCode ? sql`x.prefecture_code = ${f.prefectureCode}` : undefined,
    f.unitId !== undefined && f.unitId !== null ? sql`x.unit_id = ${f.unitId}` : undefined,
    f.barcode ? sql`x.barcode = ${f.barcode.trim()}` : undefined,
    f.types && f.types.length > 0 ? sql`x.type::text = any(${textArray(f.types)})` : undefined,
    withOpen && f.open === true ? sql`x.acknowledged_at is null` : undefined,
    withOpen && f.open === false ? sql`x.acknowledged_at is not null` : undefined,
    f.from ? sql`x.raised_at >= ${f.from.toISOString()}::timestamptz` : undefined,
    f.to ? sql`x.raised_at < ${f.to.toISOString()}::timestamptz` : undefined,
  ];
}

@Resolver(() => Alarm)
export class AlarmFeedResolver {
  @Query(() => AlarmConnection, {
    description:
      "某报警 ID 之后的报警，按 ID 升序 (alarms after an id, oldest first): 控制台断线重连后据此补齐断线期间的报警；endCursor 为本页最后一条的 ID",
  })
  async alarmsSince(
    @Arg("afterId", () => Int, { description: "已见到的最大报警 ID (the last alarm id seen)" }) afterId: number,
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => AlarmFilter, { nullable: true }) filter?: AlarmFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
  ): Promise<AlarmConnection> {
    requireSignedIn(ctx);
    const size = pageSize(first);
    const found = await rows<AlarmRow>(
      ctx.deps.db,
      sql`select ${sql.raw(ALARM_COLUMNS)} from trace.alarm x
        where ${and(sql`x.id > ${afterId}`, ...alarmConditions(ctx, filter ?? {}, true))}
        order by x.id asc limit ${size + 1}`,
    );
    const hasNextPage = found.length > size;
    const kept = hasNextPage ? found.slice(0, size) : found;
    const last = kept[kept.length - 1];
    return {
      nodes: kept.map(toAlarm),
      pageInfo: { endCursor: last ? String(Number(last.id)) : null, hasNextPage },
    };
  }

  @Query(() => [AlarmCount], {
    description:
      "报警数，按州市与类型 (open and total alarms per prefecture and type, within the caller's scope); 筛选条件的 open 不适用",
  })
  async alarmCounts(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => AlarmFilter, { nullable: true }) filter?: AlarmFilter,
  ): Promise<AlarmCount[]> {
    requireSignedIn(ctx);
    const found = await rows<{ prefecture_code: string | null; type: AlarmType; open: number; total: number }>(
      ctx.deps.db,
      sql`select x.prefecture_code, x.type::text as type,
          (count(*) filter (where x.acknowledged_at is null))::int as open, count(*)::int as total
        from trace.alarm x
        where ${and(sql`true`, ...alarmConditions(ctx, filter ?? {}, false))}
        group by x.prefecture_code, x.type
        order by x.prefecture_code nulls last, x.type`,
    );
    return found.map((r) => ({
      prefectureCode: r.prefecture_code,
      type: r.type,
      typeLabel: ALARM_TYPES[r.type] ?? r.type,
      open: r.open,
      total: r.total,
    }));
  }
}
