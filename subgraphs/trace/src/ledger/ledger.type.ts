/** 防篡改账本 (the tamper-evident ledger): signed tree heads, keys and proofs, as GraphQL types. */
import type { PublishedKey, RecordProof, SignedTreeHead } from "@cylinder/db/ledger";
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

/** The ledgered tables, as GraphQL names them (values: db/src/ledger/tables.ts names). */
export const LedgerTableValues = {
  BEFORE_FILL_CHECK: "trace.before_fill_check",
  FILL_RECORD: "trace.fill_record",
  AFTER_FILL_CHECK: "trace.after_fill_check",
  INSPECTION_RESULT: "trace.inspection_result",
  REGISTRATION: "registry.registration",
  CYLINDER: "registry.cylinder",
} as const;
export type LedgerTableValue = (typeof LedgerTableValues)[keyof typeof LedgerTableValues];

registerEnumType(LedgerTableValues, {
  name: "LedgerTable",
  description: "存证的记录类别 (the kinds of record the ledger covers)",
  valuesConfig: {
    BEFORE_FILL_CHECK: { description: "充装前检查 (before-fill check)" },
    FILL_RECORD: { description: "充装记录 (fill record)" },
    AFTER_FILL_CHECK: { description: "充装后检查 (after-fill check)" },
    INSPECTION_RESULT: { description: "定期检验结果 (inspection result)" },
    REGISTRATION: { description: "使用登记申请及审核（按版本）(use registration and its review, versioned)" },
    CYLINDER: { description: "气瓶档案（每次状态变化一个版本）(cylinder archive, a version per state)" },
  },
});

@ObjectType("SignedTreeHead", {
  description:
    "签名树头：SM2 签名覆盖 cylinder-ledger/sth/v1\\n<keyId>\\n<treeSize>\\n<timestampMs>\\n<rootHash>\\n (a signed tree head; the SM2 signature covers that text)",
})
export class SignedTreeHeadType {
  @Field(() => Int, { description: "树大小（叶子数）(tree size, in leaves)" })
  treeSize!: number;

  @Field(() => String, { description: "根哈希，SM3，64 位小写十六进制 (root hash, SM3, 64 lower-case hex)" })
  rootHash!: string;

  @Field(() => Float, {
    description: "签名时间，毫秒（签名所覆盖的值）(signing time in ms since the epoch, as signed)",
  })
  timestampMs!: number;

  @Field(() => DateTime, { description: "签名时间 (signing time)" })
  issuedAt!: Date;

  @Field(() => String, { description: "签名公钥 ID：SM3(公钥) 前 16 位十六进制 (signing key id)" })
  keyId!: string;

  @Field(() => String, { description: "SM2 签名，十六进制 r‖s (SM2 signature, hex r‖s)" })
  signature!: string;
}

export function toHeadType(h: SignedTreeHead): SignedTreeHeadType {
  return {
    treeSize: h.treeSize,
    rootHash: h.rootHash,
    timestampMs: h.timestamp,
    issuedAt: new Date(h.timestamp),
    keyId: h.keyId,
    signature: h.signature,
  };
}

@ObjectType("LedgerPublicKey", { description: "账本公布的 SM2 公钥 (a published ledger public key)" })
export class LedgerPublicKey {
  @Field(() => String, { description: "公钥 ID (key id)" })
  keyId!: string;

  @Field(() => String, { description: "算法 SM2 (algorithm)" })
  algorithm!: string;

  @Field(() => String, { description: "未压缩公钥，04 开头 130 位十六进制 (uncompressed point, 04…, 130 hex)" })
  publicKey!: string;

  @Field(() => String, { description: "签名摘要 SM3 (signature digest)" })
  digest!: string;

  @Field(() => String, { description: "SM2 签名者 ID (GB/T 32918 user id)" })
  userId!: string;

  @Field(() => Boolean, {
    description: "是否用于签署新树头；否 = 已退役，仅验旧树头 (signs new heads; false: retired)",
  })
  current!: boolean;

  @Field(() => String, { description: "签名覆盖的文本格式 (what a head signature covers)" })
  signedMessage!: string;
}

export function toKeyType(k: PublishedKey): LedgerPublicKey {
  return { ...k };
}

@ObjectType("LedgerInclusionProof", {
  description: "包含证明（RFC 9162 审计路径）(inclusion proof, RFC 9162 audit path)",
})
export class LedgerInclusionProof {
  @Field(() => Int, { description: "叶子位置，从 0 起 (leaf index, from 0)" })
  leafIndex!: number;

  @Field(() => Int, { description: "证明所对应的树大小 (tree size the proof is for)" })
  treeSize!: number;

  @Field(() => [String], { description: "审计路径，十六进制哈希 (audit path, hex hashes)" })
  path!: string[];
}

@ObjectType("LedgerConsistencyProof", {
  description: "一致性证明：新树头包含旧树头的全部叶子 (consistency proof: the newer tree extends the older)",
})
export class LedgerConsistencyProof {
  @Field(() => Int, { description: "旧树大小 (older size)" })
  fromSize!: number;

  @Field(() => Int, { description: "新树大小 (newer size)" })
  toSize!: number;

  @Field(() => [String], { description: "证明路径，十六进制哈希 (proof path, hex hashes)" })
  path!: string[];

  @Field(() => SignedTreeHeadType, {
    nullable: true,
    description: "旧树大小的签名树头（若有）(the signed head of the older size, if one was published)",
  })
  fromHead!: SignedTreeHeadType | null;

  @Field(() => SignedTreeHeadType, {
    nullable: true,
    description: "新树大小的签名树头（若有）(the signed head of the newer size, if one was published)",
  })
  toHead!: SignedTreeHeadType | null;
}

@ObjectType("LedgerRecordProof", {
  description:
    "存证证明：记录的规范化序列化、叶子哈希、签名树头与包含证明；仅凭公钥即可验证 (a record's proof, checkable with the public key only)",
})
export class LedgerRecordProof {
  @Field(() => LedgerTableValues, { description: "记录类别 (record kind)" })
  table!: LedgerTableValue;

  @Field(() => Int, { description: "记录 ID (record id)" })
  id!: number;

  @Field(() => Int, { description: "记录版本（可变记录每次变化一个版本）(record version)" })
  version!: number;

  @Field(() => String, {
    description: "叶子所覆盖的规范化序列化 JSON 文本 (the canonical serialisation the leaf covers)",
  })
  canonical!: string;

  @Field(() => String, { description: "叶子哈希 SM3(0x00‖canonical)，十六进制 (leaf hash, hex)" })
  leafHash!: string;

  @Field(() => SignedTreeHeadType, { description: "所依据的签名树头 (the signed head)" })
  head!: SignedTreeHeadType;

  @Field(() => LedgerInclusionProof, { description: "包含证明 (the inclusion proof)" })
  proof!: LedgerInclusionProof;
}

export function toRecordProofType(p: RecordProof): LedgerRecordProof {
  return {
    table: p.table,
    id: p.id,
    version: p.version,
    canonical: p.canonical,
    leafHash: p.leafHash,
    head: toHeadType(p.head),
    proof: p.proof,
  };
}

@ObjectType("LedgerCheckpoint", { description: "检查点结果 (a checkpoint's result)" })
export class LedgerCheckpoint {
  @Field(() => Int, { description: "本次排序的叶子数 (leaves sequenced now)" })
  sequenced!: number;

  @Field(() => SignedTreeHeadType, { description: "新的签名树头 (the signed head)" })
  head!: SignedTreeHeadType;
}
