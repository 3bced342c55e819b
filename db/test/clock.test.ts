/**
 * The one clock: a ManualClock that tests set and move, China's "today" on it, and a scan of
 * the platform's source that keeps every read of the time going through a Clock.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { chinaToday, ManualClock, systemClock } from "../src/clock";

const ROOT = join(import.meta.dirname, "..", "..");

describe("ManualClock", () => {
  it("starts where it is set and, unless frozen, runs on with real time", async () => {
    const clock = new ManualClock("2026-06-15T02:00:00Z");
    const first = clock.now().getTime();
    expect(first - Date.parse("2026-06-15T02:00:00Z")).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });

  it("stays put when frozen, and moves when set or advanced", () => {
    const clock = new ManualClock("2026-06-15T02:00:00Z", true);
    expect(clock.now().toISOString()).toBe("2026-06-15T02:00:00.000Z");
    clock.advance(86_400_000);
    expect(clock.now().toISOString()).toBe("2026-06-16T02:00:00.000Z");
    clock.set("2027-01-01T00:00:00+08:00");
    expect(clock.now().toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("refuses a start that is not an instant", () => {
    expect(() => new ManualClock("not a date")).toThrow(/not an instant/);
  });

  it.each([
    // [instant, China date]: the date changes at 16:00 UTC
    ["2026-12-31T15:59:59Z", "2026-12-31"],
    ["2026-12-31T16:00:00Z", "2027-01-01"],
    ["2027-06-15T00:00:00Z", "2027-06-15"],
  ])("chinaToday at %s is %s", (at, date) => {
    expect(chinaToday(new ManualClock(at, true))).toBe(date);
  });

  it("the system clock is the process's time", () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});

/** Every TypeScript file under the platform's source folders. */
function sourceFiles(): string[] {
  const roots = ["db/src", "gateway/src", "infra/src", "adapters", "subgraphs"].map((r) => join(ROOT, r));
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "node_modules" || name === "test" || name === "dist") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(path);
    }
  };
  for (const r of roots) walk(r);
  return out;
}

describe("the platform reads time through one clock", () => {
  it("no platform source reads the process time except db/src/clock.ts", () => {
    const offenders: string[] = [];
    for (const file of sourceFiles()) {
      const rel = relative(ROOT, file);
      if (rel === join("db", "src", "clock.ts")) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/new Date\(\s*\)|Date\.now\(\)/.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders, "read the time from the Clock passed in (db/src/clock.ts)").toEqual([]);
  });
});
