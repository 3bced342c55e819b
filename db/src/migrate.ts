/**
 * The one migrate step: applies the committed drizzle-kit migrations (db/migrations) to the
 * database behind a client, real PostgreSQL or embedded PGlite alike. Safe to run from
 * several processes at once (an advisory lock serialises them) and idempotent.
 */
import { fileURLToPath } from "node:url";
import { migrate as drizzleMigrate } from "drizzle-orm/postgres-js/migrator";
import type { Database } from "./client";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../migrations", import.meta.url));

/** Any fixed 64-bit number, shared by every process that migrates this platform's database. */
const MIGRATION_LOCK = 530_000_2021;

export async function migrate(database: Database): Promise<void> {
  if (database.engine === "pglite") {
    // one process owns an embedded database, and it has a single connection: nothing to order
    await drizzleMigrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema: "public" });
    return;
  }
  // drizzle's migrator records what it applied, so a second process that gets the lock after
  // the first finished applies nothing.
  const reserved = await database.sql.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await drizzleMigrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema: "public" });
    } finally {
      await reserved`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    reserved.release();
  }
}
