/** /PS/* 接口: the mandated REST contract (annex 1) over the federated gateway. */

export * from "./change-stream";
export * from "./decode";
export * from "./errors";
export * from "./gateway-client";
export * from "./route";
export { ROUTES } from "./routes/index";
export * from "./server";
