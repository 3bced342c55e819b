/**
 * The Merkle core against the RFC: a literal transcription of the RFC 9162 §2.1 recursive
 * definitions (MTH, PATH, PROOF/SUBPROOF) below is the reference; the production code, which
 * builds proofs from stored perfect subtrees, must agree with it for every size, index and
 * size pair up to N, and the RFC 9162 verifiers must accept exactly those proofs. The
 * generic algorithms are also checked over SHA-256 against the RFC 6962 reference vectors
 * published with the Go implementations (transparency-dev/merkle, certificate-transparency-go).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sm3Concat } from "../src/crypto/sm";
import {
  consistencyProofRanges,
  hashRanges,
  inclusionProofRanges,
  type NodeId,
  nodesFor,
  rangeNodes,
  rootFromInclusionProof,
  rootOf,
  TreeBuilder,
  type TreeHasher,
  treeHasher,
  verifyConsistency,
  verifyInclusion,
} from "../src/ledger/merkle";

type Bytes = Uint8Array;

const sha256 = treeHasher((...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
});
const sm3 = treeHasher(sm3Concat);
const hex = (b: Bytes) => Buffer.from(b).toString("hex");
const unhex = (s: string) => Uint8Array.from(Buffer.from(s, "hex"));

// ---------------------------------------------------------------- the RFC, transcribed

function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}
function MTH(h: TreeHasher, D: Bytes[]): Bytes {
  if (D.length === 0) return h.empty();
  if (D.length === 1) return D[0]!; // D holds leaf hashes already
  const s = k(D.length);
  return h.node(MTH(h, D.slice(0, s)), MTH(h, D.slice(s)));
}
function PATH(h: TreeHasher, m: number, D: Bytes[]): Bytes[] {
  if (D.length === 1) return [];
  const s = k(D.length);
  return m < s
    ? [...PATH(h, m, D.slice(0, s)), MTH(h, D.slice(s))]
    : [...PATH(h, m - s, D.slice(s)), MTH(h, D.slice(0, s))];
}
function SUBPROOF(h: TreeHasher, m: number, D: Bytes[], b: boolean): Bytes[] {
  if (m === D.length) return b ? [] : [MTH(h, D)];
  const s = k(D.length);
  return m <= s
    ? [...SUBPROOF(h, m, D.slice(0, s), b), MTH(h, D.slice(s))]
    : [...SUBPROOF(h, m - s, D.slice(s), false), MTH(h, D.slice(0, s))];
}
const PROOF = (h: TreeHasher, m: number, D: Bytes[]) => SUBPROOF(h, m, D, true);

// ---------------------------------------------------------------- an in-memory node store

/** Every perfect subtree of the leaves, as the database stores them. */
function storeOf(h: TreeHasher, leafHashes: Bytes[]): (n: NodeId) => Bytes | undefined {
  const store = new Map<string, Bytes>();
  leafHashes.forEach((l, i) => {
    store.set(`0:${i}`, l);
  });
  const b = new TreeBuilder(h);
  for (const l of leafHashes) {
    b.push(l, (level, end, hash) => store.set(`${level}:${end / 2 ** level - 1}`, hash));
  }
  return (n) => store.get(`${n.level}:${n.index}`);
}

const inclusionFromStore = (h: TreeHasher, leaves: Bytes[], m: number, n: number) =>
  hashRanges(h, inclusionProofRanges(m, n), storeOf(h, leaves));
const consistencyFromStore = (h: TreeHasher, leaves: Bytes[], m: number, n: number) =>
  hashRanges(h, consistencyProofRanges(m, n), storeOf(h, leaves));

// ---------------------------------------------------------------- RFC 6962 reference vectors

// The eight entries and the roots of D[0:1] .. D[0:8] (SHA-256) used by the RFC 6962 test
// suites of the Go implementations.
const ENTRIES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
// [leaf index (0-based), tree size, path]
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    5,
    8,
    [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [
    1,
    5,
    [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
];
// [size1, size2, path]
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    6,
    8,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [
    2,
    5,
    [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
  [
    6,
    7,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
];

const vectorLeaves = ENTRIES.map((e) => sha256.leaf(unhex(e)));

describe("RFC 6962 reference vectors (SHA-256)", () => {
  it("gives the empty-tree hash and the roots of every prefix", () => {
    expect(hex(rootOf(sha256, []))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ROOTS.forEach((root, i) => {
      expect(hex(rootOf(sha256, vectorLeaves.slice(0, i + 1)))).toBe(root);
      expect(hex(MTH(sha256, vectorLeaves.slice(0, i + 1)))).toBe(root);
    });
  });

  it.each(INCLUSION)("generates and verifies the inclusion proof of leaf %i in %i", (m, n, path) => {
    expect(inclusionFromStore(sha256, vectorLeaves.slice(0, n), m, n).map(hex)).toEqual(path);
    expect(verifyInclusion(sha256, m, n, vectorLeaves[m]!, path.map(unhex), unhex(ROOTS[n - 1]!))).toBe(true);
  });

  it.each(CONSISTENCY)("generates and verifies the consistency proof %i → %i", (m, n, path) => {
    expect(consistencyFromStore(sha256, vectorLeaves.slice(0, n), m, n).map(hex)).toEqual(path);
    expect(verifyConsistency(sha256, m, n, path.map(unhex), unhex(ROOTS[m - 1]!), unhex(ROOTS[n - 1]!))).toBe(true);
  });
});

// ---------------------------------------------------------------- exhaustive agreement, SM3

function leavesOf(h: TreeHasher, n: number): Bytes[] {
  return Array.from({ length: n }, (_, i) => h.leaf(Buffer.from(`记录 ${i}`)));
}

const N_INCLUSION = 70;
const N_CONSISTENCY = 40;

describe("SM3 trees agree with the RFC recursion", () => {
  const leaves = leavesOf(sm3, N_INCLUSION);

  it(`root, every inclusion proof, for all sizes 1..${N_INCLUSION} and all indices`, () => {
    for (let n = 1; n <= N_INCLUSION; n++) {
      const D = leaves.slice(0, n);
      const root = MTH(sm3, D);
      expect(hex(rootOf(sm3, D))).toBe(hex(root));
      const store = storeOf(sm3, D);
      for (let m = 0; m < n; m++) {
        const proof = hashRanges(sm3, inclusionProofRanges(m, n), store);
        expect(proof.map(hex)).toEqual(PATH(sm3, m, D).map(hex));
        expect(verifyInclusion(sm3, m, n, D[m]!, proof, root)).toBe(true);
        // every other leaf, and this leaf at every other index, is refused
        if (m > 0) expect(verifyInclusion(sm3, m - 1, n, D[m]!, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(sm3, m, n, D[(m + 1) % n]!, proof, root)).toBe(false);
      }
    }
  });

  it(`every consistency proof for all 0 <= m <= n <= ${N_CONSISTENCY}`, () => {
    const roots = Array.from({ length: N_CONSISTENCY + 1 }, (_, n) => MTH(sm3, leaves.slice(0, n)));
    for (let n = 1; n <= N_CONSISTENCY; n++) {
      const D = leaves.slice(0, n);
      const store = storeOf(sm3, D);
      for (let m = 0; m <= n; m++) {
        const proof = hashRanges(sm3, consistencyProofRanges(m, n), store);
        if (m > 0 && m < n) expect(proof.map(hex)).toEqual(PROOF(sm3, m, D).map(hex));
        expect(verifyConsistency(sm3, m, n, proof, roots[m]!, roots[n]!)).toBe(true);
        // a head that does not extend the old one is refused
        if (m > 0 && m < n) {
          expect(verifyConsistency(sm3, m, n, proof, roots[m - 1]!, roots[n]!)).toBe(false);
          expect(verifyConsistency(sm3, m, n, proof, roots[m]!, leaves[0]!)).toBe(false);
        }
      }
    }
  });

  it("needs O(log n) stored subtrees for any proof, even over 10,000,000 leaves", () => {
    const n = 10_000_000;
    for (const m of [0, 1, 4_999_999, 8_388_607, 8_388_608, n - 1]) {
      expect(nodesFor(inclusionProofRanges(m, n)).length).toBeLessThanOrEqual(2 * 24);
      if (m > 0) expect(nodesFor(consistencyProofRanges(m, n)).length).toBeLessThanOrEqual(2 * 24);
    }
    expect(rangeNodes(0, n).map((x) => x.level)).toEqual([23, 20, 19, 15, 12, 10, 9, 7]);
  });
});

// ---------------------------------------------------------------- tampered proofs

type InclusionProbe = [string, number, number, Bytes, Bytes[], Bytes];

function corruptInclusion(m: number, n: number, leaf: Bytes, proof: Bytes[], root: Bytes): InclusionProbe[] {
  const some = sm3.leaf(Buffer.from("某个哈希"));
  const probes: InclusionProbe[] = [
    ["index - 1", m - 1, n, leaf, proof, root],
    ["index + 1", m + 1, n, leaf, proof, root],
    ["index ^ 2", m ^ 2, n, leaf, proof, root],
    ["size * 2", m, n * 2, leaf, proof, root],
    ["size / 2", m, Math.floor(n / 2), leaf, proof, root],
    ["wrong leaf", m, n, some, proof, root],
    ["short leaf", m, n, leaf.slice(1), proof, root],
    ["empty root", m, n, leaf, proof, sm3.empty()],
    ["random root", m, n, leaf, proof, some],
    ["trailing garbage", m, n, leaf, [...proof, new Uint8Array()], root],
    ["trailing root", m, n, leaf, [...proof, root], root],
    ["preceding garbage", m, n, leaf, [new Uint8Array(), ...proof], root],
    ["preceding root", m, n, leaf, [root, ...proof], root],
  ];
  proof.forEach((_, i) => {
    const wrong = proof.map((p) => Uint8Array.from(p));
    wrong[i]![0]! ^= 8;
    probes.push([`bit flipped in proof[${i}]`, m, n, leaf, wrong, root]);
  });
  if (proof.length > 0) probes.push(["removed element", m, n, leaf, proof.slice(0, -1), root]);
  if (proof.length > 1) probes.push(["inserted element", m, n, leaf, [proof[0]!, some, ...proof.slice(1)], root]);
  if (proof.length > 1) probes.push(["swapped elements", m, n, leaf, [proof[1]!, proof[0]!, ...proof.slice(2)], root]);
  return probes;
}

type ConsistencyProbe = [string, number, number, Bytes[], Bytes, Bytes];

function corruptConsistency(m: number, n: number, proof: Bytes[], r1: Bytes, r2: Bytes): ConsistencyProbe[] {
  const probes: ConsistencyProbe[] = [
    ["size1 - 1", m - 1, n, proof, r1, r2],
    ["size1 + 1", m + 1, n, proof, r1, r2],
    ["size1 ^ 2", m ^ 2, n, proof, r1, r2],
    ["size2 * 2", m, n * 2, proof, r1, r2],
    ["size2 / 2", m, Math.floor(n / 2), proof, r1, r2],
    ["wrong root1", m, n, proof, sm3.empty(), r2],
    ["wrong root2", m, n, proof, r1, sm3.empty()],
    ["swapped roots", m, n, proof, r2, r1],
    ["empty proof", m, n, [], r1, r2],
    ["trailing garbage", m, n, [...proof, new Uint8Array()], r1, r2],
    ["trailing root1", m, n, [...proof, r1], r1, r2],
    ["trailing root2", m, n, [...proof, r2], r1, r2],
    ["preceding garbage", m, n, [new Uint8Array(), ...proof], r1, r2],
    ["preceding root1", m, n, [r1, ...proof], r1, r2],
    ["preceding root2", m, n, [r2, ...proof], r1, r2],
    ["preceding proof[0]", m, n, [proof[0]!, ...proof], r1, r2],
    ["truncated", m, n, proof.slice(0, -1), r1, r2],
  ];
  proof.forEach((_, i) => {
    const wrong = proof.map((p) => Uint8Array.from(p));
    wrong[i]![0]! ^= 16;
    probes.push([`bit flipped in proof[${i}]`, m, n, wrong, r1, r2]);
  });
  return probes;
}

describe("tampered proofs are refused", () => {
  const leaves = leavesOf(sm3, 33);

  it("every corruption of every inclusion proof up to 33 leaves", () => {
    for (let n = 1; n <= 33; n++) {
      const D = leaves.slice(0, n);
      const root = rootOf(sm3, D);
      for (let m = 0; m < n; m++) {
        const proof = inclusionFromStore(sm3, D, m, n);
        for (const [what, pm, pn, leaf, p, r] of corruptInclusion(m, n, D[m]!, proof, root)) {
          expect(verifyInclusion(sm3, pm, pn, leaf, p, r), `${what} (leaf ${m} of ${n})`).toBe(false);
        }
      }
    }
  });

  it("every corruption of every non-trivial consistency proof up to 33 leaves", () => {
    const roots = Array.from({ length: 34 }, (_, n) => rootOf(sm3, leaves.slice(0, n)));
    for (let n = 2; n <= 33; n++) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyFromStore(sm3, leaves.slice(0, n), m, n);
        for (const [what, pm, pn, p, r1, r2] of corruptConsistency(m, n, proof, roots[m]!, roots[n]!)) {
          expect(verifyConsistency(sm3, pm, pn, p, r1, r2), `${what} (${m} → ${n})`).toBe(false);
        }
      }
    }
  });

  it("edge cases of sizes 0 and equal sizes", () => {
    const r = rootOf(sm3, leaves.slice(0, 3));
    const other = rootOf(sm3, leaves.slice(0, 4));
    expect(verifyConsistency(sm3, 0, 0, [], sm3.empty(), sm3.empty())).toBe(true);
    expect(verifyConsistency(sm3, 0, 3, [], sm3.empty(), r)).toBe(true);
    expect(verifyConsistency(sm3, 0, 3, [r], sm3.empty(), r)).toBe(false);
    expect(verifyConsistency(sm3, 3, 3, [], r, r)).toBe(true);
    expect(verifyConsistency(sm3, 3, 3, [], r, other)).toBe(false);
    expect(verifyConsistency(sm3, 3, 3, [r], r, r)).toBe(false);
    expect(verifyConsistency(sm3, 4, 3, [], other, r)).toBe(false);
    expect(rootFromInclusionProof(sm3, 0, 0, leaves[0]!, [])).toBeUndefined();
    expect(rootFromInclusionProof(sm3, 3, 3, leaves[0]!, [])).toBeUndefined();
    expect(verifyInclusion(sm3, 0, 1, leaves[0]!, [], leaves[0]!)).toBe(true);
  });
});

describe("TreeBuilder", () => {
  it("resumes from a stored frontier with the same roots and subtrees", () => {
    const leaves = leavesOf(sm3, 100);
    const whole = new TreeBuilder(sm3);
    const completedWhole: string[] = [];
    for (const l of leaves) whole.push(l, (lv, end, h) => completedWhole.push(`${lv}:${end}:${hex(h)}`));
    for (const cut of [0, 1, 7, 8, 63, 64, 99]) {
      const store = storeOf(sm3, leaves.slice(0, cut));
      const frontier = rangeNodes(0, cut).map((n) => store(n)!);
      const resumed = new TreeBuilder(sm3, cut, frontier);
      const completed: string[] = [];
      for (const l of leaves.slice(cut)) resumed.push(l, (lv, end, h) => completed.push(`${lv}:${end}:${hex(h)}`));
      expect(hex(resumed.root())).toBe(hex(whole.root()));
      expect(completedWhole.slice(completedWhole.length - completed.length)).toEqual(completed);
    }
  });
});
