/**
 * How the adapter reaches the GraphQL layer: in-process through the gateway's Apollo Server
 * when both run in one process (no HTTP hop), over HTTP to the gateway's /graphql when the
 * adapter runs apart. Either way the caller's ticket decides who is asking, and the gateway
 * (not the adapter) checks it.
 */
import { type Clock, type Identity, isPlatformError, PlatformError, verifyTicket } from "@cylinder/db";
import { type FieldNames, fromGraphQLError } from "./errors";
import type { TypedDocumentString } from "./gql/graphql";

export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
  path?: readonly (string | number)[];
}

export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLErrorLike[];
}

/** The adapter's one way to the gateway: it runs GraphQL operations as the caller. */
export interface GatewayClient {
  /** Checks a ticket before any work is done (UNAUTHENTICATED / TICKET_EXPIRED); the
   * gateway checks it again, revocations included, when the operation runs. */
  authenticate(credential: string): void;
  /** Runs an operation (its text) as the holder of `credential` (the public without one). */
  execute(query: string, variables: Record<string, unknown>, credential: string | undefined): Promise<OperationResult>;
}

/** A GraphQL operation with its result and variables types (generated in src/gql/). */
export type Operation<R, V> = TypedDocumentString<R, V>;

/**
 * The data of an operation's result, typed by the operation, or its first error as a
 * PlatformError naming the annex's properties (`names`: GraphQL field → annex property).
 */
export function dataOf<R, V>(_operation: Operation<R, V>, result: OperationResult, names: FieldNames = {}): R {
  const error = result.errors?.[0];
  if (error || !result.data) {
    throw error ? fromGraphQLError(error, names) : new PlatformError("INTERNAL", { ref: "empty" });
  }
  // the document's generated type is the shape the gateway validated the result against
  return result.data as R;
}

/** Runs a typed operation as the holder of `credential`: its data, or its first error (see dataOf). */
export async function runOperation<R, V>(
  gateway: GatewayClient,
  operation: Operation<R, V>,
  variables: V,
  credential: string | undefined,
  names: FieldNames = {},
): Promise<R> {
  const result = await gateway.execute(operation.toString(), variables as Record<string, unknown>, credential);
  return dataOf(operation, result, names);
}

/** What the co-located gateway offers (see gateway/src/server.ts). */
export interface InProcessGateway {
  identify(credential: string | undefined): Identity;
  execute(request: { query: string; variables: Record<string, unknown> }, identity: Identity): Promise<OperationResult>;
}

export function inProcessGatewayClient(gateway: InProcessGateway): GatewayClient {
  return {
    authenticate(credential) {
      gateway.identify(credential);
    },
    async execute(query, variables, credential) {
      let identity: Identity;
      try {
        identity = gateway.identify(credential);
      } catch (e) {
        // the same shape the gateway's HTTP path answers with
        if (isPlatformError(e)) return { errors: [{ message: e.message, extensions: { code: e.code } }] };
        throw e;
      }
      return gateway.execute({ query, variables }, identity);
    },
  };
}

/**
 * The gateway at `baseUrl` (e.g. http://gateway:4000), through Node's pooled fetch. With the
 * ticket keys a ticket's signature and expiry are checked here first; revocation is the
 * gateway's to check.
 */
export function httpGatewayClient(baseUrl: string, ticketKeys: readonly string[], clock: Clock): GatewayClient {
  const endpoint = `${baseUrl.replace(/\/+$/, "")}/graphql`;
  return {
    authenticate(credential) {
      if (ticketKeys.length > 0) verifyTicket(credential, ticketKeys, clock.now().getTime());
    },
    async execute(query, variables, credential) {
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(credential ? { authorization: `Bearer ${credential}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
      } catch (cause) {
        throw new PlatformError("DEPENDENCY_UNAVAILABLE", { what: "网关 (gateway)" }, { cause });
      }
      const text = await res.text();
      try {
        return JSON.parse(text) as OperationResult;
      } catch (cause) {
        throw new PlatformError("DEPENDENCY_UNAVAILABLE", { what: `网关 (HTTP ${res.status})` }, { cause });
      }
    },
  };
}
