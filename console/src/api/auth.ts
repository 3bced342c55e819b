/** Logging in and out through the platform's own mutations. */
import { gql } from "./graphql";
import { endSession, type SessionAccount, session, startSession } from "./session";

const LOGIN = `mutation Login($u: String!, $p: String!) {
  login(username: $u, password: $p) { ticket expiresAt account { id username role unitId prefectureCode } }
}`;

export async function login(username: string, password: string): Promise<void> {
  const r = await gql<{ login: { ticket: string; expiresAt: string; account: SessionAccount } }>(LOGIN, {
    u: username.trim(),
    p: password,
  });
  startSession({ ticket: r.login.ticket, expiresAt: r.login.expiresAt, account: r.login.account, unitName: null });
  try {
    const u = await gql<{ unit: { name: string } | null }>(`query($id: Int!) { unit(id: $id) { name } }`, {
      id: r.login.account.unitId,
    });
    startSession({ ...r.login, unitName: u.unit?.name ?? null });
  } catch {
    // the unit's name is a nicety
  }
}

/** Revokes the ticket on the platform, then forgets it (even if the platform cannot be reached). */
export async function logout(): Promise<void> {
  const ticket = session.ticket;
  if (ticket) {
    try {
      await gql(`mutation($t: String!) { logout(ticket: $t) }`, { t: ticket });
    } catch {
      // the ticket is forgotten here regardless; it expires on the platform in any case
    }
  }
  endSession("已退出登录。");
}
