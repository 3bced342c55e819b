/** 运维 infra: start, demo data, operator CLI, deployment */
export * from "./demo/index";
