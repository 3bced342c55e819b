/**
 * Job: the ledger's checkpoint (防篡改, db/src/ledger/README.md "Write path, sequencer,
 * heads"): give every committed, unsequenced leaf its tree position, then sign and publish a
 * tree head over the new size. Runs every LEDGER_CHECKPOINT_SECONDS (in-process in
 * infra/src/platform.ts; as a scheduled job where the workers run apart) and on demand
 * (`checkpointLedger` mutation). Safe to run concurrently from several processes: the
 * sequencer takes a transaction advisory lock, and a size already signed is not re-signed.
 */
import type { Clock, Config, Database, Logger } from "@cylinder/db";
import { type CheckpointResult, checkpoint, ledgerKeys } from "@cylinder/db/ledger";

export async function runLedgerCheckpoint(
  sql: Database["sql"],
  config: Pick<Config, "ledger">,
  clock: Clock,
  log?: Logger,
): Promise<CheckpointResult> {
  const result = await checkpoint(sql, ledgerKeys(config), clock);
  if (result.sequenced > 0) {
    log?.info({ sequenced: result.sequenced, treeSize: result.head.treeSize }, "ledger checkpoint: signed tree head");
  }
  return result;
}

/** The interval of the scheduled checkpoint, in milliseconds. */
export function ledgerCheckpointInterval(config: Pick<Config, "ledger">): number {
  return Math.max(1, config.ledger.checkpointSeconds) * 1000;
}
