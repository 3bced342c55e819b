/** The trace subgraph's dependencies and per-request context (identity, scope, loaders). */
import type { AlarmBus, Config, Drizzle, Logger } from "@cylinder/db";
import type { BaseContext } from "@cylinder/subgraph-kit";
import { createCylinderLoaders } from "./cylinder/cylinder.loaders";
import { createOrderLoaders } from "./inspection/order.loaders";
import { createPermitLoader } from "./permit/permit.loader";
import { createPrefectureLoaders } from "./prefecture/prefecture.loaders";

export interface TraceDeps {
  readonly db: Drizzle;
  readonly config: Config;
  readonly log: Logger;
  /** Where raised alarms are published after their transaction commits. */
  readonly alarmBus: AlarmBus;
  /** The clock (receipt times, permit decisions, lateness); tests may fix it. Default: now. */
  readonly now?: () => Date;
}

/** TraceDeps with the defaults filled in. */
export interface TraceRuntime extends TraceDeps {
  readonly now: () => Date;
}

export function traceRuntime(deps: TraceDeps): TraceRuntime {
  return { ...deps, now: deps.now ?? (() => new Date()) };
}

export interface TraceContext extends BaseContext {
  readonly deps: TraceRuntime;
  readonly loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(deps: TraceRuntime, base: BaseContext) {
  return {
    cylinder: createCylinderLoaders(deps.db, base.scope),
    orders: createOrderLoaders(deps.db),
    permits: createPermitLoader(deps, base.scope),
    prefecture: createPrefectureLoaders(deps),
  };
}

export function createTraceContext(deps: TraceRuntime, base: BaseContext): TraceContext {
  return { ...base, deps, loaders: createLoaders(deps, base) };
}
