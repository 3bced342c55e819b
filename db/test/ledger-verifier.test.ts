/**
 * The client-side verifier with only a public key: genuine heads and proofs pass; a forged
 * proof, a forged or altered head, a record changed by one byte, and the wrong public key
 * are each refused. Pure: the tree is built in memory and signed with signHead.
 */
import { describe, expect, it } from "vitest";
import { newSm2KeyPair } from "../src/crypto/sm";
import { signHead } from "../src/ledger/heads";
import { ledgerKeysOf } from "../src/ledger/keys";
import {
  consistencyProofRanges,
  hashRanges,
  inclusionProofRanges,
  type NodeId,
  TreeBuilder,
} from "../src/ledger/merkle";
import {
  keyIdOf,
  leafHashOf,
  type SignedTreeHead,
  SM3_TREE,
  treeHeadMessage,
  verifyHeadConsistency,
  verifyRecordInclusion,
  verifyTreeHead,
} from "../src/ledger/verifier";

const keys = ledgerKeysOf(newSm2KeyPair().privateKey, "00".repeat(32));
const stranger = newSm2KeyPair();
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

const records = Array.from({ length: 21 }, (_, i) =>
  JSON.stringify({
    format: 1,
    table: "trace.fill_record",
    id: String(i + 1),
    version: 1,
    row: { net_weight: "14.50" },
  }),
);
const leaves = records.map((r) => leafHashOf(r));
const store = new Map<string, Uint8Array>();
leaves.forEach((l, i) => {
  store.set(`0:${i}`, l);
});
const roots: string[] = [hex(SM3_TREE.empty())];
const builder = new TreeBuilder(SM3_TREE);
for (const l of leaves) {
  builder.push(l, (level, end, h) => store.set(`${level}:${end / 2 ** level - 1}`, h));
  roots.push(hex(builder.root()));
}
const lookup = (n: NodeId) => store.get(`${n.level}:${n.index}`);
const head = (size: number): SignedTreeHead => signHead(keys, size, roots[size]!, 1_700_000_000_000 + size);
const inclusion = (index: number, size: number) => ({
  leafIndex: index,
  treeSize: size,
  path: hashRanges(SM3_TREE, inclusionProofRanges(index, size), lookup).map(hex),
});
const consistency = (m: number, n: number) => ({
  fromSize: m,
  toSize: n,
  path: hashRanges(SM3_TREE, consistencyProofRanges(m, n), lookup).map(hex),
});
const flip = (h: string) => (h[0] === "0" ? `1${h.slice(1)}` : `0${h.slice(1)}`);

describe("client-side verifier", () => {
  it("accepts genuine heads, inclusion proofs and consistency proofs", () => {
    const h21 = head(21);
    const h13 = head(13);
    expect(verifyTreeHead(h21, keys.publicKey)).toEqual({ ok: true });
    for (let i = 0; i < 21; i++) {
      expect(verifyRecordInclusion(h21, records[i]!, inclusion(i, 21), keys.publicKey)).toEqual({ ok: true });
    }
    expect(verifyHeadConsistency(h13, h21, consistency(13, 21), keys.publicKey)).toEqual({ ok: true });
    expect(verifyHeadConsistency(head(0), h21, consistency(0, 21), keys.publicKey)).toEqual({ ok: true });
  });

  it("refuses forged inclusion proofs", () => {
    const h = head(21);
    const good = inclusion(9, 21);
    const forged = [
      { ...good, path: [flip(good.path[0]!), ...good.path.slice(1)] },
      { ...good, path: good.path.slice(1) },
      { ...good, path: [...good.path, good.path[0]!] },
      { ...good, path: [...good.path].reverse() },
      { ...good, leafIndex: 10 },
      { ...good, treeSize: 20 },
      { ...good, path: good.path.map((p) => p.toUpperCase()) },
      // a proof built for another leaf
      inclusion(10, 21),
    ];
    for (const p of forged) expect(verifyRecordInclusion(h, records[9]!, p, keys.publicKey).ok).toBe(false);
    // a record changed by one byte
    expect(verifyRecordInclusion(h, records[9]!.replace("14.50", "14.60"), good, keys.publicKey).ok).toBe(false);
  });

  it("refuses a forged consistency proof and heads that do not extend each other", () => {
    const [h8, h13, h21] = [head(8), head(13), head(21)];
    const good = consistency(13, 21);
    expect(
      verifyHeadConsistency(h13, h21, { ...good, path: [flip(good.path[0]!), ...good.path.slice(1)] }, keys.publicKey)
        .ok,
    ).toBe(false);
    expect(verifyHeadConsistency(h13, h21, { ...good, path: good.path.slice(0, -1) }, keys.publicKey).ok).toBe(false);
    expect(verifyHeadConsistency(h8, h21, good, keys.publicKey).ok).toBe(false);
    // a rewritten history: a head over other leaves, properly signed, is not consistent with the old one
    const rewritten = signHead(keys, 13, hex(leafHashOf("another history")), 1);
    expect(verifyHeadConsistency(rewritten, h21, good, keys.publicKey).ok).toBe(false);
  });

  it("refuses a forged head signature, an altered head, and the wrong public key", () => {
    const h = head(21);
    const proof = inclusion(4, 21);
    expect(verifyTreeHead({ ...h, signature: flip(h.signature) }, keys.publicKey).ok).toBe(false);
    expect(verifyTreeHead({ ...h, rootHash: flip(h.rootHash) }, keys.publicKey).ok).toBe(false);
    expect(verifyTreeHead({ ...h, treeSize: 22 }, keys.publicKey).ok).toBe(false);
    expect(verifyTreeHead({ ...h, timestamp: h.timestamp + 1 }, keys.publicKey).ok).toBe(false);
    // a head signed by someone else's key, claiming the platform's key id
    const forged = {
      ...h,
      signature: signHead(ledgerKeysOf(stranger.privateKey, "00".repeat(32)), 21, h.rootHash, h.timestamp).signature,
    };
    expect(verifyTreeHead(forged, keys.publicKey).ok).toBe(false);
    expect(verifyRecordInclusion(forged, records[4]!, proof, keys.publicKey).ok).toBe(false);
    // checking with the wrong public key
    expect(verifyTreeHead(h, stranger.publicKey)).toEqual({ ok: false, reason: `未知签名密钥 unknown key ${h.keyId}` });
    expect(verifyRecordInclusion(h, records[4]!, proof, [stranger.publicKey]).ok).toBe(false);
    // a retired key still verifies what it signed
    expect(verifyTreeHead(h, [stranger.publicKey, keys.publicKey])).toEqual({ ok: true });
  });

  it("signs a documented message", () => {
    const h = head(3);
    expect(treeHeadMessage(h)).toBe(
      `cylinder-ledger/sth/v1\n${keyIdOf(keys.publicKey)}\n3\n${1_700_000_000_003}\n${roots[3]}\n`,
    );
    expect(h.keyId).toMatch(/^[0-9a-f]{16}$/);
  });
});
