/**
 * How the adapter reaches the GraphQL layer: in-process through the gateway's Apollo Server
 * when both run in one process (no HTTP hop), over HTTP to the gateway's /graphql when the
 * adapter runs apart. Either way the caller's ticket decides who is asking, and the gateway
 * (not the adapter) checks it.
 */
import { type Clock, type Identity, isPlatformError, PlatformError, verifyTicket } from "@cylinder/db";

export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
  path?: readonly (string | number)[];
}

export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLErrorLike[];
}

export interface Executor {
  /** Checks a ticket before any work is done (UNAUTHENTICATED / TICKET_EXPIRED); the
   * gateway checks it again, revocations included, when the operation runs. */
  authenticate(credential: string): void;
  /** Runs an operation as the holder of `credential` (the public without one). */
  execute(query: string, variables: Record<string, unknown>, credential: string | undefined): Promise<OperationResult>;
}

/** What the co-located gateway offers (see gateway/src/server.ts). */
export interface InProcessGateway {
  identify(credential: string | undefined): Identity;
  execute(request: { query: string; variables: Record<string, unknown> }, identity: Identity): Promise<OperationResult>;
}

export function inProcessExecutor(gateway: InProcessGateway): Executor {
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
export function httpExecutor(baseUrl: string, ticketKeys: readonly string[], clock: Clock): Executor {
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
