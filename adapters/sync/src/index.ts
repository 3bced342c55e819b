/**
 * @cylinder/sync: the platform's workers — pulls of self-built prefecture platforms, and
 * scheduled jobs (delivering inspection results to the archive, ledger checkpoints…).
 */
export * from "./execute";
export * from "./jobs/inspection-results";
export * from "./jobs/ledger-checkpoint";
