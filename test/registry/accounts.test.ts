/**
 * Accounts and credentials over real HTTP, on a platform whose credential overlap window is
 * short (CREDENTIAL_OVERLAP_HOURS = 0.0005, 1.8 s): the old password and SM4 key work within
 * the window and not after it; logout, disabling and the revoked-ticket list.
 */
import { verifyTicket } from "@cylinder/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { PASSWORD } from "../support/world";
import { codeOf, ok } from "./helpers";

const OVERLAP_MS = 0.0005 * 3_600_000;

let t: TestPlatform;
const tickets: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform({ CREDENTIAL_OVERLAP_HOURS: "0.0005" });
  for (const role of ["operator", "kmFilling", "qjFilling", "province"] as const) {
    tickets[role] = await t.login(t.world.accounts[role]);
  }
});
afterAll(() => t?.stop());

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { ticket account { id username role prefectureCode } } }`;
const KEYS = `{ mySm4Keys { current previous previousValidUntil } }`;
type Keys = { mySm4Keys: { current: string; previous: string | null; previousValidUntil: string | null } };

async function loginAs(username: string, password: string) {
  return t.gql<{ login: { ticket: string; account: { id: number; role: string; prefectureCode: string | null } } }>(
    LOGIN,
    {
      u: username,
      p: password,
    },
  );
}

describe("createAccount", () => {
  const CREATE = `mutation($input: AccountInput!) {
    createAccount(input: $input) { password sm4Key account { id username role unitId prefectureCode disabledAt } }
  }`;
  type Created = {
    createAccount: { password: string | null; sm4Key: string; account: { id: number; prefectureCode: string | null } };
  };

  it("creates an account with a generated password and SM4 key, shown once", async () => {
    const r = ok(
      await t.gql<Created>(
        CREATE,
        { input: { unitId: t.world.units.kmFilling, username: "km-filling-2", role: "FILLING_UNIT" } },
        tickets.operator,
      ),
    );
    expect(r.createAccount.password).toMatch(/^\S{16}$/);
    expect(r.createAccount.sm4Key).toMatch(/^[0-9a-f]{32}$/);
    expect(r.createAccount.account.prefectureCode).toBe("530100");
    const login = ok(await loginAs("km-filling-2", r.createAccount.password!));
    expect(login.login.account.role).toBe("FILLING_UNIT");
    expect(ok(await t.gql<Keys>(KEYS, {}, login.login.ticket)).mySm4Keys).toEqual({
      current: r.createAccount.sm4Key,
      previous: null,
      previousValidUntil: null,
    });
    const given = ok(
      await t.gql<Created>(
        CREATE,
        {
          input: {
            unitId: t.world.units.kmAuthority,
            username: "km-regulator-2",
            role: "PREFECTURE_REGULATOR",
            password: "Kunming#2026",
          },
        },
        tickets.operator,
      ),
    );
    expect(given.createAccount.password).toBeNull();
    expect(given.createAccount.account.prefectureCode).toBe("530100");
    ok(await loginAs("km-regulator-2", "Kunming#2026"));
  });

  it.each([
    [{ unitId: 0, username: "x-weak", role: "FILLING_UNIT", password: "weakpass" }, "operator", "INVALID_FIELD"],
    [{ unitId: 0, username: "km-filling", role: "FILLING_UNIT" }, "operator", "CONFLICT"],
    [{ unitId: 0, username: "x-role", role: "PROVINCE_REGULATOR" }, "operator", "INVALID_FIELD"],
    [{ unitId: 999_999, username: "x-nounit", role: "FILLING_UNIT" }, "operator", "NOT_FOUND"],
    [{ unitId: 0, username: "x", role: "FILLING_UNIT" }, "operator", "INVALID_FIELD"],
    [{ unitId: 0, username: "x-province", role: "FILLING_UNIT" }, "province", "FORBIDDEN"],
    [{ unitId: 0, username: "x-filling", role: "FILLING_UNIT" }, "kmFilling", "FORBIDDEN"],
  ])("refuses %j from %s", async (input, who, code) => {
    const unitId = input.unitId === 0 ? t.world.units.kmFilling : input.unitId;
    expect(codeOf(await t.gql(CREATE, { input: { ...input, unitId } }, tickets[who]))).toBe(code);
  });
});

describe("password and SM4 key rotation with an overlap window", () => {
  it("keeps the old password and SM4 key working within the window, not after it", async () => {
    const username = t.world.accounts.qjFilling;
    const ticket = tickets.qjFilling;
    const before = ok(await t.gql<Keys>(KEYS, {}, ticket)).mySm4Keys;
    expect(before.current).toBe(t.world.sm4Keys[username]);

    const CHANGE = `mutation($o: String!, $n: String!) { changePassword(oldPassword: $o, newPassword: $n) }`;
    expect(codeOf(await t.gql(CHANGE, { o: "wrong", n: "Qujing#2027" }, ticket))).toBe("INVALID_FIELD");
    expect(codeOf(await t.gql(CHANGE, { o: PASSWORD, n: "short" }, ticket))).toBe("INVALID_FIELD");
    expect(codeOf(await t.gql(CHANGE, { o: PASSWORD, n: PASSWORD }, ticket))).toBe("INVALID_FIELD");
    expect(codeOf(await t.gql(CHANGE, { o: PASSWORD, n: "Qujing#2027" }))).toBe("UNAUTHENTICATED");
    const changedAt = t.clock.now().getTime();
    expect(
      ok(await t.gql<{ changePassword: boolean }>(CHANGE, { o: PASSWORD, n: "Qujing#2027" }, ticket)).changePassword,
    ).toBe(true);

    const rotated = ok(
      await t.gql<{ rotateSm4Key: Keys["mySm4Keys"] }>(
        `mutation { rotateSm4Key { current previous previousValidUntil } }`,
        {},
        ticket,
      ),
    ).rotateSm4Key;
    expect(rotated.current).not.toBe(before.current);
    expect(rotated.previous).toBe(before.current);
    expect(new Date(rotated.previousValidUntil!).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(OVERLAP_MS);

    // within the window: both passwords log in, both keys are listed
    ok(await loginAs(username, "Qujing#2027"));
    ok(await loginAs(username, PASSWORD));
    expect(ok(await t.gql<Keys>(KEYS, {}, ticket)).mySm4Keys).toMatchObject({
      current: rotated.current,
      previous: before.current,
    });

    // the window passes on the platform's clock
    t.clock.advance(Math.max(0, changedAt + OVERLAP_MS + 300 - t.clock.now().getTime()));
    // after it: only the new ones
    ok(await loginAs(username, "Qujing#2027"));
    expect(codeOf(await loginAs(username, PASSWORD))).toBe("LOGIN_FAILED");
    expect(ok(await t.gql<Keys>(KEYS, {}, ticket)).mySm4Keys).toEqual({
      current: rotated.current,
      previous: null,
      previousValidUntil: null,
    });
  });

  it("refuses SM4 keys and rotation to the public", async () => {
    expect(codeOf(await t.gql(KEYS, {}))).toBe("UNAUTHENTICATED");
    expect(codeOf(await t.gql(`mutation { rotateSm4Key { current } }`, {}))).toBe("UNAUTHENTICATED");
  });
});

describe("logout, disableAccount and the revoked-ticket list", () => {
  const LOGOUT = `mutation($t: String!) { logout(ticket: $t) }`;
  const REVOKED = `query($s: DateTime) { revokedTickets(since: $s) { idHash expiresAt revokedAt } }`;
  type Revoked = { revokedTickets: { idHash: string; expiresAt: string; revokedAt: string }[] };
  const idHash = (ticket: string) => verifyTicket(ticket, t.config.ticketKeys, t.clock.now().getTime()).idHash;

  it("revokes the caller's own ticket, which the operator's revocation list then names", async () => {
    const start = t.clock.now().toISOString();
    const mine = await t.login(t.world.accounts.kmFilling);
    expect(codeOf(await t.gql(LOGOUT, { t: tickets.qjFilling }, mine))).toBe("FORBIDDEN");
    expect(codeOf(await t.gql(LOGOUT, { t: "T1.not.a-ticket" }, mine))).toBe("INVALID_FIELD");
    expect(codeOf(await t.gql(LOGOUT, { t: mine }))).toBe("UNAUTHENTICATED");
    expect(ok(await t.gql<{ logout: boolean }>(LOGOUT, { t: mine }, tickets.kmFilling)).logout).toBe(true);
    const list = ok(await t.gql<Revoked>(REVOKED, { s: start }, tickets.operator)).revokedTickets;
    expect(list.map((r) => r.idHash)).toEqual([idHash(mine)]);
    expect(new Date(list[0]!.expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect(
      ok(
        await t.gql<Revoked>(
          REVOKED,
          { s: new Date(t.clock.now().getTime() + 60_000).toISOString() },
          tickets.operator,
        ),
      ).revokedTickets,
    ).toEqual([]);
    for (const who of ["province", "kmFilling"])
      expect(codeOf(await t.gql(REVOKED, {}, tickets[who]))).toBe("FORBIDDEN");
  });

  it("disabling an account revokes its tickets and refuses its logins", async () => {
    const a = await t.login(t.world.accounts.kmFilling);
    const b = await t.login(t.world.accounts.kmFilling);
    const me = ok(await t.gql<{ me: { id: number } }>(`{ me { id } }`, {}, a)).me.id;
    const DISABLE = `mutation($id: Int!) { disableAccount(id: $id) { id disabledAt } }`;
    expect(codeOf(await t.gql(DISABLE, { id: me }, tickets.province))).toBe("FORBIDDEN");
    const operatorId = ok(await t.gql<{ me: { id: number } }>(`{ me { id } }`, {}, tickets.operator)).me.id;
    expect(codeOf(await t.gql(DISABLE, { id: operatorId }, tickets.operator))).toBe("INVALID_STATE");
    const r = ok(await t.gql<{ disableAccount: { disabledAt: string } }>(DISABLE, { id: me }, tickets.operator));
    expect(r.disableAccount.disabledAt).toBeTruthy();
    const revoked = ok(await t.gql<Revoked>(REVOKED, {}, tickets.operator)).revokedTickets.map((x) => x.idHash);
    expect(revoked).toEqual(expect.arrayContaining([idHash(a), idHash(b), idHash(tickets.kmFilling!)]));
    expect(codeOf(await loginAs(t.world.accounts.kmFilling, PASSWORD))).toBe("ACCOUNT_DISABLED");
    expect(codeOf(await t.gql(KEYS, {}, a))).toBe("ACCOUNT_DISABLED");
  });
});
