/**
 * The OpenAPI document of /PS/* and its interactive viewer, served by the platform with the
 * viewer's assets from the package itself (no CDN).
 */
import { ROUTES } from "@cylinder/ps-rest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => {
  await t?.stop();
});

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { summary: string; description?: string; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

it("documents every route of the table, the annex's and the filled gaps, in Chinese", async () => {
  const res = await fetch(`${t.platform.url}/PS/docs/json`);
  expect(res.status).toBe(200);
  const doc = (await res.json()) as Doc;
  expect(doc.openapi).toMatch(/^3\./);
  for (const route of ROUTES) {
    for (const method of route.methods) {
      const op = doc.paths[route.path]?.[method.toLowerCase()];
      expect(op, `${method} ${route.path}`).toBeDefined();
      expect(op!.summary).toMatch(/[\u4e00-\u9fff]/);
      expect(op!.responses["200"]).toBeDefined();
    }
  }
  expect(doc.paths["/PS/Account/Login"]!.post!.summary).toContain("补充接口");
  const text = JSON.stringify(doc);
  // integer enums are spelled out
  expect(text).toContain("1 角阀液相");
  expect(text).toContain("4 报废");
  expect(text).toContain("0 合格");
  expect(text).toContain("1 出租车");
  expect(text).toContain("X-PS-Horizon");
});

it("serves the interactive viewer and its assets locally", async () => {
  const page = await fetch(`${t.platform.url}/PS/docs/static/index.html`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("swagger-ui");
  expect(html).not.toMatch(/src="https?:\/\//);
  expect(html).not.toMatch(/href="https?:\/\//);
  const bundle = await fetch(`${t.platform.url}/PS/docs/static/swagger-ui-bundle.js`);
  expect(bundle.status).toBe(200);
  expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  const entry = await fetch(`${t.platform.url}/PS/docs`, { redirect: "manual" });
  await entry.arrayBuffer();
  expect([200, 302]).toContain(entry.status);
});
