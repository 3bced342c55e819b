/**
 * Two real platforms for the sync tests: a self-built prefecture platform (Kunming, the test
 * world, prefecture mode) and the province (its own database, holding only the 16 prefectures
 * and its operator, so everything else it holds came through the sync). Plus reading a whole
 * /PS/* list the way a puller does, and the workers as a child process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import {
  createLogger,
  hashPassword,
  loadConfig,
  ManualClock,
  newSm4Key,
  PREFECTURES,
  sealSm4,
  systemClock,
} from "@cylinder/db";
import { account, prefecture, unit } from "@cylinder/db/schema";
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase, uniqueRedisPrefix } from "@cylinder/db/testing";
import { type Platform, startPlatform } from "@cylinder/infra/platform";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { PASSWORD } from "../support/world";

export const KM = "530100";
/** Credit codes the Kunming world's units carry on the prefecture platform. */
export const CREDIT = {
  kmFilling: "91530100MA6K0001XY",
  qjFilling: "91530300MA6K0002XY",
  carStation: "91530100MA6K0003XY",
  station: "12530100MB0000401A",
  manufacturer: "91320000MA1X00005B",
};

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** The Kunming platform in prefecture mode on a fixed port (so it can be stopped and restarted). */
export async function startKunming(): Promise<
  TestPlatform & { port: number; down(): Promise<void>; restart(): Promise<void> }
> {
  const port = await freePort();
  const t = await startTestPlatform({ PLATFORM_MODE: "prefecture", PLATFORM_PREFECTURE: KM, PORT: String(port) });
  const u = t.world.units;
  for (const [key, code] of Object.entries(CREDIT)) {
    await t.database.sql`update registry.unit set credit_code = ${code} where id = ${u[key as keyof typeof u]}`;
  }
  let running = true;
  const self = Object.assign(t, {
    port,
    /** Stops the platform's servers (the database stays) — the prefecture is "down". */
    async down() {
      running = false;
      await self.platform.stop();
    },
    async stop() {
      if (running) await self.platform.stop();
      running = false;
      await self.database.drop();
    },
    async restart() {
      running = true;
      (self as { platform: Platform }).platform = await startPlatform(
        self.config,
        self.database,
        createLogger("test", process.env.TEST_LOG_LEVEL ?? "silent"),
        self.clock,
      );
    },
  });
  return self;
}

export interface Province {
  database: TestDatabase;
  platform: Platform | null;
  /** The province platform's clock (starts at the real time and runs on, like a test platform's). */
  clock: ManualClock;
  config: ReturnType<typeof loadConfig>;
  env: Record<string, string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  stop(): Promise<void>;
}

/** The province: its own database with the prefectures and an operator; `withPlatform` also
 * serves it (and, with REDIS_URL in env, runs the sync workers in-process). */
export async function startProvince(env: Record<string, string>, withPlatform = true): Promise<Province> {
  const database = await createTestDatabase({ max: 10 });
  const fullEnv = {
    DATABASE_URL: database.url,
    PORT: "0",
    REGISTRY_PORT: "0",
    TRACE_PORT: "0",
    PREFECTURE_PORT: "0",
    LOG_LEVEL: "silent",
    PLATFORM_MODE: "province",
    ...env,
  };
  const config = loadConfig(fullEnv);
  await database.db.insert(prefecture).values(PREFECTURES.map((p) => ({ code: p.code, name: p.name, mode: p.mode })));
  const [authority] = await database.db
    .insert(unit)
    .values({ kind: "authority", name: "云南省市场监督管理局", prefectureCode: "530000", authorityLevel: "province" })
    .returning({ id: unit.id });
  const passwordHash = await hashPassword(PASSWORD);
  await database.db.insert(account).values(
    (["operator", "province"] as const).map((username) => ({
      username,
      role: username === "operator" ? ("operator" as const) : ("province_regulator" as const),
      unitId: authority!.id,
      passwordHash,
      sm4KeyEnc: sealSm4(newSm4Key(), config.dataKey),
    })),
  );
  const clock = new ManualClock(systemClock.now());
  const platform = withPlatform
    ? await startPlatform(config, database, createLogger("province", process.env.TEST_LOG_LEVEL ?? "silent"), clock)
    : null;
  let ticket: string | null = null;
  const gql: Province["gql"] = async (query, variables) => {
    if (!platform) throw new Error("the province platform is not served");
    const post = async (body: unknown, auth?: string) =>
      (
        await fetch(`${platform.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
          body: JSON.stringify(body),
        })
      ).json() as never;
    if (!ticket) {
      const r = (await post({
        query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { ticket } }`,
        variables: { u: "operator", p: PASSWORD },
      })) as { data: { login: { ticket: string } } };
      ticket = r.data.login.ticket;
    }
    return post({ query, variables }, ticket);
  };
  return {
    database,
    platform,
    clock,
    config,
    env: fullEnv,
    gql,
    async stop() {
      await platform?.stop();
      await database.drop();
    },
  };
}

/** Redis settings of one test: its own key prefix. */
export function redisEnv(): Record<string, string> {
  return { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix() };
}

/** Registers the Kunming platform as a source of the province, straight in its database. */
export async function addSource(province: Province, baseUrl: string, intervalSeconds = 1): Promise<number> {
  const { saveSource } = await import("@cylinder/sync");
  const s = await saveSource(
    province.database.sql,
    { prefectureCode: KM, baseUrl, username: "platform", password: PASSWORD, intervalSeconds },
    province.config.dataKey,
  );
  return s.id;
}

/** A whole list as a puller reads it (login, then page until no X-PS-Cursor). */
export async function readList(baseUrl: string, username: string, path: string): Promise<Record<string, unknown>[]> {
  const login = await fetch(`${baseUrl}/PS/Account/Login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ Username: username, Password: PASSWORD }),
  });
  const ticket = ((await login.json()) as { Value: { Ticket: string } }).Value.Ticket;
  const out: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  for (;;) {
    const u = new URL(path, baseUrl);
    u.searchParams.set("ticket", ticket);
    u.searchParams.set("pagesize", "10000");
    if (cursor) u.searchParams.set("cursor", cursor);
    const res = await fetch(u);
    const body = (await res.json()) as Record<string, unknown>[];
    if (!Array.isArray(body)) throw new Error(`${path}: ${JSON.stringify(body)}`);
    out.push(...body);
    cursor = res.headers.get("x-ps-cursor");
    if (!cursor) return out;
  }
}

/** The sync workers as their own process (`npm run workers`), for SIGKILL and restart. */
export function spawnWorkers(env: Record<string, string>): ChildProcess {
  const root = resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, ["--import", "tsx", resolve(root, "adapters/sync/src/cli/workers.ts")], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.resume();
  child.stderr?.on("data", (d: Buffer) => {
    if (process.env.TEST_LOG_LEVEL) process.stderr.write(d);
  });
  return child;
}

/** Polls `check` until it returns a value (not undefined/false) or `timeoutMs` passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  what = "condition",
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
