/**
 * Test support: every test run gets its own PostgreSQL databases and Redis key prefix, so
 * runs (a developer's and CI's, or two workers) never collide. A run migrates one template
 * database once (see test/support/global-setup.ts); each test file clones it in ~100 ms.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase } from "./client";
import { migrate } from "./migrate";

/** A superuser connection to the local server (trust auth on this machine and in CI). */
export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Database names carry their creation time on the database server's clock, so a later run can
 * sweep what a killed run left behind. The server's clock, not this process's: a run under
 * faketime (tests move the process clock) must neither sweep another run's live databases as
 * "old" nor have its own swept.
 */
async function uniqueDatabaseName(sql: postgres.Sql, kind: "t" | "tpl"): Promise<string> {
  const [row] = await sql<{ s: string }[]>`select floor(extract(epoch from now()))::bigint::text as s`;
  return `cyl_${kind}_${row!.s}_${randomBytes(4).toString("hex")}`;
}

/** A Redis key prefix of its own for one test (keys are not swept by age). */
export function uniqueRedisPrefix(): string {
  return `cyl_r_${randomBytes(6).toString("hex")}`;
}

export function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates and migrates a template database; returns its name. */
export async function createTemplate(): Promise<string> {
  const name = await withAdmin(async (sql) => {
    const n = await uniqueDatabaseName(sql, "tpl");
    await sql.unsafe(`create database "${n}"`);
    return n;
  });
  const database = await openDatabase({ url: urlFor(name), max: 2 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}

/** Drops databases of earlier runs older than `hours` (runs killed before their teardown). */
export async function sweepStaleDatabases(hours = 6): Promise<void> {
  await withAdmin(async (sql) => {
    const rows = await sql<{ datname: string }[]>`
      select datname from pg_database
      where datname ~ '^cyl_(t|tpl)_[0-9]+_'
        and split_part(datname, '_', 3)::bigint < extract(epoch from now()) - ${hours * 3600}`;
    for (const { datname } of rows) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  });
}

export interface TestDatabase extends Database {
  readonly name: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated PostgreSQL database for one test file. Clones the run's template when the
 * global setup made one (CYL_TEST_TEMPLATE), else creates and migrates from scratch.
 */
export async function createTestDatabase(options: { migrate?: boolean; max?: number } = {}): Promise<TestDatabase> {
  const template = options.migrate === false ? undefined : process.env.CYL_TEST_TEMPLATE;
  const name = await withAdmin(async (sql) => {
    const n = await uniqueDatabaseName(sql, "t");
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(template ? `create database "${n}" template "${template}"` : `create database "${n}"`);
        return n;
      } catch (e) {
        // two clones of one template at the same instant can collide; try again shortly
        if (attempt >= 5 || !String((e as Error).message).includes("being accessed")) throw e;
        await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      }
    }
  });
  const database = await openDatabase({ url: urlFor(name), max: options.max ?? 5, applicationName: "cylinder-test" });
  if (!template && options.migrate !== false) await migrate(database);
  return {
    ...database,
    name,
    async drop() {
      await database.close();
      await dropDatabase(name);
    },
  };
}
