/**
 * The GraphQL IDE at /graphql for browsers (GET with Accept: text/html): GraphiQL as
 * @graphql-yoga/render-graphiql ships it, one self-contained page (scripts, styles and icons
 * inlined: command centres and stations often sit on isolated networks), subscriptions over
 * graphql-ws on the same path. The page is about 9 MB: rendered once and sent compressed.
 * Every other request to /graphql goes on to Apollo.
 */
import { gzipSync } from "node:zlib";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import type { FastifyInstance, FastifyRequest } from "fastify";

export const GRAPHQL_PATH = "/graphql";

function defaultQuery(exampleBarcode: string | undefined): string {
  return `# 云南省气瓶质量安全追溯平台 GraphQL (Yunnan gas-cylinder traceability)
#
# 不登录即为公众：按编号查看气瓶的公开信息（如下）。
# 登录：mutation { login(username: "…", password: "…") { ticket } }
# 然后在下方 Headers 中填写 {"Authorization": "Bearer <ticket>"}，
# 再查询报警 alarms(filter: {open: true})，或订阅 subscription { alarmRaised { id typeLabel message } }
query PublicCylinder($barcode: String! = "${exampleBarcode ?? "5301000000001"}") {
  cylinder(barcode: $barcode) {
    barcode
    medium
    nextDate
    publicPermit { label reasons { message } }
    publicTrace { lastFills { filledAt netWeight unit { name } } }
  }
}
`;
}

/** GraphiQL's dimmed greys fall short of WCAG AA contrast on white (axe: color-contrast); with
 * tabs disabled its lone tab is noise (and nests a button in a tab). */
const CONTRAST_FIXES =
  "[role=tablist],li.graphiql-tab{display:none!important}" +
  ".graphiql-logo,.graphiql-logo *{color:#1b1b1b!important;opacity:1!important}" +
  ".monaco-editor .line-numbers,.monaco-editor .dimmed-line-number{color:#5c5c5c!important}";

export function wantsHtml(request: FastifyRequest): boolean {
  if (request.method !== "GET") return false;
  const path = request.url.split("?")[0];
  if (path !== GRAPHQL_PATH && path !== `${GRAPHQL_PATH}/`) return false;
  // a browser navigating asks for text/html first; GraphQL-over-HTTP clients never do
  const accept = String(request.headers.accept ?? "");
  return accept.includes("text/html") && !(request.query as Record<string, unknown>)?.query;
}

export function registerGraphiQL(app: FastifyInstance, exampleBarcode: () => string | undefined): void {
  let page: { html: Buffer; gzip: Buffer } | null = null;
  const render = () => {
    const rendered = renderGraphiQL({
      title: "云南省气瓶追溯平台 GraphQL 调试台",
      endpoint: GRAPHQL_PATH,
      subscriptionsProtocol: "WS",
      defaultQuery: defaultQuery(exampleBarcode()),
      shouldPersistHeaders: false,
      // one editor: GraphiQL's tabs nest a button in a tab (axe: nested-interactive), the
      // single remaining tab is hidden below
      disableTabs: true,
    });
    const html = Buffer.from(
      rendered
        .replace("</head>", `<style>${CONTRAST_FIXES}</style></head>`)
        .replace('<html lang="en">', '<html lang="zh-CN">'),
    );
    return { html, gzip: gzipSync(html) };
  };
  // a root hook: it must run before Apollo's route for the same path
  app.addHook("onRequest", async (request, reply) => {
    if (!wantsHtml(request)) return;
    page ??= render();
    const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    reply
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("vary", "accept, accept-encoding");
    if (gzip) reply.header("content-encoding", "gzip");
    return reply.send(gzip ? page.gzip : page.html);
  });
}
