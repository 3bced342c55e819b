/**
 * The canonical serialisation of a stored record: the bytes a leaf hash is computed over.
 * It must come out identical from any process, driver, session and engine, today and when
 * `verify` recomputes it years later, so every value is formatted by SQL with settings-free
 * expressions and assembled by one JSON writer:
 *
 * - each column value is a JSON string or null, formatted by PostgreSQL as the column kind
 *   says (tables.ts): text as stored (char without trailing blanks), integers as digits,
 *   numeric with the column's scale ("14.50"), booleans "true"/"false", timestamptz in UTC
 *   with microseconds via `to_char(x AT TIME ZONE 'UTC', …)` (never the session TimeZone),
 *   dates via `to_char(x, 'YYYY-MM-DD')` (never DateStyle);
 * - the record is the UTF-8 of `JSON.stringify` of
 *   `{"format":F,"table":"schema.table","id":"ID","version":V,"row":{col: value, …}}`
 *   with the columns in the frozen order of tables.ts (ECMAScript JSON.stringify escapes
 *   only `"`, `\` and control characters, so the bytes are fully determined);
 * - child rows (a registration's items) are an array under their key in `row`, ordered by
 *   id, each an object of its columns.
 *
 * A third party holding the record's canonical bytes can read every field back with any
 * JSON parser; a proof binds those bytes (table, id and version included) to the tree.
 */
import type { ColumnSpec, LedgeredTable } from "./tables";

/** The SQL expression that formats one column of alias `a` as canonical text. */
export function columnText(alias: string, [name, kind]: ColumnSpec): string {
  const c = `${alias}."${name}"`;
  switch (kind) {
    case "instant":
      return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case "date":
      return `to_char(${c}, 'YYYY-MM-DD')`;
    default:
      return `${c}::text`;
  }
}

/** The qualified, quoted table name. */
export function tableRef(t: { schema: string; table: string }): string {
  return `"${t.schema}"."${t.table}"`;
}

/**
 * The select list producing a record's canonical values from table alias `alias`:
 * `id` (text), `c0` … `cN` (text or null) and, for tables with children, `k` (a JSON array
 * of arrays of text or null).
 */
export function canonicalSelectList(spec: LedgeredTable, alias = "r"): string {
  const parts = [`${alias}.id::text AS id`, ...spec.columns.map((c, i) => `${columnText(alias, c)} AS c${i}`)];
  const ch = spec.children;
  if (ch) {
    const values = ch.columns.map((c) => columnText("ch", c)).join(", ");
    parts.push(
      `(SELECT coalesce(json_agg(json_build_array(${values}) ORDER BY ch.id), '[]'::json)::text` +
        ` FROM ${tableRef(ch)} ch WHERE ch."${ch.foreignKey}" = ${alias}.id) AS k`,
    );
  }
  return parts.join(", ");
}

/** A row as the canonical select list returns it. */
export type CanonicalRow = Record<string, unknown> & { id: string };

function textOrNull(v: unknown, what: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") throw new TypeError(`canonical value ${what} is not text`);
  return v;
}

interface Writer {
  /** `{"format":F,"table":"…","id":` */
  head: string;
  /** `,"col":` per column, the first one after `"row":{` */
  keys: string[];
}

const writers = new WeakMap<LedgeredTable, Writer>();

function writerOf(spec: LedgeredTable): Writer {
  let w = writers.get(spec);
  if (!w) {
    const keys = spec.columns.map(([name], i) => `${i === 0 ? "" : ","}${JSON.stringify(name)}:`);
    w = { head: `{"format":${spec.format},"table":${JSON.stringify(spec.name)},"id":`, keys };
    writers.set(spec, w);
  }
  return w;
}

/**
 * The canonical serialisation of a record at `version` (see the module comment): exactly
 * `JSON.stringify({format, table, id, version, row})` with the columns in spec order,
 * written without building the object (it runs once per leaf on the upload path).
 */
export function canonicalText(spec: LedgeredTable, version: number, row: CanonicalRow): string {
  const w = writerOf(spec);
  let out = `${w.head}${JSON.stringify(String(row.id))},"version":${JSON.stringify(version)},"row":{`;
  for (let i = 0; i < w.keys.length; i++) {
    const v = textOrNull(row[`c${i}`], spec.columns[i]![0]);
    out += w.keys[i] + (v === null ? "null" : JSON.stringify(v));
  }
  const ch = spec.children;
  if (ch) {
    const items = JSON.parse(String(row.k ?? "[]")) as unknown[][];
    const rows = items.map((item) => {
      const o: Record<string, string | null> = {};
      ch.columns.forEach(([name], j) => {
        o[name] = textOrNull(item[j], `${ch.key}.${name}`);
      });
      return o;
    });
    out += `${w.keys.length > 0 ? "," : ""}${JSON.stringify(ch.key)}:${JSON.stringify(rows)}`;
  }
  return `${out}}}`;
}

/** The same serialisation by building the object (the definition; tests compare the two). */
export function canonicalTextReference(spec: LedgeredTable, version: number, row: CanonicalRow): string {
  const out: Record<string, unknown> = {};
  spec.columns.forEach(([name], i) => {
    out[name] = textOrNull(row[`c${i}`], name);
  });
  const ch = spec.children;
  if (ch) {
    const items = JSON.parse(String(row.k ?? "[]")) as unknown[][];
    out[ch.key] = items.map((item) => {
      const o: Record<string, string | null> = {};
      ch.columns.forEach(([name], j) => {
        o[name] = textOrNull(item[j], `${ch.key}.${name}`);
      });
      return o;
    });
  }
  return JSON.stringify({ format: spec.format, table: spec.name, id: String(row.id), version, row: out });
}

/** What a canonical serialisation says about itself (for display and for third parties). */
export interface CanonicalRecord {
  format: number;
  table: string;
  id: string;
  version: number;
  row: Record<string, unknown>;
}

export function parseCanonical(text: string): CanonicalRecord {
  return JSON.parse(text) as CanonicalRecord;
}
