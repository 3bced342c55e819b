/**
 * Per-prefecture supervision figures, for regulators of that prefecture and province-wide
 * roles (auth/scope.ts, `prefecture_figures`); batched over all prefectures of a request.
 */
import { canRead, PlatformError } from "@cylinder/db";
import { Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { TraceContext } from "../context";
import { TracePrefecture } from "./trace-prefecture.type";

function requireFigures(ctx: TraceContext, code: string): void {
  if (!canRead(ctx.scope, { kind: "prefecture_figures", prefectureCode: code })) {
    throw new PlatformError("FORBIDDEN", { reason: `仅 ${code} 的监管部门及省级可查看该州市的统计` });
  }
}

@Resolver(() => TracePrefecture)
export class TracePrefectureResolver {
  @FieldResolver(() => Int, {
    description: "今日（中国时间）充装次数，按充装单位所在州市 (fills that ended today, China calendar day)",
  })
  async fillsToday(@Root() p: TracePrefecture, @Ctx() ctx: TraceContext): Promise<number> {
    requireFigures(ctx, p.code);
    return ctx.loaders.prefecture.fillsToday.load(p.code);
  }

  @FieldResolver(() => Int, { description: "未处理报警数 (alarms not yet acknowledged)" })
  async openAlarmCount(@Root() p: TracePrefecture, @Ctx() ctx: TraceContext): Promise<number> {
    requireFigures(ctx, p.code);
    return ctx.loaders.prefecture.openAlarms.load(p.code);
  }
}
