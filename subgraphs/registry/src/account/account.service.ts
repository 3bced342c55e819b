/**
 * Account administration and credentials: accounts created by the operator (the SM4 key, and a
 * generated password, shown once); password and SM4-key rotation with an overlap window
 * (config.credentialOverlapMs) so a running station is not cut off; disabling an account,
 * which revokes its tickets; logout; the list of revoked tickets the gateway refuses.
 */
import {
  type AccountRole,
  hashPassword,
  newSm4Key,
  openSm4,
  PlatformError,
  sealSm4,
  verifyPassword,
  verifyTicket,
} from "@cylinder/db";
import { account, ticket, unit } from "@cylinder/db/schema";
import { and, desc, eq, gt, gte, isNotNull, isNull } from "drizzle-orm";
import type { RegistryContext } from "../context";
import { isUniqueViolation } from "../db-util";
import { requireAccount, requireAction, requireOperatorOrSystem } from "../guard";
import type { AccountWithSecrets, RevokedTicket, Sm4Keys } from "./account.type";
import { accountPrefecture, checkPassword, checkUsername, generatePassword } from "./credentials.rules";
import { toAccount } from "./login";

type AccountRow = typeof account.$inferSelect;

export interface CreateAccountInput {
  unitId: number;
  username: string;
  role: AccountRole;
  password?: string | null;
}

export async function createAccount(ctx: RegistryContext, input: CreateAccountInput): Promise<AccountWithSecrets> {
  requireAction(ctx, "operate", "新建账号");
  const { db, config } = ctx.deps;
  const username = checkUsername(input.username);
  const [owner] = await db.select().from(unit).where(eq(unit.id, input.unitId));
  if (!owner) throw new PlatformError("NOT_FOUND", { what: "单位", id: input.unitId });
  const prefectureCode = accountPrefecture(input.role, owner);
  const generated = input.password === null || input.password === undefined || input.password === "";
  const password = generated ? generatePassword() : input.password!;
  if (!generated) checkPassword(password, username);
  const sm4Key = newSm4Key();
  try {
    const [row] = await db
      .insert(account)
      .values({
        unitId: owner.id,
        username,
        role: input.role,
        prefectureCode,
        passwordHash: await hashPassword(password),
        sm4KeyEnc: sealSm4(sm4Key, config.dataKey),
      })
      .returning();
    return { account: toAccount(row!), password: generated ? password : null, sm4Key };
  } catch (e) {
    if (isUniqueViolation(e, "account_username_key")) {
      throw new PlatformError("CONFLICT", { reason: `账号 ${username} 已存在` });
    }
    throw e;
  }
}

async function ownAccount(ctx: RegistryContext): Promise<AccountRow> {
  const id = requireAccount(ctx);
  const [row] = await ctx.deps.db.select().from(account).where(eq(account.id, id.accountId));
  if (!row) throw new PlatformError("UNAUTHENTICATED");
  if (row.disabledAt) throw new PlatformError("ACCOUNT_DISABLED");
  return row;
}

/** The previous password stays valid for config.credentialOverlapMs (see login.ts). */
export async function changePassword(ctx: RegistryContext, oldPassword: string, newPassword: string): Promise<boolean> {
  const row = await ownAccount(ctx);
  if (!(await verifyPassword(oldPassword, row.passwordHash))) {
    throw new PlatformError("INVALID_FIELD", { field: "oldPassword", reason: "原口令不正确" });
  }
  if (oldPassword === newPassword) {
    throw new PlatformError("INVALID_FIELD", { field: "newPassword", reason: "新口令不能与原口令相同" });
  }
  checkPassword(newPassword, row.username, "newPassword");
  const now = ctx.deps.clock.now().getTime();
  await ctx.deps.db
    .update(account)
    .set({
      passwordHash: await hashPassword(newPassword),
      previousPasswordHash: row.passwordHash,
      previousPasswordValidUntil: new Date(now + ctx.deps.config.credentialOverlapMs),
    })
    .where(eq(account.id, row.id));
  return true;
}

function keysOf(row: AccountRow, dataKey: string, now: Date): Sm4Keys {
  const previousValid =
    row.previousSm4KeyEnc !== null && row.previousSm4KeyValidUntil !== null && row.previousSm4KeyValidUntil > now;
  return {
    current: openSm4(row.sm4KeyEnc, dataKey),
    previous: previousValid ? openSm4(row.previousSm4KeyEnc!, dataKey) : null,
    previousValidUntil: previousValid ? row.previousSm4KeyValidUntil : null,
  };
}

export async function mySm4Keys(ctx: RegistryContext): Promise<Sm4Keys> {
  return keysOf(await ownAccount(ctx), ctx.deps.config.dataKey, ctx.deps.clock.now());
}

/** A new key; the one before stays valid for the overlap window (the one before that is dropped). */
export async function rotateSm4Key(ctx: RegistryContext): Promise<Sm4Keys> {
  const row = await ownAccount(ctx);
  const { db, config } = ctx.deps;
  const [updated] = await db
    .update(account)
    .set({
      sm4KeyEnc: sealSm4(newSm4Key(), config.dataKey),
      previousSm4KeyEnc: row.sm4KeyEnc,
      previousSm4KeyValidUntil: new Date(ctx.deps.clock.now().getTime() + config.credentialOverlapMs),
    })
    .where(eq(account.id, row.id))
    .returning();
  return keysOf(updated!, config.dataKey, ctx.deps.clock.now());
}

export async function disableAccount(ctx: RegistryContext, id: number): Promise<AccountRow> {
  const operator = requireAction(ctx, "operate", "停用账号");
  if (operator.accountId === id) throw new PlatformError("INVALID_STATE", { reason: "不能停用自己的账号" });
  return ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(account).where(eq(account.id, id)).for("update");
    if (!row) throw new PlatformError("NOT_FOUND", { what: "账号", id });
    if (row.disabledAt) return row;
    const now = ctx.deps.clock.now();
    const [updated] = await tx.update(account).set({ disabledAt: now }).where(eq(account.id, id)).returning();
    await tx
      .update(ticket)
      .set({ revokedAt: now })
      .where(and(eq(ticket.accountId, id), isNull(ticket.revokedAt), gt(ticket.expiresAt, now)));
    return updated!;
  });
}

/**
 * Revokes one ticket of the caller: the gateway forwards only the identity, so the ticket to
 * end is an argument, and must be the caller's own. Returns true when the ticket is now
 * revoked (also when it already was), false when it had expired anyway.
 */
export async function logout(ctx: RegistryContext, ticketText: string): Promise<boolean> {
  const id = requireAccount(ctx);
  let verified: ReturnType<typeof verifyTicket>;
  try {
    verified = verifyTicket(ticketText, ctx.deps.config.ticketKeys, ctx.deps.clock.now().getTime());
  } catch (e) {
    if (e instanceof PlatformError && e.code === "TICKET_EXPIRED") return false;
    throw new PlatformError("INVALID_FIELD", { field: "ticket", reason: "令牌无效" });
  }
  if (verified.identity.accountId !== id.accountId) {
    throw new PlatformError("FORBIDDEN", { reason: "只能注销本账号的令牌" });
  }
  await ctx.deps.db
    .update(ticket)
    .set({ revokedAt: ctx.deps.clock.now() })
    .where(and(eq(ticket.tokenHash, verified.idHash), eq(ticket.accountId, id.accountId), isNull(ticket.revokedAt)));
  return true;
}

/** Tickets revoked and not yet expired (revoked at or after `since` when given), newest first. */
export async function revokedTickets(ctx: RegistryContext, since: Date | null | undefined): Promise<RevokedTicket[]> {
  requireOperatorOrSystem(ctx, "查看已撤销令牌");
  const rows = await ctx.deps.db
    .select({ idHash: ticket.tokenHash, expiresAt: ticket.expiresAt, revokedAt: ticket.revokedAt })
    .from(ticket)
    .where(
      and(
        isNotNull(ticket.revokedAt),
        gt(ticket.expiresAt, ctx.deps.clock.now()),
        since ? gte(ticket.revokedAt, since) : undefined,
      ),
    )
    .orderBy(desc(ticket.revokedAt));
  return rows.map((r) => ({ idHash: r.idHash, expiresAt: r.expiresAt, revokedAt: r.revokedAt! }));
}
