/**
 * @cylinder/db: the unified data standard (统一数据标准) and the shared ground of every
 * package: config, errors, the date codec and enums, SM crypto, the database client and
 * migrations. Tables are in `@cylinder/db/schema`.
 */

export * from "./auth/client-address";
export * from "./auth/identity";
export * from "./auth/scope";
export * from "./auth/ticket";
export * from "./changes";
export * from "./client";
export * from "./clock";
export * from "./config";
export * from "./crypto/password";
export * from "./crypto/personal";
export * from "./crypto/sm";
export * from "./errors";
export * from "./events/alarm-bus";
export * from "./log";
export * from "./migrate";
export * from "./process";
export * from "./standard/calendar";
export * from "./standard/car-code";
export * from "./standard/dates";
export * from "./standard/enums";
export * from "./standard/holiday-notice";
export * from "./standard/media";
export * from "./standard/prefectures";
