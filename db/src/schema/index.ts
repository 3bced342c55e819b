/** The unified data standard as drizzle tables, one Postgres schema per subgraph. */

export * from "./ledger";
export * from "./prefecture";
export * from "./public-reports";
export * from "./registry";
export * from "./trace";
