/**
 * `verify` (the operator's audit): recompute the whole log from the stored records and check
 * it against every published head, naming each record that was edited, deleted, inserted or
 * moved. It trusts nothing in the database but the records themselves, the public keys and
 * the seal key it is given:
 *
 * 1. Heads: every published head's SM2 signature.
 * 2. Tree: every sequenced leaf in position order — positions dense from 0, each leaf's seal
 *    (HMAC-SM3 over position, record and leaf hash) — rebuilt into the tree; each published
 *    head's root is compared with the rebuilt root of its size, and every stored subtree
 *    (which proofs are served from) with the rebuilt one. A leaf whose seal fails is matched
 *    against the other failing positions: sealed for another position means it was moved
 *    (reordered), sealed for none means the leaf row itself was rewritten.
 * 3. Records: every row of every ledgered table joined with its leaves by record id; the
 *    row's canonical serialisation is recomputed and hashed. A row without a leaf was
 *    inserted behind the platform's back, a leaf without its row was deleted, a hash that
 *    differs was edited. Earlier versions of mutable records are checked from the
 *    serialisation kept in their leaves.
 *
 * Everything runs in one read-only REPEATABLE READ transaction, so live traffic during the
 * audit cannot produce false findings; rows stream in chunks with the next chunk fetched
 * while the current one is hashed. Memory stays O(chunk + findings).
 */
import type { Sql } from "postgres";
import { bytesEqual } from "../crypto/sm";
import { type CanonicalRow, canonicalSelectList, canonicalText, parseCanonical, tableRef } from "./canonical";
import { type LedgerTx, query, toHex } from "./executor";
import { TreeBuilder } from "./merkle";
import { type SealedLeaf, sealOf } from "./sequencer";
import { LEDGERED_TABLES, type LedgeredTable } from "./tables";
import { leafHashOf, type SignedTreeHead, SM3_TREE, verifyTreeHead } from "./verifier";

export type Finding =
  /** The stored record no longer matches its (latest, or this historical) leaf. */
  | { kind: "edited"; table: string; id: number; version: number; leafIndex: number | null }
  /** A leaf whose record is gone. */
  | { kind: "deleted"; table: string; id: number; version: number; leafIndex: number | null }
  /** A record with no leaf: stored without going through the platform. */
  | { kind: "inserted"; table: string; id: number }
  /** A leaf at a position other than the one it was sealed at. */
  | { kind: "reordered"; table: string; id: number; version: number; leafIndex: number; sealedAt: number | null }
  /** A leaf row whose content (hash or record it names) was rewritten: its seal fits no position. */
  | { kind: "leaf-rewritten"; table: string; id: number; version: number; leafIndex: number }
  /** Versions of a record that are missing, repeated or not allowed (immutable records have one). */
  | { kind: "version"; table: string; id: number; detail: string }
  /** A leaf naming a table the ledger does not cover. */
  | { kind: "unknown-table"; table: string; id: number; leafIndex: number | null }
  /** No leaf at a position below the tree size (a leaf row was deleted). */
  | { kind: "missing-leaf"; leafIndex: number }
  /** A published head whose root is not the root of the log's first treeSize leaves. */
  | { kind: "head-root"; treeSize: number }
  /** A published head whose signature does not verify. */
  | { kind: "head-signature"; treeSize: number; reason: string }
  /** A published head larger than the log: leaves were removed from its end. */
  | { kind: "head-beyond-log"; treeSize: number; logSize: number }
  /** A stored subtree hash that is wrong or missing (proofs served from it would fail). */
  | { kind: "node"; level: number; endIndex: number; detail: string };

export interface VerifyProgress {
  phase: "heads" | "tree" | "records";
  done: number;
  total: number;
}

export interface VerifyOptions {
  /** Rows per round trip (default 20,000). */
  chunkSize?: number;
  onProgress?: (p: VerifyProgress) => void;
  /** How many seal failures to resolve into "moved from where" (default 2,000). */
  resolveLimit?: number;
  /** Findings kept in the report (the rest are counted; default 10,000). */
  findingLimit?: number;
}

export interface VerifyReport {
  ok: boolean;
  /** Sequenced leaves. */
  treeSize: number;
  /** Leaves not yet sequenced (they join the tree at the next checkpoint). */
  unsequenced: number;
  heads: number;
  latestHead: SignedTreeHead | undefined;
  /** Rows checked per ledgered table. */
  records: Record<string, number>;
  findings: Finding[];
  /** Findings beyond findingLimit, counted only. */
  moreFindings: number;
  seconds: number;
}

export interface AuditKeys {
  publicKeys: readonly string[];
  sealKey: Uint8Array;
}

interface LeafRow {
  leaf_index: number;
  record_schema: string;
  record_table: string;
  record_id: number;
  record_version: number;
  leaf_hash: Uint8Array;
  seal: Uint8Array | null;
}

interface NodeRow {
  end_index: number;
  level: number;
  hash: Uint8Array;
}

interface RecordLeafRow {
  record_id: number;
  record_version: number;
  leaf_index: number | null;
  leaf_hash: Uint8Array;
  content: string | null;
  format: number;
}

class Findings {
  readonly list: Finding[] = [];
  more = 0;
  constructor(private readonly limit: number) {}
  add(f: Finding): void {
    if (this.list.length < this.limit) this.list.push(f);
    else this.more += 1;
  }
}

const ZERO: Uint8Array = new Uint8Array(32);

/** Runs the audit (see the module comment) in one read-only snapshot and returns every finding. */
export async function verifyLedger(sql: Sql, keys: AuditKeys, options: VerifyOptions = {}): Promise<VerifyReport> {
  return sql.begin("isolation level repeatable read read only", (tx) => auditLedger(tx, keys, options));
}

/** The audit in the caller's transaction (which should be one snapshot: REPEATABLE READ). */
export async function auditLedger(tx: LedgerTx, keys: AuditKeys, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = performance.now();
  const result = await audit(tx, keys, {
    chunkSize: options.chunkSize ?? 20_000,
    onProgress: options.onProgress ?? (() => {}),
    resolveLimit: options.resolveLimit ?? 2_000,
    findingLimit: options.findingLimit ?? 10_000,
  });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

async function audit(
  tx: LedgerTx,
  keys: AuditKeys,
  o: Required<VerifyOptions>,
): Promise<Omit<VerifyReport, "seconds">> {
  const findings = new Findings(o.findingLimit);
  const [sizes] = await query<{ size: number; sequenced: number; unsequenced: number }>(
    tx,
    `SELECT coalesce(max(leaf_index) + 1, 0)::bigint AS size, count(leaf_index)::bigint AS sequenced,
            (count(*) - count(leaf_index))::bigint AS unsequenced FROM ledger.leaf`,
  );
  const treeSize = Number(sizes!.size);
  const counts = await query<{ name: string; n: number }>(
    tx,
    LEDGERED_TABLES.map((t) => `SELECT '${t.name}' AS name, (SELECT count(*) FROM ${tableRef(t)})::bigint AS n`).join(
      " UNION ALL ",
    ),
  );
  const recordTotal = counts.reduce((s, c) => s + Number(c.n), 0);

  // 1. heads
  const heads = (
    await query<{ tree_size: number; root_hash: string; timestamp: number; key_id: string; signature: string }>(
      tx,
      `SELECT tree_size, encode(root_hash, 'hex') AS root_hash,
              (extract(epoch FROM issued_at) * 1000)::bigint AS timestamp, key_id, signature
       FROM ledger.tree_head ORDER BY tree_size`,
    )
  ).map(
    (r): SignedTreeHead => ({
      treeSize: Number(r.tree_size),
      rootHash: r.root_hash,
      timestamp: Number(r.timestamp),
      keyId: r.key_id,
      signature: r.signature,
    }),
  );
  o.onProgress({ phase: "heads", done: 0, total: heads.length });
  for (const h of heads) {
    const v = verifyTreeHead(h, keys.publicKeys);
    if (!v.ok) findings.add({ kind: "head-signature", treeSize: h.treeSize, reason: v.reason });
    if (h.treeSize > treeSize) findings.add({ kind: "head-beyond-log", treeSize: h.treeSize, logSize: treeSize });
  }
  o.onProgress({ phase: "heads", done: heads.length, total: heads.length });

  // 2. the tree
  await auditTree(tx, keys, o, treeSize, heads, findings, recordTotal);

  // 3. the records
  const records: Record<string, number> = {};
  let done = 0;
  let leavesSeen = 0;
  for (const spec of LEDGERED_TABLES) {
    const r = await auditTable(tx, spec, o, findings, (n) => {
      done += n;
      o.onProgress({ phase: "records", done: treeSize + done, total: treeSize + recordTotal });
    });
    records[spec.name] = r.rows;
    leavesSeen += r.leaves;
  }
  const [all] = await query<{ n: number }>(tx, "SELECT count(*)::bigint AS n FROM ledger.leaf");
  if (Number(all!.n) !== leavesSeen) {
    const known = LEDGERED_TABLES.map((t) => `('${t.schema}', '${t.table}')`).join(", ");
    const strays = await query<{ record_schema: string; record_table: string; record_id: number; leaf_index: number }>(
      tx,
      `SELECT record_schema, record_table, record_id, leaf_index FROM ledger.leaf
       WHERE (record_schema, record_table) NOT IN (${known}) ORDER BY id LIMIT $1`,
      [o.findingLimit],
    );
    for (const s of strays) {
      findings.add({
        kind: "unknown-table",
        table: `${s.record_schema}.${s.record_table}`,
        id: Number(s.record_id),
        leafIndex: s.leaf_index === null ? null : Number(s.leaf_index),
      });
    }
  }
  return {
    ok: findings.list.length === 0 && findings.more === 0,
    treeSize,
    unsequenced: Number(sizes!.unsequenced),
    heads: heads.length,
    latestHead: heads[heads.length - 1],
    records,
    findings: findings.list,
    moreFindings: findings.more,
  };
}

async function auditTree(
  tx: LedgerTx,
  keys: AuditKeys,
  o: Required<VerifyOptions>,
  treeSize: number,
  heads: SignedTreeHead[],
  findings: Findings,
  recordTotal: number,
): Promise<void> {
  const headsBySize = new Map(heads.map((h) => [h.treeSize, h]));
  const builder = new TreeBuilder(SM3_TREE);
  const checkHead = (size: number) => {
    const h = headsBySize.get(size);
    if (h && toHex(builder.root()) !== h.rootHash) findings.add({ kind: "head-root", treeSize: size });
  };
  checkHead(0);
  /** Positions with a leaf-level finding: subtrees over them are not reported again. */
  const dirty: number[] = [];
  const badSeals: { index: number; leaf: SealedLeaf & { seal: Uint8Array | null } }[] = [];
  const nodeProblems: { level: number; endIndex: number; detail: string }[] = [];

  const fetchChunk = (a: number, b: number) =>
    Promise.all([
      query<LeafRow>(
        tx,
        `SELECT leaf_index, record_schema, record_table, record_id, record_version, leaf_hash, seal
         FROM ledger.leaf WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`,
        [a, b],
      ),
      query<NodeRow>(
        tx,
        `SELECT end_index, level, hash FROM ledger.node
         WHERE end_index > $1 AND end_index <= $2 ORDER BY end_index, level`,
        [a, b],
      ),
    ]);

  let next = treeSize > 0 ? fetchChunk(0, Math.min(treeSize, o.chunkSize)) : undefined;
  for (let a = 0; a < treeSize; a += o.chunkSize) {
    const b = Math.min(treeSize, a + o.chunkSize);
    const [leaves, nodes] = await next!;
    next = b < treeSize ? fetchChunk(b, Math.min(treeSize, b + o.chunkSize)) : undefined;
    let li = 0;
    let ni = 0;
    const onNode = (level: number, end: number, hash: Uint8Array) => {
      while (ni < nodes.length) {
        const n = nodes[ni]!;
        const e = Number(n.end_index);
        if (e > end || (e === end && n.level >= level)) break;
        nodeProblems.push({ level: n.level, endIndex: e, detail: "not a subtree of the log" });
        ni += 1;
      }
      const n = nodes[ni];
      if (n && Number(n.end_index) === end && n.level === level) {
        if (!bytesEqual(n.hash, hash)) nodeProblems.push({ level, endIndex: end, detail: "hash differs" });
        ni += 1;
      } else {
        nodeProblems.push({ level, endIndex: end, detail: "missing" });
      }
    };
    for (let i = a; i < b; i++) {
      const row = leaves[li];
      let hash = ZERO;
      if (row && Number(row.leaf_index) === i) {
        li += 1;
        hash = row.leaf_hash;
        const leaf = {
          recordSchema: row.record_schema,
          recordTable: row.record_table,
          recordId: Number(row.record_id),
          recordVersion: Number(row.record_version),
          leafHash: row.leaf_hash,
        };
        if (!row.seal || !bytesEqual(row.seal, sealOf(keys.sealKey, i, leaf))) {
          dirty.push(i);
          if (badSeals.length < o.resolveLimit) badSeals.push({ index: i, leaf: { ...leaf, seal: row.seal } });
          else {
            findings.add({
              kind: "leaf-rewritten",
              table: `${leaf.recordSchema}.${leaf.recordTable}`,
              id: leaf.recordId,
              version: leaf.recordVersion,
              leafIndex: i,
            });
          }
        }
      } else {
        findings.add({ kind: "missing-leaf", leafIndex: i });
        dirty.push(i);
      }
      builder.push(hash, onNode);
      checkHead(i + 1);
    }
    for (; ni < nodes.length; ni++) {
      nodeProblems.push({ level: nodes[ni]!.level, endIndex: Number(nodes[ni]!.end_index), detail: "unexpected" });
    }
    o.onProgress({ phase: "tree", done: b, total: treeSize + recordTotal });
  }
  // stored subtrees beyond the tree
  const [beyond] = await query<{ n: number }>(
    tx,
    "SELECT count(*)::bigint AS n FROM ledger.node WHERE end_index > $1",
    [treeSize],
  );
  if (Number(beyond!.n) > 0) {
    nodeProblems.push({ level: -1, endIndex: treeSize, detail: `${beyond!.n} stored subtrees beyond the tree` });
  }

  // Which failing seals are leaves moved from another failing position? A leaf (record and
  // hash) was at position j if its seal for j is the one it carries (the whole row moved) or
  // the one stored at j (the position kept its seal, the content moved).
  const sealAt = new Map(badSeals.map((s) => [s.index, s.leaf.seal]));
  for (const { index, leaf } of badSeals) {
    const table = `${leaf.recordSchema}.${leaf.recordTable}`;
    const base = { table, id: leaf.recordId, version: leaf.recordVersion, leafIndex: index };
    let from: number | undefined;
    for (const [j, stored] of sealAt) {
      if (j === index) continue;
      const s = sealOf(keys.sealKey, j, leaf);
      if ((leaf.seal && bytesEqual(leaf.seal, s)) || (stored && bytesEqual(stored, s))) {
        from = j;
        break;
      }
    }
    if (from !== undefined) findings.add({ kind: "reordered", ...base, sealedAt: from });
    else findings.add({ kind: "leaf-rewritten", ...base });
  }

  // Stored subtrees, except those over a leaf already reported.
  dirty.sort((x, y) => x - y);
  const coversDirty = (level: number, end: number) => {
    const begin = end - 2 ** level;
    let lo = 0;
    let hi = dirty.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dirty[mid]! < begin) lo = mid + 1;
      else hi = mid;
    }
    return lo < dirty.length && dirty[lo]! < end;
  };
  for (const p of nodeProblems) {
    if (p.level > 0 && p.detail === "hash differs" && coversDirty(p.level, p.endIndex)) continue;
    findings.add({ kind: "node", ...p });
  }
}

async function auditTable(
  tx: LedgerTx,
  spec: LedgeredTable,
  o: Required<VerifyOptions>,
  findings: Findings,
  progress: (rows: number) => void,
): Promise<{ rows: number; leaves: number }> {
  const fetchRows = (after: number) =>
    query<CanonicalRow>(
      tx,
      `SELECT ${canonicalSelectList(spec)} FROM ${tableRef(spec)} r WHERE r.id > $1 ORDER BY r.id LIMIT $2`,
      [after, o.chunkSize],
    );
  const fetchLeaves = (after: number, upTo: number | null) =>
    query<RecordLeafRow>(
      tx,
      `SELECT record_id, record_version, leaf_index, leaf_hash, content, format FROM ledger.leaf
       WHERE record_schema = $1 AND record_table = $2 AND record_id > $3 AND ($4::bigint IS NULL OR record_id <= $4)
       ORDER BY record_id, record_version`,
      [spec.schema, spec.table, after, upTo],
    );

  let rowsSeen = 0;
  let leavesSeen = 0;
  let after = -1;
  let rowsP = fetchRows(after);
  for (;;) {
    const rows = await rowsP;
    const last = rows.length === o.chunkSize ? Number(rows[rows.length - 1]!.id) : null;
    const leavesP = fetchLeaves(after, last);
    if (last !== null) rowsP = fetchRows(last);
    const leaves = await leavesP;
    leavesSeen += leaves.length;
    // merge by record id
    let li = 0;
    let ri = 0;
    while (ri < rows.length || li < leaves.length) {
      const rowId = ri < rows.length ? Number(rows[ri]!.id) : Number.POSITIVE_INFINITY;
      const leafId = li < leaves.length ? Number(leaves[li]!.record_id) : Number.POSITIVE_INFINITY;
      const id = Math.min(rowId, leafId);
      const versions: RecordLeafRow[] = [];
      while (li < leaves.length && Number(leaves[li]!.record_id) === id) versions.push(leaves[li++]!);
      const row = rowId === id ? rows[ri++] : undefined;
      checkRecord(spec, id, row, versions, findings);
    }
    rowsSeen += rows.length;
    progress(rows.length);
    if (last === null) break;
    after = last;
  }
  return { rows: rowsSeen, leaves: leavesSeen };
}

function checkRecord(
  spec: LedgeredTable,
  id: number,
  row: CanonicalRow | undefined,
  versions: RecordLeafRow[],
  findings: Findings,
): void {
  const table = spec.name;
  const leafIndex = (l: RecordLeafRow) => (l.leaf_index === null ? null : Number(l.leaf_index));
  if (versions.length === 0) {
    findings.add({ kind: "inserted", table, id });
    return;
  }
  const latest = versions[versions.length - 1]!;
  const latestVersion = Number(latest.record_version);
  if (!row) {
    findings.add({ kind: "deleted", table, id, version: latestVersion, leafIndex: leafIndex(latest) });
    return;
  }
  const expected = versions.map((_, i) => i + 1).join(",");
  const actual = versions.map((v) => Number(v.record_version)).join(",");
  if (actual !== expected || (!spec.versioned && versions.length !== 1)) {
    findings.add({ kind: "version", table, id, detail: `versions ${actual}` });
  }
  if (!spec.versioned) {
    const canonical = canonicalText(spec, latestVersion, row);
    if (latest.format !== spec.format || !bytesEqual(leafHashOf(canonical), latest.leaf_hash)) {
      findings.add({ kind: "edited", table, id, version: latestVersion, leafIndex: leafIndex(latest) });
    }
    return;
  }
  // versioned: each version from the serialisation its leaf keeps, the latest also from the row
  for (const v of versions) {
    const version = Number(v.record_version);
    let ok = v.content !== null && v.format === spec.format && bytesEqual(leafHashOf(v.content), v.leaf_hash);
    if (ok) {
      const meta = parseCanonical(v.content!);
      ok = meta.table === table && meta.id === String(id) && meta.version === version;
    }
    if (ok && v === latest) ok = canonicalText(spec, version, row) === v.content;
    if (!ok) findings.add({ kind: "edited", table, id, version, leafIndex: leafIndex(v) });
  }
}

/** One line per finding, for the operator (Chinese first, English after). */
export function describeFinding(f: Finding): string {
  const at = (i: number | null) => (i === null ? "unsequenced" : `leaf ${i}`);
  switch (f.kind) {
    case "edited":
      return `已篡改 EDITED    ${f.table} #${f.id} v${f.version} (${at(f.leafIndex)}): the stored record differs from what was logged`;
    case "deleted":
      return `已删除 DELETED   ${f.table} #${f.id} v${f.version} (${at(f.leafIndex)}): logged, but the record is gone`;
    case "inserted":
      return `非法插入 INSERTED ${f.table} #${f.id}: stored without a leaf (never logged by the platform)`;
    case "reordered":
      return `顺序被改 REORDERED ${f.table} #${f.id} v${f.version}: now at leaf ${f.leafIndex}, sealed at leaf ${f.sealedAt}`;
    case "leaf-rewritten":
      return `叶被改写 LEAF REWRITTEN ${f.table} #${f.id} v${f.version} at leaf ${f.leafIndex}: its seal fits no position`;
    case "version":
      return `版本异常 VERSIONS  ${f.table} #${f.id}: ${f.detail}`;
    case "unknown-table":
      return `未知表 UNKNOWN   ${f.table} #${f.id} (${at(f.leafIndex)}): a leaf for a table the ledger does not cover`;
    case "missing-leaf":
      return `叶缺失 MISSING   leaf ${f.leafIndex}: no leaf at this position (a leaf row was deleted)`;
    case "head-root":
      return `树头不符 HEAD      size ${f.treeSize}: the signed root is not the root of the stored log`;
    case "head-signature":
      return `树头签名 HEAD SIG  size ${f.treeSize}: ${f.reason}`;
    case "head-beyond-log":
      return `树头超出 HEAD      size ${f.treeSize} > log size ${f.logSize}: leaves were removed from the end`;
    case "node":
      return `子树异常 NODE      level ${f.level} ending at leaf ${f.endIndex}: ${f.detail} (proofs would fail; rebuild nodes)`;
  }
}
