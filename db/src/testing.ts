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

/** Names carry their creation time so a later run can sweep what a killed run left behind. */
export function uniqueName(kind: "t" | "tpl" | "r"): string {
  return `cyl_${kind}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
}

/** A Redis key prefix of its own for one test. */
export function uniqueRedisPrefix(): string {
  return uniqueName("r");
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
  const name = uniqueName("tpl");
  await withAdmin((sql) => sql.unsafe(`create database "${name}"`));
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
  const cutoff = Math.floor(Date.now() / 1000) - hours * 3600;
  await withAdmin(async (sql) => {
    const rows = await sql<
      { datname: string }[]
    >`select datname from pg_database where datname ~ '^cyl_(t|tpl)_[0-9]+_'`;
    for (const { datname } of rows) {
      const ts = Number(datname.split("_")[2]);
      if (ts < cutoff) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
    }
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
  const name = uniqueName("t");
  const template = options.migrate === false ? undefined : process.env.CYL_TEST_TEMPLATE;
  await withAdmin(async (sql) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
        return;
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
