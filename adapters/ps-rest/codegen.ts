/**
 * Types for every GraphQL operation of the route table, from the gateway's supergraph:
 * `npm run codegen` (in this package, or from the root) rewrites src/gql/ after an operation or
 * the supergraph changes; the generated files are committed. Operations are written where
 * their route is, in `graphql(`…`)` calls; each returns a typed document (its text, its result
 * type and its variables type), so a route reads its result without a cast.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../gateway/supergraph.graphql",
  documents: ["src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false, gqlTagName: "graphql" },
      config: {
        // the operation's text is what the gateway client sends: no graphql-js at run time
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        scalars: {
          Date: { input: "string", output: "string" },
          DateTime: { input: "string", output: "string" },
        },
      },
    },
  },
  hooks: { afterAllFileWrite: ["biome format --write"] },
};

export default config;
