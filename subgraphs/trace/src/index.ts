/** 追溯子图 trace subgraph: checks, fills, inspections, reconciliation, alarms, the fill permit */
export * from "./alarms/rules";
export * from "./permit/decide";
export * from "./permit/types";
