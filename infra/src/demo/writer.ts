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

const DAY_MS = 86_400_000;
const dayPrefixes = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `Date#toISOString`, about seven times faster (the date part is cached per day). */
export function isoInstant(d: Date): string {
  const ms = d.getTime();
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size > 100_000) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  rest -= sec * 1000;
  const frac = rest === 0 ? "" : `.${String(rest).padStart(3, "0")}`;
  return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(sec)}${frac}Z`;
}

/** A value as Postgres text input (null stays null). */
export function textValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return isoInstant(v);
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

export interface CopyWriterOptions {
  /**
   * Bulk mode, for tables known to be empty: each table loads in one transaction of its own
   * that truncates it (so `COPY ... FREEZE` applies), drops its secondary indexes and unique
   * constraints, copies, and rebuilds them before committing. A failure or a killed process
   * rolls the whole table back, indexes included. With a superuser, foreign keys are not
   * checked row by row (`session_replication_role = replica`): call `verifyForeignKeys`
   * afterwards. Tables that other tables reference keep everything and are copied plainly.
   */
  readonly bulk?: boolean;
}

interface IndexToRebuild {
  readonly drop: string;
  readonly create: string;
}

/** Secondary indexes and unique constraints of a table that no foreign key depends on. */
async function rebuildableIndexes(sql: Sql, table: string): Promise<IndexToRebuild[]> {
  const rows = await sql<{ index: string; indexdef: string; constraint: string | null; condef: string | null }[]>`
    select i.indexrelid::regclass::text as index, pg_get_indexdef(i.indexrelid) as indexdef,
           c.conname as constraint, pg_get_constraintdef(c.oid) as condef
    from pg_index i
    left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid and c.contype in ('u', 'p', 'x')
    where i.indrelid = ${table}::regclass and not i.indisprimary
      and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)
    order by 1`;
  return rows.map((r) =>
    r.constraint
      ? {
          drop: `alter table ${table} drop constraint "${r.constraint}"`,
          create: `alter table ${table} add constraint "${r.constraint}" ${r.condef}`,
        }
      : { drop: `drop index ${r.index}`, create: r.indexdef },
  );
}

/**
 * Checks every foreign key of the given tables with one anti-join each (after a bulk load
 * that skipped the row-by-row checks); throws naming the constraint when a row has no parent.
 */
export async function verifyForeignKeys(sql: Sql, tables: readonly string[]): Promise<void> {
  const fks = await sql<{ name: string; child: string; parent: string; cols: string[]; refs: string[] }[]>`
    select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
           array(select quote_ident(a.attname) from unnest(c.conkey) with ordinality k(n, o)
                 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as cols,
           array(select quote_ident(a.attname) from unnest(c.confkey) with ordinality k(n, o)
                 join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as refs
    from pg_constraint c
    where c.contype = 'f' and c.conrelid = any(${sql.array([...tables])}::text[]::regclass[])`;
  for (const fk of fks) {
    const notNull = fk.cols.map((c) => `x.${c} is not null`).join(" and ");
    const join = fk.cols.map((c, i) => `p.${fk.refs[i]} = x.${c}`).join(" and ");
    const [row] = await sql.unsafe<{ orphans: number }[]>(
      `select count(*)::int as orphans from ${fk.child} x where ${notNull} and not exists (select 1 from ${fk.parent} p where ${join})`,
    );
    if ((row?.orphans ?? 0) > 0) throw new Error(`${fk.name}: ${row?.orphans} rows of ${fk.child} have no parent`);
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
  private finishers: (() => Promise<void>)[] = [];
  private superuser: Promise<boolean> | null = null;
  /** Wall seconds the last `close()` spent rebuilding indexes and committing (bulk mode). */
  rebuildSeconds = 0;

  constructor(
    private readonly sql: Sql,
    private readonly options: CopyWriterOptions = {},
  ) {}

  async open<T extends PgTable>(
    table: T,
    columns: readonly (keyof T["$inferInsert"] & string)[],
  ): Promise<Sink<T["$inferInsert"]>> {
    const name = qualifiedName(table);
    const cols = columnNames(table, columns)
      .map((c) => `"${c}"`)
      .join(", ");
    let conn: Sql = this.sql;
    let finish: (() => Promise<void>) | null = null;
    let freeze = false;
    if (this.options.bulk) {
      this.superuser ??= this.sql`select current_setting('is_superuser') = 'on' as su`.then((r) => Boolean(r[0]?.su));
      const superuser = await this.superuser;
      const reserved = await this.sql.reserve();
      conn = reserved as unknown as Sql;
      await reserved`begin`;
      await reserved`set local maintenance_work_mem = '256MB'`;
      if (superuser) await reserved`set local session_replication_role = replica`;
      const [ref] = await reserved<{ referenced: boolean }[]>`
        select exists (select 1 from pg_constraint where contype = 'f' and confrelid = ${name}::regclass) as referenced`;
      const rebuild = ref?.referenced ? [] : await rebuildableIndexes(conn, name);
      if (!ref?.referenced) {
        await reserved.unsafe(`truncate ${name}`);
        freeze = true;
        for (const r of rebuild) await reserved.unsafe(r.drop);
      }
      finish = async () => {
        try {
          for (const r of rebuild) await reserved.unsafe(r.create);
          await reserved`commit`;
        } finally {
          reserved.release();
        }
      };
    }
    const query = conn.unsafe(`copy ${name} (${cols}) from stdin${freeze ? " with (freeze)" : ""}`);
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
    if (finish) this.finishers.push(finish);
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
    const finishers = this.finishers;
    this.sinks = [];
    this.finishers = [];
    await Promise.all(sinks.map((s) => s.close()));
    // rebuild each table's indexes and commit, the tables side by side
    const t0 = performance.now();
    await Promise.all(finishers.map((f) => f()));
    this.rebuildSeconds = (performance.now() - t0) / 1000;
  }

  /** Abandons the open sinks; close the pool afterwards so open transactions roll back. */
  async abort(reason: unknown): Promise<void> {
    for (const s of this.sinks) s.abort(reason);
    this.sinks = [];
    this.finishers = [];
  }
}

/** Largest number of bind parameters per INSERT statement (the protocol allows 65535). */
const MAX_PARAMS = 30_000;

class InsertSink<R> implements Sink<R> {
  rows = 0;
  private pending: (string | boolean | null)[] = [];
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
    // booleans stay booleans: postgres.js serialises a bound value by the parameter type the
    // server described (a prepared bool parameter turns any string into false)
    for (const k of this.keys) {
      const v = r[k];
      this.pending.push(typeof v === "boolean" ? v : textValue(v));
    }
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

  enqueue(text: string, params: (string | boolean | null)[]): void {
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

/** Encodes rows as COPY text and discards them: measures generation without a database. */
export class NullWriter implements BulkWriter {
  /** Bytes of COPY text produced per table. */
  readonly bytes = new Map<string, number>();

  async open<T extends PgTable>(
    table: T,
    columns: readonly (keyof T["$inferInsert"] & string)[],
  ): Promise<Sink<T["$inferInsert"]>> {
    const name = qualifiedName(table);
    const bytes = this.bytes;
    bytes.set(name, 0);
    let rows = 0;
    return {
      name,
      get rows() {
        return rows;
      },
      push(row) {
        const r = row as Row;
        let line = "";
        for (let i = 0; i < columns.length; i++) {
          if (i > 0) line += "\t";
          line += copyValue(r[columns[i] as string]);
        }
        rows += 1;
        bytes.set(name, (bytes.get(name) ?? 0) + line.length + 1);
      },
    };
  }

  readonly busy = false;
  async ready(): Promise<void> {}
  async close(): Promise<void> {}
  async abort(): Promise<void> {}
}
