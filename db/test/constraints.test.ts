/**
 * The unified data standard refuses what must never be stored: a second cylinder with the
 * same barcode, a second record with the same ThridId from one unit, a row pointing at
 * nothing, a prefecture that is not one of the 16.
 */

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { account, cylinder, cylinderPermitV1, unit } from "../src/schema/registry";
import { afterFillCheck, beforeFillCheck, fillRecord } from "../src/schema/trace";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let t: TestDatabase;
let fillingUnitId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  const [u] = await t.db
    .insert(unit)
    .values({ kind: "filling", name: "昆明燃气充装站", prefectureCode: "530100", licensedMedia: ["液化石油气"] })
    .returning();
  fillingUnitId = u!.id;
});
afterAll(() => t.drop());

const pgCode = (e: unknown) =>
  (e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code;

async function refused(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return pgCode(e);
  }
  return undefined;
}

const lpg = (barcode: string) => ({
  barcode,
  kind: "generic" as const,
  ownerUnitId: fillingUnitId,
  prefectureCode: "530100",
  medium: "液化石油气",
  nextDate: "2027-04-01",
});

const check = (thirdId: number, barcode = "1103007831") => ({
  unitId: fillingUnitId,
  thirdId,
  barcode,
  state: 0,
  checkedAt: new Date(),
  prefectureCode: "530100",
});

describe("constraints", () => {
  it("refuses a duplicate barcode province-wide", async () => {
    await t.db.insert(cylinder).values(lpg("1103007831"));
    expect(await refused(t.db.insert(cylinder).values({ ...lpg("1103007831"), prefectureCode: "532600" }))).toBe(
      "23505",
    );
  });

  it("refuses a duplicate ThridId per unit and record kind, allows it across kinds", async () => {
    await t.db.insert(beforeFillCheck).values(check(20489));
    expect(await refused(t.db.insert(beforeFillCheck).values(check(20489, "1103007832")))).toBe("23505");
    // the annex reuses 20489 across before-fill and after-fill checks: different kinds
    await t.db.insert(afterFillCheck).values(check(20489));
    await t.db.insert(fillRecord).values({
      unitId: fillingUnitId,
      thirdId: 20489,
      barcode: "1103007831",
      idleWeight: 16.33,
      grossWeight: 29.76,
      netWeight: 13.43,
      beginAt: new Date(),
      endAt: new Date(),
      prefectureCode: "530100",
    });
    // another unit may use the same ThridId
    await t.db.insert(beforeFillCheck).values({ ...check(20489), unitId: fillingUnitId + 1000 });
  });

  it("refuses dangling foreign keys", async () => {
    expect(
      await refused(
        t.db.insert(account).values({
          unitId: 999_999,
          username: "ghost",
          role: "filling_unit",
          passwordHash: "x",
          sm4KeyEnc: "x",
        }),
      ),
    ).toBe("23503");
    expect(await refused(t.db.insert(cylinder).values({ ...lpg("1103009999"), ownerUnitId: 999_999 }))).toBe("23503");
  });

  it("refuses prefecture codes outside the 16 and states outside the enum", async () => {
    expect(await refused(t.db.insert(cylinder).values({ ...lpg("1103008888"), prefectureCode: "110000" }))).toBe(
      "23514",
    );
    expect(await refused(t.db.insert(cylinder).values({ ...lpg("1103008889"), state: 7 }))).toBe("23514");
    expect(await refused(t.db.insert(beforeFillCheck).values({ ...check(1), state: 2 }))).toBe("23514");
  });

  it("moves updated_at on every update, raw SQL included", async () => {
    const [before] = await t.db.select().from(cylinder).where(sql`barcode = '1103007831'`);
    await t.sql`select pg_sleep(0.01)`;
    await t.sql`update registry.cylinder set state = 2 where barcode = '1103007831'`;
    const [after] = await t.db.select().from(cylinder).where(sql`barcode = '1103007831'`);
    expect(after!.updatedAt.getTime()).toBeGreaterThan(before!.updatedAt.getTime());
  });

  it("publishes the permit read contract as a view", async () => {
    const rows = await t.db.select().from(cylinderPermitV1).where(sql`barcode = '1103007831'`);
    expect(rows).toEqual([
      expect.objectContaining({
        barcode: "1103007831",
        state: 2,
        ownerUnitId: fillingUnitId,
        medium: "液化石油气",
        nextDate: "2027-04-01",
      }),
    ]);
  });
});
