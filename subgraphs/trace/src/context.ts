/** The trace subgraph's per-request context. */
import type { AlarmBus, Config, Drizzle, Logger } from "@cylinder/db";
import type { BaseContext } from "@cylinder/subgraph-kit";
import { createFillLoaders } from "./fill/fill.loader";

export interface TraceDeps {
  readonly db: Drizzle;
  readonly config: Config;
  readonly log: Logger;
  /** Where raised alarms are published after their transaction commits. */
  readonly alarmBus: AlarmBus;
}

export interface TraceContext extends BaseContext {
  readonly deps: TraceDeps;
  readonly loaders: { readonly fills: ReturnType<typeof createFillLoaders> };
}

export function createTraceContext(deps: TraceDeps, base: BaseContext): TraceContext {
  return { ...base, deps, loaders: { fills: createFillLoaders(deps.db) } };
}
