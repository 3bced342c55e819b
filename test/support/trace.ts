/**
 * Helpers for the trace subgraph's cross-package tests: operation documents, tickets per
 * role, alarm-bus capture, extra fixture cylinders (written straight into the registry
 * tables, as world.ts does), and a statement counter on the platform's postgres.js client.
 */
import { type AlarmEvent, addDays, type Clock, chinaDateOf, chinaToday, type IsoDate } from "@cylinder/db";
import { cylinder } from "@cylinder/db/schema";
import type { TestPlatform } from "./platform";

export type RoleName =
  | "kmFilling"
  | "qjFilling"
  | "carStation"
  | "station"
  | "kmRegulator"
  | "qjRegulator"
  | "province"
  | "operator"
  | "platform";

export const UPLOAD_RESULT = "{ accepted duplicates items { thirdId barcode status id alarms lateness } }";

export const RECORD_BEFORE = `mutation($input: CheckBatchInput!) { recordBeforeFillChecks(input: $input) ${UPLOAD_RESULT} }`;
export const RECORD_AFTER = `mutation($input: CheckBatchInput!) { recordAfterFillChecks(input: $input) ${UPLOAD_RESULT} }`;
export const RECORD_FILLS = `mutation($input: FillBatchInput!) { recordFills(input: $input) ${UPLOAD_RESULT} }`;
export const RECORD_RESULTS = `mutation($items: [InspectionResultInput!]!) { recordInspectionResults(items: $items) ${UPLOAD_RESULT} }`;
export const REQUEST_PERMIT = `mutation($b: String!, $c: PermitChannel) { requestFillPermit(barcode: $b, channel: $c) {
  barcode unitId permitted message reasons { code message } decidedAt decisionId alarmId effectiveNextDate } }`;

export interface UploadItem {
  thirdId: string;
  barcode: string;
  status: "ACCEPTED" | "DUPLICATE";
  id: number;
  alarms: string[];
  lateness: string | null;
}
export interface Upload {
  accepted: number;
  duplicates: number;
  items: UploadItem[];
}

export interface GqlError {
  message: string;
  extensions?: { code?: string; details?: Record<string, unknown> };
}

/** Runs an operation that must succeed; returns its data. */
export async function ok<T = Record<string, unknown>>(
  t: TestPlatform,
  query: string,
  variables: Record<string, unknown>,
  ticket?: string,
): Promise<T> {
  const r = await t.gql<T>(query, variables, ticket);
  if (r.errors || !r.data) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** Runs an operation that must fail; returns its first error. */
export async function fails(
  t: TestPlatform,
  query: string,
  variables: Record<string, unknown>,
  ticket?: string,
): Promise<GqlError> {
  const r = await t.gql(query, variables, ticket);
  const e = r.errors?.[0] as GqlError | undefined;
  if (!e) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
  return e;
}

/** Logs every role in once. */
export async function loginAll(t: TestPlatform): Promise<Record<RoleName, string>> {
  const entries = await Promise.all(
    (Object.entries(t.world.accounts) as [RoleName, string][]).map(async ([role, username]) => [
      role,
      await t.login(username),
    ]),
  );
  return Object.fromEntries(entries) as Record<RoleName, string>;
}

/** Collects the alarm events published on the platform's bus from now on. */
export function captureAlarms(t: TestPlatform): { events: AlarmEvent[]; stop: () => void } {
  const events: AlarmEvent[] = [];
  const stop = t.platform.alarmBus.subscribe((e) => events.push(e));
  return { events, stop };
}

/** Waits until `check` holds (bus delivery is asynchronous). */
export async function eventually(check: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An LPG cylinder owned by a unit, fillable by default (the world's fit dates; override anything). */
export function lpgCylinder(
  t: Pick<TestPlatform, "world">,
  barcode: string,
  ownerUnitId: number,
  extra: Partial<typeof cylinder.$inferInsert> = {},
): typeof cylinder.$inferInsert {
  const { productDate, discardDate, checkDate, nextDate } = t.world.dates;
  return {
    barcode,
    kind: "generic",
    ownerUnitId,
    prefectureCode: "530100",
    medium: "液化石油气",
    productDate,
    discardDate,
    checkDate,
    nextDate,
    fillWeight: 14.5,
    checkPeriod: 4,
    lifePeriod: 8,
    ...extra,
  };
}

export async function insertCylinders(t: TestPlatform, rows: (typeof cylinder.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await t.database.db.insert(cylinder).values(rows);
}

/** Counts the SQL statements the platform sends while `fn` runs (all subgraphs share the client). */
const BACKGROUND = /\b(trace\.outbox|ledger\.|prefecture\.sync_)|"revoked_at"/;

export async function countStatements(t: TestPlatform, fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const options = (t.database.sql as unknown as { options: { debug?: unknown } }).options;
  options.debug = (_connection: number, query: string) => {
    // postgres.js looks up array types in pg_catalog the first time each pooled connection
    // meets one: a driver cache fill whose count depends on which connection runs a query
    if (query.includes("pg_catalog.pg_type")) return;
    // the platform's background jobs (outbox relay, ledger checkpoint, sync workers, the
    // gateway's revocation poll) share this client on their own clock: not the request's
    if (BACKGROUND.test(query)) return;
    seen.push(query);
  };
  try {
    await fn();
  } finally {
    options.debug = false;
  }
  return seen;
}

/**
 * A Monday, 10:00 in China, in a year the working-day calendar knows, and far enough before
 * 24 December (from which a date also needs the next year's notice) for five working days on:
 * the platform's "now" for tests of inspection-result lateness, which is undetermined outside
 * the calendar's years (`startTestPlatform(env, { now: LATENESS_NOW })`).
 */
export const LATENESS_NOW = "2026-11-16T02:00:00.000Z";

/** The instant `minutes` before now on `clock` (the platform's: `t.clock`). */
export const instantAgo = (clock: Clock, minutes: number): Date => new Date(clock.now().getTime() - minutes * 60_000);

/** The instant `minutes` before now on `clock`, ISO. */
export const minutesAgo = (clock: Clock, minutes: number): string => instantAgo(clock, minutes).toISOString();

/** Today's China calendar date on `clock`, plus `days`. */
export const chinaDay = (clock: Clock, days = 0): IsoDate => addDays(chinaToday(clock), days);

/** The China calendar year and month (1-12) in which `at` falls. */
export function chinaMonth(at: Date): { year: number; month: number } {
  const [year, month] = chinaDateOf(at).split("-").map(Number) as [number, number];
  return { year, month };
}
