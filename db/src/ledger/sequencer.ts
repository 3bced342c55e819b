/**
 * The sequencer: gives appended leaves their dense positions in the tree and stores the
 * perfect subtrees they complete. One sequencer runs at a time (a transaction-scoped
 * advisory lock); it takes the committed, unsequenced leaves in arrival order (`id`), so a
 * leaf whose transaction commits late simply gets a later position: the tree never has a
 * gap and never changes below its size. Each batch is one transaction: positions, seals and
 * subtrees become visible together, so a reader always sees a whole tree.
 *
 * With each position the sequencer writes a seal, HMAC-SM3 (platform seal key) over the
 * position, the record and its leaf hash: someone with database access but not the key
 * cannot move a leaf to another position without `verify` naming it.
 */
import { hmacSm3 } from "../crypto/sm";
import { inTransaction, type LedgerDb, type LedgerTx, query, toHex } from "./executor";
import { rangeNodes, TreeBuilder } from "./merkle";

type Bytes = Uint8Array;

import { nodeHashes, sequencedSize } from "./store";
import { SM3_TREE } from "./verifier";

/** Any fixed 64-bit number, shared by every process that sequences this platform's ledger. */
export const SEQUENCER_LOCK = 5_300_006_001;

export interface SealedLeaf {
  recordSchema: string;
  recordTable: string;
  recordId: number;
  recordVersion: number;
  leafHash: Bytes;
}

/** The seal of a leaf at a position. */
export function sealOf(sealKey: Bytes, leafIndex: number, leaf: SealedLeaf): Bytes {
  return hmacSm3(
    sealKey,
    `cylinder-ledger/seal/v1\n${leafIndex}\n${leaf.recordSchema}.${leaf.recordTable}\n${leaf.recordId}\n${leaf.recordVersion}\n${toHex(leaf.leafHash)}\n`,
  );
}

export interface SequenceOptions {
  /** Leaves per transaction (default 10,000). */
  batchSize?: number;
  /** Stop after this many (default: all pending). */
  maxLeaves?: number;
}

export interface SequenceResult {
  sequenced: number;
  treeSize: number;
}

interface PendingLeaf {
  id: number;
  record_schema: string;
  record_table: string;
  record_id: number;
  record_version: number;
  leaf_hash: Uint8Array;
}

/** Sequences one batch in the caller's transaction (which must be able to hold the lock). */
export async function sequenceBatch(tx: LedgerTx, sealKey: Bytes, batchSize = 10_000): Promise<SequenceResult> {
  await query(tx, "SELECT pg_advisory_xact_lock($1)", [SEQUENCER_LOCK]);
  const size = await sequencedSize(tx);
  const pending = await query<PendingLeaf>(
    tx,
    `SELECT id, record_schema, record_table, record_id, record_version, leaf_hash
     FROM ledger.leaf WHERE leaf_index IS NULL ORDER BY id LIMIT $1`,
    [batchSize],
  );
  if (pending.length === 0) return { sequenced: 0, treeSize: size };
  const builder = new TreeBuilder(SM3_TREE, size, await nodeHashes(tx, rangeNodes(0, size)));
  const ids: number[] = [];
  const positions: number[] = [];
  const seals: string[] = [];
  const nodeEnds: number[] = [];
  const nodeLevels: number[] = [];
  const nodeHashesHex: string[] = [];
  for (const p of pending) {
    const index = builder.size;
    ids.push(Number(p.id));
    positions.push(index);
    seals.push(
      toHex(
        sealOf(sealKey, index, {
          recordSchema: p.record_schema,
          recordTable: p.record_table,
          recordId: Number(p.record_id),
          recordVersion: Number(p.record_version),
          leafHash: p.leaf_hash,
        }),
      ),
    );
    builder.push(p.leaf_hash, (level, end, hash) => {
      nodeEnds.push(end);
      nodeLevels.push(level);
      nodeHashesHex.push(toHex(hash));
    });
  }
  await query(
    tx,
    `UPDATE ledger.leaf l SET leaf_index = u.idx, seal = decode(u.seal, 'hex')
     FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, idx, seal)
     WHERE l.id = u.id`,
    [ids, positions, seals],
  );
  if (nodeEnds.length > 0) {
    await query(
      tx,
      `INSERT INTO ledger.node (end_index, level, hash)
       SELECT u.e, u.l, decode(u.h, 'hex') FROM unnest($1::bigint[], $2::smallint[], $3::text[]) AS u(e, l, h)`,
      [nodeEnds, nodeLevels, nodeHashesHex],
    );
  }
  return { sequenced: pending.length, treeSize: builder.size };
}

/** Sequences pending leaves, a batch per transaction, until none are left (or maxLeaves). */
export async function sequenceLeaves(
  sql: LedgerDb,
  sealKey: Bytes,
  options: SequenceOptions = {},
): Promise<SequenceResult> {
  const batchSize = options.batchSize ?? 10_000;
  const max = options.maxLeaves ?? Number.POSITIVE_INFINITY;
  let sequenced = 0;
  let treeSize: number | undefined;
  for (;;) {
    const n = Math.min(batchSize, max - sequenced);
    if (n <= 0) break;
    const r = await inTransaction(sql, (tx) => sequenceBatch(tx, sealKey, n));
    sequenced += r.sequenced;
    treeSize = r.treeSize;
    if (r.sequenced < n) break;
  }
  return { sequenced, treeSize: treeSize ?? (await sequencedSize(sql)) };
}
