import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeHorizon } from "../src/changes";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("change horizon", () => {
  it("is now() when nothing is writing", async () => {
    const [{ now }] = (await t.sql`select now() as now`) as unknown as [{ now: string }];
    const h = await changeHorizon(t.sql);
    expect(Math.abs(h.getTime() - new Date(now).getTime())).toBeLessThan(1000);
  });

  it("stays before a transaction still writing, so its rows cannot land behind a reader", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let startedAt!: Date;
    const writer = t.sql.begin(async (tx) => {
      const [{ now }] = (await tx`select now() as now`) as unknown as [{ now: string }];
      startedAt = new Date(now);
      await tx`insert into prefecture.prefecture (code, name, mode) values ('530100', '昆明市', 'self_built')`;
      await held;
    });
    await new Promise((r) => setTimeout(r, 150));
    const h = await changeHorizon(t.sql);
    expect(h.getTime()).toBeLessThanOrEqual(startedAt.getTime());
    release();
    await writer;
    expect((await changeHorizon(t.sql)).getTime()).toBeGreaterThan(startedAt.getTime());
  });

  it("stays before a transaction that has not written yet (no xid), since its rows will carry its start time", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let startedAt!: Date;
    let readAhead!: () => void;
    const reading = new Promise<void>((r) => {
      readAhead = r;
    });
    const writer = t.sql.begin(async (tx) => {
      const [{ now }] = (await tx`select now() as now`) as unknown as [{ now: string }];
      startedAt = new Date(now);
      readAhead();
      await held;
      await tx`insert into prefecture.prefecture (code, name, mode) values ('530300', '曲靖市', 'province_hosted')`;
    });
    await reading;
    await new Promise((r) => setTimeout(r, 50));
    const h = await changeHorizon(t.sql);
    expect(h.getTime()).toBeLessThanOrEqual(startedAt.getTime());
    release();
    await writer;
  });
});
