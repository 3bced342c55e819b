/**
 * @cylinder/trace: the trace subgraph (schema `trace`): before/after-fill checks, fill records,
 * inspection orders and results, reconciliation, alarms, and the fill-permit decision.
 */
import type { Logger } from "@cylinder/db";
import { buildFederatedSchema, type FederatedSchema, type SubgraphServer, serveSubgraph } from "@cylinder/subgraph-kit";
import { createTraceContext, type TraceContext, type TraceDeps } from "./context";
import { TraceCylinderResolver } from "./cylinder/trace-cylinder.resolver";
import { TraceCylinder } from "./cylinder/trace-cylinder.type";

export * from "./alarms/rules";
export * from "./permit/decide";
export * from "./permit/types";
export type { TraceContext, TraceDeps };

export function buildTraceSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({ resolvers: [TraceCylinderResolver], orphanedTypes: [TraceCylinder] }, {
    Cylinder: { __resolveReference: (ref: { barcode: string }) => ({ barcode: ref.barcode }) },
  } as never);
}

export async function startTrace(
  deps: TraceDeps & { log: Logger },
  listen: { host: string; port: number },
): Promise<SubgraphServer & { sdl: string }> {
  const { schema, sdl } = await buildTraceSchema();
  const server = await serveSubgraph({
    name: "trace",
    schema,
    ...listen,
    gatewaySecret: deps.config.gatewaySecret,
    log: deps.log,
    context: (base) => createTraceContext(deps, base),
  });
  return { ...server, sdl };
}
