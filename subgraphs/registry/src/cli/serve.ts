/** The registry subgraph as its own process (production): `tsx subgraphs/registry/src/cli/serve.ts`. */
import { createLogger, loadConfig, openDatabase, runService, systemClock } from "@cylinder/db";
import { startRegistry } from "../index";

const log = createLogger("registry");
await runService(log, async () => {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: "registry",
  });
  const server = await startRegistry(
    { db: database.db, config, log, clock: systemClock },
    { host: config.host, port: config.ports.registry },
  );
  return [{ stop: () => database.close() }, server];
});
