/**
 * The province's client of a self-built prefecture platform's /PS/* contract: log in (the
 * ticket is cached until shortly before it expires, and renewed once when the source says it
 * is no longer valid), and read one page of a list.
 *
 * A list read: `lasttime` (yyyyMMddHHmmss, China time, inclusive), optional `pagesize` and
 * `cursor`; the body is a bare JSON array ordered by (change time, Id); `X-PS-Cursor` says more
 * rows remain in this read, `X-PS-Horizon` is the `lasttime` of the next read once the last
 * page is in. Network failures and 5xx are `SourceUnavailable` (retried with backoff); any
 * other refusal is `SourceRefused` with the source's own reason.
 */
import { type Clock, parseDateTime14 } from "@cylinder/db";

export interface SourceLogin {
  baseUrl: string;
  username: string;
  password: string;
}

export interface ListPage {
  elements: unknown[];
  /** More rows remain in this read: ask again with the same lasttime and this cursor. */
  cursor: string | null;
  /** The next read's lasttime (yyyyMMddHHmmss), on the last page. */
  horizon: string | null;
}

/** The source could not be reached or failed (network, timeout, 5xx): try again later. */
export class SourceUnavailable extends Error {
  override readonly name = "SourceUnavailable";
}

/** The source answered, and said no (bad credentials, bad parameter, unknown endpoint). */
export class SourceRefused extends Error {
  override readonly name = "SourceRefused";
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

const AUTH_CODES = new Set(["UNAUTHENTICATED", "TICKET_EXPIRED"]);
/** Renew a ticket this long before the source says it expires (clock skew included). */
const EXPIRY_MARGIN_MS = 120_000;

export class PrefectureClient {
  #ticket: { value: string; renewAt: number } | null = null;

  constructor(
    private readonly login: SourceLogin,
    private readonly clock: Clock,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  private url(path: string, params: Record<string, string | undefined> = {}): string {
    const u = new URL(path, this.login.baseUrl.endsWith("/") ? this.login.baseUrl : `${this.login.baseUrl}/`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000) });
    } catch (cause) {
      throw new SourceUnavailable(`州市平台无法连接：${(cause as Error).message}`, { cause });
    }
    if (res.status >= 500) {
      const body = await res.text().catch(() => "");
      throw new SourceUnavailable(`州市平台返回 ${res.status}：${body.slice(0, 200)}`);
    }
    return res;
  }

  private static async refusal(res: Response): Promise<SourceRefused> {
    const text = await res.text().catch(() => "");
    try {
      const body = JSON.parse(text) as { Value?: unknown; Code?: unknown };
      return new SourceRefused(
        `州市平台拒绝：${typeof body.Value === "string" ? body.Value : text.slice(0, 200)}`,
        res.status,
        typeof body.Code === "string" ? body.Code : null,
      );
    } catch {
      return new SourceRefused(`州市平台拒绝 (${res.status})：${text.slice(0, 200)}`, res.status, null);
    }
  }

  /** A valid ticket, logging in when there is none or it is about to expire. */
  async ticket(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.#ticket && this.#ticket.renewAt > now) return this.#ticket.value;
    const res = await this.send(this.url("/PS/Account/Login"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Username: this.login.username, Password: this.login.password }),
    });
    if (!res.ok) throw await PrefectureClient.refusal(res);
    const body = (await res.json()) as { State?: number; Value?: { Ticket?: string; ExpireTime?: string } | string };
    if (body.State !== 0 || typeof body.Value !== "object" || !body.Value?.Ticket) {
      throw new SourceRefused(
        `州市平台登录失败：${typeof body.Value === "string" ? body.Value : JSON.stringify(body).slice(0, 200)}`,
        res.status,
        null,
      );
    }
    let expires = now + 30 * 60_000;
    if (body.Value.ExpireTime) {
      try {
        expires = parseDateTime14(body.Value.ExpireTime, "ExpireTime").getTime();
      } catch {
        // an unreadable expiry: keep the ticket half an hour, renew on refusal
      }
    }
    // the source's clock may differ from ours: never hold a ticket longer than half its life
    const life = Math.max(0, expires - now);
    this.#ticket = { value: body.Value.Ticket, renewAt: now + Math.min(life - EXPIRY_MARGIN_MS, life / 2) };
    return this.#ticket.value;
  }

  /** Forgets the ticket (the source refused it). */
  dropTicket(): void {
    this.#ticket = null;
  }

  /** One page of `path` since `lasttime`. */
  async page(path: string, lasttime: string, cursor: string | null, pageSize: number): Promise<ListPage> {
    for (let attempt = 0; ; attempt++) {
      const ticket = await this.ticket();
      const res = await this.send(
        this.url(path, { ticket, lasttime, pagesize: String(pageSize), cursor: cursor ?? undefined }),
        { method: "GET", headers: { accept: "application/json" } },
      );
      if (!res.ok) {
        const refusal = await PrefectureClient.refusal(res);
        if (attempt === 0 && (res.status === 401 || (refusal.code !== null && AUTH_CODES.has(refusal.code)))) {
          this.dropTicket();
          continue;
        }
        throw refusal;
      }
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new SourceUnavailable(`州市平台返回的列表不是 JSON：${text.slice(0, 200)}`);
      }
      if (!Array.isArray(body)) {
        const b = body as { State?: unknown; Value?: unknown; Code?: unknown };
        const code = typeof b?.Code === "string" ? b.Code : null;
        if (attempt === 0 && code !== null && AUTH_CODES.has(code)) {
          this.dropTicket();
          continue;
        }
        throw new SourceRefused(
          `州市平台拒绝：${typeof b?.Value === "string" ? b.Value : text.slice(0, 200)}`,
          res.status,
          code,
        );
      }
      const next = res.headers.get("x-ps-cursor");
      const horizon = res.headers.get("x-ps-horizon");
      if (!next && !horizon) throw new SourceRefused("州市平台的列表缺少 X-PS-Cursor / X-PS-Horizon 头", 200, null);
      if (horizon) parseDateTime14(horizon, "X-PS-Horizon");
      return { elements: body, cursor: next || null, horizon: next ? null : horizon };
    }
  }
}
