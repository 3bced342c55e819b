/**
 * The prefecture sync on BullMQ: one job scheduler per source × list (`upsertJobScheduler`,
 * every `interval_seconds` of the source) feeding one queue; workers in any number of
 * processes take the jobs. One pull per source × list runs at a time, whatever the number of
 * workers, by the lease in prefecture.sync_state (a job that finds the lease taken returns at
 * once). A failed attempt (source down, 5xx, refused) is recorded on the state and retried with
 * exponential backoff; SYNC_ALARM_AFTER failures in a row raise a `sync_failure` alarm.
 *
 * Shutdown: `stop()` asks running pulls to stop after the page they are on (committed, lease
 * given back) and waits for them.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { AlarmBus, Clock, Config, Logger } from "@cylinder/db";
import { Job, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Sql } from "postgres";
import { raiseSyncAlarm } from "./pull/alarm";
import { LeaseLost } from "./pull/apply";
import type { PrefectureClient } from "./pull/client";
import { type CylinderList, isPulledList, PULLED_LISTS, type TraceList } from "./pull/lists";
import { type PullResult, pullList } from "./pull/pull";
import { ensureStates, listSources } from "./pull/sources";
import { recordFailure } from "./pull/state";

export const SYNC_QUEUE = "prefecture-sync";

export interface PullJobData {
  sourceId: number;
  list: CylinderList | TraceList;
}

export function schedulerId(sourceId: number, list: string): string {
  return `pull:${sourceId}:${list}`;
}

const connections = new WeakMap<object, Redis>();

/** The queue alone: what an operator action or the GraphQL mutations need to enqueue a pull. */
export function openSyncQueue(config: Config): Queue<PullJobData> {
  if (!config.redisUrl) throw new Error("REDIS_URL is not set: the prefecture sync needs Redis");
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<PullJobData>(SYNC_QUEUE, { connection, prefix: config.redisPrefix });
  connections.set(queue, connection);
  return queue;
}

/** Closes a queue or worker and the Redis connection made for it. */
export async function closeQueue(q: Queue<PullJobData> | Worker<PullJobData, PullResult>): Promise<void> {
  await q.close();
  await connections
    .get(q)
    ?.quit()
    .catch(() => undefined);
}

function jobOptions(config: Config) {
  return {
    attempts: config.sync.attempts,
    backoff: { type: "exponential" as const, delay: config.sync.backoffMs },
    removeOnComplete: { count: 200 },
    removeOnFail: { count: 500 },
  };
}

/** Makes the job schedulers match the configured sources (new, changed interval, removed). */
export async function reconcileSchedulers(queue: Queue<PullJobData>, sql: Sql, config: Config): Promise<number> {
  await ensureStates(sql);
  const sources = await listSources(sql);
  const existing = new Map((await queue.getJobSchedulers()).map((s) => [s.key, s]));
  const wanted = new Set<string>();
  for (const s of sources) {
    for (const list of PULLED_LISTS) {
      const id = schedulerId(s.id, list);
      wanted.add(id);
      // upsert only what is new or changed: every process reconciles, and often
      if (Number(existing.get(id)?.every) === s.intervalSeconds * 1000) continue;
      await queue.upsertJobScheduler(
        id,
        { every: s.intervalSeconds * 1000 },
        { name: "pull", data: { sourceId: s.id, list }, opts: jobOptions(config) },
      );
    }
  }
  for (const key of existing.keys()) {
    if (key.startsWith("pull:") && !wanted.has(key)) await queue.removeJobScheduler(key);
  }
  return wanted.size;
}

/** Enqueues a pull of `list` (or every list) of a source now. */
export async function enqueuePullNow(
  queue: Queue<PullJobData>,
  config: Config,
  sourceId: number,
  lists: readonly (CylinderList | TraceList)[] = PULLED_LISTS,
): Promise<void> {
  await queue.addBulk(
    lists.map((list) => ({
      name: "pull",
      data: { sourceId, list },
      opts: { ...jobOptions(config), jobId: `now-${sourceId}-${list}-${randomUUID()}` },
    })),
  );
}

export interface SyncWorkers {
  readonly queue: Queue<PullJobData>;
  /** Results of the pulls this process ran, newest last (tests, diagnostics). */
  readonly results: { sourceId: number; list: string; result: PullResult }[];
  reconcile(): Promise<number>;
  stop(): Promise<void>;
}

export async function startSyncWorkers(options: {
  sql: Sql;
  config: Config;
  log: Logger;
  alarmBus: AlarmBus | null;
  /** The platform's one clock. */
  clock: Clock;
  /** How often the schedulers are matched to the sources table (ms). */
  reconcileEveryMs?: number;
}): Promise<SyncWorkers> {
  const { sql, config, log, alarmBus } = options;
  if (!config.redisUrl) throw new Error("REDIS_URL is not set: the prefecture sync needs Redis");
  const queue = openSyncQueue(config);
  const clients = new Map<number, { key: string; client: PrefectureClient }>();
  const results: SyncWorkers["results"] = [];
  let stopping = false;
  const processor = async (job: Job<PullJobData>): Promise<PullResult> => {
    const { sourceId, list } = job.data;
    if (!isPulledList(list)) throw new Error(`unknown list ${list}`);
    const owner = `${hostname()}:${process.pid}:${job.id}`;
    try {
      const result = await pullList(
        {
          sql,
          dataKey: config.dataKey,
          log,
          owner,
          pageSize: config.sync.pageSize,
          leaseSeconds: config.sync.leaseSeconds,
          clients,
          shouldStop: () => stopping,
          clock: options.clock,
        },
        sourceId,
        list,
      );
      results.push({ sourceId, list, result });
      if (results.length > 1000) results.splice(0, results.length - 1000);
      if (result.status !== "skipped" && result.totals.received > 0) {
        log.info({ sourceId, list, ...result.totals, pages: result.pages, status: result.status }, "pulled");
      }
      return result;
    } catch (err) {
      if (err instanceof LeaseLost) {
        log.warn({ sourceId, list }, err.message);
        return { status: "skipped", why: "busy" };
      }
      const message = (err as Error).message ?? String(err);
      const { consecutiveFailures } = await recordFailure(sql, sourceId, list, owner, message);
      log.warn({ sourceId, list, attempt: job.attemptsMade + 1, consecutiveFailures, err: message }, "pull failed");
      if (consecutiveFailures >= config.sync.alarmAfter) {
        const [source] = await sql<{ prefecture_code: string }[]>`
          select prefecture_code from prefecture.sync_source where id = ${sourceId}`;
        if (source) {
          // an alarm that cannot be stored must not hide the failure itself
          await raiseSyncAlarm(sql, alarmBus, log, {
            prefectureCode: source.prefecture_code,
            list,
            failures: consecutiveFailures,
            error: message,
            raisedAt: options.clock.now(),
          }).catch((e: unknown) => log.error({ err: e, sourceId, list }, "sync alarm not stored"));
        }
      }
      throw err;
    }
  };
  const workerConnection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<PullJobData, PullResult>(SYNC_QUEUE, processor, {
    connection: workerConnection,
    prefix: config.redisPrefix,
    concurrency: config.sync.concurrency,
    // a pull renews its BullMQ lock while it pages; a killed worker's job is picked up again
    lockDuration: 60_000,
  });
  connections.set(worker, workerConnection);
  worker.on("error", (err) => log.error({ err }, "sync worker error"));
  const reconcile = () => reconcileSchedulers(queue, sql, config);
  await reconcile();
  const timer = setInterval(() => {
    reconcile().catch((err: unknown) => log.warn({ err }, "sync schedulers not reconciled; retrying"));
  }, options.reconcileEveryMs ?? 30_000);
  timer.unref();
  return {
    queue,
    results,
    reconcile,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await closeQueue(worker);
      await closeQueue(queue);
    },
  };
}

export { Job };

/** What the prefecture subgraph's operator actions use: enqueue pulls, re-match schedulers. */
export function syncControl(queue: Queue<PullJobData>, sql: Sql, config: Config) {
  return {
    async pullNow(sourceId: number, lists?: readonly string[]): Promise<void> {
      const wanted = (lists ?? PULLED_LISTS).filter(isPulledList);
      await enqueuePullNow(queue, config, sourceId, wanted);
    },
    async sourcesChanged(): Promise<void> {
      await reconcileSchedulers(queue, sql, config);
    },
  };
}
