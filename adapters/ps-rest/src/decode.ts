/**
 * The one request decoder of /PS/*: whatever way a legacy client sends it, a request becomes
 * HTTP parameters (query string and form fields; names lower-cased and trimmed, as the
 * annex's own URLs carry stray spaces: `ApplyNew? token=`), the caller's ticket, and the
 * `data` payload.
 *
 * `data` is, in this order: the `data` parameter (query string or form field), else the
 * request body (any content type; a form body that is really JSON counts as JSON). It is
 * JSON, or a JavaScript object literal as the annex's examples are (unquoted keys, single
 * quotes, trailing commas: JSON5), or SM4 ciphertext of either (see sm4Payload).
 */
import { isPlatformError, PlatformError, sm4DecryptHex } from "@cylinder/db";
import { credentialOf } from "@cylinder/gateway";
import type { FastifyRequest } from "fastify";
import JSON5 from "json5";
import type { Executor } from "./executor";
import type { Json } from "./fields";

export interface PsRequest {
  /** HTTP parameters: query string and form fields, names lower-case. */
  readonly params: Readonly<Record<string, string>>;
  /** `ticket` / `token` (or a bearer token / x-ticket header). */
  readonly credential: string | undefined;
  /** The decoded `data`, undefined when the request carries none. */
  readonly data: Json | undefined;
}

function lowerKeys(source: unknown, into: Record<string, string>): void {
  if (!source || typeof source !== "object") return;
  for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === "string") into[k.trim().toLowerCase()] ??= value;
  }
}

const looksLikeJson = (text: string) => /^[[{]/.test(text);
const looksLikeCipher = (text: string) => /^(?:[0-9a-fA-F]{32})+$/.test(text);

/** Parses JSON, falling back to JSON5 for object literals; MALFORMED_DATA says where it broke. */
export function parsePayload(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    try {
      return JSON5.parse(text) as Json;
    } catch (e) {
      const reason = e instanceof Error ? e.message.replace(/^JSON5: /, "") : "无法解析";
      throw new PlatformError("MALFORMED_DATA", { reason });
    }
  }
}

/**
 * SM4-encrypted `data`: SM4/ECB/PKCS#7 over the UTF-8 JSON text, sent as hex (case-free),
 * with the account's current SM4 key (or the previous one during a rotation's overlap).
 * A wrong key, or text that is not such ciphertext, is DECRYPT_FAILED.
 */
async function sm4Payload(cipher: string, credential: string | undefined, executor: Executor): Promise<string> {
  if (!credential) throw new PlatformError("UNAUTHENTICATED");
  const r = await executor.execute("{ mySm4Keys { current previous } }", {}, credential);
  const keys = r.data?.mySm4Keys as { current: string; previous: string | null } | undefined;
  if (!keys) {
    const code = r.errors?.[0]?.extensions?.code;
    if (code === "TICKET_EXPIRED" || code === "UNAUTHENTICATED") throw new PlatformError(code);
    throw new PlatformError("DECRYPT_FAILED");
  }
  let failure: unknown;
  for (const key of [keys.current, keys.previous]) {
    if (!key) continue;
    try {
      return sm4DecryptHex(cipher, key);
    } catch (e) {
      if (!isPlatformError(e)) throw e;
      failure = e;
    }
  }
  throw failure ?? new PlatformError("DECRYPT_FAILED");
}

export async function decodeRequest(request: FastifyRequest, executor: Executor): Promise<PsRequest> {
  const params: Record<string, string> = {};
  lowerKeys(request.query, params);
  const body = request.body;
  let bodyText: string | undefined;
  if (Buffer.isBuffer(body) && body.length > 0) {
    bodyText = body
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trim();
    const type = String(request.headers["content-type"] ?? "").toLowerCase();
    if (type.startsWith("application/x-www-form-urlencoded") && !looksLikeJson(bodyText)) {
      lowerKeys(Object.fromEntries(new URLSearchParams(bodyText)), params);
      bodyText = undefined;
    }
  } else if (body && typeof body === "object" && !Buffer.isBuffer(body)) {
    // multipart fields, already parsed
    lowerKeys(body, params);
  }
  const credential = credentialOf(request.headers, params);
  let text = params.data?.trim();
  if (text === undefined || text === "") text = bodyText === "" ? undefined : bodyText;
  if (text === undefined) return { params, credential, data: undefined };
  if (looksLikeCipher(text)) text = (await sm4Payload(text, credential, executor)).trim();
  return { params, credential, data: parsePayload(text) };
}
