/**
 * The demo's rows are accepted records like any other, so they become leaves of the
 * tamper-evident ledger (db/src/ledger): the bulk load writes them with COPY / multi-row
 * INSERT, bypassing the write paths' appendLeaves, so this pass appends their leaves
 * afterwards, table by table in id order. On real PostgreSQL the load is fresh (nobody else
 * writes) and `appendLeavesBulk` streams each table through COPY out and back in; on PGlite
 * (no COPY TO STDOUT through its driver) appendLeaves runs in chunks, one transaction each.
 * A fresh `npm start` database then passes `npm run verify` (the caller sequences and signs
 * a head: the platform's checkpoint job).
 */
import { appendLeaves, appendLeavesBulk, LEDGERED_TABLES } from "@cylinder/db/ledger";
import type { Sql } from "postgres";

/** Leaves per transaction. */
const CHUNK = 5000;

/**
 * Appends a leaf for every ledgered record that has none yet (idempotent: records already
 * covered add nothing). Returns how many leaves it added.
 */
export async function appendDemoLeaves(
  sql: Sql,
  engine: "postgres" | "pglite",
  onProgress?: (done: number) => void,
): Promise<number> {
  if (engine === "postgres") return appendLeavesBulk(sql, onProgress);
  let appended = 0;
  for (const spec of LEDGERED_TABLES) {
    let after = 0;
    for (;;) {
      const ids = await sql.unsafe<{ id: number }[]>(
        `SELECT r.id::int8 AS id FROM "${spec.schema}"."${spec.table}" r
         WHERE r.id > $1 AND NOT EXISTS (
           SELECT 1 FROM ledger.leaf l
           WHERE l.record_schema = $2 AND l.record_table = $3 AND l.record_id = r.id)
         ORDER BY r.id LIMIT ${CHUNK}`,
        [after, spec.schema, spec.table],
      );
      if (ids.length === 0) break;
      const added = await sql.begin((tx) =>
        appendLeaves(
          tx,
          ids.map((r) => ({ table: spec.name, id: Number(r.id) })),
        ),
      );
      appended += added;
      after = Number(ids[ids.length - 1]!.id);
      onProgress?.(appended);
    }
  }
  return appended;
}
