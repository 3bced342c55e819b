/**
 * What the public leaves on the platform through the scan page (schema `trace`, written by the
 * trace subgraph): citizens' reports about a cylinder, and scans of codes the platform does not
 * know (a sign of counterfeit labels). Both are evidence: append-only (migration 0008), and
 * each raises an alarm in the same transaction.
 *
 * The reporter's network address is kept sealed (SM4, for a regulator who must trace abuse)
 * beside a keyed hash that the rate limits count by, so counting never needs the address in clear.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, text, unique, varchar } from "drizzle-orm/pg-core";
import { CITIZEN_REPORT_KINDS, type CitizenReportKind } from "../standard/enums";
import { barcode, instant, prefectureCheck, prefectureCode } from "./columns";
import { trace } from "./trace";

export const citizenReportKind = trace.enum(
  "citizen_report_kind",
  Object.keys(CITIZEN_REPORT_KINDS) as [CitizenReportKind, ...CitizenReportKind[]],
);

/** 群众反映: one report from the scan page of a registered cylinder. */
export const citizenReport = trace.table(
  "citizen_report",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    barcode: barcode().notNull(),
    kind: citizenReportKind().notNull(),
    /** What the citizen wrote (at most 500 characters). */
    description: text(),
    /** An optional phone for a call back: sealed, with a masked copy for display. */
    contactPhoneEnc: text(),
    contactPhoneMasked: text(),
    /** HMAC-SM3 of the reporter's address (the per-address limit counts by it). */
    addressHash: varchar({ length: 64 }).notNull(),
    /** The reporter's address, SM4-sealed. */
    addressEnc: text(),
    /** The cylinder's prefecture and owner when reported: whose regulator is told. */
    prefectureCode: prefectureCode().notNull(),
    ownerUnitId: integer(),
    receivedAt: instant().notNull(),
  },
  (t) => [
    index("citizen_report_barcode_idx").on(t.barcode, t.receivedAt),
    index("citizen_report_address_idx").on(t.addressHash, t.receivedAt),
    index("citizen_report_prefecture_idx").on(t.prefectureCode, t.receivedAt),
    prefectureCheck("citizen_report_prefecture_check", t.prefectureCode),
    check("citizen_report_description_check", sql`char_length(${t.description}) <= 500`),
  ],
);

/** A code scanned on the public page that no cylinder carries: one row per code, one alarm per code. */
export const unknownCode = trace.table(
  "unknown_code",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    /** As scanned (trimmed, at most 100 characters kept). */
    code: varchar({ length: 100 }).notNull(),
    /** Not even shaped like a code (characters outside letters, digits and -). */
    malformed: boolean().notNull(),
    /** The prefecture a car code names (annex 2), when it is one; otherwise the province's. */
    prefectureCode: prefectureCode(),
    firstScannedAt: instant().notNull(),
  },
  (t) => [unique("unknown_code_code_key").on(t.code)],
);

/** Each recorded scan of an unknown code (rate-limited per address). */
export const unknownCodeScan = trace.table(
  "unknown_code_scan",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    codeId: bigint({ mode: "number" })
      .notNull()
      .references(() => unknownCode.id),
    addressHash: varchar({ length: 64 }).notNull(),
    scannedAt: instant().notNull(),
  },
  (t) => [
    index("unknown_code_scan_code_idx").on(t.codeId, t.scannedAt),
    index("unknown_code_scan_address_idx").on(t.addressHash, t.scannedAt),
  ],
);
