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
import { formatDateTime14, type Logger, PlatformError, parseDateTime14 } from "@cylinder/db";
import type { FastifyReply } from "fastify";
import { fromGraphQLError } from "./errors";
import type { Executor } from "./executor";
import type { Connection, ListRoute, RouteInput } from "./route";
import { UnitLookup } from "./units";

/** The gateway's largest page (subgraph-kit MAX_PAGE). */
const GRAPHQL_PAGE = 500;
export const MAX_PAGE_SIZE = 10_000;

export const CURSOR_HEADER = "x-ps-cursor";
const BAD_CURSOR = { field: "cursor", reason: "游标无效，请使用上一页响应头 X-PS-Cursor 的值" };
export const HORIZON_HEADER = "x-ps-horizon";

interface ListParams {
  since: string;
  pageSize: number | undefined;
  cursor: string | undefined;
}

export function listParams(input: RouteInput): ListParams {
  const lasttime = input.param("lasttime");
  const since = lasttime === undefined ? new Date(0) : parseDateTime14(lasttime, "lasttime");
  const size = input.param("pagesize");
  let pageSize: number | undefined;
  if (size !== undefined) {
    pageSize = Number(size);
    if (!/^\d+$/.test(size) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new PlatformError("INVALID_FIELD", { field: "pagesize", reason: `应为 1 到 ${MAX_PAGE_SIZE} 的整数` });
    }
  }
  const cursor = input.param("cursor");
  if (cursor !== undefined && !/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) {
    throw new PlatformError("INVALID_FIELD", BAD_CURSOR);
  }
  return { since: since.toISOString(), pageSize, cursor };
}

async function fetchPage(
  executor: Executor,
  route: ListRoute,
  credential: string | undefined,
  since: string,
  first: number,
  after: string | undefined,
): Promise<Connection> {
  const r = await executor.execute(route.operation, { since, first, after: after ?? null }, credential);
  const error = r.errors?.[0];
  if (error || !r.data) {
    if (
      error?.extensions?.code === "INVALID_FIELD" &&
      (error.extensions.details as { field?: string })?.field === "after"
    ) {
      throw new PlatformError("INVALID_FIELD", BAD_CURSOR);
    }
    throw error ? fromGraphQLError(error) : new PlatformError("INTERNAL", { ref: "empty" });
  }
  return route.connection(r.data);
}

/** A page as JSON array elements (no brackets), after looking up the units it names. */
async function serialise(route: ListRoute, nodes: Record<string, unknown>[], units: UnitLookup): Promise<string> {
  if (route.unitIds) await units.load(nodes.flatMap((n) => route.unitIds!(n)));
  return nodes.map((n) => JSON.stringify(route.element(n, units))).join(",");
}

export async function sendList(
  route: ListRoute,
  input: RouteInput,
  reply: FastifyReply,
  executor: Executor,
  log: Logger,
): Promise<FastifyReply> {
  const { since, pageSize, cursor } = listParams(input);
  const credential = input.request.credential;
  const units = new UnitLookup(executor, credential);
  const first = await fetchPage(
    executor,
    route,
    credential,
    since,
    Math.min(GRAPHQL_PAGE, pageSize ?? GRAPHQL_PAGE),
    cursor,
  );
  reply.header("content-type", "application/json; charset=utf-8");
  reply.header(HORIZON_HEADER, formatDateTime14(new Date(first.horizon)));

  if (pageSize !== undefined) {
    // one bounded page (≤ 10,000 rows): the cursor header needs its last row before the body
    const parts = [await serialise(route, first.nodes, units)];
    let count = first.nodes.length;
    let page = first;
    while (page.pageInfo.hasNextPage && count < pageSize) {
      page = await fetchPage(
        executor,
        route,
        credential,
        since,
        Math.min(GRAPHQL_PAGE, pageSize - count),
        page.pageInfo.endCursor ?? undefined,
      );
      if (page.nodes.length > 0) parts.push(await serialise(route, page.nodes, units));
      count += page.nodes.length;
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
      const next = cursor ? fetchPage(executor, route, credential, since, GRAPHQL_PAGE, cursor) : null;
      // a failure of the prefetch surfaces when awaited, not as an unhandled rejection
      next?.catch(() => {});
      if (page.nodes.length > 0) {
        yield separator + (await serialise(route, page.nodes, units));
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
