/**
 * A cylinder's use registration (the application it was approved by, with its review), for
 * the console's life-of-a-cylinder screen. Null for cylinders registered before the platform
 * (or synced from a self-built prefecture), and for readers who may not see the application.
 */
import { registration, unit } from "@cylinder/db/schema";
import { eq } from "drizzle-orm";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { RegistryContext } from "../context";
import { canReadRegistration } from "../registration/registration.service";
import { Registration, toRegistration } from "../registration/registration.type";
import { Cylinder } from "./cylinder.type";

@Resolver(() => Cylinder)
export class CylinderRegistrationResolver {
  @FieldResolver(() => Registration, {
    nullable: true,
    description: "使用登记申请及审核 (the registration that put it in the archive); 无权查看或无申请时为空",
  })
  async registration(@Root() c: Cylinder, @Ctx() ctx: RegistryContext): Promise<Registration | null> {
    const row = await ctx.loaders.cylinderByBarcode.load(c.barcode);
    if (!row?.registrationId) return null;
    const [found] = await ctx.deps.db
      .select({ registration, prefectureCode: unit.prefectureCode })
      .from(registration)
      .innerJoin(unit, eq(unit.id, registration.unitId))
      .where(eq(registration.id, row.registrationId));
    if (!found || !canReadRegistration(ctx.scope, found.registration, found.prefectureCode)) return null;
    return toRegistration(found.registration);
  }
}
