/** Structured logs (pino), one logger per component; secrets are redacted by path. */
import { type Logger, pino } from "pino";

export type { Logger };

const REDACT = [
  "password",
  "*.password",
  "ticket",
  "*.ticket",
  "token",
  "*.token",
  "req.headers.authorization",
  "sm4Key",
  "*.sm4Key",
];

export function createLogger(component: string, level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ name: component, level, redact: { paths: REDACT, censor: "[redacted]" } });
}
