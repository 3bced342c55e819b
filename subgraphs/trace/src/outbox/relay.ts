/**
 * The outbox relay: delivers messages written by trace transactions (trace.outbox) to their
 * consumer, at least once.
 *
 * Each call takes one batch of due, undelivered messages in id order with
 * `SELECT … FOR UPDATE SKIP LOCKED` and holds those row locks while `deliver` runs, so
 * several relays (processes) can run at once and never deliver the same row concurrently;
 * a relay that dies mid-delivery rolls back and its rows are retried. After `deliver`
 * resolves, the batch is marked delivered; if it throws, every row of the batch gets an
 * attempt counted, the error recorded and a backoff (base·2^attempts, capped) before its
 * next try. So a message may be delivered more than once (crash after deliver, before
 * commit) and batches of concurrent relays may interleave: consumers must be idempotent
 * and order-tolerant (messages carry their own ids and dates).
 *
 * The lead wires this to the registry's `applyInspectionResults` (topic `inspection_result`),
 * e.g. every few seconds and after each results upload.
 */
import type { Drizzle } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { bigintArray, rows } from "../shared/sql";
import type { OutboxPayloads, OutboxTopic } from "./messages";

export interface OutboxMessage<P = unknown> {
  id: number;
  topic: string;
  payload: P;
  /** Attempts before this one. */
  attempts: number;
  createdAt: Date;
}

export interface RelayOptions<T extends OutboxTopic = OutboxTopic> {
  /** Messages per batch (default 100). */
  limit?: number;
  /** Only this topic (default: all). */
  topic?: T;
  /** Backoff after a failed attempt: retryBaseMs·2^(attempts-1), at most retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface RelayReport {
  delivered: number;
  failed: number;
  /** The error `deliver` threw, when it did. */
  error?: unknown;
}

interface OutboxRow {
  id: number;
  topic: string;
  payload: unknown;
  attempts: number;
  created_at: string;
}

export async function relayOutbox<T extends OutboxTopic = OutboxTopic>(
  db: Drizzle,
  deliver: (batch: OutboxMessage<OutboxPayloads[T]>[]) => Promise<void>,
  options: RelayOptions<T> = {},
): Promise<RelayReport> {
  const limit = options.limit ?? 100;
  const base = options.retryBaseMs ?? 1000;
  const max = options.retryMaxMs ?? 5 * 60_000;
  return db.transaction(async (tx) => {
    const batch = await rows<OutboxRow>(
      tx,
      sql`select id, topic, payload, attempts, created_at from trace.outbox
        where delivered_at is null and next_attempt_at <= clock_timestamp()
          ${options.topic ? sql`and topic = ${options.topic}` : sql``}
        order by id
        limit ${limit}
        for update skip locked`,
    );
    if (batch.length === 0) return { delivered: 0, failed: 0 };
    const ids = batch.map((r) => Number(r.id));
    try {
      await deliver(
        batch.map((r) => ({
          id: Number(r.id),
          topic: r.topic,
          payload: r.payload as OutboxPayloads[T],
          attempts: r.attempts,
          createdAt: new Date(r.created_at),
        })),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await tx.execute(
        sql`update trace.outbox set attempts = attempts + 1, last_attempt_at = clock_timestamp(),
            last_error = ${message.slice(0, 2000)},
            next_attempt_at = clock_timestamp() + least(${max}::float8, ${base}::float8 * power(2, attempts)) * interval '1 millisecond'
          where id = any(${bigintArray(ids)})`,
      );
      return { delivered: 0, failed: batch.length, error };
    }
    await tx.execute(
      sql`update trace.outbox set attempts = attempts + 1, last_attempt_at = clock_timestamp(),
          delivered_at = clock_timestamp(), last_error = null
        where id = any(${bigintArray(ids)})`,
    );
    return { delivered: batch.length, failed: 0 };
  });
}
