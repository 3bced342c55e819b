/**
 * The outbox relay on real PostgreSQL: in-order delivery per batch, retry with attempt
 * counts and backoff after a failing deliver, a lease that lets another relay take over a
 * batch whose relay died, and two concurrent relays delivering each message exactly once.
 */
import { createTestDatabase, type TestDatabase } from "@cylinder/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueue, type InspectionResultMessage, type OutboxMessage, relayOutbox } from "../src/index";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ max: 6 });
});
afterAll(() => db?.drop());
beforeEach(async () => {
  await db.db.execute(sql`truncate trace.outbox restart identity`);
});

const message = (resultId: number): InspectionResultMessage => ({
  resultId,
  barcode: `B${resultId}`,
  conclusion: 0,
  conclusionKey: "PASS",
  reportDate: "2026-11-20",
  nextDate: "2030-11-20",
  reportNo: null,
  stationUnitId: 1,
  stationName: null,
  valveReplaced: false,
  valveMaker: null,
  receivedAt: "2026-11-20T02:00:00.000Z",
});

async function put(n: number, from = 1): Promise<void> {
  await db.db.transaction((tx) =>
    enqueue(
      tx,
      "inspection_result",
      Array.from({ length: n }, (_, i) => message(from + i)),
    ),
  );
}

async function state() {
  return (await db.db.execute(
    sql`select id, attempts, last_error, delivered_at is not null as delivered, next_attempt_at > clock_timestamp() as waiting
      from trace.outbox order by id`,
  )) as unknown as { id: number; attempts: number; last_error: string | null; delivered: boolean; waiting: boolean }[];
}

describe("relayOutbox", () => {
  it("delivers undelivered messages in id order, a batch at a time, and marks them delivered", async () => {
    await put(5);
    const batches: number[][] = [];
    const deliver = async (batch: OutboxMessage<InspectionResultMessage>[]) => {
      batches.push(batch.map((m) => m.payload.resultId));
    };
    expect(await relayOutbox(db.db, deliver, { limit: 2 })).toEqual({ delivered: 2, failed: 0 });
    expect(await relayOutbox(db.db, deliver, { limit: 2 })).toEqual({ delivered: 2, failed: 0 });
    expect(await relayOutbox(db.db, deliver, { limit: 2 })).toEqual({ delivered: 1, failed: 0 });
    expect(await relayOutbox(db.db, deliver, { limit: 2 })).toEqual({ delivered: 0, failed: 0 });
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect((await state()).every((r) => r.delivered && r.attempts === 1)).toBe(true);
  });

  it("retries after a failing deliver, counting attempts and keeping the error", async () => {
    await put(2);
    const failing = async () => {
      throw new Error("registry unavailable");
    };
    const report = await relayOutbox(db.db, failing, { retryBaseMs: 0 });
    expect(report).toMatchObject({ delivered: 0, failed: 2 });
    expect((report.error as Error).message).toBe("registry unavailable");
    expect(await state()).toEqual([
      { id: 1, attempts: 1, last_error: "registry unavailable", delivered: false, waiting: false },
      { id: 2, attempts: 1, last_error: "registry unavailable", delivered: false, waiting: false },
    ]);
    const seen: OutboxMessage[] = [];
    expect(await relayOutbox(db.db, async (b) => void seen.push(...b))).toEqual({ delivered: 2, failed: 0 });
    expect(seen.map((m) => m.attempts)).toEqual([1, 1]);
    expect((await state()).map((r) => [r.attempts, r.last_error, r.delivered])).toEqual([
      [2, null, true],
      [2, null, true],
    ]);
  });

  it("backs off before the next attempt", async () => {
    await put(1);
    await relayOutbox(
      db.db,
      async () => {
        throw new Error("down");
      },
      { retryBaseMs: 60_000 },
    );
    expect((await state())[0]).toMatchObject({ waiting: true, attempts: 1 });
    expect(await relayOutbox(db.db, async () => {})).toEqual({ delivered: 0, failed: 0 });
  });

  it("holds no lock while delivering, and retries a batch whose relay died once its lease ends", async () => {
    await put(2);
    // deliver writes the claimed rows through another connection: it would wait forever on a
    // row lock if the relay held its claim in an open transaction
    let updated = 0;
    await relayOutbox(db.db, async (batch) => {
      const r = await db.db.execute(
        sql`update trace.outbox set payload = payload where id = any(${sql.param(batch.map((m) => m.id))}::bigint[])`,
      );
      updated = (r as unknown as { count: number }).count;
    });
    expect(updated).toBe(2);

    await put(1, 3);
    // a relay that hangs (or died) in the middle of delivering
    void relayOutbox(db.db, () => new Promise<void>(() => {}), { leaseMs: 60 });
    await new Promise((r) => setTimeout(r, 20));
    expect(await relayOutbox(db.db, async () => {})).toEqual({ delivered: 0, failed: 0 });
    await new Promise((r) => setTimeout(r, 80));
    const again: number[] = [];
    expect(await relayOutbox(db.db, async (b) => void again.push(...b.map((m) => m.attempts)))).toEqual({
      delivered: 1,
      failed: 0,
    });
    expect(again).toEqual([1]);
  });

  it("lets two relays run at once, delivering every message exactly once", async () => {
    await put(60);
    const delivered = new Map<number, number>();
    const relay = async (name: string) => {
      const batches: string[] = [];
      for (;;) {
        const r = await relayOutbox(
          db.db,
          async (batch) => {
            await new Promise((resolve) => setTimeout(resolve, 15));
            for (const m of batch) delivered.set(m.id, (delivered.get(m.id) ?? 0) + 1);
            batches.push(`${name}:${batch.map((m) => m.id).join(",")}`);
          },
          { limit: 5 },
        );
        if (r.delivered === 0) return batches;
      }
    };
    const [a, b] = await Promise.all([relay("a"), relay("b")]);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(delivered.size).toBe(60);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    expect((await state()).every((r) => r.delivered && r.attempts === 1)).toBe(true);
  });
});
