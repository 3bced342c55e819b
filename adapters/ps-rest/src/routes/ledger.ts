/**
 * 防篡改存证 (filled gap, issue 6): the tamper-evident ledger's signed tree heads, public keys,
 * record proofs and consistency proofs through /PS/*, over the trace subgraph's ledger queries
 * (db/src/ledger/README.md). Heads, keys and consistency proofs hold hashes only and are
 * public, as in GraphQL: no ticket needed (one sent is passed on). A record proof carries the
 * record's canonical serialisation: ticket required, and only for whoever may read the record.
 *
 * Hashes, keys and signatures are lower-case hex; `Canonical` is the exact text the leaf
 * covers (verify it as sent, do not re-serialise). A head's `Timestamp` (ms) is the value its
 * signature covers; `IssueTime` is the same instant as yyyyMMddHHmmss for people.
 */
import { PlatformError } from "@cylinder/db";
import { z } from "zod";
import { count, type Json, property, record } from "../fields";
import { graphql } from "../gql";
import type { TreeHeadFragment } from "../gql/graphql";
import { dateTime14 } from "../output";
import { type Schema, type StateRoute, stateRoute } from "../route";

graphql(`
  fragment TreeHead on SignedTreeHead {
    treeSize rootHash timestampMs issuedAt keyId signature
  }
`);

const TAG = "防篡改存证";

/** Record kinds as stations name them → the GraphQL `LedgerTable` value (and its table). */
const KINDS = {
  BeforeFill: { value: "BEFORE_FILL_CHECK", table: "trace.before_fill_check", label: "充装前检查" },
  Fill: { value: "FILL_RECORD", table: "trace.fill_record", label: "充装记录" },
  AfterFill: { value: "AFTER_FILL_CHECK", table: "trace.after_fill_check", label: "充装后检查" },
  CheckResult: { value: "INSPECTION_RESULT", table: "trace.inspection_result", label: "定期检验结果" },
  Register: { value: "REGISTRATION", table: "registry.registration", label: "使用登记申请及审核" },
  Bottle: { value: "CYLINDER", table: "registry.cylinder", label: "气瓶档案" },
} as const;
type KindName = keyof typeof KINDS;
const KIND_NAMES = Object.keys(KINDS) as KindName[];

/** `kind` as a station sends it: the name above (any case), the table (`trace.fill_record` or `fill_record`) or the GraphQL value. */
export function recordKindOf(raw: string): KindName {
  const s = raw.trim().toLowerCase();
  const found = KIND_NAMES.find((k) => {
    const { value, table } = KINDS[k];
    return k.toLowerCase() === s || value.toLowerCase() === s || table === s || table.split(".")[1] === s;
  });
  if (!found) {
    throw new PlatformError("INVALID_FIELD", {
      field: "kind",
      reason: `应为 ${KIND_NAMES.join("、")} 之一（或记录表名）`,
    });
  }
  return found;
}

function head(h: TreeHeadFragment): Json {
  return {
    TreeSize: h.treeSize,
    RootHash: h.rootHash,
    Timestamp: h.timestampMs,
    IssueTime: dateTime14(h.issuedAt) ?? "",
    KeyId: h.keyId,
    Signature: h.signature,
  };
}

const headSchema: Schema = {
  type: "object",
  description:
    "签名树头：SM2 签名（签名者 ID 与摘要见 PublicKeys）覆盖文本 cylinder-ledger/sth/v1\\n<KeyId>\\n<TreeSize>\\n<Timestamp>\\n<RootHash>\\n",
  required: ["TreeSize", "RootHash", "Timestamp", "IssueTime", "KeyId", "Signature"],
  properties: {
    TreeSize: { type: "integer", description: "树大小（叶子数）" },
    RootHash: { type: "string", description: "根哈希，SM3，64 位小写十六进制" },
    Timestamp: { type: "integer", description: "签名时间，毫秒（签名所覆盖的值）" },
    IssueTime: { type: "string", description: "签名时间 yyyyMMddHHmmss（中国标准时间，便于阅读）" },
    KeyId: { type: "string", description: "签名公钥 ID（SM3(公钥) 前 16 位十六进制）" },
    Signature: { type: "string", description: "SM2 签名，十六进制 r‖s" },
  },
};

const size = count("树大小：返回/依据该大小的签名树头；不传为最新树头", "optional", { minimum: 0 });

/** `kind` as a parameter: one of the names above (or a table name) → the GraphQL `LedgerTable`. */
const recordKind = property(
  z.string().meta({ enum: KIND_NAMES }),
  (v) => (typeof v === "string" && v.trim() !== "" ? KINDS[recordKindOf(v)].value : undefined),
  `记录类别：${KIND_NAMES.map((k) => `${k} ${KINDS[k].label}`).join("，")}（也接受表名，如 fill_record）`,
  "required",
);

export const ledgerTreeHead: StateRoute = stateRoute({
  path: "/PS/Ledger/TreeHead",
  methods: ["GET", "POST"],
  tag: TAG,
  summary: "签名树头 (the latest signed tree head, or the one of a size)",
  description:
    "补充接口（公开，无需令牌）：账本最新的签名树头，或指定 size 的签名树头。size 超过已排序叶子数返回 LEDGER_SIZE_BEYOND_TREE；该大小未签发树头返回 NOT_FOUND。",
  gap: true,
  auth: false,
  operation: graphql(`
    query LedgerTreeHead($treeSize: Int) {
      ledgerTreeHead(treeSize: $treeSize) { ...TreeHead }
    }
  `),
  params: record({ size: ["treeSize", size] }),
  variables: (input) => input.params,
  value: (result) => head(result.ledgerTreeHead),
  valueSchema: headSchema,
});

export const ledgerTreeHeads: StateRoute = stateRoute({
  path: "/PS/Ledger/TreeHeads",
  methods: ["GET", "POST"],
  tag: TAG,
  summary: "签名树头列表 (published signed tree heads, in size order)",
  description:
    "补充接口（公开，无需令牌）：已签发的树头，按树大小升序；from 起（含），至多 first 条（默认 100，上限 1000）。",
  gap: true,
  auth: false,
  operation: graphql(`
    query LedgerTreeHeads($fromSize: Int, $first: Int) {
      ledgerTreeHeads(fromSize: $fromSize, first: $first) { ...TreeHead }
    }
  `),
  params: record({
    from: ["fromSize", count("自此树大小起（含）", "optional", { minimum: 0 })],
    first: ["first", count("至多条数，默认 100，上限 1000", "optional", { minimum: 1 })],
  }),
  variables: (input) => input.params,
  value: (result) => result.ledgerTreeHeads.map(head),
  valueSchema: { type: "array", items: headSchema },
});

export const ledgerPublicKeys: StateRoute = stateRoute({
  path: "/PS/Ledger/PublicKeys",
  methods: ["GET", "POST"],
  tag: TAG,
  summary: "账本签名公钥 (the ledger's published SM2 public keys)",
  description:
    "补充接口（公开，无需令牌）：验证树头签名所用的 SM2 公钥，当前的及已退役的（Current 为 0 者只用于验证旧树头）。验证方只凭这些公钥即可核对树头、存证证明与一致性证明。",
  gap: true,
  auth: false,
  operation: graphql(`
    query LedgerPublicKeys {
      ledgerPublicKeys { keyId algorithm publicKey digest userId current signedMessage }
    }
  `),
  variables: () => ({}),
  value: (result) =>
    result.ledgerPublicKeys.map((k) => ({
      KeyId: k.keyId,
      Algorithm: k.algorithm,
      PublicKey: k.publicKey,
      Digest: k.digest,
      UserId: k.userId,
      Current: k.current ? 1 : 0,
      SignedMessage: k.signedMessage,
    })),
  valueSchema: {
    type: "array",
    items: {
      type: "object",
      required: ["KeyId", "Algorithm", "PublicKey", "Digest", "UserId", "Current", "SignedMessage"],
      properties: {
        KeyId: { type: "string", description: "公钥 ID" },
        Algorithm: { type: "string", description: "算法：SM2" },
        PublicKey: { type: "string", description: "未压缩公钥，04 开头 130 位十六进制" },
        Digest: { type: "string", description: "签名摘要：SM3" },
        UserId: { type: "string", description: "SM2 签名者 ID（GB/T 32918）" },
        Current: { type: "integer", enum: [0, 1], description: "1 用于签署新树头，0 已退役（仅验证旧树头）" },
        SignedMessage: { type: "string", description: "树头签名所覆盖的文本格式" },
      },
    },
  },
});

export const ledgerRecordProof: StateRoute = stateRoute({
  path: "/PS/Ledger/RecordProof",
  methods: ["GET", "POST"],
  tag: TAG,
  summary: "记录的存证证明 (a record's inclusion proof against a signed tree head)",
  description:
    "补充接口（需令牌）：记录（按类别 kind 与平台记录 ID，即上传结果 Items[].Id 或列表的 Id）的规范化序列化 Canonical、叶子哈希、所依据的签名树头与包含证明（RFC 9162 审计路径）。" +
    "仅可查看该记录者可取（本单位的记录，监管部门辖区内的记录），否则 FORBIDDEN。验证：LeafHash = SM3(0x00‖Canonical 的 UTF-8)，沿 Path 计算根哈希应等于 Head.RootHash，且 Head 的签名可用 PublicKeys 验证。" +
    "记录刚上传、尚未进入树头时返回 LEDGER_NOT_SEQUENCED（下一检查点后再取）；账本中无该记录返回 LEDGER_UNKNOWN_RECORD。",
  gap: true,
  auth: true,
  operation: graphql(`
    query LedgerRecordProof($table: LedgerTable!, $id: Int!, $version: Int, $treeSize: Int) {
      ledgerRecordProof(table: $table, id: $id, version: $version, treeSize: $treeSize) {
        table id version canonical leafHash head { ...TreeHead } proof { leafIndex treeSize path }
      }
    }
  `),
  params: record({
    kind: ["table", recordKind],
    id: ["id", count("平台记录 ID", "required", { minimum: 0 })],
    version: [
      "version",
      count("记录版本（登记、气瓶档案每次变化一个版本）；不传为最新版本", "optional", { minimum: 1 }),
    ],
    size: ["treeSize", size],
  }),
  variables: (input) => input.params,
  value({ ledgerRecordProof: p }) {
    const kind = KIND_NAMES.find((k) => KINDS[k].value === p.table)!;
    return {
      Kind: kind,
      Table: KINDS[kind].table,
      Id: p.id,
      Version: p.version,
      Canonical: p.canonical,
      LeafHash: p.leafHash,
      Head: head(p.head),
      Proof: { LeafIndex: p.proof.leafIndex, TreeSize: p.proof.treeSize, Path: p.proof.path },
    };
  },
  valueSchema: {
    type: "object",
    required: ["Kind", "Table", "Id", "Version", "Canonical", "LeafHash", "Head", "Proof"],
    properties: {
      Kind: { type: "string", enum: KIND_NAMES, description: "记录类别" },
      Table: { type: "string", description: "记录表，如 trace.fill_record" },
      Id: { type: "integer", description: "平台记录 ID" },
      Version: { type: "integer", description: "记录版本" },
      Canonical: { type: "string", description: "叶子所覆盖的规范化序列化 JSON 文本（按原文验证，勿重新序列化）" },
      LeafHash: { type: "string", description: "叶子哈希 SM3(0x00‖Canonical)，十六进制" },
      Head: headSchema,
      Proof: {
        type: "object",
        required: ["LeafIndex", "TreeSize", "Path"],
        properties: {
          LeafIndex: { type: "integer", description: "叶子位置，从 0 起" },
          TreeSize: { type: "integer", description: "证明所对应的树大小（= Head.TreeSize）" },
          Path: { type: "array", items: { type: "string" }, description: "审计路径，十六进制哈希" },
        },
      },
    },
  },
});

export const ledgerConsistencyProof: StateRoute = stateRoute({
  path: "/PS/Ledger/ConsistencyProof",
  methods: ["GET", "POST"],
  tag: TAG,
  summary: "一致性证明 (consistency proof: the newer tree extends the older)",
  description:
    "补充接口（公开，无需令牌）：证明树大小 to 的账本包含树大小 from 的全部叶子、未改动任何一条（RFC 9162）。to 不传为最新树头。" +
    "FromHead / ToHead 为这两个大小的签名树头（若已签发）。",
  gap: true,
  auth: false,
  operation: graphql(`
    query LedgerConsistencyProof($fromSize: Int!, $toSize: Int) {
      ledgerConsistencyProof(fromSize: $fromSize, toSize: $toSize) {
        fromSize toSize path fromHead { ...TreeHead } toHead { ...TreeHead }
      }
    }
  `),
  fieldNames: { treeSize: "from/to" },
  params: record({
    from: ["fromSize", count("旧树大小", "required", { minimum: 0 })],
    to: ["toSize", count("新树大小；不传为最新树头", "optional", { minimum: 0 })],
  }),
  variables: (input) => input.params,
  value: ({ ledgerConsistencyProof: c }) => ({
    FromSize: c.fromSize,
    ToSize: c.toSize,
    Path: c.path,
    ...(c.fromHead ? { FromHead: head(c.fromHead) } : {}),
    ...(c.toHead ? { ToHead: head(c.toHead) } : {}),
  }),
  valueSchema: {
    type: "object",
    required: ["FromSize", "ToSize", "Path"],
    properties: {
      FromSize: { type: "integer", description: "旧树大小" },
      ToSize: { type: "integer", description: "新树大小" },
      Path: { type: "array", items: { type: "string" }, description: "证明路径，十六进制哈希" },
      FromHead: { ...headSchema, description: "旧树大小的签名树头（若已签发）" },
      ToHead: { ...headSchema, description: "新树大小的签名树头（若已签发）" },
    },
  },
});
