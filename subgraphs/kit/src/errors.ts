/**
 * GraphQL side of the one error type: a PlatformError becomes an error whose message is the
 * Chinese reason and whose `extensions.code` is the stable code; anything unexpected is
 * logged with a reference and shown as INTERNAL, never with a stack trace.
 */
import { randomBytes } from "node:crypto";
import { unwrapResolverError } from "@apollo/server/errors";
import { isPlatformError, type Logger, PlatformError } from "@cylinder/db";
import type { GraphQLFormattedError } from "graphql";

export function formatGraphQLError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isPlatformError(original)) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, details: original.details },
      };
    }
    const code = formatted.extensions?.code;
    // GraphQL's own validation and parse errors are the client's and already clear
    if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") return formatted;
    const ref = randomBytes(4).toString("hex");
    log.error({ err: original, ref }, "unexpected error in resolver");
    const internal = new PlatformError("INTERNAL", { ref });
    return {
      message: internal.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "INTERNAL", ref },
    };
  };
}
