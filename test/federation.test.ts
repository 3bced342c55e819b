import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "./support/platform";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

describe("the federated gateway", () => {
  it("answers one query spanning all three subgraphs", async () => {
    const ticket = await t.login(t.world.accounts.kmRegulator);
    const r = await t.gql<{ cylinder: Record<string, unknown> }>(
      `query($b: String!) { cylinder(barcode: $b) {
          barcode state stateLabel medium nextDate
          owner { name kind }
          prefecture { code name mode }
          fills(first: 2) { nodes { thirdId netWeight endAt fillerName } pageInfo { hasNextPage endCursor } }
      } }`,
      { b: t.world.barcodes.kmNormal },
      ticket,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.cylinder).toMatchObject({
      barcode: "1103007831",
      state: 1,
      stateLabel: "正常（在用）",
      medium: "液化石油气",
      nextDate: t.world.dates.nextDate,
      owner: { name: "昆明市官渡燃气充装站", kind: "FILLING" },
      prefecture: { code: "530100", name: "昆明市", mode: "SELF_BUILT" },
      fills: {
        nodes: [
          { thirdId: "3", netWeight: 13.43, endAt: t.world.dates.kmFills[2].toISOString(), fillerName: "张三" },
          { thirdId: "2", netWeight: 13.43, endAt: t.world.dates.kmFills[1].toISOString(), fillerName: "张三" },
        ],
        pageInfo: { hasNextPage: true },
      },
    });
  });

  it("refuses a forged ticket with a typed error", async () => {
    const r = await t.gql(`{ me { username } }`, {}, "T1.forged.0000");
    expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("logs in with a wrong password as LOGIN_FAILED", async () => {
    const r = await t.gql(`mutation { login(username: "km-filling", password: "nope") { ticket } }`);
    expect(r.errors?.[0]).toMatchObject({ message: "账号或密码错误", extensions: { code: "LOGIN_FAILED" } });
  });
});
