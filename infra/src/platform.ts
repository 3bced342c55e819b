/**
 * The whole platform in one process: the three subgraphs on their ports, the gateway composed
 * live from them with the /PS/* REST adapter on its port, on one database connection pool. `npm start` runs this; so do the
 * cross-package tests (on ports chosen by the OS). In production each part runs as its own
 * process (see infra/deploy).
 */
import {
  type AlarmBus,
  type Clock,
  type Config,
  createAlarmBus,
  createLogger,
  type Database,
  type Logger,
  repeat,
  startupCalendar,
  systemClock,
  type WorkingCalendar,
} from "@cylinder/db";
import { composeSupergraph, createGateway, type Gateway, type Pages, registerPages } from "@cylinder/gateway";
import { startPrefecture } from "@cylinder/prefecture";
import { inProcessGatewayClient, registerPsRest } from "@cylinder/ps-rest";
import { startRegistry } from "@cylinder/registry";
import type { SubgraphServer } from "@cylinder/subgraph-kit";
import {
  ledgerCheckpointInterval,
  relayInspectionResults,
  runLedgerCheckpoint,
  type SyncWorkers,
  startSyncWorkers,
  syncControl,
} from "@cylinder/sync";
import { runCalendarJob, startTrace, type TraceDeps } from "@cylinder/trace";

export interface Platform {
  readonly gateway: Gateway;
  readonly subgraphs: readonly (SubgraphServer & { sdl: string })[];
  /** The gateway's base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  readonly alarmBus: AlarmBus;
  /** The home page, scan page, labels and GraphQL IDE (gateway/src/pages). */
  readonly pages: Pages;
  /** The prefecture sync's workers, in province mode with Redis (null otherwise). */
  readonly sync: SyncWorkers | null;
  /** Runs the in-process scheduled jobs once now (tests; an operator's "do it now"). */
  runJobsNow(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPlatform(
  config: Config,
  database: Database,
  log: Logger = createLogger("platform"),
  clock: Clock = systemClock,
  calendar: WorkingCalendar = startupCalendar(config, clock, log),
): Promise<Platform> {
  const alarmBus = createAlarmBus(config.redisUrl, config.redisPrefix);
  if (alarmBus.kind === "memory") {
    log.warn("REDIS_URL is not set: live alarms reach only this process's subscribers, and the sync workers are off");
  }
  const deps = { db: database.db, config, clock };
  // province mode with Redis: pull the self-built prefecture platforms in this process
  // (the `workers` entry point runs the same workers apart, in production)
  let sync: SyncWorkers | null = null;
  if (config.platform.mode === "province" && config.redisUrl) {
    sync = await startSyncWorkers({ sql: database.sql, config, log: log.child({ part: "sync" }), alarmBus, clock });
  } else if (config.platform.mode === "prefecture") {
    log.info({ prefecture: config.platform.prefectureCode }, "prefecture platform: serving one prefecture, no pulls");
  }
  const syncDeps = sync ? syncControl(sync.queue, database.sql, config) : undefined;
  const listen = (port: number) => ({ host: config.host, port });
  const traceDeps: TraceDeps = { ...deps, alarmBus, calendar, log: log.child({ subgraph: "trace" }) };
  const [registry, trace, prefecture] = await Promise.all([
    startRegistry({ ...deps, log: log.child({ subgraph: "registry" }) }, listen(config.ports.registry)),
    startTrace(traceDeps, listen(config.ports.trace)),
    startPrefecture(
      { ...deps, sync: syncDeps, log: log.child({ subgraph: "prefecture" }) },
      listen(config.ports.prefecture),
    ),
  ]);
  const subgraphUrls = { registry: registry.url, trace: trace.url, prefecture: prefecture.url };
  // live composition from the subgraphs this process runs (production loads the static file)
  const supergraphSdl = composeSupergraph([
    { name: "registry", url: registry.url, sdl: registry.sdl },
    { name: "trace", url: trace.url, sdl: trace.sdl },
    { name: "prefecture", url: prefecture.url, sdl: prefecture.sdl },
  ]);
  const gateway = await createGateway({
    config,
    log: log.child({ part: "gateway" }),
    supergraphSdl,
    subgraphUrls,
    alarmBus,
    clock,
    calendar,
  });
  // /PS/* on the gateway's port, executing operations in-process (no HTTP hop)
  await registerPsRest(gateway.app, { gateway: inProcessGatewayClient(gateway), log: log.child({ part: "ps-rest" }) });
  let url = "";
  const pages = await registerPages(gateway, { config, clock, log: log.child({ part: "pages" }), selfUrl: () => url });
  url = await gateway.listen();
  // scheduled jobs in-process (the workers process runs them in BullMQ when deployed apart)
  const jobs = [
    repeat(log, "inspection-results", 2000, () => relayInspectionResults(database.db, gateway.execute)),
    // sequence the ledger's new leaves and sign a tree head (LEDGER_CHECKPOINT_SECONDS)
    repeat(log, "ledger-checkpoint", ledgerCheckpointInterval(config), () =>
      runLedgerCheckpoint(database.sql, config, clock, log),
    ),
    // the holiday-notice warning and re-assessing undetermined inspection results (the
    // process entry runs it at start too, so a notice added with a restart counts at once)
    repeat(log, "calendar", config.calendar.jobSeconds * 1000, () => runCalendarJob(traceDeps)),
  ];
  return {
    gateway,
    subgraphs: [registry, trace, prefecture],
    url,
    alarmBus,
    pages,
    sync,
    async runJobsNow() {
      await Promise.all(jobs.map((j) => j.runNow()));
    },
    async stop() {
      await Promise.all(jobs.map((j) => j.stop()));
      await sync?.stop();
      await gateway.stop();
      await Promise.all([registry.stop(), trace.stop(), prefecture.stop()]);
      await alarmBus.close();
    },
  };
}
