/**
 * The client factory. Every process talks to its database through postgres.js (and drizzle
 * over it): real PostgreSQL when a URL is given, otherwise an embedded PGlite kept in
 * DATA_DIR and served on a loopback port by pglite-socket, so one driver and one set of
 * queries serve both. PGlite runs one query at a time and keeps each transaction whole (its
 * socket server queues other connections meanwhile); COPY FROM STDIN is not available there,
 * so bulk loads fall back to multi-row INSERT (see `engine`).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import * as schema from "./schema/index";

export type Schema = typeof schema;
export type Drizzle = PostgresJsDatabase<Schema>;

export interface Database {
  /** Which server is behind the connection. */
  readonly engine: "postgres" | "pglite";
  /** The connection string clients use (for PGlite, the embedded server's loopback URL). */
  readonly url: string;
  /** postgres.js, for raw SQL, COPY and cursors. Dates and timestamps come back as text. */
  readonly sql: Sql;
  /** drizzle over the same connections (snake_case columns). */
  readonly db: Drizzle;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; unset means embedded PGlite in `dataDir`. */
  url?: string | undefined;
  /** Folder for the embedded database (`<dataDir>/pglite`); ":memory:" keeps it in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL (default 10); the embedded PGlite always has one connection. */
  max?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

interface Embedded {
  pglite: PGlite;
  server: PGLiteSocketServer;
  url: string;
  /** The one connection of this process to the embedded database. */
  sql: Sql;
  refs: number;
}

// One embedded PGlite per folder per process, shared by every component of `npm start`.
const embedded = new Map<string, Promise<Embedded>>();

async function startEmbedded(dataDir: string): Promise<Embedded> {
  let location = "memory://";
  if (dataDir !== ":memory:") {
    location = join(dataDir, "pglite");
    await mkdir(location, { recursive: true });
  }
  const pglite = await PGlite.create(location);
  const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0, maxConnections: 32 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return { pglite, server, url, sql: connect(url, 1, "platform"), refs: 0 };
}

async function acquireEmbedded(dataDir: string): Promise<Embedded> {
  let pending = embedded.get(dataDir);
  if (!pending) {
    pending = startEmbedded(dataDir);
    embedded.set(dataDir, pending);
    pending.catch(() => embedded.delete(dataDir));
  }
  const e = await pending;
  e.refs += 1;
  return e;
}

async function releaseEmbedded(dataDir: string): Promise<void> {
  const pending = embedded.get(dataDir);
  if (!pending) return;
  const e = await pending;
  e.refs -= 1;
  if (e.refs > 0) return;
  embedded.delete(dataDir);
  await e.sql.end({ timeout: 5 });
  await e.server.stop();
  await e.pglite.close();
}

function connect(url: string, max: number, applicationName: string): Sql {
  return postgres(url, {
    max,
    onnotice: () => {},
    connection: { application_name: applicationName },
    // int8 (ids, counts) as a JS number: ids stay far below 2^53 for the life of the platform
    types: {
      int8: { to: 20, from: [20], serialize: (v: number) => String(v), parse: (v: string) => Number(v) },
    },
  });
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const applicationName = options.applicationName ?? "cylinder";
  if (options.url) {
    const sql = connect(options.url, options.max ?? 10, applicationName);
    return {
      engine: "postgres",
      url: options.url,
      sql,
      db: drizzle(sql, { schema, casing: "snake_case" }),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? ".data";
  const e = await acquireEmbedded(dataDir);
  let closed = false;
  return {
    engine: "pglite",
    url: e.url,
    sql: e.sql,
    db: drizzle(e.sql, { schema, casing: "snake_case" }),
    async close() {
      if (closed) return;
      closed = true;
      await releaseEmbedded(dataDir);
    },
  };
}
