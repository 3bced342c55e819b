/**
 * Outbox topics and their payloads: the contract between trace and whoever the relay
 * delivers to. Payload fields are only ever added, never renamed.
 */
import { sql } from "drizzle-orm";
import { type Executor, jsonb } from "../shared/sql";

export const OUTBOX_TOPICS = {
  /** An inspection result the registry applies to the cylinder archive (checkDate/nextDate/
   * checkUnit; scrapped state on a scrap). */
  inspection_result: "检验结果（更新气瓶档案）",
} as const;
export type OutboxTopic = keyof typeof OUTBOX_TOPICS;

/**
 * Topic `inspection_result`. The registry should apply it idempotently and order-tolerantly
 * (deliveries are at least once, and batches of concurrent relays may interleave): keep the
 * archive's checkDate/nextDate from the result with the latest reportDate (then resultId).
 */
export interface InspectionResultMessage {
  /** trace.inspection_result id */
  resultId: number;
  barcode: string;
  /** InspectionConclusion: 0 合格, 1 不合格报废 */
  conclusion: number;
  conclusionKey: "PASS" | "SCRAP";
  /** YYYY-MM-DD: the archive's new checkDate */
  reportDate: string;
  /** YYYY-MM-DD: the archive's new nextDate (passing results only) */
  nextDate: string | null;
  reportNo: string | null;
  /** The station (registry unit id); its registry name is the archive's checkUnit. */
  stationUnitId: number;
  /** Station.Name as the filling unit sent it on the order, when the result names an order. */
  stationName: string | null;
  valveReplaced: boolean;
  valveMaker: string | null;
  /** ISO 8601 */
  receivedAt: string;
}

export interface OutboxPayloads {
  inspection_result: InspectionResultMessage;
}

/** Writes messages in the caller's transaction, in the order given. */
export async function enqueue<T extends OutboxTopic>(
  tx: Executor,
  topic: T,
  payloads: readonly OutboxPayloads[T][],
): Promise<void> {
  if (payloads.length === 0) return;
  await tx.execute(
    sql`insert into trace.outbox (topic, payload)
      select ${topic}, e.value from jsonb_array_elements(${jsonb(payloads)}) with ordinality as e(value, n)
      order by e.n`,
  );
}
