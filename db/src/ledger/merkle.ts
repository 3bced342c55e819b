/**
 * The Merkle core (pure): RFC 6962 / RFC 9162 §2.1 tree hashing, inclusion and consistency
 * proofs, with the hash function as a parameter (SM3 for the platform; SHA-256 in the tests
 * against the published RFC 6962 reference vectors).
 *
 *   leaf hash      H(0x00 || entry)
 *   node hash      H(0x01 || left || right)
 *   empty tree     H("")
 *   MTH(D[n])      split at k, the largest power of two < n: H(0x01 || MTH(D[0:k]) || MTH(D[k:n]))
 *
 * Proofs are generated from stored perfect subtrees (`NodeId`): every element of an inclusion
 * or consistency proof is MTH of a range D[a:b] that starts on an RFC split point, and such a
 * range is the right fold of at most log2(b-a) perfect subtrees. So a proof over any tree
 * size needs O(log n) stored hashes, never the leaves. Verification follows RFC 9162
 * §2.1.3.2 and §2.1.4.2 step by step.
 *
 * Sizes and indices are JavaScript numbers (exact below 2^53); no 32-bit bitwise operators.
 */

type Bytes = Uint8Array;

/** The three hashes of an RFC 6962 tree over one hash function. */
export interface TreeHasher {
  /** Digest length in bytes. */
  readonly size: number;
  leaf(entry: Bytes): Bytes;
  node(left: Bytes, right: Bytes): Bytes;
  empty(): Bytes;
}

const LEAF_PREFIX = Uint8Array.of(0);
const NODE_PREFIX = Uint8Array.of(1);

/** An RFC 6962 tree hasher over `digest`, which hashes the concatenation of its arguments. */
export function treeHasher(digest: (...parts: Bytes[]) => Bytes, size = 32): TreeHasher {
  return {
    size,
    leaf: (entry) => digest(LEAF_PREFIX, entry),
    node: (left, right) => digest(NODE_PREFIX, left, right),
    empty: () => digest(),
  };
}

function bytesEqual(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const isIndex = (n: number) => Number.isSafeInteger(n) && n >= 0;
const half = (n: number) => Math.floor(n / 2);
const odd = (n: number) => n % 2 === 1;

/** The largest power of two strictly smaller than n (n >= 2): the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

// ---------------------------------------------------------------- perfect subtrees

/** A perfect subtree: height `level`, covering leaves [index * 2^level, (index + 1) * 2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** Exclusive end leaf index of a node: the tree completes it when that many leaves exist. */
export function nodeEnd(node: NodeId): number {
  return (node.index + 1) * 2 ** node.level;
}

/**
 * The perfect subtrees whose right fold is MTH(D[begin:end]), left to right: the largest
 * aligned subtree at each step. For ranges that start on an RFC split point (every range a
 * proof or a tree root needs), the fold equals the RFC tree hash.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  if (!isIndex(begin) || !isIndex(end) || begin > end) throw new RangeError(`bad range [${begin}, ${end})`);
  const nodes: NodeId[] = [];
  let at = begin;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2;
      level += 1;
    }
    nodes.push({ level, index: at / size });
    at += size;
  }
  return nodes;
}

/** Right fold of subtree hashes: H(n1, H(n2, ... H(nk-1, nk))). */
export function foldRight(hasher: TreeHasher, hashes: readonly Bytes[]): Bytes {
  if (hashes.length === 0) return hasher.empty();
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = hasher.node(hashes[i]!, acc);
  return acc;
}

/** A proof element: MTH(D[begin:end]). */
export interface ProofRange {
  readonly begin: number;
  readonly end: number;
}

/** The ranges whose hashes make PATH(index, D[0:size]) (RFC 9162 §2.1.3.1), in proof order. */
export function inclusionProofRanges(index: number, size: number): ProofRange[] {
  if (!isIndex(index) || !isIndex(size) || index >= size) {
    throw new RangeError(`no inclusion proof for leaf ${index} in a tree of ${size}`);
  }
  // Walk the RFC recursion top-down; each level's sibling comes after the deeper path.
  const ranges: ProofRange[] = [];
  let offset = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      ranges.push({ begin: offset + k, end: offset + n });
      n = k;
    } else {
      ranges.push({ begin: offset, end: offset + k });
      offset += k;
      m -= k;
      n -= k;
    }
  }
  return ranges.reverse();
}

/** The ranges whose hashes make PROOF(size1, D[0:size2]) (RFC 9162 §2.1.4.1), in proof order. */
export function consistencyProofRanges(size1: number, size2: number): ProofRange[] {
  if (!isIndex(size1) || !isIndex(size2) || size1 > size2) {
    throw new RangeError(`no consistency proof from ${size1} to ${size2}`);
  }
  if (size1 === 0 || size1 === size2) return [];
  const ranges: ProofRange[] = [];
  let offset = 0;
  let n = size2;
  let m = size1;
  let complete = true; // SUBPROOF's b: whether D[0:m] is still the whole old tree
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      ranges.push({ begin: offset + k, end: offset + n });
      n = k;
    } else {
      ranges.push({ begin: offset, end: offset + k });
      offset += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  if (!complete) ranges.push({ begin: offset, end: offset + n });
  return ranges.reverse();
}

/** The tree root as a range: MTH(D[0:size]). */
export function rootRange(size: number): ProofRange {
  return { begin: 0, end: size };
}

/**
 * Every stored subtree a set of ranges needs, deduplicated, so that a store can fetch them
 * all in one round trip.
 */
export function nodesFor(ranges: readonly ProofRange[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const r of ranges) {
    for (const n of rangeNodes(r.begin, r.end)) seen.set(`${n.level}:${n.index}`, n);
  }
  return [...seen.values()];
}

export const nodeKey = (n: NodeId) => `${n.level}:${n.index}`;

/** Hashes of ranges from a lookup of stored subtrees (see `nodesFor`). */
export function hashRanges(
  hasher: TreeHasher,
  ranges: readonly ProofRange[],
  lookup: (node: NodeId) => Bytes | undefined,
): Bytes[] {
  return ranges.map((r) =>
    foldRight(
      hasher,
      rangeNodes(r.begin, r.end).map((n) => {
        const h = lookup(n);
        if (!h) throw new Error(`missing stored subtree level ${n.level} index ${n.index}`);
        return h;
      }),
    ),
  );
}

// ---------------------------------------------------------------- incremental tree

/**
 * The right edge of a growing tree (a compact range over [0, size)): append leaf hashes one
 * by one, learn each perfect subtree as it completes, and get the root of the current size.
 * Memory is O(log n); the sequencer and `verify` both build the tree with it.
 */
export class TreeBuilder {
  private readonly levels: number[] = [];
  private readonly hashes: Bytes[] = [];
  private count: number;

  /** Start from `size` leaves whose `rangeNodes(0, size)` hashes are `frontier`. */
  constructor(
    private readonly hasher: TreeHasher,
    size = 0,
    frontier: readonly Bytes[] = [],
  ) {
    const nodes = rangeNodes(0, size);
    if (nodes.length !== frontier.length) throw new RangeError("frontier does not match the size");
    this.count = size;
    nodes.forEach((n, i) => {
      this.levels.push(n.level);
      this.hashes.push(frontier[i]!);
    });
  }

  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash; `completed` hears of each subtree of level >= 1 it completes. */
  push(leafHash: Bytes, completed?: (level: number, endIndex: number, hash: Bytes) => void): void {
    this.count += 1;
    let level = 0;
    let hash = leafHash;
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === level) {
      this.levels.pop();
      hash = this.hasher.node(this.hashes.pop()!, hash);
      level += 1;
      completed?.(level, this.count, hash);
    }
    this.levels.push(level);
    this.hashes.push(hash);
  }

  /** MTH of the leaves so far. */
  root(): Bytes {
    return foldRight(this.hasher, this.hashes);
  }
}

/** MTH(D[0:n]) of leaf hashes, in memory. */
export function rootOf(hasher: TreeHasher, leafHashes: readonly Bytes[]): Bytes {
  const b = new TreeBuilder(hasher);
  for (const h of leafHashes) b.push(h);
  return b.root();
}

// ---------------------------------------------------------------- verification (RFC 9162)

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or undefined when the proof
 * cannot belong to that index and size (too short, too long, wrong element size).
 */
export function rootFromInclusionProof(
  hasher: TreeHasher,
  index: number,
  size: number,
  leafHash: Bytes,
  proof: readonly Bytes[],
): Bytes | undefined {
  if (!isIndex(index) || !isIndex(size) || index >= size) return undefined;
  if (leafHash.length !== hasher.size || proof.some((p) => p.length !== hasher.size)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (odd(fn) || fn === sn) {
      r = hasher.node(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hasher.node(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/** Whether `proof` shows the leaf `leafHash` at `index` in the tree of `size` with `root`. */
export function verifyInclusion(
  hasher: TreeHasher,
  index: number,
  size: number,
  leafHash: Bytes,
  proof: readonly Bytes[],
  root: Bytes,
): boolean {
  const r = rootFromInclusionProof(hasher, index, size, leafHash, proof);
  return r !== undefined && root.length === hasher.size && bytesEqual(r, root);
}

/**
 * Whether `proof` shows the tree of `size2` with `root2` extends the tree of `size1` with
 * `root1` (RFC 9162 §2.1.4.2). Equal sizes need equal roots and an empty proof; the empty
 * tree is a prefix of every tree (empty proof).
 */
export function verifyConsistency(
  hasher: TreeHasher,
  size1: number,
  size2: number,
  proof: readonly Bytes[],
  root1: Bytes,
  root2: Bytes,
): boolean {
  if (!isIndex(size1) || !isIndex(size2) || size1 > size2) return false;
  if (proof.some((p) => p.length !== hasher.size)) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  if (root1.length !== hasher.size || root2.length !== hasher.size) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = hasher.node(c, fr);
      sr = hasher.node(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hasher.node(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
