/**
 * Bulk writing of generated rows, in constant memory. Real PostgreSQL: one `COPY ... FROM
 * STDIN` stream per table (postgres.js `.writable()`), all tables of a group streaming at
 * once on their own connections, with back-pressure. Embedded PGlite has no COPY FROM STDIN:
 * there, rows go in batched multi-row INSERTs, one statement at a time on one connection
 * (inside the caller's transaction).
 *
 * Rows are drizzle insert objects (`typeof table.$inferInsert`); the caller names the
 * columns it fills, so a typo is a type error and a column left out keeps its default.
 */
import { getTableColumns } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";

export type Row = Record<string, unknown>;

export interface Sink<R> {
  push(row: R): void;
  /** Rows pushed so far. */
  readonly rows: number;
  readonly name: string;
}

export interface BulkWriter {
  open<T extends PgTable>(
    table: T,
    columns: readonly (keyof T["$inferInsert"] & string)[],
  ): Promise<Sink<T["$inferInsert"]>>;
  /** True when a sink is waiting for the database: call `ready()` before pushing more. */
  readonly busy: boolean;
  ready(): Promise<void>;
  /** Flushes and completes every open sink (the group's rows are then in the database). */
  close(): Promise<void>;
  /** Abandons open sinks after a failure. */
  abort(reason: unknown): Promise<void>;
}

/** `"schema"."table"` of a drizzle table. */
export function qualifiedName(table: PgTable): string {
  const { name, schema } = getTableConfig(table);
  return schema ? `"${schema}"."${name}"` : `"${name}"`;
}

/** The database column names for the given insert-object keys (snake_case casing). */
export function columnNames(table: PgTable, keys: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    byKey.set(key, column.keyAsName ? toSnakeCase(column.name) : column.name);
  }
  return keys.map((k) => {
    const c = byKey.get(k);
    if (!c) throw new Error(`${qualifiedName(table)} has no column ${k}`);
    return c;
  });
}

/** A value as Postgres text input (null stays null). */
export function textValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "t" : "f";
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) {
    return `{${v.map((x) => (x === null ? "NULL" : `"${String(x).replace(/[\\"]/g, "\\$&")}"`)).join(",")}}`;
  }
  return JSON.stringify(v);
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** A value in COPY text format. */
function copyValue(v: unknown): string {
  const t = textValue(v);
  if (t === null) return "\\N";
  if (!COPY_SPECIAL.test(t)) return t;
  return t.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

const FLUSH_BYTES = 1 << 17;

interface CopyStream {
  write(chunk: string): boolean;
  end(): void;
  once(event: string, fn: (...args: unknown[]) => void): void;
  destroy(error?: Error): void;
}

class CopySink<R> implements Sink<R> {
  rows = 0;
  private parts: string[] = [];
  private bytes = 0;
  draining: Promise<void> | null = null;
  private failure: Error | null = null;
  private done: Promise<void>;

  constructor(
    readonly name: string,
    private readonly keys: readonly string[],
    private readonly stream: CopyStream,
    failed: Promise<Error>,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      stream.once("finish", () => resolve());
      stream.once("error", (e) => reject(e));
      failed.then(reject);
    });
    // the rejection is handled where `done` is awaited; remember it for `push` meanwhile
    this.done.catch((e: Error) => {
      this.failure = e;
    });
  }

  push(row: R): void {
    const r = row as Row;
    let line = "";
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) line += "\t";
      line += copyValue(r[keys[i] as string]);
    }
    line += "\n";
    this.parts.push(line);
    this.bytes += line.length;
    this.rows += 1;
    if (this.bytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.failure) throw this.failure;
    if (this.parts.length === 0) return;
    const chunk = this.parts.join("");
    this.parts = [];
    this.bytes = 0;
    if (!this.stream.write(chunk) && !this.draining) {
      this.draining = new Promise<void>((resolve) => this.stream.once("drain", () => resolve())).finally(() => {
        this.draining = null;
      });
    }
  }

  async ready(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.draining) await Promise.race([this.draining, this.done]);
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.flush();
    this.stream.end();
    await this.done;
  }

  abort(reason: unknown): void {
    this.stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
  }
}

/**
 * COPY writer for real PostgreSQL. `sql` needs a free connection per open sink.
 *
 * postgres.js 3.4 never settles a COPY writable that the server rejects after `end()`
 * (porsager/postgres#1173): the error only reaches the query's `reject`, which is wrapped
 * here so that a failed COPY fails the load with the server's message instead of hanging.
 */
export class CopyWriter implements BulkWriter {
  private sinks: CopySink<unknown>[] = [];

  constructor(private readonly sql: Sql) {}

  async open<T extends PgTable>(
    table: T,
    columns: readonly (keyof T["$inferInsert"] & string)[],
  ): Promise<Sink<T["$inferInsert"]>> {
    const name = qualifiedName(table);
    const cols = columnNames(table, columns)
      .map((c) => `"${c}"`)
      .join(", ");
    const query = this.sql.unsafe(`copy ${name} (${cols}) from stdin`);
    const hooked = query as unknown as { reject: (e: Error) => void };
    let signal: (e: Error) => void = () => {};
    const failed = new Promise<Error>((resolve) => {
      signal = resolve;
    });
    const reject = hooked.reject;
    hooked.reject = (e: Error) => {
      signal(e);
      reject(e);
    };
    const stream = (await query.writable()) as unknown as CopyStream;
    const sink = new CopySink<T["$inferInsert"]>(name, columns, stream, failed);
    this.sinks.push(sink as CopySink<unknown>);
    return sink;
  }

  get busy(): boolean {
    return this.sinks.some((s) => s.draining !== null);
  }

  async ready(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.ready()));
  }

  async close(): Promise<void> {
    const sinks = this.sinks;
    this.sinks = [];
    await Promise.all(sinks.map((s) => s.close()));
  }

  async abort(reason: unknown): Promise<void> {
    for (const s of this.sinks) s.abort(reason);
    this.sinks = [];
  }
}

/** Largest number of bind parameters per INSERT statement (the protocol allows 65535). */
const MAX_PARAMS = 30_000;

class InsertSink<R> implements Sink<R> {
  rows = 0;
  private pending: (string | null)[] = [];
  private pendingRows = 0;
  private readonly perStatement: number;
  private readonly prefix: string;
  private readonly statements = new Map<number, string>();

  constructor(
    readonly name: string,
    private readonly keys: readonly string[],
    columns: readonly string[],
    private readonly writer: InsertWriter,
  ) {
    this.perStatement = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / keys.length)));
    this.prefix = `insert into ${name} (${columns.map((c) => `"${c}"`).join(", ")}) values `;
  }

  push(row: R): void {
    const r = row as Row;
    for (const k of this.keys) this.pending.push(textValue(r[k]));
    this.rows += 1;
    this.pendingRows += 1;
    if (this.pendingRows >= this.perStatement) this.flush();
  }

  private statement(rows: number): string {
    let text = this.statements.get(rows);
    if (!text) {
      const n = this.keys.length;
      const tuples: string[] = [];
      for (let r = 0; r < rows; r++) {
        const ps: string[] = [];
        for (let c = 1; c <= n; c++) ps.push(`$${r * n + c}`);
        tuples.push(`(${ps.join(",")})`);
      }
      text = this.prefix + tuples.join(",");
      this.statements.set(rows, text);
    }
    return text;
  }

  flush(): void {
    if (this.pendingRows === 0) return;
    const params = this.pending;
    const text = this.statement(this.pendingRows);
    this.pending = [];
    this.pendingRows = 0;
    this.writer.enqueue(text, params);
  }
}

/** Multi-row INSERT writer (PGlite), on one connection or transaction, one statement at a time. */
export class InsertWriter implements BulkWriter {
  private sinks: InsertSink<unknown>[] = [];
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private failure: unknown = null;

  constructor(private readonly sql: Sql) {}

  async open<T extends PgTable>(
    table: T,
    columns: readonly (keyof T["$inferInsert"] & string)[],
  ): Promise<Sink<T["$inferInsert"]>> {
    const sink = new InsertSink<T["$inferInsert"]>(qualifiedName(table), columns, columnNames(table, columns), this);
    this.sinks.push(sink as InsertSink<unknown>);
    return sink;
  }

  enqueue(text: string, params: (string | null)[]): void {
    if (this.failure) throw this.failure;
    this.queued += 1;
    this.chain = this.chain.then(async () => {
      try {
        if (!this.failure) await this.sql.unsafe(text, params);
      } catch (e) {
        this.failure = e;
      } finally {
        this.queued -= 1;
      }
    });
  }

  get busy(): boolean {
    return this.queued > 2;
  }

  async ready(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    for (const s of this.sinks) s.flush();
    this.sinks = [];
    await this.ready();
  }

  async abort(reason: unknown): Promise<void> {
    this.failure ??= reason;
    this.sinks = [];
    await this.chain;
  }
}
