/** Use registration: apply (ApplyNew / ApplyOld), review, and read applications. */
import { PlatformError } from "@cylinder/db";
import { registration, unit } from "@cylinder/db/schema";
import { decodeCursor, pageSize, toPage } from "@cylinder/subgraph-kit";
import { and, asc, eq, gt, type SQL, sql } from "drizzle-orm";
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RegistryContext } from "../context";
import { toUnit, Unit } from "../unit/unit.type";
import { applyRegistration, canReadRegistration, registrationScope, reviewRegistration } from "./registration.service";
import {
  Registration,
  RegistrationConnection,
  RegistrationFilter,
  RegistrationInput,
  RegistrationItem,
  toRegistration,
} from "./registration.type";

@Resolver(() => Registration)
export class RegistrationResolver {
  @Query(() => RegistrationConnection, {
    description: "使用登记申请列表，按 ID 升序 (registrations, oldest first; scoped to the caller)",
  })
  async registrations(
    @Ctx() ctx: RegistryContext,
    @Arg("filter", () => RegistrationFilter, { nullable: true }) filter?: RegistrationFilter,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<RegistrationConnection> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const conditions: (SQL | undefined)[] = [registrationScope(ctx.scope)];
    if (filter?.status) conditions.push(eq(registration.status, filter.status));
    if (filter?.unitId !== undefined) conditions.push(eq(registration.unitId, filter.unitId));
    if (filter?.prefectureCode) {
      conditions.push(
        sql`${registration.unitId} in (select ${unit.id} from ${unit} where ${unit.prefectureCode} = ${filter.prefectureCode})`,
      );
    }
    if (cursor) conditions.push(gt(registration.id, Number(cursor[0])));
    const rows = await ctx.deps.db
      .select()
      .from(registration)
      .where(and(...conditions))
      .orderBy(asc(registration.id))
      .limit(size + 1);
    return toPage(rows, size, toRegistration, (r) => [r.id]);
  }

  @Query(() => Registration, { nullable: true, description: "按 ID 查询登记申请 (a registration by id)" })
  async registration(@Arg("id", () => Int) id: number, @Ctx() ctx: RegistryContext): Promise<Registration | null> {
    const [found] = await ctx.deps.db
      .select({ registration, prefectureCode: unit.prefectureCode })
      .from(registration)
      .innerJoin(unit, eq(unit.id, registration.unitId))
      .where(eq(registration.id, id));
    if (!found) return null;
    if (!canReadRegistration(ctx.scope, found.registration, found.prefectureCode)) {
      throw new PlatformError("FORBIDDEN", { reason: `无权查看登记申请 ${id}` });
    }
    return toRegistration(found.registration);
  }

  @Mutation(() => Registration, {
    description:
      "使用登记申请 (ApplyNew / ApplyOld)：充装单位提交；同一单位、类别与 ThirdId 的重试返回同一申请 (idempotent)",
  })
  async applyRegistration(
    @Arg("input", () => RegistrationInput) input: RegistrationInput,
    @Ctx() ctx: RegistryContext,
  ): Promise<Registration> {
    return toRegistration(await applyRegistration(ctx, input));
  }

  @Mutation(() => Registration, {
    description:
      "审核使用登记申请：申请单位所在州市的登记机关或省局；通过时建立气瓶档案 (review; approval creates the cylinders)",
  })
  async reviewRegistration(
    @Arg("id", () => Int) id: number,
    @Arg("approve", () => Boolean) approve: boolean,
    @Ctx() ctx: RegistryContext,
    @Arg("comment", () => String, { nullable: true, description: "审核意见，驳回时必填" }) comment?: string,
  ): Promise<Registration> {
    return toRegistration(await reviewRegistration(ctx, id, approve, comment));
  }

  @FieldResolver(() => [RegistrationItem], { description: "申请中的气瓶 (Items)" })
  async items(@Root() r: Registration, @Ctx() ctx: RegistryContext): Promise<RegistrationItem[]> {
    const rows = await ctx.loaders.registrationItems.load(r.id);
    return rows.map((i) => ({ id: i.id, barcode: i.barcode, printno: i.printno, innerNo: i.innerNo }));
  }

  @FieldResolver(() => Unit, { nullable: true, description: "申请单位 (applicant)" })
  async unit(@Root() r: Registration, @Ctx() ctx: RegistryContext): Promise<Unit | null> {
    const row = await ctx.loaders.unitById.load(r.unitId);
    return row ? toUnit(row, ctx.scope, ctx.deps.config.dataKey) : null;
  }
}
