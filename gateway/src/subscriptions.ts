/**
 * Live alarms over graphql-ws, on the gateway's own `/graphql` path. @apollo/gateway cannot
 * execute subscriptions, so this server does, beside it:
 *
 *  1. every alarm raised in any process arrives on the alarm bus (Redis pub/sub) as a small
 *     event (id, type, prefecture, unit);
 *  2. each subscription keeps the events its arguments and the subscriber's scope can match;
 *  3. for each kept event it runs the subscription's own selection as a query,
 *     `alarm(id)`, through the gateway as the subscriber — so every field, federated ones
 *     included, is resolved and scoped exactly as a query would be, and an alarm the
 *     subscriber may not see never reaches it.
 *
 * Queries and mutations sent over the socket are executed by the gateway too.
 */
import type { IncomingMessage } from "node:http";
import {
  type AlarmBus,
  type AlarmEvent,
  type Clock,
  type Identity,
  isPlatformError,
  type Logger,
  scopeOf,
} from "@cylinder/db";
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  GraphQLError,
  type GraphQLSchema,
  getArgumentValues,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  print,
  visit,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { credentialOf, identityOf, type RevocationList } from "./auth";
import type { ExecutionResultLike } from "./server";

export interface SubscriptionServerOptions {
  /** The HTTP server the gateway listens on; the socket shares its port and path. */
  server: import("node:http").Server;
  path: string;
  alarmBus: AlarmBus;
  ticketKeys: readonly string[];
  /** The platform's clock: ticket expiry. */
  clock: Clock;
  revocations: RevocationList;
  log: Logger;
  /** The API schema the gateway currently serves (updated when it recomposes). */
  schema: () => GraphQLSchema;
  execute: (
    request: { query: string; variables?: Record<string, unknown> },
    identity: Identity,
  ) => Promise<ExecutionResultLike>;
  /** Events waiting per subscriber before the oldest are dropped (a stalled console must not grow memory). */
  maxQueue?: number;
}

interface SocketContext {
  identity: Identity;
}

/** The arguments of `alarmRaised`. */
interface AlarmArgs {
  prefectureCode?: string | null;
  types?: string[] | null;
}

/** Whether an event can concern this subscriber at all (the query through the gateway decides for sure). */
export function mayConcern(event: AlarmEvent, identity: Identity, args: AlarmArgs): boolean {
  if (args.prefectureCode && event.prefectureCode !== args.prefectureCode) return false;
  if (args.types && args.types.length > 0 && !args.types.includes(event.type.toUpperCase())) return false;
  const scope = scopeOf(identity);
  switch (scope.kind) {
    case "all":
      return true;
    case "prefecture":
      return event.prefectureCode === scope.prefectureCode;
    case "unit":
    case "station":
      return event.unitId === scope.unitId;
    default:
      return false;
  }
}

/**
 * Rewrites `subscription S($p: String) { a: alarmRaised(prefectureCode: $p) { …sel } }` into
 * `query S($p: String, $alarmId: Int!) { a: alarm(id: $alarmId) { …sel } }`, fragments kept.
 */
export function alarmQueryFor(document: DocumentNode, operation: OperationDefinitionNode, field: FieldNode): string {
  const responseKey = field.alias?.value ?? field.name.value;
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  // variables the selection still uses (those only in alarmRaised's arguments go away)
  const used = new Set<string>();
  for (const node of [field.selectionSet, ...fragments]) {
    if (!node) continue;
    visit(node, {
      Variable(v) {
        used.add(v.name.value);
      },
    });
  }
  const query: OperationDefinitionNode = {
    ...operation,
    operation: "query" as OperationDefinitionNode["operation"],
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value)),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: "__alarmId" } },
        type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: "Int" } } },
      },
    ],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          ...field,
          alias: { kind: Kind.NAME, value: responseKey },
          name: { kind: Kind.NAME, value: "alarm" },
          arguments: [
            {
              kind: Kind.ARGUMENT,
              name: { kind: Kind.NAME, value: "id" },
              value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: "__alarmId" } },
            },
          ],
        },
      ],
    },
  };
  return print({ kind: Kind.DOCUMENT, definitions: [query, ...fragments] });
}

function identityOfSocket(
  params: Record<string, unknown> | undefined,
  request: IncomingMessage,
  keys: readonly string[],
  now: Date,
  revocations: RevocationList,
): Identity {
  // header names in any case, as HTTP has them (GraphiQL sends its headers editor's
  // {"Authorization": "Bearer …"} as the connection parameters)
  const fromParams = Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const headers: Record<string, string | undefined> = {
    authorization: typeof fromParams.authorization === "string" ? fromParams.authorization : undefined,
    "x-ticket":
      typeof fromParams.ticket === "string"
        ? fromParams.ticket
        : typeof fromParams["x-ticket"] === "string"
          ? fromParams["x-ticket"]
          : undefined,
  };
  const query = Object.fromEntries(new URL(request.url ?? "/", "http://localhost").searchParams);
  return identityOf(credentialOf(headers, { token: fromParams.token, ...query }), keys, now, revocations);
}

/**
 * A credential sent with one operation rather than with the connection: GraphiQL sends its
 * headers editor's content as `extensions.headers` of each subscribe message.
 */
function operationHeaders(extensions: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  const headers = extensions?.headers;
  return headers && typeof headers === "object" ? (headers as Record<string, unknown>) : null;
}

export function startSubscriptionServer(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const maxQueue = options.maxQueue ?? 1000;
  const wss = new WebSocketServer({ server: options.server, path: options.path });

  async function* alarmStream(args: ExecutionArgs): AsyncGenerator<ExecutionResult> {
    const identity = (args.contextValue as SocketContext).identity;
    const operation = getOperationAST(args.document, args.operationName);
    const field = operation?.selectionSet.selections[0];
    if (!operation || field?.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1) {
      yield { errors: [new GraphQLError("一个订阅只能包含一个根字段 (one root field per subscription)")] };
      return;
    }
    if (field.name.value !== "alarmRaised") {
      yield { errors: [new GraphQLError(`不支持的订阅字段 ${field.name.value}`)] };
      return;
    }
    if (scopeOf(identity).kind === "public") {
      yield { errors: [new GraphQLError("订阅报警需要登录", { extensions: { code: "UNAUTHENTICATED" } })] };
      return;
    }
    const fieldDef = args.schema.getSubscriptionType()?.getFields().alarmRaised;
    const alarmArgs = (fieldDef ? getArgumentValues(fieldDef, field, args.variableValues ?? {}) : {}) as AlarmArgs;
    const query = alarmQueryFor(args.document, operation, field);
    const responseKey = field.alias?.value ?? field.name.value;

    const queue: AlarmEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = options.alarmBus.subscribe((event) => {
      if (!mayConcern(event, identity, alarmArgs)) return;
      if (queue.length >= maxQueue) {
        queue.shift();
        options.log.warn({ subscriber: identity.username }, "alarm subscriber too slow: oldest event dropped");
      }
      queue.push(event);
      wake?.();
    });
    try {
      await options.alarmBus.ready();
      for (;;) {
        const event = queue.shift();
        if (!event) {
          await new Promise<void>((r) => {
            wake = r;
          });
          wake = null;
          continue;
        }
        const result = await options.execute(
          { query, variables: { ...(args.variableValues ?? {}), __alarmId: event.id } },
          identity,
        );
        const alarm = result.data?.[responseKey];
        if (alarm) yield { data: { [responseKey]: alarm } };
        else if (result.errors?.length) options.log.warn({ errors: result.errors }, "alarm event could not be read");
      }
    } finally {
      unsubscribe();
    }
  }

  const operationIdentities = new WeakMap<object, Identity>();
  const disposable = useServer<Record<string, unknown>, { identity?: Identity; request: IncomingMessage }>(
    {
      schema: () => options.schema(),
      onConnect: (ctx) => {
        try {
          ctx.extra.identity = identityOfSocket(
            ctx.connectionParams,
            ctx.extra.request,
            options.ticketKeys,
            options.clock.now(),
            options.revocations,
          );
          return true;
        } catch (e) {
          options.log.info({ err: isPlatformError(e) ? e.code : e }, "socket refused");
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const headers = operationHeaders(payload.extensions);
        if (!headers) return;
        try {
          // the operation's own credential, when it brings one, stands for this operation only
          const identity = identityOfSocket(
            headers,
            ctx.extra.request,
            options.ticketKeys,
            options.clock.now(),
            options.revocations,
          );
          if (identity.role !== "public") operationIdentities.set(payload, identity);
        } catch (e) {
          if (!isPlatformError(e)) throw e;
          return [new GraphQLError(e.message, { extensions: { code: e.code } })];
        }
      },
      context: (ctx, _id, payload): SocketContext => ({
        identity: operationIdentities.get(payload) ?? ctx.extra.identity!,
      }),
      subscribe: (args) => alarmStream(args),
      execute: async (args) =>
        (await options.execute(
          {
            query: print(args.document),
            ...(args.variableValues ? { variables: args.variableValues as Record<string, unknown> } : {}),
          },
          (args.contextValue as SocketContext).identity,
        )) as ExecutionResult,
    },
    wss,
  );

  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
