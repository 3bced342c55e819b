import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";

describe("loadConfig", () => {
  it("defaults to embedded PGlite, the province, and port 4000", () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.platform.mode).toBe("province");
    expect(c.ports.gateway).toBe(4000);
    expect(c.dataKeyIsDefault).toBe(true);
  });

  it.each([
    [{ PLATFORM_MODE: "prefecture" }, "PLATFORM_PREFECTURE"],
    [{ PLATFORM_MODE: "prefecture", PLATFORM_PREFECTURE: "110000" }, "PLATFORM_PREFECTURE"],
    [{ PORT: "eighty" }, "PORT"],
    [{ DATA_KEY: "short" }, "DATA_KEY"],
    [{ NODE_ENV: "production" }, "DATA_KEY"],
  ])("refuses %j naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it("reads a prefecture platform's settings", () => {
    const c = loadConfig({ PLATFORM_MODE: "prefecture", PLATFORM_PREFECTURE: "530100", REDIS_URL: " " });
    expect(c.platform).toEqual({ mode: "prefecture", prefectureCode: "530100" });
    expect(c.redisUrl).toBeUndefined();
  });
});
