/** GraphQL values → the annex's output formats (through the one date codec). */
import { chinaDateOf, formatDate8, formatDateTime14 } from "@cylinder/db";

/** A GraphQL DateTime (ISO) → `yyyyMMddHHmmss` China time; undefined stays undefined. */
export function dateTime14(v: unknown): string | undefined {
  return typeof v === "string" ? formatDateTime14(new Date(v)) : undefined;
}

/** A GraphQL Date (`YYYY-MM-DD`) → `yyyyMMdd`. */
export function date8(v: unknown): string | undefined {
  return typeof v === "string" ? formatDate8(v) : undefined;
}

/** A GraphQL DateTime → the China calendar date `yyyyMMdd` it falls on. */
export function dateOf(v: unknown): string | undefined {
  return typeof v === "string" ? formatDate8(chinaDateOf(new Date(v))) : undefined;
}

/** A digit-string id (ThridId, bigint) as a JSON number when it fits, else the digits as text. */
export function bigintId(v: unknown): number | string | undefined {
  if (typeof v !== "string") return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

/** Drops undefined and null properties: optional properties are omitted, never null. */
export function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out;
}
