/**
 * The command-centre console and the regulator's workbench (@cylinder/console) at /console,
 * on the gateway's port. The console is a static bundle that talks to the platform only
 * through /graphql and graphql-ws, like any client; this file only serves its files.
 *
 * Outside production the bundle is built here when missing or stale (a content hash; see
 * console/server.ts), so `npm start` and the tests need no step by hand; production serves
 * what the deployment built (`npm run build -w @cylinder/console`) and says so when it is
 * missing. The files are held in memory with their Brotli and gzip copies, hashed assets are
 * cached for a year, the page itself is revalidated, and every path under /console/ that is
 * not a file is the page (the console's own router reads it). The page runs under a CSP that
 * allows nothing from another host.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { CONSOLE_DIST, ensureConsoleBuilt, isConsoleBuilt } from "@cylinder/console/server";
import type { Logger } from "@cylinder/db";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface ConsoleOptions {
  log: Logger;
  /** Production serves the deployed bundle only and never builds. */
  production: boolean;
}

interface ConsoleFile {
  type: string;
  body: Buffer;
  br?: Buffer;
  gz?: Buffer;
  etag: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

function loadFiles(dir: string): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      if (name.startsWith(".") || name.endsWith(".br") || name.endsWith(".gz")) continue;
      const key = relative(dir, path).split(sep).join("/");
      const body = readFileSync(path);
      files.set(key, {
        type: TYPES[extname(name)] ?? "application/octet-stream",
        body,
        br: existsSync(`${path}.br`) ? readFileSync(`${path}.br`) : undefined,
        gz: existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`) : undefined,
        etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
        immutable: key.startsWith("assets/"),
      });
    }
  };
  walk(dir);
  return files;
}

function send(request: FastifyRequest, reply: FastifyReply, file: ConsoleFile, status = 200) {
  reply
    .code(status)
    .header("content-type", file.type)
    .header("etag", file.etag)
    .header("vary", "accept-encoding")
    .header("x-content-type-options", "nosniff")
    .header("cache-control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.type.startsWith("text/html")) {
    reply
      .header("content-security-policy", CONSOLE_CSP)
      .header("referrer-policy", "no-referrer")
      .header("x-frame-options", "DENY");
  }
  if (status === 200 && request.headers["if-none-match"] === file.etag) return reply.code(304).send();
  const accepts = String(request.headers["accept-encoding"] ?? "");
  if (file.br && /\bbr\b/.test(accepts)) return reply.header("content-encoding", "br").send(file.br);
  if (file.gz && /\bgzip\b/.test(accepts)) return reply.header("content-encoding", "gzip").send(file.gz);
  return reply.send(file.body);
}

export async function registerConsole(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const { log } = options;
  if (!options.production) {
    await ensureConsoleBuilt({ log: (message) => log.info(message) });
  } else if (!isConsoleBuilt()) {
    log.error("the console is not built (npm run build -w @cylinder/console): /console answers 503");
  }
  const files = existsSync(join(CONSOLE_DIST, "index.html")) ? loadFiles(CONSOLE_DIST) : new Map<string, ConsoleFile>();
  const page = files.get("index.html");

  app.get("/console", (_request, reply) => reply.redirect("/console/", 301));
  app.get("/console/*", (request, reply) => {
    if (!page) {
      return reply
        .code(503)
        .header("content-type", "text/plain; charset=utf-8")
        .send("控制台尚未构建：请运行 npm run build -w @cylinder/console (the console is not built)");
    }
    let path: string;
    try {
      path = decodeURIComponent((request.params as { "*": string })["*"] ?? "");
    } catch {
      path = "";
    }
    const file = files.get(path);
    if (file) return send(request, reply, file);
    // a missing asset is a 404; any other path is one of the console's screens
    if (path.startsWith("assets/") || /\.[a-z0-9]{1,5}$/i.test(path)) {
      return reply.code(404).header("content-type", "text/plain; charset=utf-8").send("Not Found");
    }
    return send(request, reply, page);
  });
}
