/**
 * Proofs served from the stored tree: a record's inclusion in a signed head, and the
 * consistency of two heads. Each reads O(log n) stored subtrees in one statement, whatever
 * the size of the log. The answers are checked by the client-side verifier (verifier.ts)
 * with the public key only; nothing here needs to be trusted.
 */
import { PlatformError } from "../errors";
import { type CanonicalRow, canonicalSelectList, canonicalText, tableRef } from "./canonical";
import { type LedgerTx, query } from "./executor";
import { requireTreeHead } from "./heads";
import { consistencyProofRanges, hashRanges, inclusionProofRanges, nodeKey, nodesFor } from "./merkle";
import { loadNodes, sequencedSize } from "./store";
import { type LedgeredTableName, ledgeredTable } from "./tables";
import { type ConsistencyProof, type InclusionProof, type SignedTreeHead, SM3_TREE } from "./verifier";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

async function requireSize(tx: LedgerTx, treeSize: number): Promise<void> {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw new PlatformError("INVALID_FIELD", { field: "treeSize", reason: String(treeSize) });
  }
  const size = await sequencedSize(tx);
  if (treeSize > size) throw new PlatformError("LEDGER_SIZE_BEYOND_TREE", { size: treeSize, current: size });
}

async function pathOf(tx: LedgerTx, ranges: ReturnType<typeof inclusionProofRanges>): Promise<string[]> {
  const stored = await loadNodes(tx, nodesFor(ranges));
  return hashRanges(SM3_TREE, ranges, (n) => stored.get(nodeKey(n))).map(hex);
}

/** The audit path of leaf `leafIndex` in the tree of `treeSize`. */
export async function inclusionProof(tx: LedgerTx, leafIndex: number, treeSize: number): Promise<InclusionProof> {
  await requireSize(tx, treeSize);
  if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new PlatformError("INVALID_FIELD", { field: "leafIndex", reason: `${leafIndex} 不在树 ${treeSize} 内` });
  }
  return { leafIndex, treeSize, path: await pathOf(tx, inclusionProofRanges(leafIndex, treeSize)) };
}

/** The proof that the tree of `toSize` extends the tree of `fromSize`. */
export async function consistencyProof(tx: LedgerTx, fromSize: number, toSize: number): Promise<ConsistencyProof> {
  await requireSize(tx, toSize);
  if (!Number.isSafeInteger(fromSize) || fromSize < 0 || fromSize > toSize) {
    throw new PlatformError("INVALID_FIELD", { field: "fromSize", reason: `${fromSize} > ${toSize}` });
  }
  return { fromSize, toSize, path: await pathOf(tx, consistencyProofRanges(fromSize, toSize)) };
}

export interface RecordProof {
  table: LedgeredTableName;
  id: number;
  version: number;
  /** The canonical serialisation the leaf covers (JSON text, see canonical.ts). */
  canonical: string;
  /** hex */
  leafHash: string;
  head: SignedTreeHead;
  proof: InclusionProof;
}

/**
 * 存证证明: a record (its latest version, or `version`) in the published head of
 * `treeSize` (default the latest head). NOT_FOUND when the record has no leaf in that head
 * yet (leaves join a head at the next checkpoint).
 */
export async function recordProof(
  tx: LedgerTx,
  ref: { table: LedgeredTableName; id: number; version?: number },
  treeSize?: number,
): Promise<RecordProof> {
  const spec = ledgeredTable(ref.table);
  const head = await requireTreeHead(tx, treeSize);
  const [leaf] = await query<{ leaf_index: number; record_version: number; leaf_hash: string; content: string | null }>(
    tx,
    `SELECT leaf_index, record_version, encode(leaf_hash, 'hex') AS leaf_hash, content FROM ledger.leaf
     WHERE record_schema = $1 AND record_table = $2 AND record_id = $3
       AND ($4::int IS NULL OR record_version = $4) AND leaf_index < $5
     ORDER BY record_version DESC LIMIT 1`,
    [spec.schema, spec.table, ref.id, ref.version ?? null, head.treeSize],
  );
  if (!leaf) {
    // a leaf outside the head (appended, not yet sequenced or signed) vs no leaf at all
    const [later] = await query<{ one: number }>(
      tx,
      `SELECT 1 AS one FROM ledger.leaf WHERE record_schema = $1 AND record_table = $2 AND record_id = $3
         AND ($4::int IS NULL OR record_version = $4) LIMIT 1`,
      [spec.schema, spec.table, ref.id, ref.version ?? null],
    );
    const details = { table: spec.name, id: ref.id, treeSize: head.treeSize };
    throw new PlatformError(later ? "LEDGER_NOT_SEQUENCED" : "LEDGER_UNKNOWN_RECORD", details);
  }
  const version = Number(leaf.record_version);
  let canonical = leaf.content;
  if (canonical === null) {
    const [row] = await query<CanonicalRow>(
      tx,
      `SELECT ${canonicalSelectList(spec)} FROM ${tableRef(spec)} r WHERE r.id = $1`,
      [ref.id],
    );
    if (!row) throw new PlatformError("NOT_FOUND", { what: spec.name, id: ref.id });
    canonical = canonicalText(spec, version, row);
  }
  const leafIndex = Number(leaf.leaf_index);
  return {
    table: spec.name,
    id: ref.id,
    version,
    canonical,
    leafHash: leaf.leaf_hash,
    head,
    proof: {
      leafIndex,
      treeSize: head.treeSize,
      path: await pathOf(tx, inclusionProofRanges(leafIndex, head.treeSize)),
    },
  };
}
