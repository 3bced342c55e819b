/**
 * Liveness and readiness of the gateway process: `GET /healthz` answers while the process
 * runs; `GET /readyz` says whether it can serve (its composed schema is loaded) and what an
 * operator must know, such as a missing holiday notice (200 with a warning: the platform
 * still serves, but inspection lateness will be undetermined from 24 December).
 */
import { type Clock, calendarOutlook, chinaToday, type WorkingCalendar } from "@cylinder/db";
import type { FastifyInstance } from "fastify";

export interface HealthOptions {
  clock: Clock;
  calendar: WorkingCalendar;
  /** True once the gateway has composed its schema. */
  schemaLoaded(): boolean;
}

export function registerHealth(app: FastifyInstance, options: HealthOptions): void {
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const outlook = calendarOutlook(options.calendar, chinaToday(options.clock));
    const ready = options.schemaLoaded();
    reply.code(ready ? 200 : 503);
    return {
      status: ready ? "ready" : "starting",
      schema: ready,
      calendar: {
        firstYear: outlook.firstYear,
        lastYear: outlook.lastYear,
        neededYear: outlook.neededYear,
        neededYearKnown: outlook.neededYearKnown,
        warning: outlook.warning,
      },
      warnings: outlook.warning ? [outlook.warning] : [],
    };
  });
}
