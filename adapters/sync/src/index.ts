/**
 * @cylinder/sync: the platform's workers — pulls of self-built prefecture platforms, and
 * scheduled jobs (delivering inspection results to the archive, ledger checkpoints…).
 */
export * from "./control";
export * from "./execute";
export * from "./jobs/inspection-results";
export * from "./jobs/ledger-checkpoint";
export { LeaseLost, type PageOutcome } from "./pull/apply";
export { type ListPage, PrefectureClient, SourceRefused, SourceUnavailable } from "./pull/client";
export { isPulledList, LIST_SPECS, PULLED_LISTS } from "./pull/lists";
export { type PullResult, pullList } from "./pull/pull";
export * from "./pull/sources";
export * from "./workers";
