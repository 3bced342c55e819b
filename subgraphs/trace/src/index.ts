/**
 * @cylinder/trace: the trace subgraph (schema `trace`): before/after-fill checks, fill records,
 * inspection orders and results, reconciliation, alarms, and the fill-permit decision; plus
 * the outbox relay that carries inspection results to the registry.
 */
import type { Logger } from "@cylinder/db";
import { buildFederatedSchema, type FederatedSchema, type SubgraphServer, serveSubgraph } from "@cylinder/subgraph-kit";
import { AlarmResolver, INERT_PUBSUB } from "./alarm/alarm.resolver";
import { AlarmFeedResolver } from "./alarm/alarm-feed.resolver";
import { CheckResolver } from "./check/check.resolver";
import { createTraceContext, type TraceContext, type TraceDeps } from "./context";
import { TraceCylinderResolver } from "./cylinder/trace-cylinder.resolver";
import { TraceCylinder } from "./cylinder/trace-cylinder.type";
import { FiguresResolver } from "./figures/figures.resolver";
import { FillResolver } from "./fill/fill.resolver";
import { InspectionOrderResolver } from "./inspection/order.resolver";
import { InspectionResultResolver } from "./inspection/result.resolver";
import { LedgerResolver } from "./ledger/ledger.resolver";
import { PermitResolver } from "./permit/permit.resolver";
import { TracePrefectureResolver } from "./prefecture/trace-prefecture.resolver";
import { TracePrefecture } from "./prefecture/trace-prefecture.type";
import { CitizenReportResolver } from "./public/citizen-report.resolver";
import { PublicPermitResolver } from "./public/public-permit.resolver";
import { UnknownCodeResolver } from "./public/unknown-code.resolver";
import { ReconciliationResolver } from "./reconciliation/reconciliation.resolver";
import { UnitRef } from "./shared/refs.type";

export * from "./alarm/rules";
export * from "./inspection/lateness";
export { type CalendarJobReport, runCalendarJob } from "./inspection/reassessment";
export type { LedgerRecord } from "./ledger/seam";
export * from "./outbox/messages";
export * from "./outbox/relay";
export * from "./permit/decide";
export * from "./permit/effective";
export * from "./permit/types";
export * from "./public/citizen-report.rules";
export * from "./public/public-permit.rules";
export * from "./public/unknown-code.rules";
export type { TraceContext, TraceDeps };

export function buildTraceSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        TraceCylinderResolver,
        CheckResolver,
        FillResolver,
        PermitResolver,
        InspectionOrderResolver,
        InspectionResultResolver,
        ReconciliationResolver,
        AlarmResolver,
        TracePrefectureResolver,
        LedgerResolver,
        PublicPermitResolver,
        CitizenReportResolver,
        UnknownCodeResolver,
        AlarmFeedResolver,
        FiguresResolver,
      ],
      orphanedTypes: [TraceCylinder, TracePrefecture, UnitRef],
      pubSub: INERT_PUBSUB,
    },
    {
      Cylinder: { __resolveReference: (ref: { barcode: string }) => ({ barcode: ref.barcode }) },
      Prefecture: { __resolveReference: (ref: { code: string }) => ({ code: ref.code }) },
    } as never,
  );
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
    clock: deps.clock,
    log: deps.log,
    context: (base) => createTraceContext(deps, base),
  });
  return { ...server, sdl };
}
