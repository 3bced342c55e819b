/**
 * The REST adapter deployed apart from the gateway: its own fastify app whose operations go
 * to the gateway over HTTP with the caller's ticket (what adapters/ps-rest/src/cli/serve.ts
 * runs). Same answers as the co-located adapter.
 */
import { createLogger, formatDateTime14 } from "@cylinder/db";
import { httpGatewayClient, registerPsRest } from "@cylinder/ps-rest";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { instantAgo } from "../support/trace";

let t: TestPlatform;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  t = await startTestPlatform();
  app = Fastify({ logger: false });
  await registerPsRest(app, {
    gateway: httpGatewayClient(t.platform.url, t.config.ticketKeys, t.clock),
    log: createLogger("ps-rest", "silent"),
  });
  base = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await app?.close();
  await t?.stop();
});

const post = async (path: string, body: string) => {
  const res = await fetch(`${base}${path}`, { method: "POST", body });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Record<string, unknown> & { State?: number },
  };
};

it("logs in, uploads, lists and refuses through the gateway over HTTP", async () => {
  const login = await post("/PS/Account/Login", '{ Username: "km-filling", Password: "Test@2026" }');
  expect(login.body.State).toBe(0);
  const ticket = (login.body.Value as { Ticket: string }).Ticket;
  const [begin, end] = [instantAgo(t.clock, 60), instantAgo(t.clock, 58.5)].map(formatDateTime14);
  const fill = await post(
    `/PS/GenericTrace/Fill?ticket=${ticket}`,
    `{ Items: [ { Barcode: " 1103007831", IdleWeight: 16.3, GrossWeight: 30.1, NetWeight: 13.8,
       BeginDate: "${begin}", EndDate: "${end}", Machine: 1, ThridId: 777 } ],
       Factory: { Name: "测试厂家" }, Man: { Name: "张三" } }`,
  );
  expect(fill.body).toMatchObject({ State: 0, Value: { Accepted: 1 } });
  const list = await fetch(`${base}/PS/GenericTrace/FillList?ticket=${ticket}`);
  const rows = (await list.json()) as { ThridId: number }[];
  expect(rows.map((r) => r.ThridId)).toContain(777);
  expect(list.headers.get("x-ps-horizon")).toMatch(/^\d{14}$/);
  const bad = await post("/PS/GenericTrace/Fill?ticket=T1.x.y", "{ Items: [] }");
  expect(bad.status, JSON.stringify(bad.body)).toBe(401);
  expect(bad.body).toMatchObject({ State: 1, Code: "UNAUTHENTICATED" });
  const wrong = await post("/PS/Account/Login", '{ Username: "km-filling", Password: "wrong" }');
  expect(wrong.body).toMatchObject({ State: 1, Code: "LOGIN_FAILED" });
});
