/** A /PS/* client for the contract tests: raw HTTP as a legacy station would send it. */
import type { TestPlatform } from "../support/platform";
import { PASSWORD } from "../support/world";

export interface PsResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface PsFailure {
  State: 1;
  Value: string;
  Code: string;
}

/** Sends a request to `path` (with its query string) on the platform; `body` is sent as is. */
export async function ps<T = unknown>(
  t: TestPlatform,
  path: string,
  init: {
    method?: string;
    body?: string | Buffer | URLSearchParams;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<PsResponse<T>> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.contentType) headers["content-type"] = init.contentType;
  const res = await fetch(`${t.platform.url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body as never,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text: the test asserts on it
  }
  return { status: res.status, headers: res.headers, body: body as T, text };
}

/** POST with `data` as the body (the annex's example payloads verbatim). */
export function post<T = unknown>(t: TestPlatform, path: string, data: string, contentType = "application/json") {
  return ps<T>(t, path, { method: "POST", body: data, contentType });
}

/** Logs in through /PS/Account/Login; returns the ticket. */
export async function psLogin(t: TestPlatform, username: string, password = PASSWORD): Promise<string> {
  const r = await post<{ State: number; Value: { Ticket: string } }>(
    t,
    "/PS/Account/Login",
    JSON.stringify({ Username: username, Password: password }),
  );
  if (r.body.State !== 0) throw new Error(`login ${username}: ${r.text}`);
  return r.body.Value.Ticket;
}

export const q = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
