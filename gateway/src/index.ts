/**
 * @cylinder/gateway: the federated gateway (one /graphql for queries, mutations and, over
 * graphql-ws, subscriptions), the public scan page and the live console.
 */
export * from "./auth";
export * from "./pages/index";
export * from "./revocations";
export * from "./server";
export * from "./subscriptions";
export * from "./supergraph";
