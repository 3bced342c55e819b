/**
 * Shared bits of the benchmarks: a named benchmark database on the local PostgreSQL (kept
 * between runs so the expensive fixtures are built once; `--rebuild` drops it), timing and
 * formatting.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type Database, loadConfig, migrate, openDatabase } from "@cylinder/db";
import { ADMIN_URL, urlFor } from "@cylinder/db/testing";
import postgres from "postgres";

export async function benchDatabase(name: string, rebuild: boolean): Promise<{ db: Database; fresh: boolean }> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  let fresh = false;
  try {
    if (rebuild) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) {
      await admin.unsafe(`create database "${name}"`);
      fresh = true;
    }
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ url: urlFor(name), max: 8, applicationName: "bench" });
  await migrate(db);
  return { db, fresh };
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, (performance.now() - t0) / 1000];
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const has = (flag: string) => process.argv.includes(flag);
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Where the platform started by `spawnPlatform` listens (platform-process.ts prints it). */
export interface PlatformEndpoints {
  url: string;
  subgraphs: Record<string, string>;
}

/**
 * The whole platform on database `name` in a child process (platform-process.ts), as deployed
 * (NODE_ENV=production, with the development keys a production start requires explicitly),
 * so the load generator does not share the server's event loop.
 */
export async function spawnPlatform(name: string): Promise<{ child: ChildProcess; endpoints: PlatformEndpoints }> {
  const c = loadConfig({});
  const keys = {
    DATA_KEY: c.dataKey,
    TICKET_KEY: c.ticketKeys[0]!,
    GATEWAY_SECRET: c.gatewaySecret,
    LEDGER_SM2_PRIVATE_KEY: c.ledger.privateKey,
    LEDGER_SEAL_KEY: c.ledger.sealKey,
  };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./platform-process.ts", import.meta.url))],
    {
      env: { ...process.env, DATABASE_URL: urlFor(name), LOG_LEVEL: "warn", NODE_ENV: "production", ...keys },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const endpoints = await new Promise<PlatformEndpoints>((resolve) => {
    let buf = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      const line = buf.split("\n").find((l) => l.startsWith("PLATFORM "));
      if (line) resolve(JSON.parse(line.slice("PLATFORM ".length)));
    });
  });
  return { child, endpoints };
}
