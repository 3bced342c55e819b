/**
 * `npm run test:shifted` (part of `npm test`): the suite's fast subset run again with the
 * process clock 40 days ahead (Debian's faketime), so a test written with a literal date
 * near today fails the day it is written, not weeks later on main. The subset: every
 * package's own tests (db, subgraphs, adapters, infra: pure rules and stores, fast) and
 * each cross-package test file changed in the last 7 days of history or not yet committed,
 * except the browser tests (minutes of Chromium each, and dates reach them through the API
 * the other tests cover).
 * `SHIFTED_TESTS=all` runs the whole suite shifted. PostgreSQL and Redis keep their own
 * clocks: the platform must not compare theirs with its own (db/src/clock.ts).
 *
 * Without faketime the run is skipped with a warning, unless REQUIRE_FAKETIME=1 (CI).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SHIFT = process.env.SHIFTED_CLOCK ?? "+40d";
const PACKAGE_TESTS = ["db/test", "subgraphs", "adapters", "infra/test"];

function git(args: string[]): string[] {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
  } catch {
    return []; // not a git checkout: the package tests alone
  }
}

/** Cross-package test files touched recently: committed in the last 7 days, changed, or new. */
function recentCrossPackageTests(): string[] {
  const files = new Set([
    ...git(["log", "--since=7.days", "--name-only", "--pretty=format:"]),
    ...git(["diff", "--name-only", "HEAD"]),
    ...git(["ls-files", "--others", "--exclude-standard"]),
  ]);
  return [...files]
    .filter((f) => /^test\/.*\.test\.ts$/.test(f) && !f.startsWith("test/browser/") && existsSync(join(ROOT, f)))
    .sort();
}

const hasFaketime = spawnSync("faketime", ["-f", "+0d", "true"]).status === 0;
if (!hasFaketime) {
  const message = "faketime is not installed (apt-get install faketime): the shifted-clock run is skipped";
  if (process.env.REQUIRE_FAKETIME === "1") {
    console.error(`✗ ${message}, but REQUIRE_FAKETIME=1`);
    process.exit(1);
  }
  console.warn(`⚠ ${message}`);
  process.exit(0);
}

const targets = process.env.SHIFTED_TESTS === "all" ? [] : [...PACKAGE_TESTS, ...recentCrossPackageTests()];
console.log(
  `Shifted-clock run (faketime -f '${SHIFT}'): ${targets.length === 0 ? "the whole suite" : targets.join(" ")}`,
);
const run = spawnSync("faketime", ["-f", SHIFT, "npx", "vitest", "run", ...targets], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, CYL_SHIFTED_CLOCK: SHIFT },
});
process.exit(run.status ?? 1);
