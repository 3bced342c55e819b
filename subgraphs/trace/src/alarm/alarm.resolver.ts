/**
 * Alarms: lists and lookups scoped like every unit record (auth/scope.ts), acknowledgement by
 * regulators within their prefecture (the province everywhere), and the `alarmRaised`
 * subscription, declared here so the supergraph documents it. The gateway executes it over
 * graphql-ws from the alarm bus; this subgraph never serves it (its pubSub is inert).
 */
import { type AlarmType, canDo, canRead, canRegulate, PlatformError } from "@cylinder/db";
import { sql } from "drizzle-orm";
import type { PubSub } from "type-graphql";
import { Arg, Ctx, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { TraceContext } from "../context";
import { listPage } from "../shared/list";
import { requireSignedIn } from "../shared/read-guard";
import { unitRecordScope } from "../shared/scope-sql";
import { one, textArray } from "../shared/sql";
import { optionalText } from "../shared/validate";
import {
  ALARM_COLUMNS,
  Alarm,
  AlarmConnection,
  AlarmFilter,
  type AlarmRow,
  AlarmTypeValues,
  toAlarm,
} from "./alarm.type";

/** type-graphql needs a pubSub once a @Subscription exists; this subgraph never publishes. */
export const INERT_PUBSUB: PubSub = {
  publish() {},
  subscribe() {
    return {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<unknown>>(() => {}) }),
    };
  },
};

async function loadAlarm(ctx: TraceContext, id: number): Promise<AlarmRow | undefined> {
  return one<AlarmRow>(ctx.deps.db, sql`select ${sql.raw(ALARM_COLUMNS)} from trace.alarm x where x.id = ${id}`);
}

@Resolver(() => Alarm)
export class AlarmResolver {
  @Query(() => AlarmConnection, { description: "报警列表，最新在前 (alarms, newest first, within the caller's scope)" })
  async alarms(
    @Ctx() ctx: TraceContext,
    @Arg("filter", () => AlarmFilter, { nullable: true }) filter?: AlarmFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<AlarmConnection> {
    requireSignedIn(ctx);
    const f = filter ?? {};
    const page = await listPage<AlarmRow & { sort_key: string }>(ctx.deps.db, {
      from: sql`trace.alarm x`,
      columns: ALARM_COLUMNS,
      where: [
        unitRecordScope(ctx.scope, "x"),
        f.prefectureCode ? sql`x.prefecture_code = ${f.prefectureCode}` : undefined,
        f.unitId !== undefined && f.unitId !== null ? sql`x.unit_id = ${f.unitId}` : undefined,
        f.barcode ? sql`x.barcode = ${f.barcode.trim()}` : undefined,
        f.types && f.types.length > 0 ? sql`x.type::text = any(${textArray(f.types)})` : undefined,
        f.open === true ? sql`x.acknowledged_at is null` : undefined,
        f.open === false ? sql`x.acknowledged_at is not null` : undefined,
        f.from ? sql`x.raised_at >= ${f.from.toISOString()}::timestamptz` : undefined,
        f.to ? sql`x.raised_at < ${f.to.toISOString()}::timestamptz` : undefined,
      ],
      sort: "x.raised_at",
      sortType: "timestamptz",
      direction: "desc",
      first,
      after,
    });
    return { nodes: page.rows.map(toAlarm), pageInfo: page.pageInfo };
  }

  @Query(() => Alarm, { nullable: true, description: "按 ID 查询报警 (an alarm by id)" })
  async alarm(@Arg("id", () => Int) id: number, @Ctx() ctx: TraceContext): Promise<Alarm | null> {
    requireSignedIn(ctx);
    const row = await loadAlarm(ctx, id);
    if (!row) return null;
    if (!canRead(ctx.scope, { kind: "unit_record", unitId: row.unit_id, prefectureCode: row.prefecture_code })) {
      throw new PlatformError("FORBIDDEN", { reason: `无权查看报警 ${id}` });
    }
    return toAlarm(row);
  }

  @Mutation(() => Alarm, {
    description:
      "处理报警：州市监管部门处理本州市的，省级监管部门处理全省的；已处理的原样返回 (acknowledge an alarm; regulators within their scope; idempotent)",
  })
  async acknowledgeAlarm(
    @Arg("id", () => Int) id: number,
    @Ctx() ctx: TraceContext,
    @Arg("note", () => String, { nullable: true }) note?: string,
  ): Promise<Alarm> {
    if (!canDo(ctx.identity, "regulate")) {
      throw new PlatformError("FORBIDDEN", { reason: "仅监管部门可处理报警" });
    }
    const row = await loadAlarm(ctx, id);
    if (!row) throw new PlatformError("NOT_FOUND", { what: "报警", id });
    if (!canRegulate(ctx.identity, row.prefecture_code)) {
      throw new PlatformError("FORBIDDEN", { reason: `报警 ${id} 不在本州市监管范围` });
    }
    const updated = await one<AlarmRow>(
      ctx.deps.db,
      sql`update trace.alarm x set acknowledged_at = ${ctx.deps.clock.now().toISOString()}::timestamptz,
          acknowledged_by_account_id = ${ctx.identity.accountId}, acknowledge_note = ${optionalText(note)}
        where x.id = ${id} and x.acknowledged_at is null
        returning ${sql.raw(ALARM_COLUMNS)}`,
    );
    return toAlarm(updated ?? (await loadAlarm(ctx, id))!);
  }

  @Subscription(() => Alarm, {
    description:
      "实时报警 (alarms as they are raised), 按州市与类型过滤，按订阅者权限限定 (filtered by prefecture and types, scoped to the subscriber); served by the gateway over graphql-ws",
    subscribe: () => INERT_PUBSUB.subscribe("alarms"),
  })
  alarmRaised(
    @Root() alarm: Alarm,
    @Arg("prefectureCode", () => String, { nullable: true, description: "州市代码 (prefecture code)" })
    _prefectureCode?: string,
    @Arg("types", () => [AlarmTypeValues], { nullable: true, description: "报警类型 (types)" })
    _types?: AlarmType[],
  ): Alarm {
    return alarm;
  }
}
