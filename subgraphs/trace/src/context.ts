/** The trace subgraph's dependencies and per-request context (identity, scope, loaders). */
import type { AlarmBus, Clock, Config, Drizzle, Logger, WorkingCalendar } from "@cylinder/db";
import type { BaseContext } from "@cylinder/subgraph-kit";
import { createCylinderLoaders } from "./cylinder/cylinder.loaders";
import { createOrderLoaders } from "./inspection/order.loaders";
import { createPermitLoader } from "./permit/permit.loader";
import { createPrefectureLoaders } from "./prefecture/prefecture.loaders";
import { createPublicPermitLoader } from "./public/public-permit.loader";

export interface TraceDeps {
  readonly db: Drizzle;
  readonly config: Config;
  readonly log: Logger;
  /** Where raised alarms are published after their transaction commits. */
  readonly alarmBus: AlarmBus;
  /** The platform's one clock (receipt times, permit decisions, lateness); tests move it. */
  readonly clock: Clock;
  /** The working-day calendar (library data and the holiday notices loaded at start). */
  readonly calendar: WorkingCalendar;
}

export interface TraceContext extends BaseContext {
  readonly deps: TraceDeps;
  readonly loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(deps: TraceDeps, base: BaseContext) {
  return {
    cylinder: createCylinderLoaders(deps.db, base.scope),
    orders: createOrderLoaders(deps.db),
    permits: createPermitLoader(deps, base.scope),
    prefecture: createPrefectureLoaders(deps),
    publicPermits: createPublicPermitLoader(deps),
  };
}

export function createTraceContext(deps: TraceDeps, base: BaseContext): TraceContext {
  return { ...base, deps, loaders: createLoaders(deps, base) };
}
