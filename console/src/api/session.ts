/**
 * The signed-in session. The ticket lives in this tab's sessionStorage only: never in a URL,
 * never in a cookie (so no other site can ride on it), gone when the tab closes, and the page
 * runs under a CSP that allows scripts from the platform alone. Logging out revokes the
 * ticket on the platform (`logout`) before forgetting it; an expired or revoked ticket sends
 * the user back to the login screen.
 */
import { reactive } from "vue";

export type Role =
  | "FILLING_UNIT"
  | "INSPECTION_STATION"
  | "PREFECTURE_REGULATOR"
  | "PROVINCE_REGULATOR"
  | "PLATFORM"
  | "OPERATOR";

export interface SessionAccount {
  id: number;
  username: string;
  role: Role;
  unitId: number;
  prefectureCode: string | null;
}

export interface Session {
  ticket: string | null;
  expiresAt: string | null;
  account: SessionAccount | null;
  unitName: string | null;
  /** Why the last session ended, shown on the login screen. */
  endedBecause: string | null;
}

const KEY = "cylinder-console-session";

export const session = reactive<Session>({
  ticket: null,
  expiresAt: null,
  account: null,
  unitName: null,
  endedBecause: null,
});

let expiryTimer: ReturnType<typeof setTimeout> | undefined;
const endListeners = new Set<() => void>();

/** Called when the session ends (logout, expiry): the live socket closes. */
export function onSessionEnd(listener: () => void): void {
  endListeners.add(listener);
}

function armExpiry(): void {
  clearTimeout(expiryTimer);
  if (!session.expiresAt) return;
  const ms = new Date(session.expiresAt).getTime() - Date.now();
  // setTimeout holds at most ~24.8 days
  expiryTimer = setTimeout(() => endSession("登录已过期，请重新登录。"), Math.max(0, Math.min(ms, 2_000_000_000)));
}

export function startSession(value: Pick<Session, "ticket" | "expiresAt" | "account" | "unitName">): void {
  Object.assign(session, value, { endedBecause: null });
  sessionStorage.setItem(KEY, JSON.stringify(value));
  armExpiry();
}

/** The session of this tab, if one is stored and not expired. */
export function restoreSession(): boolean {
  const text = sessionStorage.getItem(KEY);
  if (!text) return false;
  try {
    const saved = JSON.parse(text) as Pick<Session, "ticket" | "expiresAt" | "account" | "unitName">;
    if (!saved.ticket || !saved.expiresAt || new Date(saved.expiresAt).getTime() <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return false;
    }
    Object.assign(session, saved);
    armExpiry();
    return true;
  } catch {
    sessionStorage.removeItem(KEY);
    return false;
  }
}

/** Forgets the session (the ticket is revoked by `logout()` in api/auth.ts first). */
export function endSession(reason: string | null = null): void {
  const had = session.ticket !== null;
  clearTimeout(expiryTimer);
  sessionStorage.removeItem(KEY);
  Object.assign(session, { ticket: null, expiresAt: null, account: null, unitName: null, endedBecause: reason });
  if (had) for (const l of endListeners) l();
}

export const isProvinceWide = (role: Role | undefined): boolean =>
  role === "PROVINCE_REGULATOR" || role === "OPERATOR" || role === "PLATFORM";

export const isRegulator = (role: Role | undefined): boolean =>
  role === "PROVINCE_REGULATOR" || role === "PREFECTURE_REGULATOR";
