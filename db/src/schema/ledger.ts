/**
 * Schema `ledger`: the tamper-evident log (防篡改). Every accepted record becomes a leaf
 * (SM3 over its canonical serialisation, see src/ledger/canonical.ts), appended in the same
 * transaction as the record; a sequencer later gives leaves their place in an RFC 6962/9162
 * Merkle tree, stores the tree's perfect-subtree hashes (`node`), and signed tree heads (SM2)
 * are published in `tree_head`. All three tables are append-only: triggers refuse any UPDATE,
 * DELETE or TRUNCATE (except the sequencer's one-time setting of `leaf_index` and `seal`), and
 * the application role `cylinder_app` holds no such privilege (see migration 0003). The
 * design is in src/ledger/README.md.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  pgSchema,
  primaryKey,
  smallint,
  text,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import { bytea, instant } from "./columns";

export const ledger = pgSchema("ledger");

/** A leaf: which record (schema, table, id, version) and the SM3 hash of its serialisation. */
export const leaf = ledger.table(
  "leaf",
  {
    /** Arrival order (may have gaps from rolled-back transactions). */
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** Position in the Merkle tree, dense from 0, set once by the sequencer. */
    leafIndex: bigint({ mode: "number" }),
    recordSchema: varchar({ length: 32 }).notNull(),
    recordTable: varchar({ length: 64 }).notNull(),
    recordId: bigint({ mode: "number" }).notNull(),
    /** 1 for a record's first leaf; later states of a mutable record add versions. */
    recordVersion: integer().notNull().default(1),
    /** Version of the canonical serialisation the leaf hash was computed over. */
    format: smallint().notNull().default(1),
    /** RFC 6962 leaf hash: SM3(0x00 || canonical record). */
    leafHash: bytea().notNull(),
    /** The canonical serialisation itself, kept only for mutable (versioned) records, whose
     * earlier states are no longer in their table; null for immutable records. */
    content: text(),
    /** HMAC-SM3 (platform seal key) over leaf index, record and leaf hash, set by the
     * sequencer with the index: lets `verify` name a leaf moved to another position. */
    seal: bytea(),
    appendedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    // partial: unsequenced leaves (the hot path's inserts) add no entry here
    uniqueIndex("leaf_index_key").on(t.leafIndex).where(sql`${t.leafIndex} is not null`),
    unique("leaf_record_version_key").on(t.recordSchema, t.recordTable, t.recordId, t.recordVersion),
    index("leaf_unsequenced_idx").on(t.id).where(sql`${t.leafIndex} is null`),
  ],
);

/**
 * The hash of every complete perfect subtree of height >= 1 (height 0 is `leaf.leaf_hash`):
 * the subtree of height `level` ending before leaf `end_index` covers leaves
 * [end_index - 2^level, end_index). Keyed by (end_index, level), the order in which the tree
 * completes them, so `verify` streams them beside the leaves. Any proof over any tree size
 * reads O(log n) of these rows.
 */
export const node = ledger.table(
  "node",
  {
    endIndex: bigint({ mode: "number" }).notNull(),
    level: smallint().notNull(),
    hash: bytea().notNull(),
  },
  (t) => [primaryKey({ name: "node_pkey", columns: [t.endIndex, t.level] })],
);

/** 签名树头: a signed tree head (size, root, time) with the platform's SM2 signature. */
export const treeHead = ledger.table("tree_head", {
  treeSize: bigint({ mode: "number" }).primaryKey(),
  rootHash: bytea().notNull(),
  /** The signed timestamp (millisecond precision, as signed). */
  issuedAt: instant().notNull(),
  /** SM2 signature (hex, r||s) over the serialised head (src/ledger/verifier.ts). */
  signature: text().notNull(),
  /** Which platform key signed it (keys rotate): see src/ledger/keys.ts. */
  keyId: varchar({ length: 64 }).notNull(),
});
