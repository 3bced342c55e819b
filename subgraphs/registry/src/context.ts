/** The registry subgraph's per-request context: identity and scope, database, loaders. */
import type { Config, Drizzle, Logger } from "@cylinder/db";
import type { BaseContext } from "@cylinder/subgraph-kit";
import { createCylinderLoaders } from "./cylinder/cylinder.loader";
import { createUnitLoader } from "./unit/unit.loader";

export interface RegistryDeps {
  readonly db: Drizzle;
  readonly config: Config;
  readonly log: Logger;
}

export interface RegistryContext extends BaseContext {
  readonly deps: RegistryDeps;
  readonly loaders: {
    readonly cylinderByBarcode: ReturnType<typeof createCylinderLoaders>["byBarcode"];
    readonly unitById: ReturnType<typeof createUnitLoader>;
  };
}

export function createRegistryContext(deps: RegistryDeps, base: BaseContext): RegistryContext {
  return {
    ...base,
    deps,
    loaders: { cylinderByBarcode: createCylinderLoaders(deps.db).byBarcode, unitById: createUnitLoader(deps.db) },
  };
}
