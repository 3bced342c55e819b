/**
 * The pages in a real browser (issue 11): Debian's Chromium, headless, on a phone. The scan
 * page of a permitted and of a refused cylinder (badge and reasons), the not-found page, a
 * report sent from the page and its alarm read by the regulator through GraphQL, the home
 * page and its lookup, a query run in the GraphQL IDE and a subscription there receiving a
 * live alarm, the label desk and a printed sheet,
 * an SVG label decoded from the screen. axe-core finds no serious or critical violation on
 * any page; no request leaves the platform's host; screenshots (phone and desktop) are kept
 * under test/artifacts/pages/.
 */
import jsQR from "jsqr";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DESKTOP,
  hasChromium,
  launchBrowser,
  offHost,
  PHONE,
  screenshot,
  seriousViolations,
  type TestBrowser,
} from "../support/browser";
import { startTestPlatform, type TestPlatform } from "../support/platform";

const SUITE = "pages";

let t: TestPlatform;
let b: TestBrowser;
let phone: Page;

beforeAll(async () => {
  t = await startTestPlatform();
  t.platform.pages.showExamples({
    cylinders: [
      { label: "可以充装的液化石油气瓶", barcode: t.world.barcodes.kmNormal },
      { label: "超期未检的气瓶", barcode: t.world.barcodes.kmOverdue },
    ],
    accounts: [
      { username: t.world.accounts.kmRegulator, role: "prefecture_regulator", unitName: "昆明市市场监督管理局" },
    ],
  });
  b = await launchBrowser();
  phone = await (await b.context(PHONE)).newPage();
}, 120_000);

afterAll(async () => {
  await b?.close();
  await t?.stop();
});

/** axe clean, and a screenshot on the phone and on a desktop. */
async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), `${name}: axe`).toEqual([]);
  await screenshot(page, SUITE, `${name}-phone`);
  const desktop = await (await b.context(DESKTOP)).newPage();
  await desktop.goto(page.url());
  await screenshot(desktop, SUITE, `${name}-desktop`);
  await desktop.context().close();
}

describe.skipIf(!hasChromium)("the pages in Chromium", () => {
  it("scan page of a permitted cylinder: a green 可以充装", async () => {
    await phone.goto(`${t.platform.url}/c/${t.world.barcodes.kmNormal}`);
    await expect(phone.locator(".badge .verdict").textContent()).resolves.toBe("可以充装");
    expect(await phone.locator(".badge").getAttribute("class")).toContain("ok");
    expect(await phone.locator(".badge li").count()).toBe(0);
    await expect(phone.locator("h1").textContent()).resolves.toContain(t.world.barcodes.kmNormal);
    expect(await phone.locator("table tbody tr").count()).toBe(3); // the three fills
    // fits the phone: nothing wider than the screen
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.viewport.width);
    await checkPage(phone, "scan-permitted");
  });

  it("scan page of a refused cylinder: a red 禁止充装 with every reason", async () => {
    await phone.goto(`${t.platform.url}/c/${t.world.barcodes.kmOverdue}`);
    await expect(phone.locator(".badge .verdict").textContent()).resolves.toBe("禁止充装");
    expect(await phone.locator(".badge").getAttribute("class")).toContain("no");
    const reasons = await phone.locator(".badge li").allTextContents();
    expect(reasons).toEqual([`已超过下次检验日期，超期未检（${t.world.dates.overdueNextDate}）`]);
    await checkPage(phone, "scan-refused");

    await phone.goto(`${t.platform.url}/c/${t.world.barcodes.kmScrapped}`);
    expect(await phone.locator(".badge li").allTextContents()).toEqual(["气瓶已报废，不能再使用"]);
    await phone.goto(`${t.platform.url}/c/${t.world.barcodes.car}`);
    await checkPage(phone, "scan-car");
  });

  it("not-found page for an unknown code", async () => {
    const res = await phone.goto(`${t.platform.url}/c/YN-FAKE-9999`);
    expect(res?.status()).toBe(404);
    await expect(phone.locator("h1").textContent()).resolves.toBe("未查到这只气瓶");
    await expect(phone.locator("main").textContent()).resolves.toContain("12315");
    await checkPage(phone, "not-found");
  });

  it("a report sent from the page reaches the regulator as an alarm", async () => {
    const barcode = t.world.barcodes.kmLocked;
    await phone.goto(`${t.platform.url}/c/${barcode}`);
    await phone.getByLabel("漏气、有气味").check();
    await phone.getByLabel(/情况说明/).fill("楼道里闻到液化气味，瓶阀附近最明显");
    await phone.getByLabel(/联系电话/).fill("13900002222");
    await Promise.all([phone.waitForURL(/reported=\d+/), phone.getByRole("button", { name: "提交" }).click()]);
    await expect(phone.getByRole("status").textContent()).resolves.toContain("已收到您的反映");
    await checkPage(phone, "report-received");

    const km = await t.login(t.world.accounts.kmRegulator);
    const r = await t.gql<{ alarms: { nodes: { type: string; barcode: string; message: string }[] } }>(
      `{ alarms(filter: { types: [CITIZEN_REPORT], open: true }) { nodes { type barcode message } } }`,
      {},
      km,
    );
    expect(r.data?.alarms.nodes).toContainEqual({
      type: "CITIZEN_REPORT",
      barcode,
      message: `群众反映气瓶 ${barcode}：漏气、有气味。楼道里闻到液化气味，瓶阀附近最明显`,
    });
  });

  it("home page, and its lookup leads to the scan page", async () => {
    await phone.goto(`${t.platform.url}/`);
    await expect(phone.locator("h1").textContent()).resolves.toBe("云南省气瓶质量安全追溯平台");
    await checkPage(phone, "home");
    await phone.getByLabel("气瓶编号").fill(t.world.barcodes.qjNormal);
    await Promise.all([phone.waitForURL(/\/c\/2203000001$/), phone.getByRole("button", { name: "查询" }).click()]);
    await expect(phone.locator(".badge .verdict").textContent()).resolves.toBe("禁止充装");
  });

  it("an SVG label, as the browser draws it, decodes to its scan page", async () => {
    const barcode = t.world.barcodes.kmNormal;
    // drawn as an image in a page (a screenshot of a bare SVG document hangs in mobile emulation)
    await phone.setContent(
      `<html lang="zh-CN"><title>标签</title><main><img alt="标签" style="width:320px" src="${t.platform.url}/c/${barcode}/label.svg"></main></html>`,
    );
    await phone.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    const shot = await phone.locator("img").screenshot();
    const image = PNG.sync.read(shot);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(
      `${t.platform.url}/c/${barcode}`,
    );
    await screenshot(phone, SUITE, "label-svg");
  }, 60_000);

  it("the label desk: sign in, pick a range, print three labels per code", async () => {
    const km = await t.login(t.world.accounts.kmRegulator);
    const r = await t.gql<{ allocateCarCodeRange: { id: number } }>(
      `mutation($u: Int!) { allocateCarCodeRange(unitId: $u, count: 2) { id } }`,
      { u: t.world.units.carStation },
      km,
    );
    const context = await b.context(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${t.platform.url}/labels`);
    await checkPage(page, "label-login");
    await page.getByLabel("账号").fill(t.world.accounts.carStation);
    await page.getByLabel("密码").fill("Test@2026");
    await Promise.all([page.waitForURL(/\/labels$/), page.getByRole("button", { name: "登录" }).click()]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SUITE, "label-desk-desktop");
    await page.getByRole("link", { name: `第 ${r.data!.allocateCarCodeRange.id} 段` }).click();
    await page.waitForURL(/car-range/);
    expect(await page.locator(".label").count()).toBe(6);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, SUITE, "label-sheet-desktop");
    await context.close();
  });

  it("the GraphQL IDE runs a query", async () => {
    const context = await b.context(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${t.platform.url}/graphql`);
    const run = page.locator(".graphiql-execute-button");
    await run.waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await run.click();
    try {
      await expect
        .poll(async () => (await page.locator(".graphiql-response").textContent()) ?? "", { timeout: 30_000 })
        .toContain(t.world.barcodes.kmNormal);
      await expect(page.locator(".graphiql-response").textContent()).resolves.toContain("可以充装");
    } finally {
      await screenshot(page, SUITE, "graphiql-desktop");
    }
    await context.close();
  }, 90_000);

  it("a subscription in the IDE receives a live alarm, signed in through the headers editor", async () => {
    const ticket = await t.login(t.world.accounts.kmRegulator);
    const context = await b.context(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${t.platform.url}/graphql`);
    await page.locator(".graphiql-execute-button").waitFor({ timeout: 30_000 });
    // Monaco closes brackets as one types: insert the text instead
    await page.locator(".graphiql-query-editor .monaco-editor").first().click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText("subscription Live { alarmRaised { type barcode message } }");
    await page.getByRole("button", { name: "Headers" }).click();
    await page.locator(".graphiql-editor-tool .monaco-editor").last().click();
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${ticket}` }));
    await page.locator(".graphiql-execute-button").click();
    await page.waitForTimeout(1500); // the socket subscribes
    const barcode = t.world.barcodes.kmOverdue;
    const sent = await fetch(`${t.platform.url}/c/${barcode}/report`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "kind=overdue",
      redirect: "manual",
    });
    expect(sent.status).toBe(303);
    try {
      await expect
        .poll(async () => (await page.locator(".graphiql-response").textContent()) ?? "", { timeout: 20_000 })
        .toContain("CITIZEN_REPORT");
      await expect(page.locator(".graphiql-response").textContent()).resolves.toContain(barcode);
    } finally {
      await screenshot(page, SUITE, "graphiql-subscription-desktop");
    }
    await context.close();
  }, 90_000);

  it("no page asked anything of another host", () => {
    expect(b.requests.length).toBeGreaterThan(10);
    expect(offHost(b.requests, t.platform.url)).toEqual([]);
  });
});
