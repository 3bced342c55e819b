/**
 * Serves one subgraph: an Apollo Server on its own port whose context carries the caller's
 * identity, verified from the header the gateway signed.
 */
import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import {
  CLIENT_ADDRESS_HEADER,
  type Clock,
  IDENTITY_HEADER,
  type Identity,
  isPlatformError,
  type Logger,
  PUBLIC_IDENTITY,
  type Scope,
  scopeOf,
  verifyClientAddress,
  verifyIdentity,
} from "@cylinder/db";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { formatGraphQLError } from "./errors";

/** What every subgraph resolver sees in its context. */
export interface BaseContext {
  readonly identity: Identity;
  readonly scope: Scope;
  readonly requestId: string;
  /** The caller's network address as the gateway saw it (signed); null when not forwarded. */
  readonly clientAddress: string | null;
}

export interface SubgraphServer {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface ServeOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  gatewaySecret: string;
  /** The platform's clock: a forwarded identity is signed for a short while. */
  clock: Clock;
  log: Logger;
  /** Adds the subgraph's own per-request state (DataLoaders, database) to the base context. */
  context: (base: BaseContext) => C | Promise<C>;
}

/** Reads the forwarded identity. No header means the public; a forged or stale one is refused. */
export function identityFromHeader(header: string | string[] | undefined, secret: string, now: Date): Identity {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === "") return PUBLIC_IDENTITY;
  try {
    return verifyIdentity(value, secret, now.getTime());
  } catch (e) {
    if (isPlatformError(e)) {
      throw new GraphQLError(e.message, { extensions: { code: e.code, http: { status: 401 } } });
    }
    throw e;
  }
}

/** Reads the forwarded client address (null when none); a forged or stale one is refused. */
export function clientAddressFromHeader(
  header: string | string[] | undefined,
  secret: string,
  now: Date,
): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  try {
    return verifyClientAddress(value, secret, now.getTime());
  } catch (e) {
    if (isPlatformError(e)) {
      throw new GraphQLError(e.message, { extensions: { code: e.code, http: { status: 401 } } });
    }
    throw e;
  }
}

export async function serveSubgraph<C extends BaseContext>(options: ServeOptions<C>): Promise<SubgraphServer> {
  const server = new ApolloServer<C>({
    schema: options.schema,
    formatError: formatGraphQLError(options.log),
    includeStacktraceInErrorResponses: false,
    // traces are for Apollo Studio, which this platform does not use; they cost per request
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host, port: options.port },
    context: async ({ req }) => {
      const now = options.clock.now();
      const identity = identityFromHeader(req.headers[IDENTITY_HEADER], options.gatewaySecret, now);
      const clientAddress = clientAddressFromHeader(req.headers[CLIENT_ADDRESS_HEADER], options.gatewaySecret, now);
      return options.context({ identity, scope: scopeOf(identity), requestId: randomUUID(), clientAddress });
    },
  });
  const port = Number(new URL(url).port);
  options.log.info({ url }, `${options.name} subgraph listening`);
  return {
    name: options.name,
    url: `http://${options.host}:${port}/`,
    port,
    stop: () => server.stop(),
  };
}
