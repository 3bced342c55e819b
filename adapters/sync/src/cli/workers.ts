/**
 * The workers as their own process (production, or beside `npm start` for more pull capacity):
 * `npm run workers` (tsx adapters/sync/src/cli/workers.ts). Needs DATABASE_URL and REDIS_URL;
 * runs the prefecture pulls of every configured source. SIGTERM/SIGINT finish the page each
 * pull is on, give the leases back and exit; several such processes share the work.
 */
import { createAlarmBus, createLogger, loadConfig, openDatabase, runService, systemClock } from "@cylinder/db";
import { startSyncWorkers } from "../workers";

const log = createLogger("workers");
await runService(log, async () => {
  const config = loadConfig();
  if (!config.redisUrl) throw new Error("REDIS_URL is not set: the workers need Redis");
  if (config.platform.mode !== "province") throw new Error("the sync workers run on the province platform only");
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: "workers",
    max: config.sync.concurrency + 2,
  });
  const alarmBus = createAlarmBus(config.redisUrl, config.redisPrefix);
  const workers = await startSyncWorkers({ sql: database.sql, config, log, alarmBus, clock: systemClock });
  log.info({ concurrency: config.sync.concurrency }, "sync workers running");
  return [{ stop: () => database.close() }, { stop: () => alarmBus.close() }, workers];
});
