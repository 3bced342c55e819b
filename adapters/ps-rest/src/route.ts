/**
 * A row of the route table, described once: the path and its documentation, the typed
 * GraphQL operation it runs on the gateway (src/gql/, generated from the supergraph), the zod
 * schemas of its input (`data` and HTTP parameters: parsed into the operation's variables,
 * converted into the OpenAPI document, refusals named by the annex's paths), and the mapping
 * of the operation's result back to the annex's output. Adding an endpoint is adding a row
 * (routes/*.ts, listed in routes/index.ts).
 */
import { PlatformError } from "@cylinder/db";
import type { z } from "zod";
import type { PsRequest } from "./decode";
import type { FieldNames } from "./errors";
import { fieldNamesOf, type Json, parseAnnex } from "./fields";
import { type GatewayClient, type Operation, runOperation } from "./gateway-client";
import type { UnitDirectory } from "./units";

export type Method = "GET" | "POST";

/** An OpenAPI 3 schema object (kept loose: it is documentation). */
export type Schema = Record<string, unknown>;

interface RouteBase {
  /** Full path, e.g. `/PS/GenericTrace/Fill`. */
  path: string;
  methods: Method[];
  /** OpenAPI tag (the annex section). */
  tag: string;
  /** 中文 summary (English). */
  summary: string;
  description?: string;
  /** A gap of the annex this platform fills (documented as such). */
  gap?: boolean;
  /** Needs a ticket (every endpoint but the login and the public ledger). */
  auth: boolean;
  /** HTTP parameters besides ticket/token/data (lower-case names): parsed, and documented. */
  params?: z.ZodType;
}

/** What a route's mapping reads: the decoded request, its parameters and `data` parsed. */
export interface RouteInput<D = unknown, P = unknown> {
  request: PsRequest;
  /** The HTTP parameters as the route's `params` schema reads them. */
  params: P;
  /** `data` as the route's `data` schema reads it; MISSING_FIELD when the request carries none. */
  data(): D;
}

/** An endpoint answering `{State: 0, Value}` (or a bare value where the annex shows one). */
export interface StateRoute extends RouteBase {
  kind: "state";
  /** The GraphQL operation's text. */
  operation: string;
  /** The `data` payload: read into the operation's variables, documented as the request body. */
  data?: z.ZodType;
  /** GraphQL field names → annex property names, for the subgraphs' refusals. */
  fieldNames: FieldNames;
  /** Runs the operation for a request: the success body's `Value` (undefined: none). */
  answer(request: PsRequest, gateway: GatewayClient): Promise<Json | undefined>;
  /** The annex shows this endpoint's answer as a bare value, not `{State, Value}`. */
  bare?: boolean;
  /** `Value` schema (response). */
  valueSchema?: Schema;
  /** The annex's example payload, verbatim (OpenAPI example; replayed by the contract tests). */
  example?: string;
}

export interface StateRouteSpec<R, V, D, P> extends RouteBase {
  operation: Operation<R, V>;
  data?: z.ZodType<D>;
  params?: z.ZodType<P>;
  /** The operation's variables (`input.data()` when the data is them). */
  variables(input: RouteInput<D, P>): V;
  /** The success body's `Value` from the operation's result. */
  value(result: R, input: RouteInput<D, P>): Json | undefined;
  /** Names the schemas do not say (a parameter, a flattened object). */
  fieldNames?: FieldNames;
  bare?: boolean;
  valueSchema?: Schema;
  example?: string;
}

function routeInput<D, P>(request: PsRequest, data?: z.ZodType<D>, params?: z.ZodType<P>): RouteInput<D, P> {
  return {
    request,
    params: (params ? parseAnnex(params, request.params) : {}) as P,
    data() {
      if (request.data === undefined) throw new PlatformError("MISSING_FIELD", { field: "data" });
      if (request.data === null || typeof request.data !== "object" || Array.isArray(request.data)) {
        throw new PlatformError("INVALID_FIELD", { field: "data", reason: "应为 JSON 对象" });
      }
      if (!data) throw new PlatformError("INTERNAL", { ref: "route without data" });
      return parseAnnex(data, request.data);
    },
  };
}

export function stateRoute<R, V, D = never, P = never>(spec: StateRouteSpec<R, V, D, P>): StateRoute {
  const { operation, data, params, variables, value, fieldNames, ...rest } = spec;
  // where a parameter and a property name one thing, the refusal names the property
  const names = { ...fieldNamesOf(params), ...fieldNamesOf(data), ...fieldNames };
  return {
    ...rest,
    kind: "state",
    operation: operation.toString(),
    data,
    params,
    fieldNames: names,
    async answer(request, gateway) {
      const input = routeInput(request, data, params);
      const result = await runOperation(gateway, operation, variables(input), request.credential, names);
      return value(result, input);
    },
  };
}

// ------------------------------------------------------------------ change lists

/** The variables every change list's operation takes. */
export interface PageVariables {
  since: string;
  first?: number | null;
  after?: string | null;
}

export interface Connection<N> {
  nodes: N[];
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
  horizon: string;
}

/** A page of a change list, read from the gateway; its rows serialised once its units are known. */
export interface ListPage {
  readonly count: number;
  readonly pageInfo: Connection<unknown>["pageInfo"];
  readonly horizon: string;
  /** Ids of the units whose name / credit code the rows read (looked up once per read). */
  readonly unitIds: unknown[];
  /** The rows as JSON array elements, joined by commas (no brackets). */
  rows(units: UnitDirectory): string;
}

/** A change list (lasttime, pagesize, cursor), streamed as a bare JSON array. */
export interface ListRoute extends RouteBase {
  kind: "list";
  /** The GraphQL operation's text. */
  operation: string;
  page(gateway: GatewayClient, credential: string | undefined, variables: PageVariables): Promise<ListPage>;
  elementSchema: Schema;
}

export interface ListRouteSpec<R, N> extends RouteBase {
  operation: Operation<R, PageVariables>;
  /** The connection of a page. */
  connection(result: R): Connection<N>;
  /** Ids of the units whose name / credit code `element` reads. */
  unitIds?(node: N): unknown[];
  element(node: N, units: UnitDirectory): Record<string, unknown>;
  elementSchema: Schema;
}

export function listRoute<R, N>(spec: ListRouteSpec<R, N>): ListRoute {
  const { operation, connection, unitIds, element, ...rest } = spec;
  return {
    ...rest,
    kind: "list",
    operation: operation.toString(),
    async page(gateway, credential, variables) {
      // the subgraphs call the cursor `after`
      const c = connection(await runOperation(gateway, operation, variables, credential, { after: "cursor" }));
      return {
        count: c.nodes.length,
        pageInfo: c.pageInfo,
        horizon: c.horizon,
        unitIds: unitIds ? c.nodes.flatMap(unitIds) : [],
        rows: (units) => c.nodes.map((n) => JSON.stringify(element(n, units))).join(","),
      };
    },
  };
}

export type Route = StateRoute | ListRoute;
