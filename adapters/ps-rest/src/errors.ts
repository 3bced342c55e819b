/**
 * GraphQL errors back into the one error type, named in the annex's words: the subgraphs
 * say `items[3].netWeight`, a station reads `Items[3].NetWeight`.
 */
import { ERROR_CATALOGUE, type ErrorCode, type ErrorDetails, PlatformError } from "@cylinder/db";
import type { GraphQLErrorLike } from "./gateway-client";

/** GraphQL field name → annex property name, per route (unknown names keep their spelling). */
export type FieldNames = Readonly<Record<string, string>>;

const capitalise = (s: string) => (s === "" ? s : s[0]!.toUpperCase() + s.slice(1));

/** `items[3].netWeight` → `Items[3].NetWeight` with the route's names. */
export function annexPath(path: string, names: FieldNames = {}): string {
  return path
    .split(".")
    .map((part) => {
      const m = /^([A-Za-z_]\w*)(.*)$/.exec(part);
      if (!m) return part;
      const [, name, rest] = m as unknown as [string, string, string];
      return (names[name] ?? capitalise(name)) + rest;
    })
    .join(".");
}

const isCode = (c: unknown): c is ErrorCode => typeof c === "string" && Object.hasOwn(ERROR_CATALOGUE, c);

/** The first error of a GraphQL result as a PlatformError. */
export function fromGraphQLError(error: GraphQLErrorLike, names: FieldNames = {}): PlatformError {
  const code = error.extensions?.code;
  const details = (error.extensions?.details ?? {}) as ErrorDetails;
  if (isCode(code)) {
    if (typeof details.field === "string") {
      // rebuild the message so it names the annex property
      return new PlatformError(code, { ...details, field: annexPath(details.field, names) });
    }
    return new PlatformError(code, details, { message: error.message });
  }
  if (code === "BAD_USER_INPUT" || code === "GRAPHQL_VALIDATION_FAILED") {
    // a value GraphQL could not coerce (e.g. an integer beyond 32 bits)
    return new PlatformError("INVALID_FIELD", { field: "data", reason: error.message });
  }
  return new PlatformError("INTERNAL", { ref: String(error.extensions?.ref ?? "") }, { message: error.message });
}
