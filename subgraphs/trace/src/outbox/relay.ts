/**
 * The outbox relay: delivers messages written by trace transactions (trace.outbox) to their
 * consumer, at least once.
 *
 * Each call claims one batch of due, undelivered messages in id order with one statement
 * (`UPDATE … WHERE id IN (SELECT … ORDER BY id LIMIT n FOR UPDATE SKIP LOCKED)`) that counts
 * the attempt and pushes the message's `next_attempt_at` a lease ahead; then `deliver` runs
 * with no transaction or lock held (it may call the registry, which writes through other
 * connections: on the embedded single-session PGlite a held transaction would deadlock it).
 * After `deliver` resolves the batch is marked delivered; if it throws, the error is recorded
 * and the batch waits a backoff (base·2^(attempts-1), capped) before its next try.
 *
 * So several relays (processes) can run at once: a claimed message is not due for anyone
 * else until its lease ends. A relay that dies mid-delivery leaves its batch claimed until
 * the lease ends, then another relay delivers it again: at least once. Consumers must be
 * idempotent and order-tolerant (batches of concurrent relays may interleave; messages
 * carry their own ids and dates).
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
  /** How long a claimed batch is left to its relay before others may retry it (default 60 s). */
  leaseMs?: number;
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
  const lease = options.leaseMs ?? 60_000;
  const base = options.retryBaseMs ?? 1000;
  const max = options.retryMaxMs ?? 5 * 60_000;

  const batch = await rows<OutboxRow>(
    db,
    sql`update trace.outbox o set attempts = o.attempts + 1, last_attempt_at = clock_timestamp(),
        next_attempt_at = clock_timestamp() + ${lease}::float8 * interval '1 millisecond'
      where o.id in (
        select id from trace.outbox
        where delivered_at is null and next_attempt_at <= clock_timestamp()
          ${options.topic ? sql`and topic = ${options.topic}` : sql``}
        order by id
        limit ${limit}
        for update skip locked)
      returning o.id, o.topic, o.payload, o.attempts, o.created_at`,
  );
  if (batch.length === 0) return { delivered: 0, failed: 0 };
  batch.sort((a, b) => Number(a.id) - Number(b.id));
  const ids = batch.map((r) => Number(r.id));
  try {
    await deliver(
      batch.map((r) => ({
        id: Number(r.id),
        topic: r.topic,
        payload: r.payload as OutboxPayloads[T],
        attempts: r.attempts - 1,
        createdAt: new Date(r.created_at),
      })),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.execute(
      sql`update trace.outbox set last_error = ${message.slice(0, 2000)},
          next_attempt_at = clock_timestamp()
            + least(${max}::float8, ${base}::float8 * power(2, attempts - 1)) * interval '1 millisecond'
        where id = any(${bigintArray(ids)})`,
    );
    return { delivered: 0, failed: batch.length, error };
  }
  await db.execute(
    sql`update trace.outbox set delivered_at = clock_timestamp(), last_error = null
      where id = any(${bigintArray(ids)})`,
  );
  return { delivered: batch.length, failed: 0 };
}
