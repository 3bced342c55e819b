/** Prefecture queries, and each cylinder's prefecture. */
import { prefecture } from "@cylinder/db/schema";
import { asc } from "drizzle-orm";
import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { PrefectureContext } from "../context";
import type { PrefectureRow } from "./prefecture.loader";
import { PlatformMode, Prefecture, PrefectureCylinder } from "./prefecture.type";

export function toPrefecture(row: PrefectureRow): Prefecture {
  return { code: row.code, name: row.name, mode: row.mode as PlatformMode };
}

@Resolver(() => Prefecture)
export class PrefectureResolver {
  @Query(() => [Prefecture], { description: "全省 16 个州市 (the 16 prefectures)" })
  async prefectures(@Ctx() ctx: PrefectureContext): Promise<Prefecture[]> {
    const rows = await ctx.deps.db.select().from(prefecture).orderBy(asc(prefecture.code));
    return rows.map(toPrefecture);
  }

  @Query(() => Prefecture, { nullable: true, description: "按代码查询州市 (a prefecture by code)" })
  async prefecture(@Arg("code", () => String) code: string, @Ctx() ctx: PrefectureContext): Promise<Prefecture | null> {
    const row = await ctx.loaders.prefectureByCode.load(code);
    return row ? toPrefecture(row) : null;
  }
}

@Resolver(() => PrefectureCylinder)
export class PrefectureCylinderResolver {
  @FieldResolver(() => Prefecture, { nullable: true, description: "所属州市 (the cylinder's prefecture)" })
  @Directive(`@requires(fields: "prefectureCode")`)
  async prefecture(@Root() c: PrefectureCylinder, @Ctx() ctx: PrefectureContext): Promise<Prefecture | null> {
    const row = await ctx.loaders.prefectureByCode.load(c.prefectureCode);
    return row ? toPrefecture(row) : null;
  }
}

export async function resolvePrefectureReference(
  ref: { code: string },
  ctx: PrefectureContext,
): Promise<Prefecture | null> {
  const row = await ctx.loaders.prefectureByCode.load(ref.code);
  return row ? toPrefecture(row) : null;
}
