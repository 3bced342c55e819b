/**
 * Killing the workers process in the middle of a large pull (SIGKILL), and stopping it
 * gracefully (SIGTERM): the province ends with exactly the source's rows, none missing, none
 * doubled; an interrupted read resumes at its stored cursor instead of starting over; two
 * workers processes at once never take the same page.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addSource,
  eventually,
  KM,
  type Province,
  redisEnv,
  spawnWorkers,
  startKunming,
  startProvince,
} from "./support";

const BULK = 30_000;
const PAGE = 500;
let kunming: Awaited<ReturnType<typeof startKunming>>;
let province: Province;
let workerEnv: Record<string, string>;
const children: ChildProcess[] = [];

interface GenericState {
  rows_pulled: number;
  cursor: string | null;
  lease_owner: string | null;
  last_success_at: string | null;
}

async function state(): Promise<GenericState> {
  const [s] = await province.database.sql<GenericState[]>`
    select rows_pulled, cursor, lease_owner, last_success_at from prefecture.sync_state where list = 'generic_bottle'`;
  return s!;
}

function start(): ChildProcess {
  const child = spawnWorkers(workerEnv);
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) ok(child.exitCode);
    else child.once("exit", (code) => ok(code));
  });

beforeAll(async () => {
  kunming = await startKunming();
  await kunming.database.sql`
    insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium, style, valve, printno,
      product_date, next_date, state, idle_weight, fill_weight, volume, register_date)
    select 'KMBULK-' || lpad(g::text, 6, '0'), 'generic', ${kunming.world.units.kmFilling}, ${KM}, '液化石油气',
      'YSP35.5', 1 + g % 3, 'P' || g, date '2020-01-01' + g % 900, ${kunming.world.dates.nextDate}::date, 1 + g % 4,
      15 + (g % 300) / 100.0, 14.5, 35.5, ${kunming.clock.now().toISOString()}::timestamptz - (g % 1000) * interval '1 second'
    from generate_series(1, ${BULK}) g`;
  province = await startProvince({}, false);
  await addSource(province, kunming.platform.url, 1);
  workerEnv = {
    ...province.env,
    ...redisEnv(),
    SYNC_PAGE_SIZE: String(PAGE),
    SYNC_LEASE_SECONDS: "3",
    SYNC_CONCURRENCY: "2",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
  };
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await province?.stop();
  await kunming?.stop();
});

describe("an interrupted pull", () => {
  it("SIGTERM finishes the page, gives the lease back and exits; SIGKILL mid-pull, restart: exactly the source's rows", async () => {
    const [{ total }] = (await kunming.database.sql`
      select count(*)::int as total from registry.cylinder where prefecture_code = ${KM} and kind = 'generic'`) as unknown as [
      { total: number },
    ];

    // 1. graceful: SIGTERM mid-read
    let child = start();
    await eventually(async () => (await state()).rows_pulled >= 3 * PAGE, 60_000, "a few pages");
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
    const afterTerm = await state();
    expect(afterTerm.lease_owner).toBeNull(); // given back: the next worker needs no wait
    expect(afterTerm.cursor).not.toBeNull(); // the read is interrupted, not lost
    expect(afterTerm.rows_pulled).toBeLessThan(total);
    expect(afterTerm.rows_pulled % PAGE).toBe(0); // whole pages only

    // 2. brutal: SIGKILL mid-read (mid-page, most likely)
    child = start();
    await eventually(
      async () => (await state()).rows_pulled >= afterTerm.rows_pulled + 6 * PAGE,
      60_000,
      "more pages after the restart",
    );
    child.kill("SIGKILL");
    await exited(child);
    const afterKill = await state();
    expect(afterKill.cursor).not.toBeNull();
    expect(afterKill.rows_pulled).toBeLessThan(total);

    // 3. restart two workers at once: the lease of the killed one runs out, one of them resumes
    //    the read at the cursor, and no page is taken by both
    start();
    start();
    await eventually(
      async () => {
        const s = await state();
        return s.cursor === null && s.last_success_at !== null && s.rows_pulled >= total;
      },
      120_000,
      "the pull to finish",
    );
    const source = await kunming.database.sql`
      select id, barcode from registry.cylinder where prefecture_code = ${KM} and kind = 'generic' order by id`;
    const copy = await province.database.sql`
      select source_id as id, barcode from registry.cylinder where source_prefecture_code = ${KM} and kind = 'generic'
      order by source_id`;
    expect(copy.length).toBe(source.length);
    expect(copy.map((r) => `${r.id}:${r.barcode}`)).toEqual(source.map((r) => `${r.id}:${r.barcode}`));
    // resumed, not started over: each committed page was read once (plus the horizon's second again)
    const done = await state();
    expect(done.rows_pulled).toBeLessThan(total + 2 * PAGE);
    // every synced archive has exactly one ledger leaf
    const [leaves] = await province.database.sql`
      select count(*)::int as n, count(distinct record_id)::int as d from ledger.leaf l
      join registry.cylinder c on c.id = l.record_id and c.kind = 'generic'
      where l.record_table = 'cylinder'`;
    expect(leaves).toEqual({ n: total, d: total });
  }, 300_000);
});
