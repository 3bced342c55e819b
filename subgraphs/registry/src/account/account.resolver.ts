/** Login and the caller's own account. */
import { PlatformError } from "@cylinder/db";
import { account } from "@cylinder/db/schema";
import { eq } from "drizzle-orm";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import { Account, LoginResult } from "./account.type";
import { login, toAccount } from "./login";

@Resolver()
export class AccountResolver {
  @Mutation(() => LoginResult, { description: "登录，获取令牌 (log in and get a ticket)" })
  login(
    @Arg("username", () => String) username: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: RegistryContext,
  ): Promise<LoginResult> {
    return login(ctx.deps.db, ctx.deps.config, username, password);
  }

  @Query(() => Account, { description: "当前登录的账号 (the caller's account)" })
  async me(@Ctx() ctx: RegistryContext): Promise<Account> {
    if (ctx.identity.accountId === null) throw new PlatformError("UNAUTHENTICATED");
    const [row] = await ctx.deps.db.select().from(account).where(eq(account.id, ctx.identity.accountId));
    if (!row) throw new PlatformError("UNAUTHENTICATED");
    return toAccount(row);
  }
}
