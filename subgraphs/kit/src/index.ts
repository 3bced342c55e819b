/** @cylinder/subgraph-kit: what the three subgraphs share. */
export * from "./build";
export * from "./errors";
export * from "./loader";
export * from "./paging";
export * from "./scalars";
export * from "./serve";
