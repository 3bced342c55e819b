/** The trace subgraph as its own process (production): `tsx subgraphs/trace/src/cli/serve.ts`. */
import { createAlarmBus, createLogger, loadConfig, openDatabase, runService, systemClock } from "@cylinder/db";
import { startTrace } from "../index";

const log = createLogger("trace");
await runService(log, async () => {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, applicationName: "trace" });
  const server = await startTrace(
    { db: database.db, config, log, alarmBus: createAlarmBus(config.redisUrl, config.redisPrefix), clock: systemClock },
    { host: config.host, port: config.ports.trace },
  );
  return [{ stop: () => database.close() }, server];
});
