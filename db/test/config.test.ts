import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";

describe("loadConfig", () => {
  it("defaults to embedded PGlite, the province, and port 4000", () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.platform.mode).toBe("province");
    expect(c.ports.gateway).toBe(4000);
    expect(c.dataKeyIsDefault).toBe(true);
    expect(c.ledger.keysAreDefault).toBe(true);
    expect(c.ledger.privateKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [{ PLATFORM_MODE: "prefecture" }, "PLATFORM_PREFECTURE"],
    [{ PLATFORM_MODE: "prefecture", PLATFORM_PREFECTURE: "110000" }, "PLATFORM_PREFECTURE"],
    [{ PORT: "eighty" }, "PORT"],
    [{ DATA_KEY: "short" }, "DATA_KEY"],
    [{ NODE_ENV: "production" }, "DATA_KEY"],
    [{ NODE_ENV: "production", DATA_KEY: "0123456789abcdeffedcba9876543210" }, "LEDGER_SM2_PRIVATE_KEY"],
    [{ LEDGER_SM2_PRIVATE_KEY: "abc" }, "LEDGER_SM2_PRIVATE_KEY"],
    [{ LEDGER_SM2_RETIRED_PUBLIC_KEYS: "04ab, 05cd" }, "LEDGER_SM2_RETIRED_PUBLIC_KEYS"],
    [{ LEDGER_SEAL_KEY: "short" }, "LEDGER_SEAL_KEY"],
  ])("refuses %j naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it("reads a prefecture platform's settings", () => {
    const c = loadConfig({ PLATFORM_MODE: "prefecture", PLATFORM_PREFECTURE: "530100", REDIS_URL: " " });
    expect(c.platform).toEqual({ mode: "prefecture", prefectureCode: "530100" });
    expect(c.redisUrl).toBeUndefined();
  });
});
