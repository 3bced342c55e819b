/**
 * The scoping matrix of the registry's records over real HTTP: each role against each read —
 * cylinder lookup and list, registration, spot check, fill permission, car code ranges and
 * SM4 keys — allowed (with what it sees) or refused with its typed code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { newCylinderDates } from "./helpers";

type Role =
  | "kmFilling"
  | "qjFilling"
  | "carStation"
  | "station"
  | "kmRegulator"
  | "qjRegulator"
  | "province"
  | "operator"
  | "platform"
  | "public";
const ROLES: Role[] = [
  "kmFilling",
  "qjFilling",
  "carStation",
  "station",
  "kmRegulator",
  "qjRegulator",
  "province",
  "operator",
  "platform",
  "public",
];

/** What a role gets: "ok", a count of listed records, or the error code. */
type Outcome = "ok" | number | string;

let t: TestPlatform;
const tickets: Partial<Record<Role, string>> = {};
let registrationId: number;
let spotCheckId: number;

beforeAll(async () => {
  t = await startTestPlatform();
  for (const role of ROLES) if (role !== "public") tickets[role] = await t.login(t.world.accounts[role]);
  const { units } = t.world;
  const sql = t.database.sql;
  const made = newCylinderDates(t);
  [{ id: registrationId }] = (await sql`
    insert into registry.registration (unit_id, third_id, apply_kind, style, medium, product_date, discard_date, next_date)
    values (${units.kmFilling}, 1, 'new', 'YSP35.5', '液化石油气', ${made.productDate}, ${made.discardDate}, ${made.nextDate})
    returning id`) as unknown as [{ id: number }];
  const now = t.clock.now().toISOString();
  [{ id: spotCheckId }] = (await sql`
    insert into registry.spot_check (unit_id, authority_unit_id, check_count, check_date, apply_date)
    values (${units.kmFilling}, ${units.kmAuthority}, 1, ${now}, ${now}) returning id`) as unknown as [{ id: number }];
  await sql`insert into registry.spot_check_item (spot_check_id, barcode) values (${spotCheckId}, ${t.world.barcodes.kmNormal})`;
  // not yet in force, so it changes no one's view of cylinders
  await sql`insert into registry.fill_permission (filling_unit_id, owner_unit_id, granted_by_unit_id, valid_from, reason)
            values (${units.qjFilling}, ${units.kmFilling}, ${units.kmAuthority}, '2099-01-01', '测试')`;
  await sql`insert into registry.car_code_range (unit_id, prefecture_code, first_serial, last_serial)
            values (${units.carStation}, '530100', 1, 10)`;
});
afterAll(() => t?.stop());

async function outcome(query: string, variables: Record<string, unknown>, role: Role, pick: (data: never) => unknown) {
  const r = await t.gql(query, variables, tickets[role]);
  if (r.errors?.length) return r.errors[0]!.extensions?.code ?? r.errors[0]!.message;
  const value = pick(r.data as never);
  if (Array.isArray(value)) return value.length;
  return value === null || value === undefined ? "null" : "ok";
}

function matrix(
  name: string,
  query: () => [string, Record<string, unknown>],
  pick: (d: never) => unknown,
  expected: Record<Role, Outcome>,
) {
  it.each(ROLES)(`${name}: %s`, async (role) => {
    const [q, v] = query();
    expect(await outcome(q, v, role, pick)).toBe(expected[role]);
  });
}

describe("scoping matrix", () => {
  matrix(
    "cylinder(barcode) of a Kunming filling unit",
    () => [`query($b: String!) { cylinder(barcode: $b) { barcode } }`, { b: t.world.barcodes.kmNormal }],
    (d: { cylinder: unknown }) => d.cylinder,
    {
      kmFilling: "ok",
      qjFilling: "NOT_OWN_CYLINDER",
      carStation: "NOT_OWN_CYLINDER",
      station: "ok",
      kmRegulator: "ok",
      qjRegulator: "FORBIDDEN",
      province: "ok",
      operator: "ok",
      platform: "ok",
      public: "ok",
    },
  );

  matrix(
    "cylinder(barcode) of a car cylinder (shared with every station)",
    () => [`query($b: String!) { cylinder(barcode: $b) { barcode } }`, { b: t.world.barcodes.car }],
    (d: { cylinder: unknown }) => d.cylinder,
    {
      kmFilling: "ok",
      qjFilling: "ok",
      carStation: "ok",
      station: "ok",
      kmRegulator: "ok",
      qjRegulator: "FORBIDDEN",
      province: "ok",
      operator: "ok",
      platform: "ok",
      public: "ok",
    },
  );

  matrix(
    "cylinderList",
    () => [`{ cylinderList(first: 100) { nodes { barcode } } }`, {}],
    (d: { cylinderList: { nodes: unknown[] } }) => d.cylinderList.nodes,
    {
      kmFilling: 5,
      qjFilling: 2,
      carStation: 1,
      station: "FORBIDDEN",
      kmRegulator: 5,
      qjRegulator: 1,
      province: 6,
      operator: 6,
      platform: 6,
      public: "FORBIDDEN",
    },
  );

  const unitRecord = {
    kmFilling: "ok",
    qjFilling: "FORBIDDEN",
    carStation: "FORBIDDEN",
    station: "FORBIDDEN",
    kmRegulator: "ok",
    qjRegulator: "FORBIDDEN",
    province: "ok",
    operator: "ok",
    platform: "ok",
    public: "FORBIDDEN",
  } as const;
  const unitRecords = {
    kmFilling: 1,
    qjFilling: 0,
    carStation: 0,
    station: "FORBIDDEN",
    kmRegulator: 1,
    qjRegulator: 0,
    province: 1,
    operator: 1,
    platform: 1,
    public: "FORBIDDEN",
  } as const;

  matrix(
    "registration(id)",
    () => [`query($id: Int!) { registration(id: $id) { id } }`, { id: registrationId }],
    (d: { registration: unknown }) => d.registration,
    unitRecord,
  );
  matrix(
    "registrations",
    () => [`{ registrations { nodes { id } } }`, {}],
    (d: { registrations: { nodes: unknown[] } }) => d.registrations.nodes,
    unitRecords,
  );
  matrix(
    "spotCheck(id)",
    () => [`query($id: Int!) { spotCheck(id: $id) { id items { barcode } } }`, { id: spotCheckId }],
    (d: { spotCheck: unknown }) => d.spotCheck,
    unitRecord,
  );
  matrix(
    "spotChecks",
    () => [`{ spotChecks { nodes { id } } }`, {}],
    (d: { spotChecks: { nodes: unknown[] } }) => d.spotChecks.nodes,
    unitRecords,
  );

  matrix(
    "fillPermissions (Qujing may fill Kunming's cylinders)",
    () => [`{ fillPermissions { id } }`, {}],
    (d: { fillPermissions: unknown[] }) => d.fillPermissions,
    {
      kmFilling: 1,
      qjFilling: 1,
      carStation: 0,
      station: "FORBIDDEN",
      kmRegulator: 1,
      qjRegulator: 1,
      province: 1,
      operator: 1,
      platform: 1,
      public: "FORBIDDEN",
    },
  );

  matrix(
    "carCodeRanges",
    () => [`{ carCodeRanges { id } }`, {}],
    (d: { carCodeRanges: unknown[] }) => d.carCodeRanges,
    {
      kmFilling: 0,
      qjFilling: 0,
      carStation: 1,
      station: "FORBIDDEN",
      kmRegulator: 1,
      qjRegulator: 0,
      province: 1,
      operator: 1,
      platform: 1,
      public: "FORBIDDEN",
    },
  );

  it.each(ROLES)("mySm4Keys: %s gets its own key only", async (role) => {
    const r = await t.gql<{ mySm4Keys: { current: string } }>(`{ mySm4Keys { current } }`, {}, tickets[role]);
    if (role === "public") {
      expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } else {
      expect(r.data?.mySm4Keys.current).toBe(t.world.sm4Keys[t.world.accounts[role]]);
    }
  });

  it("shows the public only public fields of a cylinder", async () => {
    const r = await t.gql<{ cylinder: Record<string, unknown> }>(
      `query($b: String!) { cylinder(barcode: $b) { barcode printno car { identityNo } stateChanges { id } } }`,
      { b: t.world.barcodes.car },
    );
    expect(r.data?.cylinder).toEqual({ barcode: t.world.barcodes.car, printno: null, car: null, stateChanges: [] });
  });
});
