/**
 * The one config loader. Every process reads its settings here, from the environment, once;
 * a wrong value stops the process at start with the variable named, never later.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { PlatformError } from "./errors";
import { isPrefectureCode } from "./standard/prefectures";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z
  .object({
    /** postgres://… for real PostgreSQL; unset means embedded PGlite under DATA_DIR. */
    DATABASE_URL: optionalText,
    /** Working files: the embedded database, uploaded images. */
    DATA_DIR: z.string().default(".data"),
    /** redis://…; unset means the parts that need Redis (live alarms across processes,
     * sync workers) say so at start and the rest runs. */
    REDIS_URL: optionalText,
    /** Prefix of every Redis key and channel, so platforms and test runs never collide. */
    REDIS_PREFIX: z.string().default("cyl"),
    HOST: z.string().default("127.0.0.1"),
    /** The public port: GraphQL, subscriptions, /PS/*, the scan page and the console. */
    PORT: port(4000),
    REGISTRY_PORT: port(4001),
    TRACE_PORT: port(4002),
    PREFECTURE_PORT: port(4003),
    /** The /PS/* REST adapter's port when it runs as its own process (adapters/ps-rest). */
    PS_REST_PORT: port(4004),
    /** Where a separately running REST adapter reaches the gateway (default http://HOST:PORT). */
    GATEWAY_URL: optionalText,
    /** Where the gateway reaches each subgraph when they run as separate processes
     * (default: http://HOST:<its port>/). */
    REGISTRY_URL: optionalText,
    TRACE_URL: optionalText,
    PREFECTURE_URL: optionalText,
    /** The URL the public scan page is reached at, printed in QR codes (unset: the
     * gateway's own address, fine for a demo, never for labels stuck on cylinders). */
    PUBLIC_BASE_URL: optionalText,
    /** Behind a reverse proxy: whose X-Forwarded-For to believe for the caller's address (the
     * scan page's per-address limits): "true" (any) or comma-separated addresses/CIDRs of the proxies. */
    TRUST_PROXY: optionalText,
    /** GraphQL introspection (what the IDE at /graphql reads the schema with): on unless
     * set to false, e.g. on a platform exposed where the schema should not be browsable. */
    GRAPHQL_INTROSPECTION: z
      .enum(["true", "false", "1", "0", "on", "off"])
      .default("true")
      .transform((v) => v === "true" || v === "1" || v === "on"),
    /** province: the provincial platform; prefecture: a self-built prefecture platform. */
    PLATFORM_MODE: z.enum(["province", "prefecture"]).default("province"),
    /** The prefecture a prefecture-mode platform serves (GB/T 2260 code). */
    PLATFORM_PREFECTURE: optionalText,
    /** 32 hex digits: the SM4 key that encrypts personal data and per-account keys at rest. */
    DATA_KEY: optionalText,
    /** 64 hex digits: the platform's SM2 private key that signs ledger tree heads. */
    LEDGER_SM2_PRIVATE_KEY: optionalText,
    /** Comma-separated SM2 public keys (130 hex digits) of earlier, rotated-out signing keys,
     * so heads they signed still verify. */
    LEDGER_SM2_RETIRED_PUBLIC_KEYS: optionalText,
    /** 64 hex digits: the HMAC-SM3 key sealing each leaf to its position (never rotates
     * without a migration of the seals; see db/src/ledger/README.md). */
    LEDGER_SEAL_KEY: optionalText,
    /** How often a signed tree head is produced (and pending leaves sequenced). */
    LEDGER_CHECKPOINT_SECONDS: z.coerce.number().positive().default(300),
    TICKET_TTL_SECONDS: z.coerce.number().int().positive().default(7200),
    /** 64 hex digits: signs login tickets (HMAC-SM3). TICKET_KEY_PREVIOUS keeps tickets signed
     * with the key before a rotation valid until they expire. */
    TICKET_KEY: optionalText,
    TICKET_KEY_PREVIOUS: optionalText,
    /** 64 hex digits shared by the gateway and the subgraphs: signs the identity the gateway
     * forwards, so a client cannot forge it. */
    GATEWAY_SECRET: optionalText,
    /** How long a rotated password or SM4 key keeps working beside the new one. */
    CREDENTIAL_OVERLAP_HOURS: z.coerce.number().positive().default(72),
    /** Prefecture sync (province mode, with REDIS_URL): rows per page asked of a source, how
     * long a puller's lease on a source×list lasts without a page committed, parallel pulls
     * per worker process, attempts per pull with exponential backoff from SYNC_BACKOFF_MS, and
     * after how many failed attempts in a row a sync_failure alarm is raised. */
    SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(2000),
    SYNC_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
    SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    SYNC_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    SYNC_BACKOFF_MS: z.coerce.number().int().min(1).default(2000),
    SYNC_ALARM_AFTER: z.coerce.number().int().min(1).default(3),
    /** Comma-separated paths of the operator's holiday notices (国务院节假日安排, one year per
     * file, format in db/calendar/README.md), merged over the built-in calendar at start. */
    HOLIDAY_NOTICE_FILES: optionalText,
    /** How often the calendar job runs (the notice warning, re-assessing undetermined results). */
    CALENDAR_JOB_SECONDS: z.coerce.number().positive().default(3600),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Demo cylinders loaded by `npm start` into an empty database. */
    DEMO_CYLINDERS: z.coerce.number().int().min(0).default(20_000),
    NODE_ENV: z.string().default("development"),
  })
  .superRefine((env, ctx) => {
    if (env.PLATFORM_MODE === "prefecture" && !(env.PLATFORM_PREFECTURE && isPrefectureCode(env.PLATFORM_PREFECTURE))) {
      ctx.addIssue({
        code: "custom",
        path: ["PLATFORM_PREFECTURE"],
        message: "州市平台模式需要有效的州市代码 (PLATFORM_PREFECTURE, e.g. 530100)",
      });
    }
    for (const name of ["TICKET_KEY", "TICKET_KEY_PREVIOUS", "GATEWAY_SECRET"] as const) {
      const v = env[name];
      if (v && !/^[0-9a-fA-F]{64}$/.test(v)) {
        ctx.addIssue({ code: "custom", path: [name], message: `${name} 须为 64 位十六进制` });
      }
    }
    if (env.PUBLIC_BASE_URL && !/^https?:\/\/[^/\s]+(\/\S*)?$/.test(env.PUBLIC_BASE_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_BASE_URL"],
        message: "PUBLIC_BASE_URL 须为 http:// 或 https:// 开头的网址",
      });
    }
    if (env.DATA_KEY && !/^[0-9a-fA-F]{32}$/.test(env.DATA_KEY)) {
      ctx.addIssue({ code: "custom", path: ["DATA_KEY"], message: "DATA_KEY 须为 32 位十六进制 (SM4 128-bit key)" });
    }
    if (env.LEDGER_SM2_PRIVATE_KEY && !/^[0-9a-fA-F]{64}$/.test(env.LEDGER_SM2_PRIVATE_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["LEDGER_SM2_PRIVATE_KEY"],
        message: "LEDGER_SM2_PRIVATE_KEY 须为 64 位十六进制 (SM2 私钥)",
      });
    }
    for (const k of splitList(env.LEDGER_SM2_RETIRED_PUBLIC_KEYS)) {
      if (!/^04[0-9a-fA-F]{128}$/.test(k)) {
        ctx.addIssue({
          code: "custom",
          path: ["LEDGER_SM2_RETIRED_PUBLIC_KEYS"],
          message: "LEDGER_SM2_RETIRED_PUBLIC_KEYS 须为逗号分隔的 SM2 公钥 (04 开头, 130 位十六进制)",
        });
      }
    }
    if (env.LEDGER_SEAL_KEY && !/^[0-9a-fA-F]{64}$/.test(env.LEDGER_SEAL_KEY)) {
      ctx.addIssue({ code: "custom", path: ["LEDGER_SEAL_KEY"], message: "LEDGER_SEAL_KEY 须为 64 位十六进制" });
    }
  });

function splitList(v: string | undefined): string[] {
  return (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function trustProxyOf(v: string | undefined): boolean | string {
  if (v === undefined || v === "false") return false;
  return v === "true" ? true : v;
}

export type Env = z.infer<typeof envSchema>;

export interface Config {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  readonly redisPrefix: string;
  readonly host: string;
  readonly ports: {
    readonly gateway: number;
    readonly registry: number;
    readonly trace: number;
    readonly prefecture: number;
    readonly psRest: number;
  };
  /** The gateway's base URL for parts that run apart from it (the REST adapter). */
  readonly gatewayUrl: string;
  readonly subgraphUrls: { readonly registry: string; readonly trace: string; readonly prefecture: string };
  /** PUBLIC_BASE_URL without a trailing slash; undefined: the gateway's own address. */
  readonly publicBaseUrl: string | undefined;
  /** fastify's trustProxy: false unless TRUST_PROXY says whom to believe. */
  readonly trustProxy: boolean | string;
  /** Whether the GraphQL schema answers introspection (the IDE needs it). */
  readonly graphqlIntrospection: boolean;
  readonly platform: { readonly mode: "province" | "prefecture"; readonly prefectureCode: string | undefined };
  /** SM4 data key (hex); a fixed development key when DATA_KEY is unset (and `dataKeyIsDefault`). */
  readonly dataKey: string;
  readonly dataKeyIsDefault: boolean;
  /** The tamper-evident ledger's keys and schedule (see db/src/ledger/keys.ts). */
  readonly ledger: {
    /** SM2 private key signing tree heads (hex). */
    readonly privateKey: string;
    /** Public keys of earlier signing keys (hex), still trusted for the heads they signed. */
    readonly retiredPublicKeys: readonly string[];
    /** HMAC-SM3 key sealing leaves to their positions (hex). */
    readonly sealKey: string;
    /** True when the development keys stand in (never in production). */
    readonly keysAreDefault: boolean;
    readonly checkpointSeconds: number;
  };
  readonly ticketTtlSeconds: number;
  /** Current and (during a rotation) previous ticket-signing keys, hex. */
  readonly ticketKeys: readonly string[];
  readonly gatewaySecret: string;
  readonly credentialOverlapMs: number;
  /** The prefecture sync's settings (see SYNC_* above). */
  readonly sync: {
    readonly pageSize: number;
    readonly leaseSeconds: number;
    readonly concurrency: number;
    readonly attempts: number;
    readonly backoffMs: number;
    readonly alarmAfter: number;
  };
  /** The working-day calendar's notices and its scheduled job. */
  readonly calendar: { readonly noticeFiles: readonly string[]; readonly jobSeconds: number };
  readonly logLevel: Env["LOG_LEVEL"];
  readonly demoCylinders: number;
  readonly production: boolean;
}

/** Development-only keys; production refuses to start without its own. */
const DEVELOPMENT_DATA_KEY = "0123456789abcdeffedcba9876543210";
const DEVELOPMENT_TICKET_KEY = "7469636b65742d6b65792d666f722d646576656c6f706d656e742d6f6e6c7921";
const DEVELOPMENT_GATEWAY_SECRET = "676174657761792d7365637265742d666f722d646576656c6f706d656e742121";

/** Development-only ledger keys; production refuses to start without its own. */
const DEVELOPMENT_LEDGER_SM2_PRIVATE_KEY = "64d4d4d236da06ec7a3ee16dcbf54f7740205cbd2d0ec92cf7f58e39d27e7ea5";
const DEVELOPMENT_LEDGER_SEAL_KEY = "db7fead20ff8a162e8c755486844e18e209d4b99a533bebd4fe9a746d73d7a7d";

export function loadConfig(source: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new PlatformError("CONFIG_INVALID", { reason });
  }
  const env = parsed.data;
  const production = env.NODE_ENV === "production";
  if (production) {
    // production never runs on the development keys: name every one that is missing
    const required = ["DATA_KEY", "TICKET_KEY", "GATEWAY_SECRET", "LEDGER_SM2_PRIVATE_KEY", "LEDGER_SEAL_KEY"] as const;
    const missing = required.filter((k) => !env[k]);
    if (missing.length > 0) {
      throw new PlatformError("CONFIG_INVALID", { reason: `生产环境必须设置 ${missing.join(", ")}` });
    }
  }
  return Object.freeze({
    databaseUrl: env.DATABASE_URL,
    dataDir: resolve(env.DATA_DIR),
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    host: env.HOST,
    ports: Object.freeze({
      gateway: env.PORT,
      registry: env.REGISTRY_PORT,
      trace: env.TRACE_PORT,
      prefecture: env.PREFECTURE_PORT,
      psRest: env.PS_REST_PORT,
    }),
    gatewayUrl: env.GATEWAY_URL ?? `http://${env.HOST}:${env.PORT}`,
    subgraphUrls: Object.freeze({
      registry: env.REGISTRY_URL ?? `http://${env.HOST}:${env.REGISTRY_PORT}/`,
      trace: env.TRACE_URL ?? `http://${env.HOST}:${env.TRACE_PORT}/`,
      prefecture: env.PREFECTURE_URL ?? `http://${env.HOST}:${env.PREFECTURE_PORT}/`,
    }),
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ""),
    graphqlIntrospection: env.GRAPHQL_INTROSPECTION,
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    platform: Object.freeze({ mode: env.PLATFORM_MODE, prefectureCode: env.PLATFORM_PREFECTURE }),
    dataKey: (env.DATA_KEY ?? DEVELOPMENT_DATA_KEY).toLowerCase(),
    dataKeyIsDefault: !env.DATA_KEY,
    ledger: Object.freeze({
      privateKey: (env.LEDGER_SM2_PRIVATE_KEY ?? DEVELOPMENT_LEDGER_SM2_PRIVATE_KEY).toLowerCase(),
      retiredPublicKeys: Object.freeze(splitList(env.LEDGER_SM2_RETIRED_PUBLIC_KEYS).map((k) => k.toLowerCase())),
      sealKey: (env.LEDGER_SEAL_KEY ?? DEVELOPMENT_LEDGER_SEAL_KEY).toLowerCase(),
      keysAreDefault: !env.LEDGER_SM2_PRIVATE_KEY || !env.LEDGER_SEAL_KEY,
      checkpointSeconds: env.LEDGER_CHECKPOINT_SECONDS,
    }),
    ticketTtlSeconds: env.TICKET_TTL_SECONDS,
    ticketKeys: Object.freeze(
      [env.TICKET_KEY ?? DEVELOPMENT_TICKET_KEY, env.TICKET_KEY_PREVIOUS]
        .filter((k): k is string => !!k)
        .map((k) => k.toLowerCase()),
    ),
    gatewaySecret: (env.GATEWAY_SECRET ?? DEVELOPMENT_GATEWAY_SECRET).toLowerCase(),
    credentialOverlapMs: env.CREDENTIAL_OVERLAP_HOURS * 3_600_000,
    sync: Object.freeze({
      pageSize: env.SYNC_PAGE_SIZE,
      leaseSeconds: env.SYNC_LEASE_SECONDS,
      concurrency: env.SYNC_CONCURRENCY,
      attempts: env.SYNC_ATTEMPTS,
      backoffMs: env.SYNC_BACKOFF_MS,
      alarmAfter: env.SYNC_ALARM_AFTER,
    }),
    calendar: Object.freeze({
      noticeFiles: Object.freeze(splitList(env.HOLIDAY_NOTICE_FILES).map((f) => resolve(f))),
      jobSeconds: env.CALENDAR_JOB_SECONDS,
    }),
    logLevel: env.LOG_LEVEL,
    demoCylinders: env.DEMO_CYLINDERS,
    production,
  });
}
