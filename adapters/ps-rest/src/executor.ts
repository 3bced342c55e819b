/**
 * How the adapter reaches the GraphQL layer: in-process through the gateway's Apollo Server
 * when both run in one process (no HTTP hop), over HTTP to the gateway's /graphql when the
 * adapter runs apart. Either way the caller's ticket decides who is asking, and the gateway
 * (not the adapter) checks it.
 */
import { type Identity, isPlatformError, PlatformError } from "@cylinder/db";

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

/** The gateway at `baseUrl` (e.g. http://gateway:4000), through Node's pooled fetch. */
export function httpExecutor(baseUrl: string): Executor {
  const endpoint = `${baseUrl.replace(/\/+$/, "")}/graphql`;
  return {
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
