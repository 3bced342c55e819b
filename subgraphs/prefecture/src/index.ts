/**
 * @cylinder/prefecture: the prefecture subgraph (schema `prefecture`): the 16 prefectures,
 * their platform mode, the sync state of self-built platforms, and per-prefecture figures
 * (each figure is resolved by the subgraph that owns its data).
 */
import { buildFederatedSchema, type FederatedSchema, type SubgraphServer, serveSubgraph } from "@cylinder/subgraph-kit";
import { createPrefectureContext, type PrefectureContext, type PrefectureDeps, type SyncControl } from "./context";
import {
  PrefectureCylinderResolver,
  PrefectureResolver,
  resolvePrefectureReference,
} from "./prefecture/prefecture.resolver";
import { PrefectureCylinder } from "./prefecture/prefecture.type";
import { PrefectureSyncResolver } from "./sync/sync.resolver";

export type { PrefectureContext, PrefectureDeps, SyncControl };

export function buildPrefectureSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [PrefectureResolver, PrefectureCylinderResolver, PrefectureSyncResolver],
      orphanedTypes: [PrefectureCylinder],
    },
    {
      Prefecture: {
        __resolveReference: (ref: { code: string }, ctx: PrefectureContext) => resolvePrefectureReference(ref, ctx),
      },
      // the gateway sends barcode and the required prefectureCode; nothing to load
      Cylinder: { __resolveReference: (ref: { barcode: string; prefectureCode: string }) => ref },
    } as never,
  );
}

export async function startPrefecture(
  deps: PrefectureDeps,
  listen: { host: string; port: number },
): Promise<SubgraphServer & { sdl: string }> {
  const { schema, sdl } = await buildPrefectureSchema();
  const server = await serveSubgraph({
    name: "prefecture",
    schema,
    ...listen,
    gatewaySecret: deps.config.gatewaySecret,
    clock: deps.clock,
    log: deps.log,
    context: (base) => createPrefectureContext(deps, base),
  });
  return { ...server, sdl };
}
