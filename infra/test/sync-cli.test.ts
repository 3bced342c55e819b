/**
 * `npm run sync` against a real province database (no Redis: the queue-less commands):
 * add a source (the password from the environment, stored sealed), status, pause and resume,
 * re-pull from a time, the quarantine and settling a row; refusals say why.
 */
import { PREFECTURES } from "@cylinder/db";
import { prefecture } from "@cylinder/db/schema";
import { createTestDatabase, type TestDatabase } from "@cylinder/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runSyncCli } from "../src/cli/sync";

let t: TestDatabase;
let env: Record<string, string>;

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  try {
    const code = await runSyncCli(argv, env);
    return { code, out: lines.join("\n") };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insert(prefecture).values(PREFECTURES.map((p) => ({ code: p.code, name: p.name, mode: p.mode })));
  env = { DATABASE_URL: t.url, LOG_LEVEL: "silent", KM_PASSWORD: "s3cret!" };
});
afterAll(async () => {
  await t?.drop();
});

describe("npm run sync", () => {
  it("adds a source with its password sealed, and lists it", async () => {
    const add = await run(
      "add",
      "--prefecture",
      "530100",
      "--url",
      "https://km.example/",
      "--username",
      "province",
      "--password-env",
      "KM_PASSWORD",
      "--interval",
      "30",
    );
    expect(add).toEqual({ code: 0, out: expect.stringContaining("530100") });
    const [row] = await t.sql`select base_url, password_enc from prefecture.sync_source`;
    expect(row!.base_url).toBe("https://km.example");
    expect(row!.password_enc).toMatch(/^gcm1:/);
    expect(row!.password_enc).not.toContain("s3cret");
    expect((await run("sources")).out).toContain("https://km.example  账号 province  每 30s");
  });

  it("refuses a prefecture that uses the province platform", async () => {
    await expect(
      run(
        "add",
        "--prefecture",
        "530300",
        "--url",
        "https://qj.example",
        "--username",
        "p",
        "--password-env",
        "KM_PASSWORD",
      ),
    ).rejects.toThrow("使用省级平台");
  });

  it("shows the state of every list, pauses, resumes and re-pulls", async () => {
    const status = JSON.parse((await run("status", "--json")).out) as { list: string; paused: boolean }[];
    expect(status.map((s) => s.list)).toEqual([
      "generic_bottle",
      "car_bottle",
      "before_fill_check",
      "fill_record",
      "after_fill_check",
      "inspection_result",
    ]);
    expect((await run("pause", "--prefecture", "530100")).out).toContain("已暂停");
    expect((await run("status")).out).toContain("已暂停");
    await run("resume", "--prefecture", "530100");
    expect((await run("status")).out).not.toContain("已暂停");
    const repull = await run("repull", "--prefecture", "530100", "--since", "20260101000000", "--list", "fill_record");
    expect(repull.out).toContain("2026-01-01 00:00:00");
    const [s] = await t.sql`select watermark from prefecture.sync_state where list = 'fill_record'`;
    expect(new Date(s!.watermark).toISOString()).toBe("2025-12-31T16:00:00.000Z");
  });

  it("lists the quarantine and settles a row", async () => {
    const [src] = await t.sql`select id from prefecture.sync_source`;
    const [q] = await t.sql`
      insert into prefecture.sync_quarantine (source_id, list, source_record_id, payload, reason)
      values (${src!.id}, 'generic_bottle', '42', '{"Barcode":"X"}', '字段 ProductDate 的日期无效') returning id`;
    expect((await run("quarantine")).out).toContain("来源 Id 42");
    await run("resolve", "--id", String(q!.id));
    expect((await run("quarantine")).out).toBe("");
    expect((await run("quarantine", "--all")).out).toContain("已处理");
  });
});
