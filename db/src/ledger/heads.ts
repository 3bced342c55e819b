/**
 * Signed tree heads (签名树头): the platform's SM2 signature over (size, root, time), stored
 * in `ledger.tree_head` and published. A head is signed on a schedule (`checkpoint`, from
 * the workers) and on demand; one head per tree size (asking again without new leaves
 * returns the head already signed for that size).
 */
import type { Clock } from "../clock";
import { sm2Sign } from "../crypto/sm";
import { PlatformError } from "../errors";
import { type LedgerDb, type LedgerTx, query, toHex } from "./executor";
import type { LedgerKeys } from "./keys";
import { type SequenceOptions, sequenceLeaves } from "./sequencer";
import { sequencedSize, storedRoot } from "./store";
import { type SignedTreeHead, treeHeadMessage } from "./verifier";

interface HeadRow {
  tree_size: number;
  root_hash: string;
  timestamp: number;
  key_id: string;
  signature: string;
}

const HEAD_COLUMNS = `tree_size, encode(root_hash, 'hex') AS root_hash,
  (extract(epoch FROM issued_at) * 1000)::bigint AS timestamp, key_id, signature`;

function toHead(r: HeadRow): SignedTreeHead {
  return {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    timestamp: Number(r.timestamp),
    keyId: r.key_id,
    signature: r.signature,
  };
}

/** Signs a head over a tree size and root (pure). */
export function signHead(keys: LedgerKeys, treeSize: number, rootHash: string, timestamp: number): SignedTreeHead {
  const head = { treeSize, rootHash, timestamp: Math.floor(timestamp), keyId: keys.keyId };
  return { ...head, signature: sm2Sign(treeHeadMessage(head), keys.privateKey) };
}

/**
 * Signs and stores a head for everything sequenced so far (or returns the head already
 * signed for that size).
 */
export async function signTreeHead(tx: LedgerTx, keys: LedgerKeys, now: number): Promise<SignedTreeHead> {
  const size = await sequencedSize(tx);
  const existing = await treeHeadOfSize(tx, size);
  if (existing) return existing;
  const head = signHead(keys, size, toHex(await storedRoot(tx, size)), now);
  const rows = await query<HeadRow>(
    tx,
    `INSERT INTO ledger.tree_head (tree_size, root_hash, issued_at, signature, key_id)
     VALUES ($1, decode($2, 'hex'), timestamptz 'epoch' + $3::bigint * interval '1 millisecond', $4, $5)
     ON CONFLICT (tree_size) DO NOTHING
     RETURNING ${HEAD_COLUMNS}`,
    [head.treeSize, head.rootHash, head.timestamp, head.signature, head.keyId],
  );
  if (rows[0]) return toHead(rows[0]);
  // another process signed this size meanwhile
  return (await treeHeadOfSize(tx, size))!;
}

export interface CheckpointResult {
  sequenced: number;
  head: SignedTreeHead;
}

/** The scheduled job: sequence every pending leaf, then sign a head over the new size. */
export async function checkpoint(
  sql: LedgerDb,
  keys: LedgerKeys,
  clock: Clock,
  options: SequenceOptions = {},
): Promise<CheckpointResult> {
  const { sequenced } = await sequenceLeaves(sql, keys.sealKey, options);
  return { sequenced, head: await signTreeHead(sql, keys, clock.now().getTime()) };
}

export async function latestTreeHead(tx: LedgerTx): Promise<SignedTreeHead | undefined> {
  const [row] = await query<HeadRow>(
    tx,
    `SELECT ${HEAD_COLUMNS} FROM ledger.tree_head ORDER BY tree_size DESC LIMIT 1`,
  );
  return row ? toHead(row) : undefined;
}

export async function treeHeadOfSize(tx: LedgerTx, treeSize: number): Promise<SignedTreeHead | undefined> {
  const [row] = await query<HeadRow>(tx, `SELECT ${HEAD_COLUMNS} FROM ledger.tree_head WHERE tree_size = $1`, [
    treeSize,
  ]);
  return row ? toHead(row) : undefined;
}

/** The published head of `treeSize`, or the latest when none is given; NOT_FOUND otherwise. */
export async function requireTreeHead(tx: LedgerTx, treeSize?: number): Promise<SignedTreeHead> {
  const head = treeSize === undefined ? await latestTreeHead(tx) : await treeHeadOfSize(tx, treeSize);
  if (!head) throw new PlatformError("NOT_FOUND", { what: "签名树头 tree head", id: treeSize ?? "latest" });
  return head;
}

/** Published heads in size order, from `fromSize` on, at most `limit`. */
export async function listTreeHeads(
  tx: LedgerTx,
  options: { fromSize?: number; limit?: number } = {},
): Promise<SignedTreeHead[]> {
  const rows = await query<HeadRow>(
    tx,
    `SELECT ${HEAD_COLUMNS} FROM ledger.tree_head WHERE tree_size >= $1 ORDER BY tree_size LIMIT $2`,
    [options.fromSize ?? 0, options.limit ?? 1000],
  );
  return rows.map(toHead);
}
