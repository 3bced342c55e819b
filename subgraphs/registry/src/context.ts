/** The registry subgraph's per-request context: identity and scope, database, loaders. */
import type { Config, Drizzle, Logger } from "@cylinder/db";
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
}

function createLoaders(db: Drizzle) {
  return {
    cylinderByBarcode: createCylinderLoaders(db).byBarcode,
    unitById: createUnitLoader(db),
    registrationItems: createRegistrationItemLoader(db),
    spotCheckItems: createSpotCheckItemLoader(db),
    stateChanges: createStateChangeLoader(db),
    prefectureFigures: createPrefectureFiguresLoader(db),
  };
}

export interface RegistryContext extends BaseContext {
  readonly deps: RegistryDeps;
  readonly loaders: Readonly<ReturnType<typeof createLoaders>>;
}

export function createRegistryContext(deps: RegistryDeps, base: BaseContext): RegistryContext {
  return { ...base, deps, loaders: createLoaders(deps.db) };
}
