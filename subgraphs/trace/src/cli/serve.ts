/** The trace subgraph as its own process (production): `tsx subgraphs/trace/src/cli/serve.ts`. */
import {
  createAlarmBus,
  createLogger,
  loadConfig,
  openDatabase,
  repeat,
  runService,
  startupCalendar,
  systemClock,
} from "@cylinder/db";
import { runCalendarJob, startTrace } from "../index";

const log = createLogger("trace");
await runService(log, async () => {
  const config = loadConfig();
  const calendar = startupCalendar(config, systemClock, log);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, applicationName: "trace" });
  const deps = {
    db: database.db,
    config,
    log,
    alarmBus: createAlarmBus(config.redisUrl, config.redisPrefix),
    clock: systemClock,
    calendar,
  };
  const server = await startTrace(deps, { host: config.host, port: config.ports.trace });
  // the holiday-notice warning and re-assessing undetermined results: now, then on schedule
  const calendarJob = repeat(log, "calendar", config.calendar.jobSeconds * 1000, () => runCalendarJob(deps));
  void calendarJob.runNow();
  return [{ stop: () => database.close() }, server, calendarJob];
});
