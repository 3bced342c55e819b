/**
 * The console's build, as the platform runs it: `npm start` and the tests never need a step by
 * hand. The gateway (gateway/src/console.ts) asks `ensureConsoleBuilt()` before it serves
 * `/console`; the bundle is rebuilt only when its inputs changed (a content hash of the
 * sources, the build config and the lock file, stored beside the bundle), so a start with an
 * up-to-date bundle costs a few milliseconds of hashing and never loads Vite.
 *
 * A build runs Vite in a child process into a fresh folder, writes Brotli and gzip copies of
 * every text asset (the gateway serves them as they are), stamps it, and swaps it in place of
 * `dist/` in one rename, so a server never reads a half-written bundle. Concurrent starts (test
 * files starting platforms at once) take a lock folder holding the builder's pid; a lock whose
 * process is gone is taken over.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const CONSOLE_ROOT = dirname(fileURLToPath(import.meta.url));
export const CONSOLE_DIST = join(CONSOLE_ROOT, "dist");
const STAMP_FILE = ".build-stamp";
const LOCK = join(CONSOLE_ROOT, ".build-lock");

/** Files whose content decides the bundle (besides the installed packages, via the lock file). */
const INPUTS = ["index.html", "vite.config.ts", "package.json", "tsconfig.json", "src", "public"];

function listFiles(path: string, out: string[]): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) listFiles(join(path, name), out);
  } else {
    out.push(path);
  }
}

/** SHA-256 of every input's path and bytes, and of the workspace's package-lock.json. */
export function sourceStamp(): string {
  const hash = createHash("sha256");
  const files: string[] = [];
  for (const input of INPUTS) listFiles(join(CONSOLE_ROOT, input), files);
  const lock = join(CONSOLE_ROOT, "..", "package-lock.json");
  if (existsSync(lock)) files.push(lock);
  for (const file of files) {
    hash.update(relative(CONSOLE_ROOT, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Whether dist/ holds a bundle built from the current inputs. */
export function isConsoleBuilt(stamp = sourceStamp()): boolean {
  const file = join(CONSOLE_DIST, STAMP_FILE);
  return existsSync(join(CONSOLE_DIST, "index.html")) && existsSync(file) && readFileSync(file, "utf8") === stamp;
}

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

/** Writes `.br` and `.gz` beside every text file worth compressing. */
function precompress(dir: string): void {
  const files: string[] = [];
  listFiles(dir, files);
  for (const file of files) {
    if (!COMPRESSIBLE.test(file)) continue;
    const body = readFileSync(file);
    if (body.length < 1024) continue;
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the build lock, or returns false when a live process holds it. */
function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    writeFileSync(join(LOCK, "pid"), String(process.pid));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(join(LOCK, "pid"), "utf8"));
    } catch {
      // the holder has not written its pid yet: treat it as alive
      return false;
    }
    if (Number.isInteger(holder) && processAlive(holder)) return false;
    rmSync(LOCK, { recursive: true, force: true });
    return tryLock();
  }
}

function runVite(outDir: string): Promise<void> {
  const require = createRequire(join(CONSOLE_ROOT, "package.json"));
  const bin = join(dirname(require.resolve("vite/package.json")), "bin", "vite.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
      cwd: CONSOLE_ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`console build failed (vite exit ${code})`)),
    );
  });
}

export interface EnsureOptions {
  /** Build even when the stamp matches. */
  force?: boolean;
  /** Progress lines ("building the console…"). */
  log?: (message: string) => void;
}

/** Builds the console when its bundle is missing or stale; returns whether it built. */
export async function ensureConsoleBuilt(options: EnsureOptions = {}): Promise<boolean> {
  const stamp = sourceStamp();
  if (!options.force && isConsoleBuilt(stamp)) return false;
  for (;;) {
    if (tryLock()) break;
    await new Promise((r) => setTimeout(r, 250));
    if (!options.force && isConsoleBuilt(stamp)) return false; // another process built it meanwhile
  }
  try {
    if (!options.force && isConsoleBuilt(stamp)) return false;
    options.log?.("控制台前端构建中 (building the console, once per change)…");
    const started = performance.now();
    const out = join(CONSOLE_ROOT, `.dist-${process.pid}`);
    rmSync(out, { recursive: true, force: true });
    await runVite(out);
    precompress(out);
    writeFileSync(join(out, STAMP_FILE), stamp);
    const old = join(CONSOLE_ROOT, `.dist-old-${process.pid}`);
    if (existsSync(CONSOLE_DIST)) renameSync(CONSOLE_DIST, old);
    renameSync(out, CONSOLE_DIST);
    rmSync(old, { recursive: true, force: true });
    options.log?.(`控制台前端已构建 (console built in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
