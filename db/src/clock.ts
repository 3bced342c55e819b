/**
 * The one clock of the platform. Every business or security time (a record's receipt, a permit
 * decision, "today" in China, a ticket's expiry, a tree head's timestamp, an alarm raised) is
 * read from a `Clock` handed down by the process that runs the code, never from `new Date()`,
 * so a test can pin or move time for the whole platform it starts. Elapsed-time measurements
 * (timeouts, benchmarks, polling intervals) are not business time and use timers directly.
 *
 * PostgreSQL's own clock (`now()`) is used only where the database compares its own times
 * (the change horizon of "changes since", row leases, the outbox's retry times): never
 * against a time this clock gave.
 */
import { chinaDateOf, type IsoDate } from "./standard/dates";

export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The process's real time: what every platform process runs on. */
export const systemClock: Clock = { now: () => new Date() };

/** Today's calendar date in China (UTC+8) on `clock`. */
export function chinaToday(clock: Clock): IsoDate {
  return chinaDateOf(clock.now());
}

/**
 * A clock a test sets and moves: it starts at `start` and, unless `frozen`, runs on with real
 * time from there (so timeouts and "a little later" behave as they would in production).
 */
export class ManualClock implements Clock {
  private base: number;
  private setAt = performance.now();

  constructor(
    start: Date | string,
    private readonly frozen = false,
  ) {
    this.base = new Date(start).getTime();
    if (Number.isNaN(this.base)) throw new Error(`ManualClock: not an instant: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.frozen ? this.base : this.base + (performance.now() - this.setAt));
  }

  /** Moves the clock to `at`. */
  set(at: Date | string): void {
    this.base = new Date(at).getTime();
    this.setAt = performance.now();
  }

  /** Moves the clock forward by `ms` (backward when negative). */
  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}
