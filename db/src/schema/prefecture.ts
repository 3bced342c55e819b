/**
 * Schema `prefecture`, owned by the prefecture subgraph: the 16 prefectures with their
 * platform mode, the self-built platforms the province pulls from, and the state of each
 * pull (watermarks, lag, errors, quarantined rows).
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgSchema, primaryKey, text, unique } from "drizzle-orm/pg-core";
import { instant, prefectureCode, timestamps } from "./columns";

export const prefectureSchema = pgSchema("prefecture");

export const platformMode = prefectureSchema.enum("platform_mode", ["self_built", "province_hosted"]);

/** The lists the province pulls from a self-built prefecture platform. */
export const SYNC_LISTS = [
  "generic_bottle",
  "car_bottle",
  "before_fill_check",
  "fill_record",
  "after_fill_check",
  "inspection_result",
] as const;
export type SyncList = (typeof SYNC_LISTS)[number];
export const syncList = prefectureSchema.enum("sync_list", SYNC_LISTS);

/** 州市: code (GB/T 2260), name and platform mode. */
export const prefecture = prefectureSchema.table("prefecture", {
  code: prefectureCode().primaryKey(),
  name: text().notNull(),
  mode: platformMode().notNull(),
  ...timestamps(),
});

/** A self-built prefecture platform the province pulls from, and how to log in to it. */
export const syncSource = prefectureSchema.table(
  "sync_source",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    prefectureCode: prefectureCode()
      .notNull()
      .references(() => prefecture.code),
    baseUrl: text().notNull(),
    username: text().notNull(),
    /** Password and SM4 key of the province's account there, encrypted with the data key. */
    passwordEnc: text().notNull(),
    sm4KeyEnc: text(),
    intervalSeconds: integer().notNull().default(60),
    paused: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [unique("sync_source_prefecture_key").on(t.prefectureCode)],
);

/**
 * Sync watermark and health per source and list. The watermark (the source's `lasttime`) and
 * the id of the last row taken at that time advance in the same transaction as the rows.
 */
export const syncState = prefectureSchema.table(
  "sync_state",
  {
    sourceId: integer()
      .notNull()
      .references(() => syncSource.id),
    list: syncList().notNull(),
    watermark: instant(),
    /** Tie-break within the watermark's second: the last source Id taken at that time. */
    watermarkId: bigint({ mode: "number" }),
    /** The source's opaque paging cursor of the read in progress (null between reads): a
     * pull interrupted mid-read resumes at the page after the last one committed. */
    cursor: text(),
    /** When (province clock) the read in progress began; becomes lastSuccessAt's basis. */
    readStartedAt: instant(),
    /** One puller per source and list: who holds the lease and until when (renewed with
     * every page; a killed worker's lease simply runs out). */
    leaseOwner: text(),
    leaseUntil: instant(),
    lastAttemptAt: instant(),
    lastSuccessAt: instant(),
    lastError: text(),
    lastErrorAt: instant(),
    consecutiveFailures: integer().notNull().default(0),
    rowsPulled: bigint({ mode: "number" }).notNull().default(0),
    quarantinedCount: integer().notNull().default(0),
    ...timestamps(),
  },
  (t) => [primaryKey({ name: "sync_state_pkey", columns: [t.sourceId, t.list] })],
);

/** A source row the province could not accept, kept with the reason for an operator. */
export const syncQuarantine = prefectureSchema.table(
  "sync_quarantine",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    sourceId: integer()
      .notNull()
      .references(() => syncSource.id),
    list: syncList().notNull(),
    sourceRecordId: text(),
    payload: jsonb().notNull(),
    reason: text().notNull(),
    receivedAt: instant().notNull().defaultNow(),
    resolvedAt: instant(),
  },
  (t) => [index("sync_quarantine_open_idx").on(t.sourceId, t.list, t.receivedAt).where(sql`${t.resolvedAt} is null`)],
);
