/** `npm run migrate`: applies the committed migrations to DATABASE_URL (or the embedded database). */
import { createLogger, loadConfig, migrate, openDatabase } from "@cylinder/db";

const log = createLogger("migrate");
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, applicationName: "migrate" });
try {
  await migrate(database);
  log.info({ engine: database.engine }, "migrations applied");
} finally {
  await database.close();
}
