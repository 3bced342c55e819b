/**
 * The gateway: @apollo/gateway composing the three subgraphs behind one `/graphql` endpoint on
 * fastify, forwarding each caller's identity signed, so subgraphs can trust it. The same
 * fastify app carries the REST adapter, the public scan page and the console when they run
 * in the same process.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, type GraphQLRequest } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import fastifyApollo, { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import {
  type AlarmBus,
  CLIENT_ADDRESS_HEADER,
  type Clock,
  type Config,
  createMemoryAlarmBus,
  IDENTITY_HEADER,
  type Identity,
  isPlatformError,
  type Logger,
  signClientAddress,
  signIdentity,
  type WorkingCalendar,
} from "@cylinder/db";
import { formatGraphQLError } from "@cylinder/subgraph-kit";
import Fastify, { type FastifyInstance } from "fastify";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { credentialOf, type GatewayContext, identityOf, NO_REVOCATIONS, type RevocationList } from "./auth";
import { registerConsole } from "./console";
import { registerHealth } from "./health";
import { createRevocationPoller } from "./revocations";
import { startSubscriptionServer } from "./subscriptions";
import type { SubgraphName } from "./supergraph";

export interface GatewayOptions {
  config: Config;
  log: Logger;
  supergraphSdl: string;
  subgraphUrls: Record<SubgraphName, string>;
  revocations?: RevocationList;
  /** Live alarms for graphql-ws subscribers; without it the socket serves queries only. */
  alarmBus?: AlarmBus;
  /** The platform's one clock (ticket expiry, the signed identity's time). */
  clock: Clock;
  /** The working-day calendar, for the readiness answer's holiday-notice warning. */
  calendar: WorkingCalendar;
}

export interface ExecutionResultLike {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

export interface ExecuteOptions {
  clientAddress?: string;
}

export interface Gateway {
  readonly app: FastifyInstance;
  readonly apollo: ApolloServer<GatewayContext>;
  /** Runs an operation in-process as the given identity (what co-located adapters use);
   * `clientAddress` is the end user's address when the caller serves one (the public pages). */
  execute(request: GraphQLRequest, identity: Identity, options?: ExecuteOptions): Promise<ExecutionResultLike>;
  /** The identity a ticket stands for (public without one); throws UNAUTHENTICATED / TICKET_EXPIRED. */
  identify(credential: string | undefined): Identity;
  /** Reads the registry's revoked tickets now rather than at the next poll. */
  refreshRevocations(): Promise<void>;
  listen(): Promise<string>;
  stop(): Promise<void>;
}

class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
    private readonly clock: Clock,
  ) {
    // Node's own fetch (undici, keep-alive pooled) rather than the default make-fetch-happen,
    // which showed up on every subgraph call in profiles
    super({ url, fetcher: globalThis.fetch as never });
  }

  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["willSendRequest"]>>[0]): void {
    if (!context.identity) return; // composition health checks carry no caller
    context.signedIdentity ??= signIdentity(context.identity, this.secret, this.clock.now().getTime());
    request.http?.headers.set(IDENTITY_HEADER, context.signedIdentity);
    if (context.clientAddress) {
      context.signedClientAddress ??= signClientAddress(context.clientAddress, this.secret, this.clock.now().getTime());
      request.http?.headers.set(CLIENT_ADDRESS_HEADER, context.signedClientAddress);
    }
  }
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { config, log } = options;
  // filled in once the gateway can execute (the poller reads the registry through it)
  let revocations: RevocationList = options.revocations ?? NO_REVOCATIONS;
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024, trustProxy: config.trustProxy });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) =>
      new IdentityForwardingDataSource(options.subgraphUrls[name as SubgraphName], config.gatewaySecret, options.clock),
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGraphQLError(log),
    includeStacktraceInErrorResponses: false,
    introspection: config.graphqlIntrospection,
    // browsers get the GraphQL IDE from the pages (pages/graphiql.ts), not Apollo's landing page
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  registerHealth(app, {
    clock: options.clock,
    calendar: options.calendar,
    schemaLoaded: () => apiSchema !== undefined,
  });
  // the command-centre console and the regulator's workbench (a static bundle; it uses /graphql like any client)
  await registerConsole(app, { log: log.child({ part: "console" }), production: config.production });

  await app.register(fastifyApollo(apollo), {
    path: "/graphql",
    context: async (request) => {
      try {
        return {
          identity: identityOf(
            credentialOf(request.headers, request.query as Record<string, unknown>),
            config.ticketKeys,
            options.clock.now(),
            revocations,
          ),
          clientAddress: request.ip,
        };
      } catch (e) {
        if (isPlatformError(e)) {
          throw new GraphQLError(e.message, { extensions: { code: e.code, http: { status: 401 } } });
        }
        throw e;
      }
    },
  });

  const execute = async (
    request: GraphQLRequest,
    identity: Identity,
    executeOptions: ExecuteOptions = {},
  ): Promise<ExecutionResultLike> => {
    const contextValue: GatewayContext = executeOptions.clientAddress
      ? { identity, clientAddress: executeOptions.clientAddress }
      : { identity };
    const response = await apollo.executeOperation(request, { contextValue });
    if (response.body.kind !== "single") throw new Error("incremental delivery is not used here");
    return response.body.singleResult as ExecutionResultLike;
  };
  const poller = options.revocations
    ? null
    : createRevocationPoller(execute, options.clock, log.child({ part: "revocations" }));
  if (poller) {
    revocations = poller;
    await poller.refresh();
  }

  // subscriptions share the HTTP server's port and path (graphql-ws over the upgrade)
  const subscriptions = startSubscriptionServer({
    server: app.server,
    path: "/graphql",
    alarmBus: options.alarmBus ?? createMemoryAlarmBus(),
    ticketKeys: config.ticketKeys,
    clock: options.clock,
    revocations: { isRevoked: (id) => revocations.isRevoked(id) },
    log: log.child({ part: "subscriptions" }),
    schema: () => {
      if (!apiSchema) throw new Error("the gateway has not loaded its schema yet");
      return apiSchema;
    },
    execute,
  });

  return {
    app,
    apollo,
    execute,
    identify: (credential) => identityOf(credential, config.ticketKeys, options.clock.now(), revocations),
    async refreshRevocations() {
      await poller?.refresh();
    },
    async listen() {
      const address = await app.listen({ host: config.host, port: config.ports.gateway });
      log.info({ address }, "gateway listening");
      return address;
    },
    async stop() {
      poller?.stop();
      await subscriptions.close();
      await app.close();
    },
  };
}
