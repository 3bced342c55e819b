/**
 * Checking a record's ledger proof in the browser, with the platform's published SM2 public
 * key only (the same rules as db/src/ledger/verifier.ts, which is Node code): the leaf hash is
 * SM3(0x00 ‖ canonical), the audit path leads to the signed root (RFC 9162 §2.1.3.2 over
 * SM3), and the tree head's SM2 signature covers
 * `cylinder-ledger/sth/v1\n<keyId>\n<treeSize>\n<timestampMs>\n<rootHash>\n`.
 * sm-crypto-v2 is loaded only when a proof is opened.
 */
export interface ProofHead {
  treeSize: number;
  rootHash: string;
  timestampMs: number;
  keyId: string;
  signature: string;
}

export interface RecordProof {
  canonical: string;
  leafHash: string;
  head: ProofHead;
  proof: { leafIndex: number; treeSize: number; path: string[] };
}

export interface PublicKey {
  keyId: string;
  publicKey: string;
  userId: string;
}

export interface ProofVerdict {
  leaf: boolean;
  inclusion: boolean;
  signature: boolean;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function rootFromPath(
  hash: (bytes: Uint8Array) => Uint8Array,
  index: number,
  size: number,
  leafHash: Uint8Array,
  path: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) return undefined;
  const node = (l: Uint8Array, r: Uint8Array) => hash(concat(Uint8Array.of(1), l, r));
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

export async function verifyProof(p: RecordProof, keys: readonly PublicKey[]): Promise<ProofVerdict> {
  const { sm2, sm3 } = await import("sm-crypto-v2");
  const hash = (bytes: Uint8Array) => hexToBytes(sm3(bytes));
  const canonical = new TextEncoder().encode(p.canonical);
  const leaf = toHex(hash(concat(Uint8Array.of(0), canonical))) === p.leafHash;
  const root = rootFromPath(
    hash,
    p.proof.leafIndex,
    p.head.treeSize,
    hexToBytes(p.leafHash),
    p.proof.path.map(hexToBytes),
  );
  const inclusion = p.proof.treeSize === p.head.treeSize && root !== undefined && toHex(root) === p.head.rootHash;
  const key = keys.find((k) => k.keyId === p.head.keyId);
  const message = `cylinder-ledger/sth/v1\n${p.head.keyId}\n${p.head.treeSize}\n${p.head.timestampMs}\n${p.head.rootHash}\n`;
  let signature = false;
  if (key) {
    try {
      signature = sm2.doVerifySignature(new TextEncoder().encode(message), p.head.signature, key.publicKey, {
        hash: true,
        userId: key.userId,
      });
    } catch {
      signature = false;
    }
  }
  return { leaf, inclusion, signature };
}
