/**
 * Loads a demo into an empty database: plans it, writes the small tables, then streams the
 * cylinders and their trace rows in one pass (COPY on PostgreSQL, multi-row INSERT inside
 * one transaction on PGlite), then moves the identity sequences past the explicit ids.
 */
import { chinaMidnight, type Database, openDatabase, PlatformError, PREFECTURES } from "@cylinder/db";
import {
  account,
  afterFillCheck,
  beforeFillCheck,
  carCodeRange,
  cylinder,
  fillPermission,
  fillRecord,
  inspectionOrder,
  inspectionOrderItem,
  inspectionResult,
  registration,
  registrationItem,
  unit,
} from "@cylinder/db/schema";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { accountRows, type DemoAccount } from "./accounts";
import { CYLINDER_COLUMNS, emitCylinders, newCylinderContext, REGISTRATION_ITEM_COLUMNS } from "./cylinders";
import { appendDemoLeaves } from "./ledger";
import {
  type DemoOptions,
  type DemoPlan,
  fillWindowStart,
  planDemo,
  type ResolvedOptions,
  resolveOptions,
} from "./plan";
import { Rng } from "./random";
import {
  CHECK_COLUMNS,
  emitTrace,
  emptyStats,
  FILL_COLUMNS,
  ORDER_ITEM_COLUMNS,
  RESULT_COLUMNS,
  type TraceContext,
  type TraceStats,
} from "./trace";
import { type BulkWriter, CopyWriter, InsertWriter, NullWriter, qualifiedName, verifyForeignKeys } from "./writer";

export interface LoadOptions extends DemoOptions {
  /** Empty the platform's tables first (never in production). */
  readonly reset?: boolean;
  /** Called after each batch with cylinders written so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  readonly options: ResolvedOptions;
  readonly engine: Database["engine"];
  readonly accounts: readonly DemoAccount[];
  /** Rows written per table (`schema.table`). */
  readonly rows: Readonly<Record<string, number>>;
  readonly stats: TraceStats;
  readonly seconds: {
    /** Planning, and hashing the demo passwords. */
    readonly plan: number;
    /** Everything written, indexes rebuilt and sequences advanced. */
    readonly write: number;
    /** Of `write`: the streaming pass (generation and COPY/INSERT until the last row is in). */
    readonly stream: number;
    /** Of `write`: rebuilding the streamed tables' indexes and committing (PostgreSQL). */
    readonly indexes: number;
    /** Appending the ledger's leaves for the loaded records (sequenced later, by a checkpoint). */
    readonly ledger: number;
    /** ANALYZE afterwards. */
    readonly finish: number;
    readonly total: number;
  };
}

/** Tables the demo writes (prefecture.prefecture is upserted separately), parents first. */
const DEMO_TABLES: readonly PgTable[] = [
  unit,
  account,
  registration,
  inspectionOrder,
  carCodeRange,
  fillPermission,
  cylinder,
  registrationItem,
  inspectionOrderItem,
  inspectionResult,
  beforeFillCheck,
  fillRecord,
  afterFillCheck,
];

/** The tables written by the one streaming pass (bulk-loaded on PostgreSQL). */
const STREAMED_TABLES: readonly PgTable[] = [
  cylinder,
  registrationItem,
  inspectionOrderItem,
  inspectionResult,
  beforeFillCheck,
  fillRecord,
  afterFillCheck,
];

/** True when none of the tables the demo writes holds a row. */
export async function isDemoTarget(sql: Sql): Promise<boolean> {
  const probes = DEMO_TABLES.map((t) => `exists (select 1 from ${qualifiedName(t)})`).join(" or ");
  const [row] = await sql.unsafe<{ used: boolean }[]>(`select (${probes}) as used`);
  return !row?.used;
}

/**
 * Empties every table of the registry, trace and ledger schemas and the prefecture sync
 * tables (the prefecture list itself stays), restarting their identities.
 */
export async function resetPlatformData(sql: Sql): Promise<void> {
  const tables = await sql<{ name: string }[]>`
    select format('%I.%I', table_schema, table_name) as name
    from information_schema.tables
    where table_type = 'BASE TABLE'
      and (table_schema in ('registry', 'trace', 'ledger')
           or (table_schema = 'prefecture' and table_name <> 'prefecture'))
    order by 1`;
  if (tables.length === 0) return;
  await sql.unsafe(`truncate ${tables.map((t) => t.name).join(", ")} restart identity cascade`);
}

async function upsertPrefectures(sql: Sql, at: Date): Promise<void> {
  const values = PREFECTURES.map((p) => [p.code, p.name, p.mode, at.toISOString(), at.toISOString()]);
  for (const v of values) {
    await sql`
      insert into prefecture.prefecture (code, name, mode, created_at, updated_at)
      values (${v[0] as string}, ${v[1] as string}, ${v[2] as string}::prefecture.platform_mode, ${v[3] as string}, ${v[4] as string})
      on conflict (code) do update set name = excluded.name, mode = excluded.mode`;
  }
}

/** Moves each identity sequence past the largest id now in its table. */
async function advanceSequences(sql: Sql): Promise<void> {
  for (const t of DEMO_TABLES) {
    const name = qualifiedName(t);
    await sql.unsafe(
      `select setval(pg_get_serial_sequence('${name.replace(/'/g, "''")}', 'id'), coalesce(max(id), 0) + 1, false) from ${name}`,
    );
  }
}

async function writeSmallTables(writer: BulkWriter, plan: DemoPlan, accounts: Awaited<ReturnType<typeof accountRows>>) {
  const units = await writer.open(unit, [
    "id",
    "kind",
    "name",
    "creditCode",
    "prefectureCode",
    "countyCode",
    "authorityLevel",
    "licenseNo",
    "licenseExpiresOn",
    "licensedMedia",
    "address",
    "contactName",
    "contactPhoneEnc",
    "createdAt",
    "updatedAt",
  ]);
  for (const u of plan.units.units) units.push(u.row);
  await writer.close();

  const b = plan.batches;
  const acc = await writer.open(account, [
    "id",
    "unitId",
    "username",
    "role",
    "prefectureCode",
    "passwordHash",
    "sm4KeyEnc",
    "createdAt",
    "updatedAt",
  ]);
  for (const a of accounts) acc.push(a);
  const regs = await writer.open(registration, [
    "id",
    "unitId",
    "thirdId",
    "applyKind",
    "style",
    "medium",
    "factoryUnitId",
    "productDate",
    "discardDate",
    "checkDate",
    "nextDate",
    "idleWeight",
    "remark",
    "valve",
    "status",
    "reviewerUnitId",
    "reviewedAt",
    "reviewComment",
    "createdAt",
    "updatedAt",
  ]);
  for (const r of b.registrations) regs.push(r);
  const orders = await writer.open(inspectionOrder, [
    "id",
    "unitId",
    "thirdId",
    "stationUnitId",
    "stationName",
    "status",
    "begunAt",
    "submittedAt",
    "prefectureCode",
    "sourcePrefectureCode",
    "sourceId",
    "createdAt",
    "updatedAt",
  ]);
  for (const o of b.orders) orders.push(o);
  const ranges = await writer.open(carCodeRange, [
    "id",
    "unitId",
    "prefectureCode",
    "firstSerial",
    "lastSerial",
    "allocatedByUnitId",
    "allocatedAt",
  ]);
  for (const r of b.carCodeRanges) ranges.push(r);
  const permissions = await writer.open(fillPermission, [
    "id",
    "fillingUnitId",
    "ownerUnitId",
    "barcode",
    "grantedByUnitId",
    "validFrom",
    "validTo",
    "reason",
    "createdAt",
    "updatedAt",
  ]);
  for (const p of b.fillPermissions) permissions.push(p);
  await writer.close();
  return {
    "registry.unit": plan.units.units.length,
    "registry.account": accounts.length,
    "registry.registration": b.registrations.length,
    "trace.inspection_order": b.orders.length,
    "registry.car_code_range": b.carCodeRanges.length,
    "registry.fill_permission": b.fillPermissions.length,
  };
}

/** The one pass over the batches: cylinders, registration items and every trace row. */
export async function streamBatches(writer: BulkWriter, plan: DemoPlan, onProgress?: LoadOptions["onProgress"]) {
  const o = plan.options;
  const cylinders = await writer.open(cylinder, CYLINDER_COLUMNS);
  const registrationItems = await writer.open(registrationItem, REGISTRATION_ITEM_COLUMNS);
  const orderItems = await writer.open(inspectionOrderItem, ORDER_ITEM_COLUMNS);
  const results = await writer.open(inspectionResult, RESULT_COLUMNS);
  const before = await writer.open(beforeFillCheck, CHECK_COLUMNS);
  const fills = await writer.open(fillRecord, FILL_COLUMNS);
  const after = await writer.open(afterFillCheck, CHECK_COLUMNS);

  const cctx = newCylinderContext(o.seed, o.referenceDate, o.dataKey, plan.units, cylinders, registrationItems);
  const tctx: TraceContext = {
    referenceDate: o.referenceDate,
    end: chinaMidnight(o.referenceDate).getTime(),
    windowStart: fillWindowStart(o),
    units: plan.units,
    permittedFillers: plan.batches.permittedFillers,
    before,
    fills,
    after,
    orderItems,
    results,
    ids: { before: 0, fill: 0, after: 0, item: 0, result: 0 },
    thirdIds: new Map(),
    resultThirdIds: new Map(),
    sourceIds: new Map(),
    unknownSerials: new Map(),
    stats: emptyStats(),
  };

  let done = 0;
  const started = performance.now();
  for (const batch of plan.batches.batches) {
    const rng = new Rng(batch.seed);
    const facts = emitCylinders(batch, rng, cctx);
    emitTrace(batch, facts, rng, tctx);
    done += batch.size;
    if (writer.busy) await writer.ready();
    onProgress?.(done, o.cylinders);
  }
  const generated = performance.now();
  await writer.close();
  const indexes = writer instanceof CopyWriter ? writer.rebuildSeconds : 0;
  const seconds = {
    stream: (generated - started) / 1000 + ((performance.now() - generated) / 1000 - indexes),
    indexes,
  };
  const rows: Record<string, number> = {};
  for (const s of [cylinders, registrationItems, orderItems, results, before, fills, after]) {
    rows[s.name.replace(/"/g, "")] = s.rows;
  }
  return { rows, stats: tctx.stats, seconds };
}

/**
 * Loads the demo into `database`, which must hold no platform data (or pass `reset`).
 * PostgreSQL: the writes are not one transaction (several COPY streams run at once); a
 * failure empties the tables again before it is reported.
 */
export async function loadDemo(database: Database, options: LoadOptions): Promise<DemoSummary> {
  const started = performance.now();
  resolveOptions(options); // reject bad options before anything is emptied
  if (options.reset) {
    if (process.env.NODE_ENV === "production") {
      throw new PlatformError("FORBIDDEN", { reason: "生产环境不允许清空数据加载演示数据" });
    }
    await resetPlatformData(database.sql);
  } else if (!(await isDemoTarget(database.sql))) {
    throw new PlatformError("INVALID_STATE", {
      reason: "数据库中已有平台数据，演示数据只加载到空库（如需覆盖请加 --reset）",
    });
  }

  const plan = planDemo(options);
  const o = plan.options;
  const createdAt = chinaMidnight("2021-08-20");
  const accounts = await accountRows(plan.accounts, o.dataKey, createdAt);
  const planned = performance.now();

  let rows: Record<string, number> = {};
  let stats: TraceStats = emptyStats();
  let streamSeconds = { stream: 0, indexes: 0 };
  const write = async (writer: BulkWriter, bulkWriter: BulkWriter) => {
    const small = await writeSmallTables(writer, plan, accounts);
    const streamed = await streamBatches(bulkWriter, plan, options.onProgress);
    rows = { "prefecture.prefecture": 16, ...small, ...streamed.rows };
    stats = streamed.stats;
    streamSeconds = streamed.seconds;
  };

  if (database.engine === "pglite") {
    // one transaction: a load that fails leaves the embedded database as it was
    await database.sql.begin(async (tx) => {
      await upsertPrefectures(tx as unknown as Sql, createdAt);
      const writer = new InsertWriter(tx as unknown as Sql);
      try {
        await write(writer, writer);
      } catch (e) {
        await writer.abort(e);
        throw e;
      }
      await advanceSequences(tx as unknown as Sql);
    });
  } else {
    await upsertPrefectures(database.sql, createdAt);
    // a pool of its own: one connection per concurrent COPY stream
    const loader = await openDatabase({ url: database.url, max: 10, applicationName: "demo-load" });
    const writer = new CopyWriter(loader.sql);
    // the streamed tables were empty (checked above): load them in bulk mode
    const bulkWriter = new CopyWriter(loader.sql, { bulk: true });
    try {
      await write(writer, bulkWriter);
      await advanceSequences(loader.sql);
      await verifyForeignKeys(
        loader.sql,
        STREAMED_TABLES.map((t) => qualifiedName(t)),
      );
    } catch (e) {
      await writer.abort(e);
      await bulkWriter.abort(e);
      await loader.close();
      await resetPlatformData(database.sql).catch(() => {});
      throw e;
    }
    await loader.close();
  }
  const written = performance.now();
  rows["ledger.leaf"] = await appendDemoLeaves(database.sql, database.engine);
  const ledgered = performance.now();
  await database.sql`analyze`;
  const finished = performance.now();
  return {
    options: o,
    engine: database.engine,
    accounts: plan.accounts,
    rows,
    stats,
    seconds: {
      plan: (planned - started) / 1000,
      write: (written - planned) / 1000,
      ...streamSeconds,
      ledger: (ledgered - written) / 1000,
      finish: (finished - ledgered) / 1000,
      total: (finished - started) / 1000,
    },
  };
}

export interface DryRun {
  readonly rows: Readonly<Record<string, number>>;
  /** Bytes of COPY text the streamed tables would receive. */
  readonly bytes: Readonly<Record<string, number>>;
  readonly seconds: { readonly plan: number; readonly stream: number };
}

/**
 * Plans and generates the demo's streamed rows, encoded as COPY text, without a database:
 * the generator's own cost (a baseline for the load benchmark).
 */
export async function dryRun(options: DemoOptions): Promise<DryRun> {
  const t0 = performance.now();
  const plan = planDemo(options);
  const t1 = performance.now();
  const writer = new NullWriter();
  const { rows } = await streamBatches(writer, plan);
  const t2 = performance.now();
  const bytes: Record<string, number> = {};
  for (const [name, n] of writer.bytes) bytes[name.replace(/"/g, "")] = n;
  return { rows, bytes, seconds: { plan: (t1 - t0) / 1000, stream: (t2 - t1) / 1000 } };
}
