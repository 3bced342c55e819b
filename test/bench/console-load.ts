/**
 * The console's size and first load in Chromium (issue 14: first screen under 1 s on this
 * machine). Builds the console if stale, starts the platform as deployed (a child process,
 * NODE_ENV=production) on a benchmark database with the demo data, then in Debian's headless
 * Chromium, each time in a fresh context (no cache):
 *
 *  - the first screen: /console/ until the login form is shown (and the browser's own
 *    first-contentful-paint), with the bytes transferred;
 *  - after logging in as the province regulator: until the alarm screen's tiles and table
 *    are filled; then the archive's first page (cylinderList over the whole demo archive).
 *
 *   npx tsx test/bench/console-load.ts [--cylinders 20000] [--runs 7] [--rebuild]
 *
 * The demo database (`cylinder_bench_console_<n>`) is kept between runs; --rebuild loads it again.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CONSOLE_DIST, ensureConsoleBuilt } from "@cylinder/console/server";
import { loadConfig, systemClock } from "@cylinder/db";
import { checkpoint, ledgerKeys } from "@cylinder/db/ledger";
import { DEFAULT_SEED, demoPassword, isDemoTarget, loadDemo } from "@cylinder/infra";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, DESKTOP } from "../support/browser";
import { arg, benchDatabase, fmt, has, spawnPlatform } from "./support";

const cylinders = arg("--cylinders", 20_000);
const runs = arg("--runs", 7);

await ensureConsoleBuilt({ log: (m) => console.log(m) });

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
const files = walk(CONSOLE_DIST).filter((f) => !f.includes("/.") && !/\.(br|gz)$/.test(f));
const raw = files.reduce((n, f) => n + statSync(f).size, 0);
const brotli = files.reduce((n, f) => {
  try {
    return n + statSync(`${f}.br`).size;
  } catch {
    return n + statSync(f).size;
  }
}, 0);
const largest = files
  .map((f) => ({ f: f.slice(CONSOLE_DIST.length + 1), size: statSync(f).size }))
  .sort((a, b) => b.size - a.size)
  .slice(0, 5);

const name = `cylinder_bench_console_${cylinders}`;
const { db } = await benchDatabase(name, has("--rebuild"));
if (await isDemoTarget(db.sql)) {
  console.log(`loading ${fmt(cylinders)} demo cylinders into ${name}…`);
  const config = loadConfig({});
  await loadDemo(db, { cylinders, dataKey: config.dataKey, seed: DEFAULT_SEED });
  await checkpoint(db.sql, ledgerKeys(config), systemClock);
}
await db.close();

const { child, endpoints } = await spawnPlatform(name);
const base = endpoints.url;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

interface Run {
  firstScreenMs: number;
  inPageMs: number;
  fcpMs: number;
  transferred: number;
  requests: number;
  alarmsMs: number;
  cylindersMs: number;
}
const results: Run[] = [];
try {
  for (let i = 0; i < runs + 1; i++) {
    const context = await browser.newContext({ ...DESKTOP, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${base}/console/`);
    await page.locator("#login-username").waitFor();
    const firstScreenMs = performance.now() - t0;
    await page.waitForFunction(() => performance.getEntriesByName("console-first-screen").length > 0);
    const perf = await page.evaluate(() => {
      const shown = performance.getEntriesByName("console-first-screen")[0]?.startTime ?? performance.now();
      const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN;
      // what the first screen needed: the requests that started before it was shown
      const resources = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter(
        (r) => r.startTime <= shown,
      );
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        shown,
        fcp,
        transferred: nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0),
        requests: resources.length + 1,
      };
    });
    // a user takes a moment to type (the login screen fetches the alarm screen meanwhile)
    await page.waitForTimeout(1000);
    await page.fill("#login-username", "reg_yn");
    await page.fill("#login-password", demoPassword(DEFAULT_SEED, "reg_yn"));
    const t1 = performance.now();
    await page.click("button[type=submit]");
    await page.locator(".tile").first().waitFor();
    await page.locator(".el-table__body-wrapper tbody tr, .el-table__empty-text").first().waitFor();
    const alarmsMs = performance.now() - t1;
    const t2 = performance.now();
    await page.getByRole("link", { name: "气瓶档案" }).click();
    await page.locator(".el-table__body-wrapper tbody tr").first().waitFor();
    const cylindersMs = performance.now() - t2;
    await context.close();
    // the first run warms the server (and the OS's file cache); it is not counted
    if (i > 0) {
      results.push({
        firstScreenMs,
        inPageMs: perf.shown,
        fcpMs: perf.fcp,
        transferred: perf.transferred,
        requests: perf.requests,
        alarmsMs,
        cylindersMs,
      });
    }
  }
} finally {
  await browser.close();
  child.kill("SIGTERM");
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);
const col = (k: keyof Run) => results.map((r) => r[k]);
console.log(`
console bundle (console/dist): ${files.length} files, ${fmt(raw / 1024)} KiB raw, ${fmt(brotli / 1024)} KiB Brotli
  largest: ${largest.map((l) => `${l.f} ${fmt(l.size / 1024)} KiB`).join(", ")}
first screen in Chromium (fresh context, no cache; ${runs} runs after one warm-up; demo ${fmt(cylinders)} cylinders):
  login screen shown      median ${fmt(median(col("inPageMs")))} ms, max ${fmt(max(col("inPageMs")))} ms after navigation start (the login form's first frame, by the page's own clock)
                          (first contentful paint median ${fmt(median(col("fcpMs")))} ms; seen from the driver, goto to form shown, median ${fmt(median(col("firstScreenMs")))} ms)
  transferred             ${fmt(median(col("transferred")) / 1024, 1)} KiB in ${median(col("requests"))} requests
  login → alarm screen    median ${fmt(median(col("alarmsMs")))} ms, max ${fmt(max(col("alarmsMs")))} ms (tiles, counts and the first page of alarms)
  archive, first page     median ${fmt(median(col("cylindersMs")))} ms, max ${fmt(max(col("cylindersMs")))} ms (cylinderList over ${fmt(cylinders)} cylinders)
`);
process.exit(0);
