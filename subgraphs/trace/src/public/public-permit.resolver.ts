/** The public scan page's permit badge as a field of the Cylinder entity, visible to anyone. */
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { TraceContext } from "../context";
import { TraceCylinder } from "../cylinder/trace-cylinder.type";
import { PublicFillPermit } from "./public-permit.type";

@Resolver(() => TraceCylinder)
export class PublicPermitResolver {
  @FieldResolver(() => PublicFillPermit, {
    description:
      "公开充装判定：按产权单位判定此刻能否充装（仅判定，不记录；公开） (may its owner fill it now, in plain words; evaluation only, public)",
  })
  publicPermit(@Root() c: TraceCylinder, @Ctx() ctx: TraceContext): Promise<PublicFillPermit> {
    return ctx.loaders.publicPermits.load(c.barcode.trim());
  }
}
