/**
 * What the ledger runs its SQL on: the caller's transaction, whichever way the caller holds
 * it — postgres.js (`sql`, a `sql.begin` transaction, a reserved connection) or drizzle
 * (`db.transaction(async (tx) => …)` over postgres.js). Appending a leaf inside the writer's
 * own transaction is the point, so the ledger never opens a connection of its own there.
 */
import { sql as dsql, type SQL } from "drizzle-orm";

/** postgres.js: `Sql`, `TransactionSql`, `ReservedSql`. */
export interface PostgresJsLike {
  // biome-ignore lint/suspicious/noExplicitAny: postgres.js types its parameters per connection
  unsafe(query: string, params?: any[]): PromiseLike<unknown>;
}

/** drizzle over postgres.js: a database or a transaction. */
export interface DrizzleLike {
  execute(query: SQL): PromiseLike<unknown>;
}

export type LedgerTx = PostgresJsLike | DrizzleLike;

/**
 * What can open transactions of its own (the sequencer runs one per batch): a postgres.js
 * `Sql`, or a drizzle database over postgres.js.
 */
export type LedgerDb =
  | (PostgresJsLike & { begin<T>(fn: (tx: PostgresJsLike) => Promise<T>): Promise<T> })
  | (DrizzleLike & { transaction<T>(fn: (tx: DrizzleLike) => Promise<T>): Promise<T> });

/** Runs `fn` in a transaction of `db`. */
export function inTransaction<T>(db: LedgerDb, fn: (tx: LedgerTx) => Promise<T>): Promise<T> {
  return "begin" in db ? db.begin(fn) : db.transaction(fn);
}

function isPostgresJs(tx: LedgerTx): tx is PostgresJsLike {
  return typeof (tx as PostgresJsLike).unsafe === "function";
}

/** `text` with `$1 … $n` placeholders as a drizzle SQL object with bound parameters. */
function toDrizzle(text: string, params: readonly unknown[]): SQL {
  const out = dsql.empty();
  let last = 0;
  for (const m of text.matchAll(/\$(\d+)/g)) {
    out.append(dsql.raw(text.slice(last, m.index)));
    out.append(dsql`${dsql.param(params[Number(m[1]) - 1])}`);
    last = m.index + m[0].length;
  }
  out.append(dsql.raw(text.slice(last)));
  return out;
}

/** Runs one statement with positional parameters and returns its rows. */
export async function query<T extends object = Record<string, unknown>>(
  tx: LedgerTx,
  text: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const result = isPostgresJs(tx) ? await tx.unsafe(text, [...params]) : await tx.execute(toDrizzle(text, params));
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Runs one statement and returns how many rows it affected. */
export async function execute(tx: LedgerTx, text: string, params: readonly unknown[] = []): Promise<number> {
  const result = isPostgresJs(tx) ? await tx.unsafe(text, [...params]) : await tx.execute(toDrizzle(text, params));
  const r = result as { count?: number; rowCount?: number };
  return Number(r.count ?? r.rowCount ?? 0);
}

export const toHex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
