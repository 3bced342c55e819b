/**
 * `npm start`: the whole platform in one process. Migrates the database (embedded PGlite
 * unless DATABASE_URL is set), loads demo data into an empty database, and prints what is
 * there and where to reach it.
 */
import { createLogger, loadConfig, migrate, openDatabase } from "@cylinder/db";

const log = createLogger("start");

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, applicationName: "start" });
  await migrate(database);
  const [counts] = await database.sql<{ cylinders: number; units: number; fills: number }[]>`
    select (select count(*) from registry.cylinder)::int as cylinders,
           (select count(*) from registry.unit)::int as units,
           (select count(*) from trace.fill_record)::int as fills`;
  const where = database.engine === "pglite" ? `embedded PGlite in ${config.dataDir}` : "PostgreSQL";
  console.log(`\n云南省气瓶质量安全追溯平台 — database ready (${where})`);
  console.log(`  units ${counts!.units}, cylinders ${counts!.cylinders}, fill records ${counts!.fills}\n`);
  await database.close();
}

main().catch((e: unknown) => {
  log.fatal({ err: e }, "start failed");
  process.exit(1);
});
