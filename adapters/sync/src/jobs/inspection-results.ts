/**
 * Job: carry inspection results from trace to the registry's cylinder archive. Trace writes
 * each accepted result to its outbox in the same transaction; this job delivers them, in
 * order and at least once, to the registry's `applyInspectionResults` (idempotent and
 * order-tolerant), acting as the platform itself.
 */
import { type Drizzle, SYSTEM_IDENTITY } from "@cylinder/db";
import { type InspectionResultMessage, type OutboxMessage, type RelayReport, relayOutbox } from "@cylinder/trace";
import { dataOf, type ExecuteAs } from "../execute";

const APPLY = `mutation($items: [InspectionResultUpdateInput!]!) { applyInspectionResults(items: $items) }`;

export async function deliverInspectionResults(
  execute: ExecuteAs,
  batch: OutboxMessage<InspectionResultMessage>[],
): Promise<void> {
  const unnamed = [...new Set(batch.filter((m) => !m.payload.stationName).map((m) => m.payload.stationUnitId))];
  const names = new Map<number, string>();
  if (unnamed.length > 0) {
    // one query, one aliased lookup per station (a batch names a handful of stations)
    const query = `query { ${unnamed.map((id) => `u${id}: unit(id: ${id}) { id name }`).join(" ")} }`;
    const data = dataOf<Record<string, { id: number; name: string } | null>>(await execute({ query }, SYSTEM_IDENTITY));
    for (const u of Object.values(data)) if (u) names.set(u.id, u.name);
  }
  const items = batch.map(({ payload: p }) => ({
    barcode: p.barcode,
    conclusion: p.conclusion,
    reportDate: p.reportDate,
    nextDate: p.nextDate,
    stationName: p.stationName ?? names.get(p.stationUnitId) ?? `检验机构 ${p.stationUnitId}`,
    resultId: String(p.resultId),
  }));
  dataOf(await execute({ query: APPLY, variables: { items } }, SYSTEM_IDENTITY));
}

export function relayInspectionResults(db: Drizzle, execute: ExecuteAs): Promise<RelayReport> {
  return relayOutbox<"inspection_result">(db, (batch) => deliverInspectionResults(execute, batch), {
    topic: "inspection_result",
  });
}
