/**
 * Every GraphQL operation the adapter sends, validated against the gateway's supergraph
 * (gateway/supergraph.graphql, what the gateway serves): a subgraph change that breaks a
 * /PS/* route fails here in milliseconds, not in the platform tests. Also: each route's
 * operation is one codegen knows (`npm run codegen` after changing one), so its result type
 * is the generated one.
 */
import { readFileSync } from "node:fs";
import { buildSchema, type GraphQLSchema, parse, validate } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import * as generated from "../src/gql/graphql";
import { ROUTES } from "../src/routes/index";
import { unitsQuery } from "../src/units";

const SUPERGRAPH = new URL("../../../gateway/supergraph.graphql", import.meta.url);

let schema: GraphQLSchema;
beforeAll(() => {
  schema = buildSchema(readFileSync(SUPERGRAPH, "utf8"));
});

const errorsOf = (text: string) => validate(schema, parse(text)).map((e) => e.message);

/** The operations and fragments codegen generated from src/ (`…Document`, `…FragmentDoc`). */
const documents: [string, string][] = Object.entries(generated).flatMap(([name, value]) =>
  value instanceof generated.TypedDocumentString ? [[name, value.toString()] as [string, string]] : [],
);

describe("against the supergraph", () => {
  for (const route of ROUTES) {
    it(`${route.path}`, () => {
      expect(errorsOf(route.operation)).toEqual([]);
    });
  }

  it("the ticket's SM4 keys and the unit lookups of the lists", () => {
    const keys = documents.find(([name]) => name === "MySm4KeysDocument");
    expect(keys).toBeDefined();
    expect(errorsOf(keys![1])).toEqual([]);
    expect(errorsOf(unitsQuery([3, 17]).toString())).toEqual([]);
  });

  it("every generated document (operations with their fragments)", () => {
    const operations = documents.filter(([name]) => name.endsWith("Document"));
    expect(operations.length).toBeGreaterThanOrEqual(ROUTES.length);
    for (const [name, text] of operations) expect(errorsOf(text), name).toEqual([]);
  });
});

it("each route runs an operation codegen generated (types and text from one source)", () => {
  const texts = new Set(documents.map(([, text]) => text));
  const stale = ROUTES.filter((r) => !texts.has(r.operation)).map((r) => r.path);
  expect(stale, "run `npm run codegen` and commit src/gql/").toEqual([]);
});
