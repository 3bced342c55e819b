/**
 * Browser tests' one support module (the pages now, the console later): Debian's Chromium
 * (/usr/bin/chromium) driven by playwright-core, headless, a fresh profile per launch, a phone
 * viewport by default; axe-core's serious and critical violations as a list to assert empty;
 * screenshots kept under test/artifacts/ (gitignored) as the run's evidence; and every request
 * a page makes, so a test can assert none leaves the platform's host.
 *
 * `.ci/run` installs chromium and fonts-noto-cjk when missing (without the fonts, Chinese
 * renders as boxes in screenshots).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** Where screenshots go (gitignored): test/artifacts/<suite>/. */
export const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A mid-range Android phone in WeChat: what the scan page is built for. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 12; V2134A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0 Mobile Safari/537.36 MicroMessenger/8.0.47",
} as const;

export const DESKTOP = { viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 } as const;

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (own cookies) with the phone's viewport unless told otherwise. */
  context(options?: Parameters<Browser["newContext"]>[0]): Promise<BrowserContext>;
  /** Every URL the browser requested so far, in every context. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "cyl-chromium-"));
  // a persistent context is how playwright takes a user-data-dir; contexts come from its browser
  const persistent = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  const browser = persistent.browser();
  if (!browser) throw new Error("chromium: no browser behind the persistent context");
  const requests: string[] = [];
  const contexts: BrowserContext[] = [persistent];
  return {
    browser,
    requests,
    async context(options = PHONE) {
      const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", ...options });
      context.on("request", (r) => requests.push(r.url()));
      contexts.push(context);
      return context;
    },
    async close() {
      for (const c of contexts.reverse()) await c.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's serious and critical violations on the page as it is now (ids and targets). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 300)}`).join(", ")}`,
    );
}

/** Saves a full-page screenshot as test/artifacts/<suite>/<name>.png and returns its path. */
export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The requests that went anywhere but `origin` (data: and blob: URLs are the page's own). */
export function offHost(requests: readonly string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
}
