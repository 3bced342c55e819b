/**
 * Issue 11 benchmark (not a timed test): the public scan page under load, beside the same
 * run's baseline, and what the page costs a phone.
 *
 *  A. requests/s and latency (p50, p99) of GET /c/{barcode} for one demo cylinder (as a phone
 *     asks: Accept-Encoding gzip, br), 20 connections, 10 s; beside GET
 *     /PS/GenericBottle/List?pagesize=1 (one cylinder's archive through the REST contract,
 *     as a filling unit) on the same platform, same run.
 *  B. the page's transfer size in Chromium on a phone (every response's encoded body and
 *     headers), and the hosts it asked: the goal is under 30 KB and this host only.
 *  C. with --lighthouse, Lighthouse 12.2.3 (npx, installed on demand) against Debian's
 *     Chromium: the mobile performance and accessibility scores.
 *
 *   npx tsx test/bench/scan-page.ts [--cylinders 20000] [--seconds 10] [--connections 20] [--lighthouse] [--rebuild]
 *
 * The demo is loaded once into the database `cyl_bench_scan_page` (kept; --rebuild drops it);
 * the platform runs in a child process as deployed (NODE_ENV=production).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, systemClock } from "@cylinder/db";
import { checkpoint, ledgerKeys } from "@cylinder/db/ledger";
import { demoAccounts, loadDemo } from "@cylinder/infra";
import autocannon from "autocannon";
import { CHROMIUM, CHROMIUM_ARGS, launchBrowser, PHONE } from "../support/browser";
import { arg, benchDatabase, fmt, has, spawnPlatform } from "./support";

const DB = "cyl_bench_scan_page";
const CYLINDERS = arg("--cylinders", 20_000);
const SECONDS = arg("--seconds", 10);
const CONNECTIONS = arg("--connections", 20);

const { db: database, fresh } = await benchDatabase(DB, has("--rebuild"));
const config = loadConfig({ LOG_LEVEL: "warn" });
if (fresh) {
  const t0 = performance.now();
  await loadDemo(database, { cylinders: CYLINDERS, dataKey: config.dataKey, clock: systemClock });
  await checkpoint(database.sql, ledgerKeys(config), systemClock);
  console.log(`demo of ${fmt(CYLINDERS)} cylinders loaded and signed in ${fmt((performance.now() - t0) / 1000, 1)} s`);
}
// a fit LPG cylinder with fills: the page a citizen most often sees
const [cylinder] = await database.sql<{ barcode: string }[]>`
  select c.barcode from registry.cylinder c
  where c.kind = 'generic' and c.state = 1 and c.medium = '液化石油气' and c.next_date >= current_date
    and exists (select 1 from trace.fill_record f where f.barcode = c.barcode)
  order by c.id limit 1`;
const barcode = cylinder!.barcode;
const filler = (await demoAccounts(database)).find((a) => a.role === "filling_unit" && a.password);
await database.close();

const { child, endpoints } = await spawnPlatform(DB);
const base = endpoints.url;
try {
  const login = await fetch(`${base}/PS/Account/Login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ Username: filler!.username, Password: filler!.password }),
  });
  const ticket = ((await login.json()) as { Value: { Ticket?: string; Token?: string } | string }).Value as {
    Ticket?: string;
    Token?: string;
  };
  const token = ticket.Ticket ?? ticket.Token;
  const pagePath = `/c/${encodeURIComponent(barcode)}`;
  const listPath = `/PS/GenericBottle/List?ticket=${token}&pagesize=1`;
  const check = await fetch(`${base}${listPath}`);
  const listed = (await check.json()) as unknown[];
  if (check.status !== 200 || listed.length !== 1)
    throw new Error(`baseline did not return one cylinder: ${check.status}`);

  // the platform process's CPU time (user + system, ms): per request it is the cost, whatever
  // else the shared machine runs meanwhile
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks
  };
  const load = async (label: string, path: string) => {
    const headers = { "accept-encoding": "gzip, br", accept: "text/html,application/json" };
    await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: 2, headers }); // warm up
    const cpu0 = cpuMs();
    const r = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: SECONDS, headers });
    const cpu = (cpuMs() - cpu0) / r.requests.total;
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    console.log(
      `${label.padEnd(44)} ${fmt(r.requests.average, 0).padStart(6)} req/s   p50 ${fmt(r.latency.p50, 1)} ms   p99 ${fmt(r.latency.p99, 1)} ms   ${fmt(cpu, 1)} ms CPU/request   ${fmt(r.throughput.average / 1024, 0)} KB/s`,
    );
  };
  console.log(`\nA. ${CONNECTIONS} connections, ${SECONDS} s each, cylinder ${barcode}`);
  await load(`GET ${pagePath} (scan page)`, pagePath);
  await load("GET /PS/GenericBottle/List pagesize=1 (baseline)", listPath);

  // B. what a phone downloads
  const b = await launchBrowser();
  try {
    const page = await (await b.context(PHONE)).newPage();
    let bytes = 0;
    page.on("requestfinished", async (request) => {
      const sizes = await request.sizes();
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    });
    await page.goto(`${base}${pagePath}`, { waitUntil: "networkidle" });
    const hosts = [...new Set(b.requests.map((u) => new URL(u).host))];
    console.log(
      `\nB. transfer on a phone: ${fmt(bytes / 1024, 1)} KB in ${b.requests.length} request(s) (goal < 30 KB); hosts: ${hosts.join(", ")}`,
    );
  } finally {
    await b.close();
  }

  // C. Lighthouse, when asked (it is installed by npx on first use)
  if (has("--lighthouse")) {
    const out = mkdtempSync(join(tmpdir(), "cyl-lighthouse-"));
    const report = join(out, "report.json");
    const run = spawnSync(
      "npx",
      [
        "--yes",
        "lighthouse@12.2.3",
        `${base}${pagePath}`,
        `--chrome-path=${CHROMIUM}`,
        `--chrome-flags=${CHROMIUM_ARGS.join(" ")}`,
        "--form-factor=mobile",
        "--only-categories=performance,accessibility",
        "--output=json",
        `--output-path=${report}`,
        "--quiet",
      ],
      { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CHROME_PATH: CHROMIUM } },
    );
    if (run.status === 0) {
      const r = JSON.parse(readFileSync(report, "utf8")) as {
        lighthouseVersion: string;
        categories: Record<string, { score: number }>;
        audits: Record<string, { displayValue?: string }>;
      };
      const score = (k: string) => Math.round((r.categories[k]?.score ?? 0) * 100);
      console.log(
        `\nC. Lighthouse ${r.lighthouseVersion} (mobile, simulated slow 4G): performance ${score("performance")}, accessibility ${score("accessibility")}; FCP ${r.audits["first-contentful-paint"]?.displayValue}, LCP ${r.audits["largest-contentful-paint"]?.displayValue}, TBT ${r.audits["total-blocking-time"]?.displayValue}`,
      );
    } else {
      console.log(`\nC. Lighthouse did not run (exit ${run.status})`);
    }
    rmSync(out, { recursive: true, force: true });
  }
} finally {
  child.kill("SIGTERM");
}
process.exit(0);
