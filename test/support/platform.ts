/**
 * Starts the whole platform for a test file: a fresh PostgreSQL database, the three subgraphs
 * and the gateway on ports the OS picks, real HTTP. `gql()` posts to the gateway as a client.
 */
import { createLogger, loadConfig, ManualClock, systemClock } from "@cylinder/db";
import { createTestDatabase, type TestDatabase } from "@cylinder/db/testing";
import { type Platform, startPlatform } from "@cylinder/infra/platform";
import { PASSWORD, seedWorld, type World } from "./world";

export interface TestPlatform {
  database: TestDatabase;
  platform: Platform;
  world: World;
  config: ReturnType<typeof loadConfig>;
  /** The platform's clock: starts at the real time (or `options.now`) and runs on; a test
   * sets or advances it to move "now" for the whole platform. */
  clock: ManualClock;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    ticket?: string,
  ): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestPlatform(
  env: Record<string, string> = {},
  options: { now?: Date | string } = {},
): Promise<TestPlatform> {
  const clock = new ManualClock(options.now ?? systemClock.now());
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: "0",
    REGISTRY_PORT: "0",
    TRACE_PORT: "0",
    PREFECTURE_PORT: "0",
    LOG_LEVEL: "silent",
    ...env,
  });
  const world = await seedWorld(database, config, clock);
  // TEST_LOG_LEVEL=debug shows what the platform logs while a test runs
  const platform = await startPlatform(
    config,
    database,
    createLogger("test", process.env.TEST_LOG_LEVEL ?? "silent"),
    clock,
  );
  const gql: TestPlatform["gql"] = async (query, variables, ticket) => {
    const res = await fetch(`${platform.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(ticket ? { authorization: `Bearer ${ticket}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as never;
  };
  return {
    database,
    platform,
    world,
    config,
    clock,
    gql,
    async login(username) {
      const r = await gql<{ login: { ticket: string } }>(
        `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { ticket } }`,
        { u: username, p: PASSWORD },
      );
      if (!r.data) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.ticket;
    },
    async stop() {
      await platform.stop();
      await database.drop();
    },
  };
}
