/**
 * Login: checks a unit's account and password (the current one, or the previous one during a
 * rotation's overlap window) and issues an expiring ticket whose hash is recorded.
 */
import { type Config, type Drizzle, hashPassword, issueTicket, PlatformError, verifyPassword } from "@cylinder/db";
import { account, ticket } from "@cylinder/db/schema";
import { eq } from "drizzle-orm";
import type { Account, AccountRole, LoginResult } from "./account.type";

// A hash to verify against when the username is unknown, so both failures take as long.
const decoy = hashPassword("decoy-password-never-used");

export async function login(
  db: Drizzle,
  config: Config,
  username: string,
  password: string,
  now: Date,
): Promise<LoginResult> {
  const name = username.trim();
  const [row] = await db.select().from(account).where(eq(account.username, name)).limit(1);
  if (!row) {
    await verifyPassword(password, await decoy);
    throw new PlatformError("LOGIN_FAILED");
  }
  let ok = await verifyPassword(password, row.passwordHash);
  if (!ok && row.previousPasswordHash && row.previousPasswordValidUntil && row.previousPasswordValidUntil > now) {
    ok = await verifyPassword(password, row.previousPasswordHash);
  }
  if (!ok) throw new PlatformError("LOGIN_FAILED");
  if (row.disabledAt) throw new PlatformError("ACCOUNT_DISABLED");

  const issued = issueTicket(
    {
      accountId: row.id,
      username: row.username,
      role: row.role,
      unitId: row.unitId,
      prefectureCode: row.prefectureCode,
    },
    config.ticketKeys,
    config.ticketTtlSeconds,
    now.getTime(),
  );
  await db.transaction(async (tx) => {
    await tx
      .insert(ticket)
      .values({ accountId: row.id, tokenHash: issued.idHash, issuedAt: now, expiresAt: issued.expiresAt });
    await tx.update(account).set({ lastLoginAt: now }).where(eq(account.id, row.id));
  });
  return { ticket: issued.ticket, expiresAt: issued.expiresAt, account: toAccount(row) };
}

export function toAccount(row: typeof account.$inferSelect): Account {
  return {
    id: row.id,
    username: row.username,
    role: row.role as AccountRole,
    unitId: row.unitId,
    prefectureCode: row.prefectureCode,
    disabledAt: row.disabledAt,
  };
}
