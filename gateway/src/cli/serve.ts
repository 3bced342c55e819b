/**
 * The gateway as its own process (production): loads the committed supergraph, routes to the
 * subgraph URLs from config, serves /graphql and graphql-ws subscriptions fed by Redis, and
 * the pages (home, scan page, labels, GraphQL IDE).
 */
import { createAlarmBus, createLogger, loadConfig, runService, startupCalendar, systemClock } from "@cylinder/db";
import { registerPages } from "../pages/index";
import { createGateway } from "../server";
import { readSupergraphFile } from "../supergraph";

const log = createLogger("gateway");
await runService(log, async () => {
  const config = loadConfig();
  const alarmBus = createAlarmBus(config.redisUrl, config.redisPrefix);
  if (alarmBus.kind === "memory")
    log.warn("REDIS_URL is not set: subscribers see only alarms raised through this process");
  const gateway = await createGateway({
    config,
    log,
    supergraphSdl: await readSupergraphFile(),
    subgraphUrls: config.subgraphUrls,
    alarmBus,
    clock: systemClock,
    calendar: startupCalendar(config, systemClock, log),
  });
  let url = "";
  await registerPages(gateway, { config, clock: systemClock, log: log.child({ part: "pages" }), selfUrl: () => url });
  url = await gateway.listen();
  return [{ stop: () => alarmBus.close() }, gateway];
});
