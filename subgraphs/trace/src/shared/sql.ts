/**
 * Raw SQL helpers for the trace subgraph. Trace reads and writes in bulk with hand-written
 * SQL (LATERAL pages, `jsonb_to_recordset` batches, ON CONFLICT): drizzle's `sql` template
 * keeps it parameterised, these helpers type the rows.
 *
 * Rows come back from postgres.js as drizzle leaves them: timestamps and dates as text,
 * int8 as numbers, json as parsed values.
 */
import type { Drizzle } from "@cylinder/db";
import { type SQL, sql } from "drizzle-orm";
import type { Sql } from "postgres";

/** The database or a transaction: anything that runs a statement. */
export interface Executor {
  execute: Drizzle["execute"];
}

export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  return (await db.execute(query)) as unknown as T[];
}

export async function one<T>(db: Executor, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/** A value sent as one jsonb parameter (batches travel as `jsonb_to_recordset($1)`). */
export function jsonb(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}

/** A text[] parameter. */
export function textArray(values: readonly string[]): SQL {
  return sql`${sql.param([...values])}::text[]`;
}

/** A bigint[] parameter. */
export function bigintArray(values: readonly number[]): SQL {
  return sql`${sql.param([...values])}::bigint[]`;
}

/** An int[] parameter. */
export function intArray(values: readonly number[]): SQL {
  return sql`${sql.param([...values])}::int[]`;
}

/** The postgres.js client under drizzle (for helpers such as `changeHorizon` that take it). */
export function clientOf(db: Drizzle): Sql {
  const client = (db as unknown as { $client?: Sql }).$client;
  if (!client) throw new Error("drizzle instance without a postgres.js client");
  return client;
}

/** A timestamp column read as text → Date (null stays null). */
export function toDate(text: string | Date | null | undefined): Date | null {
  if (text === null || text === undefined) return null;
  return text instanceof Date ? text : new Date(text);
}

/** A timestamp column that is NOT NULL → Date. */
export function toDateNN(text: string | Date): Date {
  return text instanceof Date ? text : new Date(text);
}
