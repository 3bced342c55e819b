/**
 * @cylinder/db/ledger: the tamper-evident ledger (防篡改). See README.md beside this file for
 * the design; the client-side verifier alone is `@cylinder/db/ledger/verifier`.
 */
export { appendLeaves, canonicalReturning, type RecordRef } from "./append";
export {
  type AuditKeys,
  auditLedger,
  describeFinding,
  type Finding,
  type VerifyOptions,
  type VerifyProgress,
  type VerifyReport,
  verifyLedger,
} from "./audit";
export { appendLeavesBulk } from "./bulk";
export { type CanonicalRecord, type CanonicalRow, canonicalText, parseCanonical } from "./canonical";
export type { LedgerDb, LedgerTx } from "./executor";
export {
  type CheckpointResult,
  checkpoint,
  latestTreeHead,
  listTreeHeads,
  requireTreeHead,
  signHead,
  signTreeHead,
  treeHeadOfSize,
} from "./heads";
export { type LedgerKeys, ledgerKeys, ledgerKeysOf, type PublishedKey, publishedKeys } from "./keys";
export { consistencyProof, inclusionProof, type RecordProof, recordProof } from "./proofs";
export { SEQUENCER_LOCK, type SequenceOptions, type SequenceResult, sequenceBatch, sequenceLeaves } from "./sequencer";
export { sequencedSize, storedRoot } from "./store";
export {
  isLedgeredTable,
  LEDGERED_TABLE_NAMES,
  LEDGERED_TABLES,
  type LedgeredTable,
  type LedgeredTableName,
  ledgeredTable,
} from "./tables";
export * from "./verifier";
