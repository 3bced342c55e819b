/** The prefecture subgraph as its own process (production): `tsx subgraphs/prefecture/src/cli/serve.ts`. */
import { createLogger, loadConfig, openDatabase, runService, systemClock } from "@cylinder/db";
import { startPrefecture } from "../index";

const log = createLogger("prefecture");
await runService(log, async () => {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: "prefecture",
  });
  const server = await startPrefecture(
    { db: database.db, config, log, clock: systemClock },
    { host: config.host, port: config.ports.prefecture },
  );
  return [{ stop: () => database.close() }, server];
});
