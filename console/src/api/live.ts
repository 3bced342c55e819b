/**
 * Live alarms: the `alarmRaised` subscription over graphql-ws on the gateway's /graphql path,
 * the ticket sent in the connection parameters (never in the URL). The socket retries for ever
 * with a capped back-off; each time it (re)connects, the alarms raised after the last one seen
 * are read from the database (`alarmsSince`), so nothing raised while it was down is lost —
 * and read once more shortly after, for an alarm raised between the catch-up read and the
 * subscription taking effect. Alarms are handed on once each, by id.
 */
import { type Client, createClient } from "graphql-ws";
import { reactive } from "vue";
import { gql } from "./graphql";
import { onSessionEnd, session } from "./session";

export interface LiveAlarm {
  id: number;
  type: string;
  typeLabel: string;
  barcode: string | null;
  unitId: number | null;
  prefectureCode: string | null;
  message: string;
  raisedAt: string;
  open: boolean;
  acknowledgedAt: string | null;
  acknowledgeNote: string | null;
  unit: { name: string } | null;
}

export const ALARM_FIELDS = `id type typeLabel barcode unitId prefectureCode message raisedAt open acknowledgedAt acknowledgeNote
  reasons { code message } unit { name }`;

export type LiveState = "idle" | "connecting" | "connected" | "reconnecting";

export const live = reactive({
  state: "idle" as LiveState,
  /** Alarms received since login (the menu's badge). */
  received: 0,
  /** Highest alarm id seen. */
  lastSeenId: 0,
  /** Times the socket came back after dropping. */
  reconnects: 0,
});

type Listener = (alarm: LiveAlarm) => void;
const listeners = new Set<Listener>();
const seen = new Set<number>();
let client: Client | null = null;
let unsubscribe: (() => void) | null = null;
let everConnected = false;
let followUp: ReturnType<typeof setTimeout> | undefined;

export function onAlarm(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function deliver(alarm: LiveAlarm): void {
  if (seen.has(alarm.id)) return;
  seen.add(alarm.id);
  if (seen.size > 5000) seen.delete(seen.values().next().value as number);
  live.lastSeenId = Math.max(live.lastSeenId, alarm.id);
  live.received += 1;
  for (const l of listeners) l(alarm);
}

/** Reads every alarm after the last one seen (oldest first) and hands each on. */
async function catchUp(): Promise<void> {
  for (let guard = 0; guard < 50; guard++) {
    const r = await gql<{ alarmsSince: { nodes: LiveAlarm[]; pageInfo: { hasNextPage: boolean } } }>(
      `query Missed($a: Int!) { alarmsSince(afterId: $a, first: 200) { nodes { ${ALARM_FIELDS} } pageInfo { hasNextPage } } }`,
      { a: live.lastSeenId },
    );
    for (const a of r.alarmsSince.nodes) deliver(a);
    if (!r.alarmsSince.pageInfo.hasNextPage) return;
  }
}

function scheduleCatchUp(): void {
  void catchUp().catch(() => {});
  clearTimeout(followUp);
  followUp = setTimeout(() => void catchUp().catch(() => {}), 1500);
}

/** Starts the stream after login: the newest alarm id first, then the socket. */
export async function startLive(): Promise<void> {
  if (client || !session.ticket) return;
  const newest = await gql<{ alarms: { nodes: { id: number }[] } }>(`{ alarms(first: 1) { nodes { id } } }`);
  live.lastSeenId = newest.alarms.nodes[0]?.id ?? 0;
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/graphql`;
  live.state = "connecting";
  everConnected = false;
  client = createClient({
    url,
    lazy: false,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** retries, 5000)));
    },
    connectionParams: () => ({ authorization: `Bearer ${session.ticket ?? ""}` }),
    on: {
      connecting: () => {
        live.state = everConnected ? "reconnecting" : "connecting";
      },
      connected: () => {
        if (everConnected) live.reconnects += 1;
        everConnected = true;
        live.state = "connected";
        scheduleCatchUp();
      },
      closed: () => {
        if (client) live.state = "reconnecting";
      },
    },
  });
  unsubscribe = client.subscribe<{ alarmRaised: LiveAlarm }>(
    { query: `subscription Live { alarmRaised { ${ALARM_FIELDS} } }` },
    {
      next: (r) => {
        if (r.data?.alarmRaised) deliver(r.data.alarmRaised);
      },
      error: () => {},
      complete: () => {},
    },
  );
}

export function stopLive(): void {
  clearTimeout(followUp);
  unsubscribe?.();
  unsubscribe = null;
  const c = client;
  client = null;
  void c?.dispose();
  live.state = "idle";
  live.received = 0;
  seen.clear();
}

onSessionEnd(stopLive);
