/**
 * Live alarms across gateway instances: two gateway processes on one Redis, a subscriber on
 * each; an alarm raised through either reaches both, with federated fields resolved; a
 * subscriber for another prefecture receives nothing.
 */
import { uniqueRedisPrefix } from "@cylinder/db/testing";
import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type GatewayProcess, startGatewayProcess } from "./support/gateway-process";
import { startTestPlatform, type TestPlatform } from "./support/platform";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = uniqueRedisPrefix();

let t: TestPlatform;
let second: GatewayProcess;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestPlatform({ REDIS_URL, REDIS_PREFIX: prefix });
  second = await startGatewayProcess(t, { REDIS_URL, REDIS_PREFIX: prefix });
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await second?.stop();
  await t?.stop();
});

interface Received {
  id: number;
  type: string;
  barcode: string;
  prefectureCode: string;
  cylinder: { owner: { name: string } | null } | null;
}

const SUBSCRIPTION = `subscription($p: String) {
  alarmRaised(prefectureCode: $p, types: [PERMIT_REFUSED]) {
    id type barcode prefectureCode cylinder { owner { name } }
  }
}`;

function subscribe(
  baseUrl: string,
  ticket: string,
  prefectureCode: string,
): { received: Received[]; ready: Promise<void> } {
  const client = createClient({
    url: `${baseUrl.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { ticket },
    lazy: false,
  });
  clients.push(client);
  const received: Received[] = [];
  const ready = new Promise<void>((resolve) => client.on("connected", () => resolve()));
  client.subscribe<{ alarmRaised: Received }>(
    { query: SUBSCRIPTION, variables: { p: prefectureCode } },
    {
      next: (m) => {
        if (m.data) received.push(m.data.alarmRaised);
      },
      error: (e) => received.push({ error: e } as never),
      complete: () => {},
    },
  );
  return { received, ready };
}

async function refusePermit(baseUrl: string, ticket: string, barcode: string): Promise<number> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${ticket}` },
    body: JSON.stringify({
      query: `mutation($b: String!) { requestFillPermit(barcode: $b) { permitted alarmId } }`,
      variables: { b: barcode },
    }),
  });
  const body = (await res.json()) as { data: { requestFillPermit: { permitted: boolean; alarmId: number } } };
  expect(body.data.requestFillPermit.permitted).toBe(false);
  return body.data.requestFillPermit.alarmId;
}

const until = async (check: () => boolean, ms = 10_000, every = 50) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for alarms");
    await new Promise((r) => setTimeout(r, every));
  }
};

describe("alarmRaised across two gateway processes", () => {
  it("delivers an alarm raised through either gateway to subscribers of both, and nothing elsewhere", async () => {
    const km = await t.login(t.world.accounts.kmRegulator);
    const qj = await t.login(t.world.accounts.qjRegulator);
    const station = await t.login(t.world.accounts.kmFilling);
    const qjStation = await t.login(t.world.accounts.qjFilling);
    const onFirst = subscribe(t.platform.url, km, "530100");
    const onSecond = subscribe(second.url, km, "530100");
    const otherPrefecture = subscribe(t.platform.url, qj, "530300");
    await Promise.all([onFirst.ready, onSecond.ready, otherPrefecture.ready]);
    // warm-up: a subscription is live on the bus a moment after the socket connects; raise
    // alarms in both prefectures until every subscriber has seen one of its own
    await until(
      () => {
        if (onFirst.received.length && onSecond.received.length && otherPrefecture.received.length) return true;
        void refusePermit(t.platform.url, station, t.world.barcodes.kmScrapped);
        void refusePermit(t.platform.url, qjStation, t.world.barcodes.kmNormal); // not its own: refused in 530300
        return false;
      },
      15_000,
      400,
    );
    await new Promise((r) => setTimeout(r, 500)); // let warm-up stragglers arrive
    for (const s of [onFirst, onSecond, otherPrefecture]) s.received.length = 0;

    const viaSecond = await refusePermit(second.url, station, t.world.barcodes.kmScrapped);
    const viaFirst = await refusePermit(t.platform.url, station, t.world.barcodes.kmLocked);
    await until(() => onFirst.received.length >= 2 && onSecond.received.length >= 2).catch((e) => {
      console.log(JSON.stringify({ first: onFirst.received, second: onSecond.received }));
      throw e;
    });

    for (const r of [onFirst.received, onSecond.received]) {
      expect(r.map((a) => a.id).sort()).toEqual([viaFirst, viaSecond].sort());
      expect(r[0]).toMatchObject({
        type: "PERMIT_REFUSED",
        prefectureCode: "530100",
        cylinder: { owner: { name: "昆明市官渡燃气充装站" } },
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(otherPrefecture.received).toEqual([]);
  });

  it("refuses a subscription without a ticket", async () => {
    const client = createClient({
      url: `${second.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      lazy: true,
    });
    clients.push(client);
    const outcome = await new Promise<string>((resolve) => {
      client.subscribe(
        { query: SUBSCRIPTION },
        {
          next: (m) => resolve(JSON.stringify(m.errors ?? m.data)),
          error: (e) => resolve(`error ${String((e as { code?: number }).code ?? e)}`),
          complete: () => resolve("complete"),
        },
      );
    });
    expect(outcome).toContain("登录");
  });
});
