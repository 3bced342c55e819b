/** A ticket ended by logout or by disabling its account stops working at the gateway. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "./support/platform";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

const ME = `{ me { username } }`;

describe("revoked tickets", () => {
  it("are refused after logout, while other tickets of the account keep working", async () => {
    const a = await t.login(t.world.accounts.kmFilling);
    const b = await t.login(t.world.accounts.kmFilling);
    expect((await t.gql(ME, {}, a)).data).toEqual({ me: { username: "km-filling" } });
    const out = await t.gql<{ logout: boolean }>(`mutation($t: String!) { logout(ticket: $t) }`, { t: a }, a);
    expect(out.data?.logout).toBe(true);
    await t.platform.gateway.refreshRevocations();
    expect((await t.gql(ME, {}, a)).errors?.[0]?.extensions?.code).toBe("TICKET_EXPIRED");
    expect((await t.gql(ME, {}, b)).data).toEqual({ me: { username: "km-filling" } });
  });

  it("are refused once their account is disabled", async () => {
    const station = await t.login(t.world.accounts.station);
    const operator = await t.login(t.world.accounts.operator);
    const me = await t.gql<{ me: { id: number } }>(`{ me { id } }`, {}, station);
    const disabled = await t.gql(
      `mutation($id: Int!) { disableAccount(id: $id) { id } }`,
      { id: me.data!.me.id },
      operator,
    );
    expect(disabled.errors).toBeUndefined();
    await t.platform.gateway.refreshRevocations();
    expect((await t.gql(ME, {}, station)).errors?.[0]?.extensions?.code).toBe("TICKET_EXPIRED");
    const again = await t.gql(`mutation { login(username: "km-station", password: "Test@2026") { ticket } }`);
    expect(again.errors?.[0]?.extensions?.code).toBe("ACCOUNT_DISABLED");
  });
});
