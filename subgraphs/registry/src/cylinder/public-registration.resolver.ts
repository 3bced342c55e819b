/** Cylinder.publicRegistration: the registration facts the public scan page shows. */
import { registration } from "@cylinder/db/schema";
import { eq } from "drizzle-orm";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { RegistryContext } from "../context";
import { Cylinder } from "./cylinder.type";
import { PublicRegistration } from "./public-registration.type";

@Resolver(() => Cylinder)
export class PublicRegistrationResolver {
  @FieldResolver(() => PublicRegistration, {
    description: "使用登记信息（公开）：登记时间、登记机关、证书或申请编号 (registration facts; public)",
  })
  async publicRegistration(@Root() c: Cylinder, @Ctx() ctx: RegistryContext): Promise<PublicRegistration> {
    const row = await ctx.loaders.cylinderByBarcode.load(c.barcode);
    if (!row) return { registeredAt: c.registerDate, certificateNo: null, office: null, registrationId: null };
    // the authority that approved the application (generic cylinders), else the car archive's office
    let office = row.office;
    if (row.registrationId !== null) {
      const [r] = await ctx.deps.db
        .select({ reviewer: registration.reviewerUnitId })
        .from(registration)
        .where(eq(registration.id, row.registrationId));
      const reviewer = r?.reviewer ? await ctx.loaders.unitById.load(r.reviewer) : null;
      office = reviewer?.name ?? office;
    }
    return {
      registeredAt: row.registerDate,
      certificateNo: row.registerNo ?? (row.registrationId !== null ? `登记申请 ${row.registrationId}` : null),
      office,
      registrationId: row.registrationId,
    };
  }
}
