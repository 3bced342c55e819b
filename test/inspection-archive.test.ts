/**
 * An inspection result recorded in trace reaches the registry's cylinder archive through the
 * outbox relay: the overdue cylinder gets its new check and next dates and check unit, a
 * scrapped one becomes state 4 — without trace ever writing the registry schema.
 */
import { addYears } from "@cylinder/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "./support/platform";
import { chinaDay, ok, RECORD_RESULTS } from "./support/trace";

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t?.stop());

describe("inspection results reach the archive", () => {
  it("updates dates, check unit and scrapped state through the relay", async () => {
    const station = await t.login(t.world.accounts.station);
    const regulator = await t.login(t.world.accounts.kmRegulator);
    const { kmOverdue, kmLocked } = t.world.barcodes;
    const today = chinaDay(t.clock);
    const nextDate = addYears(today, 4);
    await ok(
      t,
      RECORD_RESULTS,
      {
        items: [
          { barcode: kmOverdue, conclusion: 0, reportDate: today, nextDate, thirdId: "9001" },
          { barcode: kmLocked, conclusion: 1, reportDate: today, thirdId: "9002" },
        ],
      },
      station,
    );
    await t.platform.runJobsNow();
    const r = await ok<{
      cylinders: { barcode: string; checkDate: string; nextDate: string; checkUnit: string; state: number }[];
    }>(
      t,
      `query($b: [String!]!) { cylinders(barcodes: $b) { barcode checkDate nextDate checkUnit state } }`,
      { b: [kmOverdue, kmLocked] },
      regulator,
    );
    expect(r.cylinders).toEqual([
      { barcode: kmOverdue, checkDate: today, nextDate, checkUnit: "昆明市气瓶检验站", state: 1 },
      expect.objectContaining({ barcode: kmLocked, checkDate: today, state: 4 }),
    ]);
    const [pending] = await t.database.sql<
      { n: number }[]
    >`select count(*)::int as n from trace.outbox where delivered_at is null`;
    expect(pending!.n).toBe(0);
  });
});
