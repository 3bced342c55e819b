/**
 * The client-side verifier: everything a third party (a regulator's auditor, a station, a
 * member of the public) needs to check what the platform publishes, with only the
 * platform's SM2 public key. Pure; depends on the SM wrapper and the Merkle core only, so
 * these three files can be handed out as they are.
 *
 * - A signed tree head (STH) is an SM2 signature (SM3 digest with the Z value of the default
 *   user id "1234567812345678", GB/T 32918) over the UTF-8 text
 *
 *       cylinder-ledger/sth/v1\n<keyId>\n<treeSize>\n<timestamp ms>\n<root hex>\n
 *
 *   where keyId is the first 16 hex digits of SM3 over the public key's 65 bytes (04‖x‖y),
 *   treeSize and timestamp (milliseconds since 1970-01-01T00:00:00Z) are decimal digits and
 *   the root is 64 lower-case hex digits.
 * - A record's leaf hash is SM3(0x00 ‖ canonical bytes) (canonical.ts); the tree is
 *   RFC 6962/9162 with SM3 (merkle.ts).
 */
import { hexToBytes, sm2Verify, sm3Concat, sm3Hex, toBytes } from "../crypto/sm";
import { verifyConsistency as consistent, verifyInclusion as included, type TreeHasher, treeHasher } from "./merkle";

/** The platform's tree: RFC 6962 hashing over SM3. */
type Bytes = Uint8Array;

export const SM3_TREE: TreeHasher = treeHasher(sm3Concat);

export const TREE_HEAD_CONTEXT = "cylinder-ledger/sth/v1";

export interface TreeHead {
  treeSize: number;
  /** 64 lower-case hex digits */
  rootHash: string;
  /** Milliseconds since the epoch, as signed. */
  timestamp: number;
  /** Which key signed it (keyIdOf). */
  keyId: string;
}

export interface SignedTreeHead extends TreeHead {
  /** SM2 signature, hex r‖s */
  signature: string;
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** Audit path, hex hashes, in RFC 9162 order. */
  path: string[];
}

export interface ConsistencyProof {
  fromSize: number;
  toSize: number;
  path: string[];
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const OK: Verdict = { ok: true };
const fail = (reason: string): Verdict => ({ ok: false, reason });

/** The text a tree head signature covers. */
export function treeHeadMessage(head: TreeHead): string {
  return `${TREE_HEAD_CONTEXT}\n${head.keyId}\n${head.treeSize}\n${head.timestamp}\n${head.rootHash}\n`;
}

/** A signing key's id: the first 16 hex digits of SM3 over its uncompressed point. */
export function keyIdOf(publicKey: string): string {
  return sm3Hex(hexToBytes(publicKey.toLowerCase())).slice(0, 16);
}

/** SM3(0x00 ‖ canonical): the leaf hash of a record's canonical bytes. */
export function leafHashOf(canonical: string | Bytes): Bytes {
  return SM3_TREE.leaf(toBytes(canonical));
}

const HASH_HEX = /^[0-9a-f]{64}$/;

function hashOf(hex: string): Bytes | undefined {
  return typeof hex === "string" && HASH_HEX.test(hex) ? hexToBytes(hex) : undefined;
}

function pathOf(path: readonly string[]): Bytes[] | undefined {
  if (!Array.isArray(path)) return undefined;
  const out: Bytes[] = [];
  for (const p of path) {
    const b = hashOf(p);
    if (!b) return undefined;
    out.push(b);
  }
  return out;
}

const isCount = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

/** Checks a head's form and its SM2 signature by one of `publicKeys` (chosen by key id). */
export function verifyTreeHead(head: SignedTreeHead, publicKeys: string | readonly string[]): Verdict {
  if (!head || !isCount(head.treeSize) || !isCount(head.timestamp)) return fail("树头格式错误 malformed head");
  if (!hashOf(head.rootHash)) return fail("树头根哈希格式错误 malformed root hash");
  if (typeof head.signature !== "string" || !/^[0-9a-f]+$/i.test(head.signature)) {
    return fail("树头签名格式错误 malformed signature");
  }
  const keys = typeof publicKeys === "string" ? [publicKeys] : publicKeys;
  const key = keys.find((k) => keyIdOf(k) === head.keyId);
  if (!key) return fail(`未知签名密钥 unknown key ${head.keyId}`);
  if (!sm2Verify(treeHeadMessage(head), head.signature, key)) return fail("树头签名无效 bad head signature");
  return OK;
}

/** Checks that the record with these canonical bytes is in the tree of a signed head. */
export function verifyRecordInclusion(
  head: SignedTreeHead,
  canonical: string | Bytes,
  proof: InclusionProof,
  publicKeys: string | readonly string[],
): Verdict {
  return verifyLeafInclusion(head, leafHashOf(canonical), proof, publicKeys);
}

/** Checks that a leaf hash is in the tree of a signed head. */
export function verifyLeafInclusion(
  head: SignedTreeHead,
  leafHash: Bytes,
  proof: InclusionProof,
  publicKeys: string | readonly string[],
): Verdict {
  const h = verifyTreeHead(head, publicKeys);
  if (!h.ok) return h;
  if (!proof || proof.treeSize !== head.treeSize) return fail("证明与树头的大小不符 proof is for another tree size");
  const path = pathOf(proof.path);
  if (!path || !isCount(proof.leafIndex)) return fail("证明格式错误 malformed proof");
  if (!included(SM3_TREE, proof.leafIndex, head.treeSize, leafHash, path, hexToBytes(head.rootHash))) {
    return fail("包含证明无效 inclusion proof does not lead to the signed root");
  }
  return OK;
}

/** Checks that the newer signed head extends the older one (nothing removed or changed). */
export function verifyHeadConsistency(
  older: SignedTreeHead,
  newer: SignedTreeHead,
  proof: ConsistencyProof,
  publicKeys: string | readonly string[],
): Verdict {
  for (const head of [older, newer]) {
    const h = verifyTreeHead(head, publicKeys);
    if (!h.ok) return h;
  }
  if (!proof || proof.fromSize !== older.treeSize || proof.toSize !== newer.treeSize) {
    return fail("证明与树头的大小不符 proof is for other tree sizes");
  }
  const path = pathOf(proof.path);
  if (!path) return fail("证明格式错误 malformed proof");
  const ok = consistent(
    SM3_TREE,
    older.treeSize,
    newer.treeSize,
    path,
    hexToBytes(older.rootHash),
    hexToBytes(newer.rootHash),
  );
  return ok ? OK : fail("一致性证明无效 consistency proof does not join the two signed roots");
}
