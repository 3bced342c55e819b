/**
 * The ledger's read side in GraphQL: signed tree heads, the published keys, inclusion proofs
 * of records and consistency proofs between sizes, and the on-demand checkpoint.
 *
 * Why in the trace subgraph: the ledger (schema `ledger`) is written by registry and trace
 * alike, each in its own write transactions; its read side is one read-only service over
 * the `ledger` schema and needs a single home. Trace owns the bulk of the leaves (checks,
 * fills, inspection results) and the "proof of a fill/check/result by its id" the callers
 * want, and already reads the registry's published read contract (`registry.unit_permit_v1`)
 * which scopes registration proofs. Registry records' own columns are not read: their scope
 * comes from the serialisation the ledger itself keeps (`ledger.leaf.content`).
 *
 * Scope: heads, keys and consistency proofs are public (they hold hashes only); a record's
 * proof (which carries the record's canonical serialisation) only for whoever may read the
 * record (db/src/auth/scope.ts, the same SQL conditions the trace lists use).
 */
import { canRead, PlatformError, type RecordSubject } from "@cylinder/db";
import {
  checkpoint,
  consistencyProof,
  ledgerKeys,
  listTreeHeads,
  publishedKeys,
  recordProof,
  requireTreeHead,
  sequencedSize,
  treeHeadOfSize,
} from "@cylinder/db/ledger";
import { type SQL, sql } from "drizzle-orm";
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { requireSignedIn } from "../shared/read-guard";
import { inspectionResultScope, unitRecordScope } from "../shared/scope-sql";
import { one } from "../shared/sql";
import {
  LedgerCheckpoint,
  LedgerConsistencyProof,
  LedgerPublicKey,
  LedgerRecordProof,
  type LedgerTableValue,
  LedgerTableValues,
  SignedTreeHeadType,
  toHeadType,
  toKeyType,
  toRecordProofType,
} from "./ledger.type";

async function requireWithinTree(ctx: TraceContext, size: number | undefined): Promise<void> {
  if (size === undefined || size === null) return;
  if (size < 0) throw new PlatformError("INVALID_FIELD", { field: "treeSize", reason: String(size) });
  const current = await sequencedSize(ctx.deps.db);
  if (size > current) throw new PlatformError("LEDGER_SIZE_BEYOND_TREE", { size, current });
}

/** The trace tables' scope conditions (alias x), as the lists apply them. */
const TRACE_SCOPES: Partial<Record<LedgerTableValue, (ctx: TraceContext) => SQL>> = {
  "trace.before_fill_check": (ctx) => unitRecordScope(ctx.scope, "x"),
  "trace.fill_record": (ctx) => unitRecordScope(ctx.scope, "x"),
  "trace.after_fill_check": (ctx) => unitRecordScope(ctx.scope, "x"),
  "trace.inspection_result": (ctx) => inspectionResultScope(ctx.scope, "x"),
};

/** Refuses a record proof to a reader who may not read the record (unknown records pass: the proof says so). */
async function requireReadable(ctx: TraceContext, table: LedgerTableValue, id: number): Promise<void> {
  requireSignedIn(ctx);
  if (ctx.scope.kind === "all") return;
  const refuse = () => new PlatformError("FORBIDDEN", { reason: `无权查看记录 ${table} ${id} 的存证` });
  const traceScope = TRACE_SCOPES[table];
  if (traceScope) {
    const r = await one<{ exists: boolean; visible: boolean }>(
      ctx.deps.db,
      sql`select exists(select 1 from ${sql.raw(table)} x where x.id = ${id}) as exists,
                 exists(select 1 from ${sql.raw(table)} x where x.id = ${id} and (${traceScope(ctx)})) as visible`,
    );
    if (r?.exists && !r.visible) throw refuse();
    return;
  }
  const [schema, name] = table.split(".") as [string, string];
  const leaf = await one<{ content: string | null }>(
    ctx.deps.db,
    sql`select content from ledger.leaf where record_schema = ${schema} and record_table = ${name}
        and record_id = ${id} order by record_version desc limit 1`,
  );
  if (!leaf?.content) return;
  const row = (JSON.parse(leaf.content) as { row: Record<string, string | null> }).row;
  let subject: RecordSubject;
  if (table === "registry.cylinder") {
    subject = {
      kind: "cylinder",
      ownerUnitId: row.owner_unit_id ? Number(row.owner_unit_id) : null,
      prefectureCode: row.prefecture_code ?? "",
      carCylinder: row.kind === "car",
    };
  } else {
    const unitId = row.unit_id ? Number(row.unit_id) : null;
    const unit = await one<{ prefecture_code: string | null }>(
      ctx.deps.db,
      sql`select prefecture_code from registry.unit_permit_v1 where id = ${unitId}`,
    );
    subject = { kind: "unit_record", unitId, prefectureCode: unit?.prefecture_code ?? null };
  }
  if (!canRead(ctx.scope, subject)) throw refuse();
}

async function proofOf(
  ctx: TraceContext,
  table: LedgerTableValue,
  id: number,
  version: number | undefined,
  treeSize: number | undefined,
): Promise<LedgerRecordProof> {
  await requireReadable(ctx, table, id);
  await requireWithinTree(ctx, treeSize);
  return toRecordProofType(await recordProof(ctx.deps.db, { table, id, version }, treeSize ?? undefined));
}

const SIZE_ARG = {
  nullable: true,
  description: "依据的签名树头大小；缺省为最新树头 (the signed head's size; default: the latest head)",
} as const;

@Resolver()
export class LedgerResolver {
  @Query(() => SignedTreeHeadType, {
    description:
      "签名树头：最新的，或指定树大小的（公开）(the latest signed tree head, or the one of a given size; public)",
  })
  async ledgerTreeHead(
    @Ctx() ctx: TraceContext,
    @Arg("treeSize", () => Int, { nullable: true, description: "树大小 (tree size)" }) treeSize?: number,
  ): Promise<SignedTreeHeadType> {
    await requireWithinTree(ctx, treeSize);
    return toHeadType(await requireTreeHead(ctx.deps.db, treeSize ?? undefined));
  }

  @Query(() => [SignedTreeHeadType], {
    description: "已发布的签名树头，按树大小升序（公开）(published signed heads in size order; public)",
  })
  async ledgerTreeHeads(
    @Ctx() ctx: TraceContext,
    @Arg("fromSize", () => Int, { nullable: true, description: "自此树大小起 (from this size on)" }) fromSize?: number,
    @Arg("first", () => Int, { nullable: true, description: "至多条数，默认 100，上限 1000 (at most; default 100)" })
    first?: number,
  ): Promise<SignedTreeHeadType[]> {
    const limit = Math.min(Math.max(first ?? 100, 1), 1000);
    return (await listTreeHeads(ctx.deps.db, { fromSize: fromSize ?? 0, limit })).map(toHeadType);
  }

  @Query(() => [LedgerPublicKey], {
    description: "账本签名公钥（当前的及已退役的），用于验证树头（公开）(the ledger's SM2 public keys; public)",
  })
  ledgerPublicKeys(@Ctx() ctx: TraceContext): LedgerPublicKey[] {
    return publishedKeys(ledgerKeys(ctx.deps.config)).map(toKeyType);
  }

  @Query(() => LedgerRecordProof, {
    description:
      "记录的存证证明（包含于签名树头）；仅可查看该记录者可取 (a record's inclusion proof against a signed head; for whoever may read the record)",
  })
  ledgerRecordProof(
    @Ctx() ctx: TraceContext,
    @Arg("table", () => LedgerTableValues, { description: "记录类别 (record kind)" }) table: LedgerTableValue,
    @Arg("id", () => Int, { description: "记录 ID (record id)" }) id: number,
    @Arg("version", () => Int, { nullable: true, description: "版本，缺省为最新 (version; default latest)" })
    version?: number,
    @Arg("treeSize", () => Int, SIZE_ARG) treeSize?: number,
  ): Promise<LedgerRecordProof> {
    return proofOf(ctx, table, id, version ?? undefined, treeSize);
  }

  @Query(() => LedgerRecordProof, { description: "充装记录的存证证明 (a fill record's inclusion proof)" })
  fillRecordProof(
    @Ctx() ctx: TraceContext,
    @Arg("id", () => Int, { description: "充装记录 ID (fill record id)" }) id: number,
    @Arg("treeSize", () => Int, SIZE_ARG) treeSize?: number,
  ): Promise<LedgerRecordProof> {
    return proofOf(ctx, LedgerTableValues.FILL_RECORD, id, undefined, treeSize);
  }

  @Query(() => LedgerRecordProof, { description: "充装前检查的存证证明 (a before-fill check's inclusion proof)" })
  beforeFillCheckProof(
    @Ctx() ctx: TraceContext,
    @Arg("id", () => Int, { description: "检查记录 ID (check id)" }) id: number,
    @Arg("treeSize", () => Int, SIZE_ARG) treeSize?: number,
  ): Promise<LedgerRecordProof> {
    return proofOf(ctx, LedgerTableValues.BEFORE_FILL_CHECK, id, undefined, treeSize);
  }

  @Query(() => LedgerRecordProof, { description: "充装后检查的存证证明 (an after-fill check's inclusion proof)" })
  afterFillCheckProof(
    @Ctx() ctx: TraceContext,
    @Arg("id", () => Int, { description: "检查记录 ID (check id)" }) id: number,
    @Arg("treeSize", () => Int, SIZE_ARG) treeSize?: number,
  ): Promise<LedgerRecordProof> {
    return proofOf(ctx, LedgerTableValues.AFTER_FILL_CHECK, id, undefined, treeSize);
  }

  @Query(() => LedgerRecordProof, { description: "检验结果的存证证明 (an inspection result's inclusion proof)" })
  inspectionResultProof(
    @Ctx() ctx: TraceContext,
    @Arg("id", () => Int, { description: "检验结果 ID (inspection result id)" }) id: number,
    @Arg("treeSize", () => Int, SIZE_ARG) treeSize?: number,
  ): Promise<LedgerRecordProof> {
    return proofOf(ctx, LedgerTableValues.INSPECTION_RESULT, id, undefined, treeSize);
  }

  @Query(() => LedgerConsistencyProof, {
    description: "一致性证明：新树大小包含旧树大小的全部叶子（公开）(consistency proof between two sizes; public)",
  })
  async ledgerConsistencyProof(
    @Ctx() ctx: TraceContext,
    @Arg("fromSize", () => Int, { description: "旧树大小 (older size)" }) fromSize: number,
    @Arg("toSize", () => Int, {
      nullable: true,
      description: "新树大小，缺省为最新树头 (newer size; default latest head)",
    })
    toSize?: number,
  ): Promise<LedgerConsistencyProof> {
    await requireWithinTree(ctx, fromSize);
    await requireWithinTree(ctx, toSize);
    const to = toSize ?? (await requireTreeHead(ctx.deps.db)).treeSize;
    const proof = await consistencyProof(ctx.deps.db, fromSize, to);
    const [fromHead, toHead] = await Promise.all([
      treeHeadOfSize(ctx.deps.db, fromSize),
      treeHeadOfSize(ctx.deps.db, to),
    ]);
    return {
      ...proof,
      fromHead: fromHead ? toHeadType(fromHead) : null,
      toHead: toHead ? toHeadType(toHead) : null,
    };
  }

  @Mutation(() => LedgerCheckpoint, {
    description:
      "立即检查点：排序新叶子并签发树头（省级监管或运维）(checkpoint now: sequence new leaves and sign a head; province regulator or operator)",
  })
  async checkpointLedger(@Ctx() ctx: TraceContext): Promise<LedgerCheckpoint> {
    const role = ctx.identity.role;
    if (role !== "operator" && role !== "province_regulator") {
      throw new PlatformError("FORBIDDEN", { reason: "仅省级监管或运维可签发树头" });
    }
    const result = await checkpoint(ctx.deps.db, ledgerKeys(ctx.deps.config), ctx.deps.clock);
    ctx.deps.log.info({ sequenced: result.sequenced, treeSize: result.head.treeSize }, "ledger checkpoint on demand");
    return { sequenced: result.sequenced, head: toHeadType(result.head) };
  }
}
