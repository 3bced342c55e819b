/**
 * The one way a long-lived process of the platform runs: start its parts, log where they
 * listen, and on SIGTERM/SIGINT stop them gracefully (in reverse order) before exiting; a
 * failure to start exits non-zero with the reason.
 */
import type { Logger } from "pino";

export interface Stoppable {
  stop(): Promise<void>;
}

export async function runService(log: Logger, start: () => Promise<Stoppable[]>): Promise<void> {
  let parts: Stoppable[] = [];
  try {
    parts = await start();
  } catch (e) {
    log.fatal({ err: e }, "failed to start");
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    for (const part of [...parts].reverse()) {
      try {
        await part.stop();
      } catch (e) {
        log.error({ err: e }, "error while stopping");
      }
    }
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

/**
 * Runs `task` every `intervalMs`, never two at once, logging failures instead of dying: the
 * in-process form of a scheduled job (the workers process schedules the same task in BullMQ).
 */
export function repeat(
  log: Logger,
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
): Stoppable & { runNow(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    running ??= task()
      .then(() => undefined)
      .catch((err: unknown) => log.warn({ err, job: name }, "scheduled job failed; retrying next round"))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void run();
  }, intervalMs);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
