/** The prefecture subgraph's per-request context. */
import type { Config, Drizzle, Logger } from "@cylinder/db";
import type { BaseContext } from "@cylinder/subgraph-kit";
import { createPrefectureLoader } from "./prefecture/prefecture.loader";

export interface PrefectureDeps {
  readonly db: Drizzle;
  readonly config: Config;
  readonly log: Logger;
}

export interface PrefectureContext extends BaseContext {
  readonly deps: PrefectureDeps;
  readonly loaders: { readonly prefectureByCode: ReturnType<typeof createPrefectureLoader> };
}

export function createPrefectureContext(deps: PrefectureDeps, base: BaseContext): PrefectureContext {
  return { ...base, deps, loaders: { prefectureByCode: createPrefectureLoader(deps.db) } };
}
