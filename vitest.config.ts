import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // one copy of graphql, or type-graphql and Apollo see "another module or realm"
    alias: { graphql: require.resolve("graphql/index.js") },
  },
  test: {
    include: ["{db,gateway,subgraphs,adapters,infra,test}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "test/bench/**"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
