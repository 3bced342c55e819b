/** Login, the caller's own account and credentials, and account administration. */
import { PlatformError } from "@cylinder/db";
import { account } from "@cylinder/db/schema";
import { DateTime } from "@cylinder/subgraph-kit";
import { eq } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { RegistryContext } from "../context";
import {
  changePassword,
  createAccount,
  disableAccount,
  logout,
  mySm4Keys,
  revokedTickets,
  rotateSm4Key,
} from "./account.service";
import { Account, AccountInput, AccountWithSecrets, LoginResult, RevokedTicket, Sm4Keys } from "./account.type";
import { login, toAccount } from "./login";

@Resolver()
export class AccountResolver {
  @Mutation(() => LoginResult, { description: "登录，获取令牌 (log in and get a ticket)" })
  login(
    @Arg("username", () => String) username: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: RegistryContext,
  ): Promise<LoginResult> {
    return login(ctx.deps.db, ctx.deps.config, username, password, ctx.deps.clock.now());
  }

  @Query(() => Account, { description: "当前登录的账号 (the caller's account)" })
  async me(@Ctx() ctx: RegistryContext): Promise<Account> {
    if (ctx.identity.accountId === null) throw new PlatformError("UNAUTHENTICATED");
    const [row] = await ctx.deps.db.select().from(account).where(eq(account.id, ctx.identity.accountId));
    if (!row) throw new PlatformError("UNAUTHENTICATED");
    return toAccount(row);
  }

  @Query(() => Sm4Keys, {
    description: "本账号的 SM4 密钥 (the caller's SM4 keys): 解密 /PS/* 的 data；轮换后的重叠期内含上一密钥",
  })
  mySm4Keys(@Ctx() ctx: RegistryContext): Promise<Sm4Keys> {
    return mySm4Keys(ctx);
  }

  @Query(() => [RevokedTicket], {
    description: "已撤销且未过期的令牌 (revoked tickets not yet expired), 供网关拒绝；仅平台运维",
  })
  revokedTickets(
    @Ctx() ctx: RegistryContext,
    @Arg("since", () => DateTime, { nullable: true, description: "只列此时刻（含）之后撤销的" }) since?: Date,
  ): Promise<RevokedTicket[]> {
    return revokedTickets(ctx, since);
  }

  @Mutation(() => AccountWithSecrets, {
    description: "新建接入账号 (create an account): 仅平台运维；SM4 密钥与生成的口令只返回这一次",
  })
  createAccount(
    @Arg("input", () => AccountInput) input: AccountInput,
    @Ctx() ctx: RegistryContext,
  ): Promise<AccountWithSecrets> {
    return createAccount(ctx, input);
  }

  @Mutation(() => Boolean, {
    description: "修改本账号口令 (change password): 原口令在重叠期内仍可登录 (config CREDENTIAL_OVERLAP_HOURS)",
  })
  changePassword(
    @Arg("oldPassword", () => String) oldPassword: string,
    @Arg("newPassword", () => String) newPassword: string,
    @Ctx() ctx: RegistryContext,
  ): Promise<boolean> {
    return changePassword(ctx, oldPassword, newPassword);
  }

  @Mutation(() => Sm4Keys, {
    description: "轮换本账号的 SM4 密钥 (rotate the caller's SM4 key): 上一密钥在重叠期内仍有效",
  })
  rotateSm4Key(@Ctx() ctx: RegistryContext): Promise<Sm4Keys> {
    return rotateSm4Key(ctx);
  }

  @Mutation(() => Account, {
    description: "停用账号并撤销其令牌 (disable an account, revoking its tickets): 仅平台运维",
  })
  async disableAccount(@Arg("id", () => Int) id: number, @Ctx() ctx: RegistryContext): Promise<Account> {
    return toAccount(await disableAccount(ctx, id));
  }

  @Mutation(() => Boolean, {
    description: "注销令牌 (log out): 网关只转发身份，故须传入要注销的令牌，且须属于调用者；已过期的返回 false",
  })
  logout(
    @Arg("ticket", () => String, { description: "要注销的令牌 (the ticket to revoke, the caller's own)" })
    ticketText: string,
    @Ctx() ctx: RegistryContext,
  ): Promise<boolean> {
    return logout(ctx, ticketText);
  }
}
