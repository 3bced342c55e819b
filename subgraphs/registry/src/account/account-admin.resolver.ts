/**
 * Accounts as the workbench administers them (issue 14): the accounts of a unit, and the
 * operator's rotation of another account's credentials (a station that lost its password or
 * whose SM4 key leaked). Creating and disabling accounts are account.resolver.ts's.
 *
 * Reading: the operator and the province everywhere, a prefecture regulator the accounts of
 * units in its prefecture. Rotating: the operator only. A rotation issues a new generated
 * password and SM4 key, shown once; the previous ones keep working for the overlap window
 * (CREDENTIAL_OVERLAP_HOURS), as when an account rotates its own, so a running station is not
 * cut off mid-shift.
 */
import { canRegulate, hashPassword, newSm4Key, PlatformError, sealSm4 } from "@cylinder/db";
import { account, unit } from "@cylinder/db/schema";
import { asc, eq } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import { requireAccount, requireAction } from "../guard";
import { Account, AccountWithSecrets } from "./account.type";
import { generatePassword } from "./credentials.rules";
import { toAccount } from "./login";

@Resolver()
export class AccountAdminResolver {
  @Query(() => [Account], {
    description: "单位的接入账号 (the accounts of a unit): 平台运维与省级监管见全部，州市监管部门见本州市单位的",
  })
  async accounts(@Arg("unitId", () => Int) unitId: number, @Ctx() ctx: RegistryContext): Promise<Account[]> {
    const id = requireAccount(ctx);
    const [owner] = await ctx.deps.db.select().from(unit).where(eq(unit.id, unitId));
    if (!owner) throw new PlatformError("NOT_FOUND", { what: "单位", id: unitId });
    const allowed =
      id.role === "operator" ||
      id.role === "province_regulator" ||
      (id.role === "prefecture_regulator" && canRegulate(id, owner.prefectureCode));
    if (!allowed) throw new PlatformError("FORBIDDEN", { reason: "仅平台运维和管辖该单位的监管部门可查看账号" });
    const rows = await ctx.deps.db.select().from(account).where(eq(account.unitId, unitId)).orderBy(asc(account.id));
    return rows.map(toAccount);
  }

  @Mutation(() => AccountWithSecrets, {
    description:
      "轮换账号凭据 (rotate an account's credentials): 仅平台运维；新口令与新 SM4 密钥只返回这一次，原口令与密钥在重叠期内仍有效",
  })
  async rotateAccountCredentials(
    @Arg("id", () => Int) id: number,
    @Ctx() ctx: RegistryContext,
  ): Promise<AccountWithSecrets> {
    requireAction(ctx, "operate", "轮换账号凭据");
    const { db, config, clock } = ctx.deps;
    const [row] = await db.select().from(account).where(eq(account.id, id));
    if (!row) throw new PlatformError("NOT_FOUND", { what: "账号", id });
    if (row.disabledAt) throw new PlatformError("ACCOUNT_DISABLED");
    const password = generatePassword();
    const sm4Key = newSm4Key();
    const overlapUntil = new Date(clock.now().getTime() + config.credentialOverlapMs);
    const [updated] = await db
      .update(account)
      .set({
        passwordHash: await hashPassword(password),
        previousPasswordHash: row.passwordHash,
        previousPasswordValidUntil: overlapUntil,
        sm4KeyEnc: sealSm4(sm4Key, config.dataKey),
        previousSm4KeyEnc: row.sm4KeyEnc,
        previousSm4KeyValidUntil: overlapUntil,
      })
      .where(eq(account.id, id))
      .returning();
    return { account: toAccount(updated!), password, sm4Key };
  }
}
