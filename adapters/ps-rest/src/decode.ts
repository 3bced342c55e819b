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
import type { Json } from "./fields";
import { dataOf, type GatewayClient } from "./gateway-client";
import { graphql } from "./gql";
import type { MySm4KeysQuery } from "./gql/graphql";

export interface PsRequest {
  /** HTTP parameters: query string and form fields, names lower-case. */
  readonly params: Readonly<Record<string, string>>;
  /** `ticket` / `token` (or a bearer token / x-ticket header). */
  readonly credential: string | undefined;
  /** The decoded `data`, undefined when the request carries none. */
  readonly data: Json | undefined;
  /** Files of a multipart/form-data request, by field name (image upload). */
  readonly files: Readonly<Record<string, Buffer>>;
}

function lowerKeys(source: unknown, into: Record<string, string>): void {
  if (!source || typeof source !== "object") return;
  for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === "string") into[k.trim().toLowerCase()] ??= value;
  }
}

const looksLikeJson = (text: string) => /^[[{]/.test(text);

/** The body as text in the charset the client declares (legacy stations may send GBK). */
function bodyText(body: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? "utf-8";
  if (charset === "utf-8" || charset === "utf8") return body.toString("utf8");
  try {
    return new TextDecoder(charset === "gb2312" ? "gbk" : charset).decode(body);
  } catch {
    throw new PlatformError("MALFORMED_DATA", { reason: `不支持的字符集 ${charset}` });
  }
}
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
const MY_SM4_KEYS = graphql(`
  query MySm4Keys {
    mySm4Keys { current previous }
  }
`);

async function sm4Payload(cipher: string, credential: string | undefined, gateway: GatewayClient): Promise<string> {
  if (!credential) throw new PlatformError("UNAUTHENTICATED");
  const result = await gateway.execute(MY_SM4_KEYS.toString(), {}, credential);
  let keys: MySm4KeysQuery["mySm4Keys"];
  try {
    keys = dataOf(MY_SM4_KEYS, result).mySm4Keys;
  } catch (e) {
    const code = isPlatformError(e) ? e.code : undefined;
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

/** Decodes a request; with `requireTicket`, the ticket is checked before `data` is read. */
export async function decodeRequest(
  request: FastifyRequest,
  gateway: GatewayClient,
  requireTicket = false,
): Promise<PsRequest> {
  const params: Record<string, string> = {};
  const files: Record<string, Buffer> = {};
  lowerKeys(request.query, params);
  const body = request.body;
  let payloadText: string | undefined;
  if (Buffer.isBuffer(body) && body.length > 0) {
    const type = String(request.headers["content-type"] ?? "").toLowerCase();
    payloadText = bodyText(body, type)
      .replace(/^\uFEFF/, "")
      .trim();
    if (type.startsWith("application/x-www-form-urlencoded") && !looksLikeJson(payloadText)) {
      lowerKeys(Object.fromEntries(new URLSearchParams(payloadText)), params);
      payloadText = undefined;
    }
  } else if (body && typeof body === "object") {
    // multipart/form-data, parsed by @fastify/multipart into fields and file buffers
    lowerKeys(body, params);
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      const value = Array.isArray(v) ? v[0] : v;
      if (Buffer.isBuffer(value)) files[k.trim().toLowerCase()] = value;
    }
  }
  const credential = credentialOf(request.headers, params);
  if (requireTicket) {
    if (!credential) throw new PlatformError("UNAUTHENTICATED");
    gateway.authenticate(credential);
  }
  let text = params.data?.trim();
  if (text === undefined || text === "") text = payloadText === "" ? undefined : payloadText;
  if (text === undefined) return { params, credential, data: undefined, files };
  if (looksLikeCipher(text)) text = (await sm4Payload(text, credential, gateway)).trim();
  return { params, credential, data: parsePayload(text), files };
}
