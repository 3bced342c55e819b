/**
 * A row of the route table: the path, the GraphQL operation it runs on the gateway, and the
 * mapping of the annex's input to the operation's variables and of its result back to the
 * annex's output. Adding an endpoint is adding a row (routes/*.ts, listed in routes/index.ts).
 */
import type { IntEnum } from "@cylinder/db";
import type { PsRequest } from "./decode";
import type { FieldNames } from "./errors";
import type { Json, Obj } from "./fields";
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
  /** Needs a ticket (every endpoint but the login). */
  auth: boolean;
  /** The GraphQL operation run on the gateway. */
  operation: string;
  /** GraphQL field names → annex property names, for error messages. */
  fieldNames?: FieldNames;
  /** HTTP parameters besides ticket/token/data, for the OpenAPI document. */
  parameters?: { name: string; description: string; required?: boolean; schema: Schema }[];
}

/** What a route's mapping reads: the decoded request, with `data` as a checked object. */
export interface RouteInput {
  request: PsRequest;
  /** `data` as an object; MISSING_FIELD when the request carries none. */
  data(): Obj;
  /** An HTTP parameter (lower-case name), trimmed; undefined when absent or empty. */
  param(name: string): string | undefined;
  /** A non-negative 32-bit integer parameter (an id, a size): INVALID_FIELD otherwise,
   * MISSING_FIELD when required and absent. */
  intParam(name: string, required: true): number;
  intParam(name: string, required?: false): number | undefined;
}

/** An endpoint answering `{State: 0, Value}` (or a bare value where the annex shows one). */
export interface StateRoute extends RouteBase {
  kind: "state";
  variables(input: RouteInput): Record<string, unknown>;
  /** The success body's `Value` from the operation's data. */
  value(data: Record<string, unknown>, input: RouteInput): Json | undefined;
  /** The annex shows this endpoint's answer as a bare value, not `{State, Value}`. */
  bare?: boolean;
  /** `data` schema (request) and `Value` schema (response). */
  requestSchema?: Schema;
  valueSchema?: Schema;
  /** The annex's example payload, verbatim (OpenAPI example; replayed by the contract tests). */
  example?: string;
}

/** A change list (lasttime, pagesize, cursor), streamed as a bare JSON array. */
export interface ListRoute extends RouteBase {
  kind: "list";
  /** The connection of a page; the operation takes `$since`, `$first`, `$after`. */
  connection(data: Record<string, unknown>): Connection;
  /** Ids of the units whose name / credit code `element` reads (looked up once per read). */
  unitIds?(node: Record<string, unknown>): unknown[];
  element(node: Record<string, unknown>, units: UnitDirectory): Record<string, unknown>;
  elementSchema: Schema;
}

export interface Connection {
  nodes: Record<string, unknown>[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  horizon: string;
}

export type Route = StateRoute | ListRoute;

/** An OpenAPI schema of one of the platform's integer enums, every value documented. */
export function enumSchema(e: IntEnum<string>, description: string): Schema {
  return {
    type: "integer",
    enum: e.entries.map((x) => x.value),
    description: `${description}：${e.entries.map((x) => `${x.value} ${x.label}`).join("，")}`,
    "x-enum-varnames": e.entries.map((x) => x.key),
  };
}
