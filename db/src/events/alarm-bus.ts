/**
 * The alarm bus: every alarm raised anywhere is published here after its transaction commits,
 * and every gateway instance's subscribers receive it. Redis pub/sub carries it between
 * processes; without Redis (a single `npm start` process) an in-memory bus does, and says so.
 *
 * The event is small on purpose: subscribers filter on it, then read the alarm itself through
 * the gateway with their own identity, so scoping stays in one place.
 */
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";
import type { AlarmType } from "../standard/enums";

export interface AlarmEvent {
  id: number;
  type: AlarmType;
  prefectureCode: string | null;
  unitId: number | null;
  barcode: string | null;
  /** ISO 8601 */
  raisedAt: string;
}

export interface AlarmBus {
  readonly kind: "redis" | "memory";
  publish(event: AlarmEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(handler: (event: AlarmEvent) => void): () => void;
  /** Resolves once subscriptions made so far receive events (Redis acknowledged SUBSCRIBE). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function alarmChannel(prefix: string): string {
  return `${prefix}:alarms`;
}

export function createMemoryAlarmBus(): AlarmBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: "memory",
    async publish(event) {
      emitter.emit("alarm", event);
    },
    subscribe(handler) {
      emitter.on("alarm", handler);
      return () => emitter.off("alarm", handler);
    },
    async ready() {},
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** One publishing and one subscribing Redis connection per process, fanned out in memory. */
export function createRedisAlarmBus(url: string, prefix: string): AlarmBus {
  const channel = alarmChannel(prefix);
  const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscriber = new Redis(url, { lazyConnect: false });
  const local = createMemoryAlarmBus();
  let subscribed: Promise<unknown> | null = null;
  subscriber.on("message", (ch: string, message: string) => {
    if (ch !== channel) return;
    try {
      void local.publish(JSON.parse(message) as AlarmEvent);
    } catch {
      // a malformed message on our channel is not ours to crash on
    }
  });
  return {
    kind: "redis",
    async publish(event) {
      await publisher.publish(channel, JSON.stringify(event));
    },
    subscribe(handler) {
      subscribed ??= subscriber.subscribe(channel);
      return local.subscribe(handler);
    },
    async ready() {
      await subscribed;
    },
    async close() {
      await local.close();
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}

export function createAlarmBus(redisUrl: string | undefined, prefix: string): AlarmBus {
  return redisUrl ? createRedisAlarmBus(redisUrl, prefix) : createMemoryAlarmBus();
}
