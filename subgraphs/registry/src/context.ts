/** The registry subgraph's per-request context: identity and scope, database, loaders. */
import type { Clock, Config, Drizzle, Logger } from "@cylinder/db";
import type { BaseContext } from "@cylinder/subgraph-kit";
import { createCylinderLoaders } from "./cylinder/cylinder.loader";
import { createStateChangeLoader } from "./cylinder/cylinder-state.resolver";
import { createPrefectureFiguresLoader } from "./prefecture/prefecture-figures";
import { createRegistrationItemLoader } from "./registration/registration.loader";
import { createSpotCheckItemLoader } from "./spot-check/spot-check.loader";
import { createUnitLoader } from "./unit/unit.loader";

export interface RegistryDeps {
  readonly db: Drizzle;
  readonly config: Config;
  readonly log: Logger;
  /** The platform's one clock (registration dates, ticket times, "today" for permissions). */
  readonly clock: Clock;
}

function createLoaders(db: Drizzle, clock: Clock) {
  return {
    cylinderByBarcode: createCylinderLoaders(db).byBarcode,
    unitById: createUnitLoader(db),
    registrationItems: createRegistrationItemLoader(db),
    spotCheckItems: createSpotCheckItemLoader(db),
    stateChanges: createStateChangeLoader(db),
    prefectureFigures: createPrefectureFiguresLoader(db, clock),
  };
}

export interface RegistryContext extends BaseContext {
  readonly deps: RegistryDeps;
  readonly loaders: Readonly<ReturnType<typeof createLoaders>>;
}

export function createRegistryContext(deps: RegistryDeps, base: BaseContext): RegistryContext {
  return { ...base, deps, loaders: createLoaders(deps.db, deps.clock) };
}
