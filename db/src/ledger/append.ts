/**
 * Appending leaves: the one call every write path makes, inside its own transaction, right
 * after it stored (or changed) records:
 *
 *     await sql.begin(async (tx) => {
 *       const rows = await tx`insert into trace.fill_record ${tx(values)} returning id`;
 *       await appendLeaves(tx, rows.map((r) => ({ table: "trace.fill_record", id: r.id })));
 *     });
 *
 * It reads the stored rows back in canonical form (so the leaf covers exactly what the
 * database holds, whatever the writer meant to store), hashes them (SM3) and inserts the
 * leaves, unsequenced: two statements per table, no lock beyond the rows' own, nothing
 * global on the hot path. The sequencer gives the leaves their tree positions later.
 *
 * It is idempotent: a record already covered in its current state gets no second leaf (an
 * immutable record has exactly one; a mutable record gets a new version only when its
 * canonical serialisation changed since its last leaf). A write path that changes a
 * cylinder or a registration calls it again after the change, in the same transaction.
 */
import { PlatformError } from "../errors";
import { type CanonicalRow, canonicalSelectList, canonicalText, tableRef } from "./canonical";
import { execute, type LedgerTx, query, toHex } from "./executor";
import { type LedgeredTable, type LedgeredTableName, ledgeredTable } from "./tables";
import { leafHashOf } from "./verifier";

export interface RecordRef {
  table: LedgeredTableName;
  id: number;
  /**
   * The record's canonical row, when the writer's own `INSERT … RETURNING
   * ${canonicalReturning(table)}` produced it: saves reading the rows back (one statement
   * per batch on the upload path). Immutable tables only; ignored for versioned ones. Only
   * for rows just inserted in this transaction (their leaves are inserted without a
   * duplicate check).
   */
  row?: CanonicalRow;
}

interface Pending {
  id: number;
  version: number;
  hash: string;
  content: string | null;
}

/**
 * The RETURNING list that gives appendLeaves a record's canonical row straight from the
 * writer's INSERT (pass the INSERT's alias if it gives the table one):
 *
 *     const rows = await tx`insert into trace.fill_record ${tx(values)}
 *                           returning ${tx.unsafe(canonicalReturning("trace.fill_record"))}`;
 *     await appendLeaves(tx, rows.map((row) => ({ table: "trace.fill_record", id: Number(row.id), row })));
 */
export function canonicalReturning(table: LedgeredTableName, alias?: string): string {
  const spec = ledgeredTable(table);
  return canonicalSelectList(spec, alias ?? tableRef(spec));
}

async function prepare(
  tx: LedgerTx,
  spec: LedgeredTable,
  ids: number[],
  given: Map<number, CanonicalRow>,
): Promise<Pending[]> {
  const from = `${tableRef(spec)} r`;
  let rows: (CanonicalRow & { latest_version?: number | null; latest_content?: string | null })[];
  if (!spec.versioned && given.size === ids.length) {
    rows = ids.map((id) => given.get(id)!);
  } else if (spec.versioned) {
    // Serialise concurrent appenders of the same record, so each version is computed once.
    await query(tx, `SELECT r.id FROM ${from} WHERE r.id = ANY($1::bigint[]) ORDER BY r.id FOR UPDATE`, [ids]);
    rows = await query(
      tx,
      `SELECT ${canonicalSelectList(spec)}, lv.record_version AS latest_version, lv.content AS latest_content
       FROM ${from}
       LEFT JOIN LATERAL (
         SELECT l.record_version, l.content FROM ledger.leaf l
         WHERE l.record_schema = $2 AND l.record_table = $3 AND l.record_id = r.id
         ORDER BY l.record_version DESC LIMIT 1
       ) lv ON true
       WHERE r.id = ANY($1::bigint[])`,
      [ids, spec.schema, spec.table],
    );
  } else {
    rows = await query(tx, `SELECT ${canonicalSelectList(spec)} FROM ${from} WHERE r.id = ANY($1::bigint[])`, [ids]);
  }
  if (rows.length !== ids.length) {
    const found = new Set(rows.map((r) => Number(r.id)));
    const missing = ids.filter((id) => !found.has(id));
    throw new PlatformError("NOT_FOUND", { what: spec.name, id: missing.join(", ") });
  }
  const out: Pending[] = [];
  for (const row of rows) {
    const id = Number(row.id);
    if (!spec.versioned) {
      const canonical = canonicalText(spec, 1, row);
      out.push({ id, version: 1, hash: toHex(leafHashOf(canonical)), content: null });
      continue;
    }
    const latest = row.latest_version ?? 0;
    if (latest > 0 && canonicalText(spec, latest, row) === row.latest_content) continue; // unchanged
    const canonical = canonicalText(spec, latest + 1, row);
    out.push({ id, version: latest + 1, hash: toHex(leafHashOf(canonical)), content: canonical });
  }
  return out;
}

/**
 * Appends a leaf for each record's current stored state, in the caller's transaction.
 * Returns how many leaves it added (none for records already covered in this state).
 */
export async function appendLeaves(tx: LedgerTx, records: readonly RecordRef[]): Promise<number> {
  const byTable = new Map<LedgeredTableName, Set<number>>();
  const given = new Map<LedgeredTableName, Map<number, CanonicalRow>>();
  for (const r of records) {
    const spec = ledgeredTable(r.table);
    if (!Number.isSafeInteger(r.id)) throw new PlatformError("INVALID_FIELD", { field: "id", reason: String(r.id) });
    const ids = byTable.get(spec.name) ?? new Set<number>();
    byTable.set(spec.name, ids);
    ids.add(r.id);
    if (r.row) {
      if (Number(r.row.id) !== r.id) {
        throw new PlatformError("INVALID_FIELD", { field: "row", reason: `id ${r.row.id} ≠ ${r.id}` });
      }
      const rows = given.get(spec.name) ?? new Map<number, CanonicalRow>();
      given.set(spec.name, rows);
      rows.set(r.id, r.row);
    }
  }
  let appended = 0;
  for (const [name, idSet] of byTable) {
    const spec = ledgeredTable(name);
    const pending = await prepare(
      tx,
      spec,
      [...idSet].sort((a, b) => a - b),
      given.get(name) ?? new Map(),
    );
    if (pending.length === 0) continue;
    // Rows handed over from the writer's INSERT … RETURNING were just inserted and cannot have
    // a leaf yet: their leaves go in without the (25 % dearer) ON CONFLICT arbiter.
    const fresh = (given.get(name)?.size ?? 0) === idSet.size;
    appended += await execute(
      tx,
      `INSERT INTO ledger.leaf (record_schema, record_table, record_id, record_version, format, leaf_hash, content)
       SELECT $1, $2, u.id, u.version, $3, decode(u.hash, 'hex'), u.content
       FROM unnest($4::bigint[], $5::int[], $6::text[], $7::text[]) AS u(id, version, hash, content)
       ${spec.versioned || fresh ? "" : "ON CONFLICT ON CONSTRAINT leaf_record_version_key DO NOTHING"}`,
      [
        spec.schema,
        spec.table,
        spec.format,
        pending.map((p) => p.id),
        pending.map((p) => p.version),
        pending.map((p) => p.hash),
        pending.map((p) => p.content),
      ],
    );
  }
  return appended;
}
