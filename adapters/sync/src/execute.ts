/** How workers run GraphQL operations: through the gateway, as a given identity. */
import type { Identity } from "@cylinder/db";

export interface GraphQLResultLike {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export type ExecuteAs = (
  request: { query: string; variables?: Record<string, unknown> },
  identity: Identity,
) => Promise<GraphQLResultLike>;

/** The data of a result, or a thrown error carrying the first GraphQL error. */
export function dataOf<T>(result: GraphQLResultLike): T {
  if (result.errors?.length || !result.data) {
    const first = result.errors?.[0];
    throw new Error(
      `GraphQL error${first?.extensions?.code ? ` ${String(first.extensions.code)}` : ""}: ${first?.message ?? "no data"}`,
    );
  }
  return result.data as T;
}
