/** The prefecture subgraph's per-request context. */
import type { Clock, Config, Drizzle, Logger } from "@cylinder/db";
import type { BaseContext } from "@cylinder/subgraph-kit";
import { createPrefectureLoader } from "./prefecture/prefecture.loader";
import { createSyncStatesLoader } from "./sync/sync.loader";

/** What the operator actions need of the sync queue (absent without REDIS_URL). */
export interface SyncControl {
  /** Enqueues a pull of the source's lists (all when `lists` is omitted) now. */
  pullNow(sourceId: number, lists?: readonly string[]): Promise<void>;
  /** The sources table changed: match the job schedulers to it. */
  sourcesChanged(): Promise<void>;
}

export interface PrefectureDeps {
  readonly db: Drizzle;
  readonly config: Config;
  readonly log: Logger;
  readonly sync?: SyncControl | undefined;
  /** The platform's one clock. */
  readonly clock: Clock;
}

export interface PrefectureContext extends BaseContext {
  readonly deps: PrefectureDeps;
  readonly loaders: {
    readonly prefectureByCode: ReturnType<typeof createPrefectureLoader>;
    readonly syncStatesByPrefecture: ReturnType<typeof createSyncStatesLoader>;
  };
}

export function createPrefectureContext(deps: PrefectureDeps, base: BaseContext): PrefectureContext {
  return {
    ...base,
    deps,
    loaders: {
      prefectureByCode: createPrefectureLoader(deps.db),
      syncStatesByPrefecture: createSyncStatesLoader(deps.db),
    },
  };
}
