/**
 * Reading the stored tree: the sequenced size, and the hashes of perfect subtrees (level 0
 * from `ledger.leaf.leaf_hash`, higher levels from `ledger.node`). Every proof and root needs
 * O(log n) of them, fetched in one statement by primary key.
 */
import { type LedgerTx, query } from "./executor";
import { foldRight, type NodeId, nodeEnd, nodeKey, rangeNodes } from "./merkle";

type Bytes = Uint8Array;

import { SM3_TREE } from "./verifier";

/** Leaves sequenced so far: the size of the largest tree the stored nodes describe. */
export async function sequencedSize(tx: LedgerTx): Promise<number> {
  const [row] = await query<{ size: number }>(
    tx,
    "SELECT coalesce(max(leaf_index) + 1, 0)::bigint AS size FROM ledger.leaf",
  );
  return Number(row?.size ?? 0);
}

/** The stored hashes of `nodes`, by nodeKey; absent ones are missing from the store. */
export async function loadNodes(tx: LedgerTx, nodes: readonly NodeId[]): Promise<Map<string, Bytes>> {
  const leaves = nodes.filter((n) => n.level === 0).map((n) => n.index);
  const inner = nodes.filter((n) => n.level > 0);
  const out = new Map<string, Bytes>();
  if (nodes.length === 0) return out;
  const rows = await query<{ level: number; pos: number; hash: Uint8Array }>(
    tx,
    `SELECT 0 AS level, leaf_index AS pos, leaf_hash AS hash FROM ledger.leaf WHERE leaf_index = ANY($1::bigint[])
     UNION ALL
     SELECT n.level, n.end_index, n.hash FROM ledger.node n
     JOIN unnest($2::bigint[], $3::smallint[]) AS u(e, l) ON n.end_index = u.e AND n.level = u.l`,
    [leaves, inner.map(nodeEnd), inner.map((n) => n.level)],
  );
  for (const r of rows) {
    const level = Number(r.level);
    const index = level === 0 ? Number(r.pos) : Number(r.pos) / 2 ** level - 1;
    out.set(nodeKey({ level, index }), r.hash);
  }
  return out;
}

/** Stored hashes in the order of `nodes`; throws naming the first one missing. */
export async function nodeHashes(tx: LedgerTx, nodes: readonly NodeId[]): Promise<Bytes[]> {
  const map = await loadNodes(tx, nodes);
  return nodes.map((n) => {
    const h = map.get(nodeKey(n));
    if (!h) throw new Error(`ledger: stored subtree level ${n.level} index ${n.index} is missing`);
    return h;
  });
}

/** MTH of the first `size` sequenced leaves, from stored subtrees. */
export async function storedRoot(tx: LedgerTx, size: number): Promise<Bytes> {
  return foldRight(SM3_TREE, await nodeHashes(tx, rangeNodes(0, size)));
}
