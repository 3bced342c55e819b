/** Small helpers at the database edge: the transaction type, Postgres error codes, locks. */
import type { Drizzle } from "@cylinder/db";
import { sql } from "drizzle-orm";

/** A drizzle transaction (what `db.transaction(fn)` hands to `fn`). */
export type Tx = Parameters<Parameters<Drizzle["transaction"]>[0]>[0];

/** Either the pool or a transaction: what read helpers take. */
export type Queryable = Tx | Drizzle;

interface PgError {
  code?: string;
  constraint_name?: string;
}

/** The Postgres error behind a thrown value (drizzle wraps driver errors in `cause`). */
function pgErrorOf(e: unknown): PgError | null {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const c = cur as PgError & { cause?: unknown };
    if (typeof c.code === "string" && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    cur = c.cause;
  }
  return null;
}

/** Whether `e` is a unique violation (of `constraint` when given). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const pg = pgErrorOf(e);
  return pg?.code === "23505" && (constraint === undefined || pg.constraint_name === constraint);
}

/**
 * Transaction-scoped advisory locks, one namespace per kind of allocation, so concurrent
 * writers of the same thing queue instead of racing (registration barcodes, car code serials,
 * fill permissions). Low-traffic paperwork only; the hot paths never take them.
 */
export const LOCKS = {
  registrationBarcodes: 1,
  carCodeSerials: 2,
  fillPermissions: 3,
} as const;

export async function lockFor(tx: Tx, kind: keyof typeof LOCKS, key = 0): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${5301_0000 + LOCKS[kind]}, ${key})`);
}
