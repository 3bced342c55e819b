/**
 * The bulk path of appending: leaves for every record of a table that has none yet, for a
 * database just filled by a bulk load (the demo) rather than through the write paths.
 *
 * The rows stream out of PostgreSQL in canonical form (`COPY (SELECT <canonical select list>
 * … ORDER BY id) TO STDOUT`), are serialised and hashed here exactly as `appendLeaves` does
 * (`canonicalText`, `leafHashOf`: one way of computing a leaf) and stream back in with
 * `COPY ledger.leaf FROM STDIN` on a second connection, reading, hashing and writing side by
 * side. Every record becomes version 1 (a record without a leaf has no earlier state), so
 * there is no row lock, no latest-version lookup and no per-chunk statements: about 10× the
 * rate of `appendLeaves` in chunks.
 *
 * For a database nobody writes to meanwhile (a fresh load): a record that gains a leaf
 * through a write path during the pass makes the table's COPY fail on the unique
 * (record, version) key, which rolls that table's leaves back. Real PostgreSQL only (needs
 * COPY TO STDOUT / FROM STDIN through postgres.js); use `appendLeaves` elsewhere.
 */
import type { ReservedSql, Sql } from "postgres";
import { type CanonicalRow, canonicalSelectList, canonicalText, tableRef } from "./canonical";
import { toHex } from "./executor";
import { LEDGERED_TABLES, type LedgeredTable } from "./tables";
import { leafHashOf } from "./verifier";

const COPY_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/** One field of PostgreSQL's COPY text format (`\N` is null). */
function copyField(raw: string): string | null {
  if (raw === "\\N") return null;
  if (!raw.includes("\\")) return raw;
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === "x") return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (e >= "0" && e <= "7") return String.fromCharCode(Number.parseInt(e, 8));
    return COPY_ESCAPES[e] ?? e;
  });
}

/** A value in COPY text format. */
function copyText(v: string): string {
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? c)
    : v;
}

interface CopyQuery extends Promise<unknown> {
  readable(): Promise<NodeJS.ReadableStream & AsyncIterable<Buffer> & { destroy(e?: Error): void }>;
  writable(): Promise<
    NodeJS.WritableStream & { once(ev: string, fn: (...a: unknown[]) => void): void; destroy(e?: Error): void }
  >;
  reject: (e: Error) => void;
  cancel(): void;
}

/**
 * Calls `onError` too when the query fails. postgres.js 3.4 settles neither a COPY writable
 * the server rejects after `end()` (porsager/postgres#1173) nor a COPY readable the server
 * stops with an error: the error only reaches the query's `reject`, hooked here.
 */
function hooked(sql: ReservedSql, statement: string, onError: (e: Error) => void): CopyQuery {
  const query = sql.unsafe(statement) as unknown as CopyQuery;
  const reject = query.reject;
  query.reject = (e: Error) => {
    onError(e);
    reject(e);
  };
  return query;
}

/** `COPY … FROM STDIN`: write, end (settles when the server took the data or refused it), abort. */
async function copyIn(sql: ReservedSql, statement: string) {
  let fail: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  // postgres.js runs a query when it is first awaited: writable() must come before that
  const stream = await hooked(sql, statement, (e) => fail(e)).writable();
  stream.once("error", (e) => fail(e as Error));
  return {
    async write(text: string): Promise<void> {
      if (!stream.write(text)) await Promise.race([new Promise((r) => stream.once("drain", r)), failed]);
    },
    end: () =>
      Promise.race([
        new Promise<void>((resolve) => {
          stream.once("finish", () => resolve());
          stream.end();
        }),
        failed,
      ]),
    /** CopyFail: the server discards everything this COPY received. */
    abort(e: Error): Promise<void> {
      stream.destroy(e);
      return failed.catch(() => {});
    },
  };
}

/** `COPY … TO STDOUT` as a readable that errors when the query fails mid-stream. */
async function copyOut(sql: ReservedSql, statement: string) {
  let stream: Awaited<ReturnType<CopyQuery["readable"]>> | null = null;
  const query = hooked(sql, statement, (e) => stream?.destroy(e));
  stream = await query.readable();
  const readable = stream;
  return {
    stream,
    cancel: () => query.cancel(),
    /**
     * After the end: postgres.js pauses the socket when a push fills the stream and resumes
     * it in `_read`, which an ended stream never calls, so a COPY whose last data filled the
     * buffer would leave the connection paused (the next query on it never answered).
     */
    release: () => (readable as unknown as { _read(n: number): void })._read(0),
  };
}

/** Appends version-1 leaves for the records of `spec` that have no leaf; returns how many. */
async function appendTableBulk(
  reader: ReservedSql,
  writer: ReservedSql,
  spec: LedgeredTable,
  onProgress?: (added: number) => void,
): Promise<number> {
  const fields = spec.columns.length + (spec.children ? 2 : 1);
  const select =
    `SELECT ${canonicalSelectList(spec)} FROM ${tableRef(spec)} r WHERE NOT EXISTS (` +
    `SELECT 1 FROM ledger.leaf l WHERE l.record_schema = '${spec.schema}' AND l.record_table = '${spec.table}' ` +
    "AND l.record_id = r.id) ORDER BY r.id";
  const sink = await copyIn(
    writer,
    "COPY ledger.leaf (record_schema, record_table, record_id, record_version, format, leaf_hash, content) FROM STDIN",
  );
  const prefix = `${spec.schema}\t${spec.table}\t`;
  const middle = `\t1\t${spec.format}\t\\\\x`;
  let added = 0;
  let out = "";
  const row: CanonicalRow = { id: "" };
  const line = (text: string) => {
    const f = text.split("\t");
    if (f.length !== fields) throw new Error(`${spec.name}: COPY row with ${f.length} fields, expected ${fields}`);
    row.id = f[0]!;
    for (let i = 0; i < spec.columns.length; i++) row[`c${i}`] = copyField(f[i + 1]!);
    if (spec.children) row.k = copyField(f[fields - 1]!);
    const canonical = canonicalText(spec, 1, row);
    const content = spec.versioned ? copyText(canonical) : "\\N";
    out += `${prefix}${row.id}${middle}${toHex(leafHashOf(canonical))}\t${content}\n`;
    added++;
  };
  const source = await copyOut(reader, `COPY (${select}) TO STDOUT`);
  let failure: Error | null = null;
  const decoder = new TextDecoder();
  let rest = "";
  try {
    for await (const chunk of source.stream) {
      // after a failure keep reading (discarding) until the cancelled COPY ends: postgres.js
      // pauses the connection while its stream is not read
      if (failure) continue;
      try {
        const text = rest + decoder.decode(chunk, { stream: true });
        let start = 0;
        for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
          line(text.slice(start, nl));
          start = nl + 1;
        }
        rest = text.slice(start);
        if (out.length > 1 << 20) {
          await sink.write(out);
          out = "";
          onProgress?.(added);
        }
      } catch (e) {
        failure = e instanceof Error ? e : new Error(String(e));
        source.cancel();
      }
    }
    source.release();
    if (failure) throw failure;
    if (rest) throw new Error(`${spec.name}: COPY output ends without a newline`);
    if (out) await sink.write(out);
    await sink.end();
  } catch (e) {
    const error = failure ?? (e instanceof Error ? e : new Error(String(e)));
    await sink.abort(error);
    throw error;
  }
  return added;
}

/**
 * Appends a version-1 leaf for every record of the ledgered tables that has none yet, table
 * by table in id order (their arrival order, hence their tree positions once sequenced).
 * `sql` needs two free connections. Returns how many leaves it added.
 */
export async function appendLeavesBulk(
  sql: Sql,
  onProgress?: (added: number) => void,
  tables: readonly LedgeredTable[] = LEDGERED_TABLES,
): Promise<number> {
  // a connection each for reading and writing: postgres.js may queue a query behind an open COPY
  const reader = await sql.reserve();
  const writer = await sql.reserve().catch((e: unknown) => {
    reader.release();
    throw e;
  });
  try {
    // the leaves just appended are not in the planner's statistics yet: a nested loop that
    // believes ledger.leaf is empty would scan it once per record
    await reader.unsafe("SET enable_nestloop = off");
    let appended = 0;
    for (const spec of tables) {
      const before = appended;
      appended += await appendTableBulk(reader, writer, spec, (n) => onProgress?.(before + n));
      onProgress?.(appended);
    }
    return appended;
  } finally {
    await reader.unsafe("RESET enable_nestloop").catch(() => {});
    reader.release();
    writer.release();
  }
}
