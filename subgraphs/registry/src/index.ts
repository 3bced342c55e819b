/**
 * @cylinder/registry: the province registry subgraph (schema `registry`): units and accounts,
 * cylinders (generic and car), use registration, spot checks, car code ranges and fill
 * permissions, and the registry's per-prefecture figures.
 */
import type { Logger } from "@cylinder/db";
import { buildFederatedSchema, type FederatedSchema, type SubgraphServer, serveSubgraph } from "@cylinder/subgraph-kit";
import { AccountResolver } from "./account/account.resolver";
import { AccountAdminResolver } from "./account/account-admin.resolver";
import { CarCodeResolver } from "./car-code/car-code.resolver";
import { CarCodeLabelsResolver } from "./car-code/car-code-labels.resolver";
import { createRegistryContext, type RegistryContext, type RegistryDeps } from "./context";
import { CylinderResolver, resolveCylinderReference } from "./cylinder/cylinder.resolver";
import { CylinderChangesResolver } from "./cylinder/cylinder-changes.resolver";
import { CylinderRegistrationResolver } from "./cylinder/cylinder-registration.resolver";
import { CylinderStateResolver } from "./cylinder/cylinder-state.resolver";
import { PublicRegistrationResolver } from "./cylinder/public-registration.resolver";
import { InspectionsDueResolver } from "./figures/inspections-due.resolver";
import { ImageResolver } from "./image/image.resolver";
import { ImageViewResolver } from "./image/image-view.resolver";
import { FillPermissionResolver } from "./permission/fill-permission.resolver";
import { PrefectureFiguresResolver, RegistryPrefecture } from "./prefecture/prefecture-figures";
import { RegistrationResolver } from "./registration/registration.resolver";
import { SpotCheckResolver } from "./spot-check/spot-check.resolver";
import { resolveUnitReference, UnitResolver } from "./unit/unit.resolver";

export type { RegistryContext, RegistryDeps };

export function buildRegistrySchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        CylinderResolver,
        CylinderChangesResolver,
        CylinderStateResolver,
        UnitResolver,
        AccountResolver,
        RegistrationResolver,
        SpotCheckResolver,
        ImageResolver,
        CarCodeResolver,
        FillPermissionResolver,
        PrefectureFiguresResolver,
        PublicRegistrationResolver,
        ImageViewResolver,
        CylinderRegistrationResolver,
        InspectionsDueResolver,
        AccountAdminResolver,
        CarCodeLabelsResolver,
      ],
      orphanedTypes: [RegistryPrefecture],
    },
    {
      Cylinder: {
        __resolveReference: (ref: { barcode: string }, ctx: RegistryContext) => resolveCylinderReference(ref, ctx),
      },
      Unit: { __resolveReference: (ref: { id: number }, ctx: RegistryContext) => resolveUnitReference(ref, ctx) },
      // the figures are resolved from the key alone
      Prefecture: { __resolveReference: (ref: { code: string }) => ({ code: ref.code }) },
    } as never,
  );
}

export async function startRegistry(
  deps: RegistryDeps & { log: Logger },
  listen: { host: string; port: number },
): Promise<SubgraphServer & { sdl: string }> {
  const { schema, sdl } = await buildRegistrySchema();
  const server = await serveSubgraph({
    name: "registry",
    schema,
    ...listen,
    gatewaySecret: deps.config.gatewaySecret,
    clock: deps.clock,
    log: deps.log,
    context: (base) => createRegistryContext(deps, base),
  });
  return { ...server, sdl };
}
