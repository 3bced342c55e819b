/**
 * The working-day calendar as an operator meets it: the readiness answer warns from
 * 1 November when next year's holiday notice is missing (and not once it is added through
 * HOLIDAY_NOTICE_FILES), and a notice that does not parse stops a process at start with the
 * file and line named.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startTestPlatform } from "./support/platform";

const TEST_NOTICE = fileURLToPath(new URL("../db/test/fixtures/holiday-notice-2027.test-only.txt", import.meta.url));
const TRACE_ENTRY = fileURLToPath(new URL("../subgraphs/trace/src/cli/serve.ts", import.meta.url));

interface Ready {
  status: string;
  calendar: { lastYear: number; neededYear: number; neededYearKnown: boolean; warning: string | null };
  warnings: string[];
}

async function readyz(url: string): Promise<{ status: number; body: Ready }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Ready };
}

describe("GET /readyz tells the operator about the calendar", () => {
  it("warns on 2 November 2026 that the 2027 notice is missing; ready all the same", async () => {
    const t = await startTestPlatform({}, { now: "2026-11-02T02:00:00Z" });
    try {
      const { status, body } = await readyz(t.platform.url);
      expect(status).toBe(200);
      expect(body.status).toBe("ready");
      expect(body.calendar).toMatchObject({ lastYear: 2026, neededYear: 2027, neededYearKnown: false });
      expect(body.calendar.warning).toContain("尚未收录 2027 年的法定节假日安排");
      expect(body.warnings).toEqual([body.calendar.warning]);
      expect((await fetch(`${t.platform.url}/healthz`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });

  it("says nothing on 31 October, nor once the notice is added", async () => {
    const october = await startTestPlatform({}, { now: "2026-10-31T02:00:00Z" });
    try {
      expect((await readyz(october.platform.url)).body.calendar.warning).toBeNull();
    } finally {
      await october.stop();
    }
    const added = await startTestPlatform({ HOLIDAY_NOTICE_FILES: TEST_NOTICE }, { now: "2026-11-02T02:00:00Z" });
    try {
      const { body } = await readyz(added.platform.url);
      expect(body.calendar).toMatchObject({ lastYear: 2027, neededYear: 2027, neededYearKnown: true, warning: null });
      expect(body.warnings).toEqual([]);
    } finally {
      await added.stop();
    }
  });
});

describe("a holiday notice that does not parse stops the process at start", () => {
  it("names the file and the line, and exits non-zero", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cyl-notice-"));
    const bad = join(dir, "holidays-2027.txt");
    writeFileSync(bad, "# 2027\nyear 2027\nrest 2027-02-30 春节\n");
    const child = spawn(process.execPath, ["--import", "tsx", TRACE_ENTRY], {
      env: { ...process.env, HOLIDAY_NOTICE_FILES: bad, TRACE_PORT: "0", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      out += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(out).toContain(`节假日安排文件 ${bad} 第 3 行有误：日期无效：2027-02-30`);
  });
});
