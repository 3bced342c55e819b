/**
 * Schema `ledger`: the tamper-evident log (防篡改). Every accepted record becomes a leaf
 * (SM3 over its canonical serialisation), appended in the same transaction as the record;
 * a sequencer later gives leaves their place in an RFC 6962-shaped Merkle tree, whose signed
 * tree heads (SM2) are published. The application role may only insert here (see the
 * migration's grants).
 */
import { bigint, index, integer, pgSchema, text, unique, varchar } from "drizzle-orm/pg-core";
import { bytea, instant } from "./columns";

export const ledger = pgSchema("ledger");

/** A leaf: which record (schema, table, id, version) and the SM3 hash of its serialisation. */
export const leaf = ledger.table(
  "leaf",
  {
    /** Arrival order (may have gaps from rolled-back transactions). */
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** Position in the Merkle tree, dense from 0, set by the sequencer. */
    leafIndex: bigint({ mode: "number" }),
    recordSchema: varchar({ length: 32 }).notNull(),
    recordTable: varchar({ length: 64 }).notNull(),
    recordId: bigint({ mode: "number" }).notNull(),
    /** 1 for a record's first leaf; later state changes of the same record add versions. */
    recordVersion: integer().notNull().default(1),
    /** RFC 6962 leaf hash: SM3(0x00 || canonical record). */
    leafHash: bytea().notNull(),
    appendedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    unique("leaf_index_key").on(t.leafIndex),
    unique("leaf_record_version_key").on(t.recordSchema, t.recordTable, t.recordId, t.recordVersion),
    index("leaf_unsequenced_idx").on(t.id),
  ],
);

/** 签名树头: a signed tree head (size, root, time) with the platform's SM2 signature. */
export const treeHead = ledger.table("tree_head", {
  treeSize: bigint({ mode: "number" }).primaryKey(),
  rootHash: bytea().notNull(),
  issuedAt: instant().notNull(),
  /** SM2 signature (hex, r||s) over the serialised head. */
  signature: text().notNull(),
  /** Which platform key signed it (keys rotate). */
  keyId: varchar({ length: 64 }).notNull(),
});
