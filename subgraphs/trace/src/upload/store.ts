/**
 * The idempotent heart of every upload: store a batch keyed by (owner, ThridId) and tell,
 * per item, whether it was stored now (ACCEPTED) or already was (DUPLICATE, with the
 * existing id and the alarms it raised then).
 *
 * Two statements whatever the batch size: one `INSERT … SELECT FROM jsonb_to_recordset …
 * ON CONFLICT DO NOTHING RETURNING`, then, only if some items were not inserted, one SELECT
 * of those by ThridId. Rows are inserted in ThridId order, so two concurrent identical
 * retries wait on each other's unique-index entries in the same order (no deadlock) and the
 * second finds the first's rows once it commits: nothing is stored twice.
 */
import type { AlarmType, RecordKind } from "@cylinder/db";
import { type CanonicalRow, canonicalReturning, isLedgeredTable } from "@cylinder/db/ledger";
import { sql } from "drizzle-orm";
import { bigintArray, type Executor, jsonb, rows } from "../shared/sql";

export type UploadKind = Extract<
  RecordKind,
  "before_fill_check" | "fill_record" | "after_fill_check" | "inspection_result"
>;

/** A column: its name, its type in the jsonb record set, and an optional cast to the column type. */
export type ColumnSpec = readonly [name: string, recordType: string, cast?: string];

export interface BatchSpec {
  kind: UploadKind;
  /** Table in schema `trace`. */
  table: UploadKind;
  /** The column holding the uploader (ThridIds are unique per uploader and kind). */
  ownerColumn: "unit_id" | "station_unit_id";
  ownerId: number;
  columns: readonly ColumnSpec[];
  /** One object per item keyed by column name; each has third_id and barcode. */
  rows: readonly Record<string, unknown>[];
  /** Extra columns returned for every item, accepted or duplicate. */
  returning?: readonly string[];
}

export interface StoredItem {
  index: number;
  id: number;
  thirdId: number;
  barcode: string;
  status: "ACCEPTED" | "DUPLICATE";
  /** For duplicates: the alarms the record raised when it was stored. */
  alarms: AlarmType[];
  /** The `returning` columns. */
  row: Record<string, unknown>;
  /**
   * Accepted items of ledgered tables: the record's canonical row straight from the INSERT's
   * RETURNING (db/src/ledger `canonicalReturning`), so the ledger need not read it back.
   */
  canonical?: CanonicalRow;
}

const IDENT = /^[a-z_][a-z0-9_.]*$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`not an identifier: ${name}`);
  return name;
}

export async function storeBatch(tx: Executor, spec: BatchSpec): Promise<StoredItem[]> {
  const table = `trace.${ident(spec.table)}`;
  const names = spec.columns.map(([n]) => ident(n));
  const recordset = spec.columns.map(([n, t]) => `${ident(n)} ${ident(t)}`).join(", ");
  const selects = spec.columns.map(([n, , cast]) => (cast ? `r.${n}::${ident(cast)}` : `r.${n}`)).join(", ");
  const extra = (spec.returning ?? []).map((c) => `, x.${ident(c)}`).join("");
  const owner = ident(spec.ownerColumn);
  // the canonical columns (id, c0 … cN) come back under names of their own: nothing else is called c<n>
  const ledgered = `trace.${spec.table}`;
  const canonical = isLedgeredTable(ledgered) ? `, ${canonicalReturning(ledgered, "x")}` : "";

  const inserted = await rows<Record<string, unknown> & { id: number; third_id: number; barcode: string }>(
    tx,
    sql`insert into ${sql.raw(table)} as x (${sql.raw(names.join(", "))})
      select ${sql.raw(selects)} from jsonb_to_recordset(${jsonb(spec.rows)}) as r(${sql.raw(recordset)})
      order by r.third_id
      on conflict (${sql.raw(owner)}, third_id) do nothing
      returning x.third_id, x.barcode${sql.raw(extra)}${sql.raw(canonical || ", x.id")}`,
  );

  const indexByThirdId = new Map<number, number>(spec.rows.map((r, i) => [Number(r.third_id), i]));
  const out: StoredItem[] = new Array(spec.rows.length);
  for (const r of inserted) {
    const index = indexByThirdId.get(Number(r.third_id))!;
    out[index] = {
      index,
      id: Number(r.id),
      thirdId: Number(r.third_id),
      barcode: r.barcode,
      status: "ACCEPTED",
      alarms: [],
      row: r,
      ...(canonical ? { canonical: r as unknown as CanonicalRow } : {}),
    };
  }

  const missing = spec.rows.map((r, i) => (out[i] ? null : Number(r.third_id))).filter((v): v is number => v !== null);
  if (missing.length > 0) {
    const existing = await rows<
      Record<string, unknown> & { id: number; third_id: number; barcode: string; alarms: string[] }
    >(
      tx,
      sql`select x.id, x.third_id, x.barcode${sql.raw(extra)},
          coalesce((select array_agg(a.type::text order by a.id) from trace.alarm a
            where a.record_kind = ${spec.kind} and a.record_id = x.id), '{}') as alarms
        from ${sql.raw(table)} x
        where x.${sql.raw(owner)} = ${spec.ownerId} and x.third_id = any(${bigintArray(missing)})`,
    );
    for (const r of existing) {
      const index = indexByThirdId.get(Number(r.third_id))!;
      out[index] = {
        index,
        id: Number(r.id),
        thirdId: Number(r.third_id),
        barcode: r.barcode,
        status: "DUPLICATE",
        alarms: r.alarms as AlarmType[],
        row: r,
      };
    }
  }
  for (let i = 0; i < spec.rows.length; i++) {
    // cannot happen: a conflicting row is committed before ON CONFLICT gives way
    if (!out[i]) throw new Error(`upload item ${i} neither inserted nor found`);
  }
  return out;
}
