/**
 * The public scan page on the demo's data (issue 11): one cylinder of every kind the demo
 * generates (generic and car, each medium, each state, overdue or not) rendered as the
 * public sees it, and none of the personal data or other units' internals behind it on the
 * page: its fills' and checks' people, the car owner's name, ID number, plate and VIN, the
 * units' contact people and phones, the cylinder's steel-stamp and in-house numbers.
 */
import {
  chinaToday,
  createLogger,
  loadConfig,
  ManualClock,
  maskIdentityNo,
  maskPhone,
  openPersonal,
  systemClock,
} from "@cylinder/db";
import { createTestDatabase, type TestDatabase } from "@cylinder/db/testing";
import { loadDemo } from "@cylinder/infra";
import { type Platform, startPlatform } from "@cylinder/infra/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let database: TestDatabase;
let platform: Platform;
const clock = new ManualClock(systemClock.now());
const config = loadConfig({
  PORT: "0",
  REGISTRY_PORT: "0",
  TRACE_PORT: "0",
  PREFECTURE_PORT: "0",
  LOG_LEVEL: "silent",
});

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemo(database, { cylinders: 600, dataKey: config.dataKey, clock });
  platform = await startPlatform(
    loadConfig({
      ...process.env,
      DATABASE_URL: database.url,
      PORT: "0",
      REGISTRY_PORT: "0",
      TRACE_PORT: "0",
      PREFECTURE_PORT: "0",
      LOG_LEVEL: "silent",
    }),
    database,
    createLogger("test", "silent"),
    clock,
  );
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await database?.drop();
});

interface Sample {
  barcode: string;
  kind: string;
  medium: string;
  state: number;
  overdue: boolean;
}

/** Everything personal or internal behind one cylinder's page. */
async function secretsOf(barcode: string): Promise<string[]> {
  const sql = database.sql;
  const [c] = await sql<
    {
      printno: string | null;
      inner_no: string | null;
      company: string | null;
      car_no: string | null;
      car_vin: string | null;
      identity_no_enc: string | null;
      car_type: number | null;
    }[]
  >`select printno, inner_no, company, car_no, car_vin, identity_no_enc, car_type from registry.cylinder where barcode = ${barcode}`;
  const people = await sql<{ name: string }[]>`
    select filler_name as name from trace.fill_record where barcode = ${barcode} and filler_name is not null
    union select inspector_name from trace.before_fill_check where barcode = ${barcode} and inspector_name is not null
    union select inspector_name from trace.after_fill_check where barcode = ${barcode} and inspector_name is not null`;
  const contacts = await sql<{ contact_name: string | null; contact_phone_enc: string | null }[]>`
    select u.contact_name, u.contact_phone_enc from registry.unit u
    where u.id in (select owner_unit_id from registry.cylinder where barcode = ${barcode})
       or u.id in (select unit_id from trace.fill_record where barcode = ${barcode})
       or u.id in (select station_unit_id from trace.inspection_result where barcode = ${barcode})`;
  const secrets = [c?.printno, c?.inner_no, c?.car_no, c?.car_vin, ...people.map((p) => p.name)];
  // the car's user: a person (private car) or a company, never shown to the public either way
  if (c?.company) secrets.push(c.company);
  if (c?.identity_no_enc) {
    const id = openPersonal(c.identity_no_enc, config.dataKey);
    secrets.push(id, maskIdentityNo(id));
  }
  for (const u of contacts) {
    secrets.push(u.contact_name);
    if (u.contact_phone_enc) {
      const phone = openPersonal(u.contact_phone_enc, config.dataKey);
      secrets.push(phone, maskPhone(phone));
    }
  }
  return secrets.filter((s): s is string => typeof s === "string" && s.trim().length >= 2);
}

describe("the scan page of every kind of demo cylinder", () => {
  let samples: Sample[] = [];
  beforeAll(async () => {
    const today = chinaToday(clock);
    samples = await database.sql<Sample[]>`
      select distinct on (kind, medium, state, overdue) barcode, kind::text, medium, state, overdue
      from (select c.*, coalesce(c.next_date < ${today}::date, false) as overdue from registry.cylinder c) c
      order by kind, medium, state, overdue, id`;
  });

  it("covers the demo's kinds: generic and car, several media and states", () => {
    expect(new Set(samples.map((s) => s.kind))).toEqual(new Set(["generic", "car"]));
    expect(new Set(samples.map((s) => s.medium)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(samples.map((s) => s.state)).size).toBeGreaterThanOrEqual(2);
    expect(samples.some((s) => s.overdue)).toBe(true);
  });

  it("shows a verdict and public facts, and nothing personal or internal", async () => {
    let checked = 0;
    for (const s of samples) {
      const res = await fetch(`${platform.url}/c/${encodeURIComponent(s.barcode)}`);
      const html = await res.text();
      expect(res.status, s.barcode).toBe(200);
      expect(html).toMatch(/可以充装|禁止充装/);
      expect(html).toContain(s.medium);
      for (const secret of await secretsOf(s.barcode)) {
        expect(html.includes(secret), `${s.kind} ${s.medium} ${s.barcode} shows «${secret}»`).toBe(false);
        checked++;
      }
      expect(html, s.barcode).not.toMatch(/\b1[3-9]\d{9}\b/);
      expect(html, s.barcode).not.toMatch(/\b\d{6}(19|20)\d{9}[\dX]\b/);
      if (s.kind === "car") expect(html).toContain("不公开");
      if (s.overdue && s.state === 1) expect(html).toContain("超期未检");
    }
    expect(checked).toBeGreaterThan(samples.length); // the check had something to look for
  }, 120_000);
});
