/**
 * `npm run verify` end to end: a small log on real PostgreSQL passes (exit 0); after an
 * attacker with database access edits a fill, deletes a check and inserts a row behind the
 * platform's back, the command names each one and exits 1.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadConfig, systemClock } from "@cylinder/db";
import { appendLeaves, checkpoint, ledgerKeys } from "@cylinder/db/ledger";
import { createTestDatabase, type TestDatabase } from "@cylinder/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runVerify } from "../src/cli/verify";

let t: TestDatabase;
const fills: number[] = [];
const checks: number[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const [u] = await t.sql<{ id: number }[]>`
    insert into registry.unit (kind, name, prefecture_code) values ('filling', '文山充装站', '532600') returning id`;
  for (let i = 0; i < 6; i++) {
    await t.sql.begin(async (tx) => {
      const [c] = await tx<{ id: number }[]>`
        insert into trace.before_fill_check (unit_id, third_id, barcode, state, checked_at, prefecture_code)
        values (${u!.id}, ${i}, ${`CLI-${i}`}, 0, now(), '532600') returning id`;
      const [f] = await tx<{ id: number }[]>`
        insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight, begin_at,
          end_at, prefecture_code)
        values (${u!.id}, ${i}, ${`CLI-${i}`}, 15.2, 29.7, 14.5, now(), now(), '532600') returning id`;
      await appendLeaves(tx, [
        { table: "trace.before_fill_check", id: c!.id },
        { table: "trace.fill_record", id: f!.id },
      ]);
      checks.push(c!.id);
      fills.push(f!.id);
    });
  }
  await checkpoint(t.sql, ledgerKeys(loadConfig({})), systemClock);
});
afterAll(() => t.drop());

const env = () => ({ DATABASE_URL: t.url, LOG_LEVEL: "silent" });

async function run(args: string[] = []): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
    lines.push(a.join(" "));
  });
  const err = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return { code: await runVerify(args, env()), out: lines.join("\n") };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe("npm run verify", () => {
  it("passes an untouched log", async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).toContain("12 leaves");
    expect(out).toContain("结果 OK");
  });

  it("names each edited, deleted and inserted record and exits non-zero", async () => {
    await t.sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update trace.fill_record set net_weight = 13.90 where id = ${fills[1]!}`;
      await tx`delete from trace.before_fill_check where id = ${checks[4]!}`;
      await tx`insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight,
                 begin_at, end_at, prefecture_code)
               select unit_id, 424242, 'CLI-FORGED', idle_weight, gross_weight, net_weight, begin_at, end_at,
                 prefecture_code from trace.fill_record where id = ${fills[0]!}`;
    });
    const [forged] = await t.sql<{ id: number }[]>`select id from trace.fill_record where third_id = 424242`;
    const { code, out } = await run();
    expect(code).toBe(1);
    expect(out).toContain(`EDITED    trace.fill_record #${fills[1]}`);
    expect(out).toContain(`DELETED   trace.before_fill_check #${checks[4]}`);
    expect(out).toContain(`INSERTED trace.fill_record #${forged!.id}`);
    expect(out).toContain("结果 FAILED: 3 findings");

    const json = JSON.parse((await run(["--json"])).out);
    expect(json.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(["deleted", "edited", "inserted"]);
  });

  it("is the root script's command, with its exit code", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const r = spawnSync("npm", ["run", "--silent", "verify"], {
      cwd: root,
      env: { ...process.env, ...env() },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`trace.fill_record #${fills[1]}`);
  });
});
