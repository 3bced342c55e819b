/**
 * The change lists (GenericBottle/List, CarBottle/List, the trace lists): a bare JSON array
 * of the rows changed at or after `lasttime`, ordered by (change time, Id).
 *
 * - `lasttime` yyyyMMddHHmmss (China time), inclusive; absent = from the beginning.
 * - `pagesize` (1..10000, optional): at most that many rows; `X-PS-Cursor` says more remain
 *   (call again with the same lasttime and `cursor`). Without it the whole read is one
 *   response, streamed page by page from the gateway with backpressure: memory stays flat
 *   whatever the size.
 * - `X-PS-Horizon` yyyyMMddHHmmss: the lasttime for the next read once the last page is in
 *   (the read's change horizon floored to the second; rows of that second come again, and
 *   consumers upsert by Id), so a puller never misses a row written in the same second.
 *
 * Headers go out before the body, so a failure after the first row cannot become a
 * `{State:1}` answer: the response is cut short (invalid JSON), and logged.
 */
import { Readable } from "node:stream";
import { formatDateTime14, isPlatformError, type Logger, PlatformError, parseDateTime14 } from "@cylinder/db";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { PsRequest } from "./decode";
import { parseAnnex, property, record } from "./fields";
import type { GatewayClient } from "./gateway-client";
import type { ListPage, ListRoute, PageVariables } from "./route";
import { UnitLookup } from "./units";

/** The gateway's largest page (subgraph-kit MAX_PAGE). */
const GRAPHQL_PAGE = 500;
export const MAX_PAGE_SIZE = 10_000;

export const CURSOR_HEADER = "x-ps-cursor";
const BAD_CURSOR = { field: "cursor", reason: "游标无效，请使用上一页响应头 X-PS-Cursor 的值" };
export const HORIZON_HEADER = "x-ps-horizon";

const trimmed = (v: {}) => (typeof v === "string" ? v.trim() || undefined : undefined);
const refused = (details: { field: string; reason: string }): never => {
  throw new PlatformError("INVALID_FIELD", details);
};

/** The parameters every change list takes. */
export const listParameters = record({
  lasttime: [
    "since",
    property(
      z.string().meta({ pattern: "^\\d{14}$", example: "20201001100101" }),
      (v) => {
        const t = trimmed(v);
        return t === undefined ? undefined : parseDateTime14(t).toISOString();
      },
      "最近档案时间 yyyyMMddHHmmss（中国时间，含该秒）；不传则从头读取 (changes at or after, China time; absent: from the beginning)",
      "optional",
    ),
  ],
  pagesize: [
    "pageSize",
    property(
      z.number().meta({ type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE }),
      (v) => {
        const t = trimmed(v);
        if (t === undefined) return undefined;
        const n = Number(t);
        return /^\d+$/.test(t) && n >= 1 && n <= MAX_PAGE_SIZE
          ? n
          : refused({ field: "pagesize", reason: `应为 1 到 ${MAX_PAGE_SIZE} 的整数` });
      },
      "补充参数：每页条数 1–10000；不传则一次流式返回全部 (optional page size; absent: the whole read, streamed)",
      "optional",
    ),
  ],
  cursor: [
    "cursor",
    property(
      z.string(),
      (v) => {
        const t = trimmed(v);
        return t === undefined || /^[A-Za-z0-9_-]{1,512}$/.test(t) ? t : refused(BAD_CURSOR);
      },
      "补充参数：上一页响应头 X-PS-Cursor 的值，与同一 lasttime 一起传 (the previous page's X-PS-Cursor, with the same lasttime)",
      "optional",
    ),
  ],
});

async function readPage(
  gateway: GatewayClient,
  route: ListRoute,
  credential: string | undefined,
  variables: PageVariables,
): Promise<ListPage> {
  try {
    return await route.page(gateway, credential, variables);
  } catch (e) {
    // the subgraph refuses a cursor it did not issue
    if (isPlatformError(e) && e.code === "INVALID_FIELD" && e.details.field === "cursor") {
      throw new PlatformError("INVALID_FIELD", BAD_CURSOR);
    }
    throw e;
  }
}

/** A page as JSON array elements (no brackets), after looking up the units it names. */
async function serialise(page: ListPage, units: UnitLookup): Promise<string> {
  if (page.unitIds.length > 0) await units.load(page.unitIds);
  return page.rows(units);
}

export async function sendList(
  route: ListRoute,
  request: PsRequest,
  reply: FastifyReply,
  gateway: GatewayClient,
  log: Logger,
): Promise<FastifyReply> {
  const params = parseAnnex(listParameters, request.params);
  const since = params.since ?? new Date(0).toISOString();
  const pageSize = params.pageSize ?? undefined;
  const credential = request.credential;
  const units = new UnitLookup(gateway, credential);
  const read = (first: number, after: string | null | undefined) =>
    readPage(gateway, route, credential, { since, first, after: after ?? null });
  const first = await read(Math.min(GRAPHQL_PAGE, pageSize ?? GRAPHQL_PAGE), params.cursor);
  reply.header("content-type", "application/json; charset=utf-8");
  reply.header(HORIZON_HEADER, formatDateTime14(new Date(first.horizon)));

  if (pageSize !== undefined) {
    // one bounded page (≤ 10,000 rows): the cursor header needs its last row before the body
    const parts = [await serialise(first, units)];
    let count = first.count;
    let page = first;
    while (page.pageInfo.hasNextPage && count < pageSize) {
      page = await read(Math.min(GRAPHQL_PAGE, pageSize - count), page.pageInfo.endCursor);
      if (page.count > 0) parts.push(await serialise(page, units));
      count += page.count;
    }
    if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) reply.header(CURSOR_HEADER, page.pageInfo.endCursor);
    return reply.send(`[${parts.filter((p) => p !== "").join(",")}]`);
  }

  async function* body(): AsyncGenerator<string> {
    let page = first;
    let separator = "";
    yield "[";
    for (;;) {
      // ask for the next page before serialising this one: the gateway and the database work
      // while this page is written (at most two pages in memory)
      const cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      const next = cursor ? read(GRAPHQL_PAGE, cursor) : null;
      // a failure of the prefetch surfaces when awaited, not as an unhandled rejection
      next?.catch(() => {});
      if (page.count > 0) {
        yield separator + (await serialise(page, units));
        separator = ",";
      }
      if (!next) break;
      page = await next;
    }
    yield "]";
  }
  const stream = Readable.from(body(), { objectMode: false });
  stream.on("error", (err) => log.error({ err, path: route.path }, "list stream failed after the headers were sent"));
  return reply.send(stream);
}
