/**
 * The pages people look at, on the gateway's port: the home page, the public scan page every
 * label encodes (/c/{code}) with its report form, the labels, the label desk and its sheets,
 * and the GraphQL IDE. Every page talks to the platform only through the gateway's API
 * (`gateway.execute`, in-process), as the public or as the signed-in user, with the visitor's
 * address forwarded for the public limits. Nothing is loaded from another host.
 */

import { constants as zlibConstants } from "node:zlib";
import {
  type Clock,
  type Config,
  formatCarCode,
  type Identity,
  isPlatformError,
  type Logger,
  PUBLIC_IDENTITY,
} from "@cylinder/db";
import compress from "@fastify/compress";
import formbody from "@fastify/formbody";
import type { FastifyReply, FastifyRequest } from "fastify";
import { credentialOf } from "../auth";
import type { ExecutionResultLike, Gateway } from "../server";
import { registerGraphiQL } from "./graphiql";
import { type HomeExamples, renderHomePage } from "./home-page";
import { labelPng, labelSvg, scanUrl } from "./label";
import { renderDeskMessage, renderLabelDesk, renderLabelLogin } from "./label-desk";
import { CAR_LABELS_PER_CYLINDER, renderLabelSheet, SHEET_PAGE_CODES } from "./label-sheet";
import { renderNotFoundPage, renderUnavailablePage } from "./not-found-page";
import { type ReportFormValues, renderScanPage, type ScanPageModel } from "./scan-page";
import {
  REPORT_MUTATION,
  SCAN_QUERY,
  type ScanCylinder,
  TREE_HEAD_QUERY,
  type TreeHead,
  UNKNOWN_SCAN_MUTATION,
} from "./scan-query";

export interface PagesOptions {
  config: Config;
  clock: Clock;
  log: Logger;
  /** The gateway's own address, once it listens (labels encode it when PUBLIC_BASE_URL is unset). */
  selfUrl(): string;
}

export interface Pages {
  /** Demo cylinders and accounts the home page suggests (npm start sets them). */
  showExamples(examples: HomeExamples): void;
}

/** The label desk's session: the ticket, HttpOnly, for the desk's paths only. */
const SESSION_COOKIE = "cyl_labels";

/** How long the latest signed tree head is reused (a new one comes every few minutes). */
const HEAD_CACHE_MS = 10_000;

const HTML = "text/html; charset=utf-8";
/** The pages load nothing from anywhere: not even from this host, beyond the page itself. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply
    .code(status)
    .header("content-type", HTML)
    .header("content-security-policy", PAGE_CSP)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store")
    .send(html);
}

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of String(request.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

function firstError(r: ExecutionResultLike): { code: string; message: string } | null {
  const e = r.errors?.[0];
  return e ? { code: String(e.extensions?.code ?? "INTERNAL"), message: e.message } : null;
}

export async function registerPages(gateway: Gateway, options: PagesOptions): Promise<Pages> {
  const { config, log } = options;
  const app = gateway.app;
  let examples: HomeExamples = { cylinders: [], accounts: [] };
  const baseUrl = () => config.publicBaseUrl ?? options.selfUrl();

  registerGraphiQL(app, () => examples.cylinders[0]?.barcode);

  let head: { value: TreeHead | null; at: number } | null = null;
  const latestHead = async (): Promise<TreeHead | null> => {
    const now = performance.now();
    if (head && now - head.at < HEAD_CACHE_MS) return head.value;
    const r = await gateway.execute({ query: TREE_HEAD_QUERY }, PUBLIC_IDENTITY);
    const value = (r.data?.ledgerTreeHead as TreeHead | undefined) ?? null;
    head = { value, at: now };
    return value;
  };

  const publicQuery = (query: string, variables: Record<string, unknown>, request: FastifyRequest) =>
    gateway.execute({ query, variables }, PUBLIC_IDENTITY, { clientAddress: request.ip });

  const scanModel = async (code: string): Promise<ScanPageModel | null> => {
    const [r, h] = await Promise.all([
      gateway.execute({ query: SCAN_QUERY, variables: { barcode: code } }, PUBLIC_IDENTITY),
      latestHead(),
    ]);
    const error = firstError(r);
    if (error && !r.data?.cylinder) throw new Error(`scan page query failed: ${error.code} ${error.message}`);
    const cylinder = (r.data?.cylinder as ScanCylinder | null | undefined) ?? null;
    return cylinder ? { cylinder, head: h } : null;
  };

  /** The signed-in user of the label desk (cookie, bearer, x-ticket or ?ticket=), or null. */
  const deskUser = (request: FastifyRequest): Identity | null => {
    const credential =
      credentialOf(request.headers, request.query as Record<string, unknown>) ?? cookieOf(request, SESSION_COOKIE);
    if (!credential) return null;
    try {
      const identity = gateway.identify(credential);
      return identity.role === "public" ? null : identity;
    } catch (e) {
      if (isPlatformError(e)) return null;
      throw e;
    }
  };

  await app.register(async (pages) => {
    // brotli's default quality (11) costs milliseconds per page; 4 is about gzip's cost and size
    await pages.register(compress, {
      global: true,
      threshold: 1024,
      encodings: ["br", "gzip"],
      brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    });
    await pages.register(formbody, { bodyLimit: 16 * 1024 });

    pages.setErrorHandler((error, request, reply) => {
      log.error({ err: error, url: request.url }, "page failed");
      return sendHtml(reply, renderUnavailablePage(), 503);
    });

    pages.get("/", async (_request, reply) => sendHtml(reply, renderHomePage(examples)));

    pages.get("/c", async (request, reply) => {
      const code = String((request.query as Record<string, unknown>).code ?? "").trim();
      return reply.redirect(code ? `/c/${encodeURIComponent(code)}` : "/", 303);
    });

    pages.get<{ Params: { code: string }; Querystring: { reported?: string } }>("/c/:code", async (request, reply) => {
      const code = request.params.code.trim();
      const model = await scanModel(code);
      if (!model) {
        // a scan is a GET; HEAD (link checkers, previews asking for headers only) is not one
        if (request.method === "GET") {
          const r = await publicQuery(UNKNOWN_SCAN_MUTATION, { code }, request);
          const error = firstError(r);
          if (error) log.warn({ error, code }, "unknown code scan not recorded");
        }
        return sendHtml(reply, renderNotFoundPage(code), 404);
      }
      const reported = Number(request.query.reported);
      if (Number.isInteger(reported) && reported > 0) {
        model.report = { done: `已收到您的反映（编号 ${reported}），已转交气瓶所在地的市场监管部门。谢谢！` };
      }
      return sendHtml(reply, renderScanPage(model));
    });

    pages.post<{ Params: { code: string }; Body: Record<string, string | undefined> }>(
      "/c/:code/report",
      async (request, reply) => {
        const code = request.params.code.trim();
        const body = request.body ?? {};
        const values: ReportFormValues = {
          kind: body.kind ?? "",
          description: body.description ?? "",
          contactPhone: body.contactPhone ?? "",
        };
        const again = async (error: string, status: number) => {
          const model = await scanModel(code);
          if (!model) return sendHtml(reply, renderNotFoundPage(code), 404);
          model.report = { error, values };
          return sendHtml(reply, renderScanPage(model), status);
        };
        if (!values.kind) return again("请选择问题类别。", 400);
        const r = await publicQuery(
          REPORT_MUTATION,
          {
            input: {
              barcode: code,
              kind: values.kind.toUpperCase(),
              description: values.description || null,
              contactPhone: values.contactPhone || null,
            },
          },
          request,
        );
        const error = firstError(r);
        if (error) {
          if (error.code === "UNKNOWN_BARCODE") return sendHtml(reply, renderNotFoundPage(code), 404);
          const status = error.code === "RATE_LIMITED" ? 429 : error.code === "INTERNAL" ? 503 : 400;
          if (status === 503) log.error({ error, code }, "citizen report failed");
          // GraphQL's own validation messages are English: the form says it plainly instead
          const known = /^(RATE_LIMITED|INVALID_FIELD|INVALID_ENUM|MISSING_FIELD)$/.test(error.code);
          return again(known ? error.message : "提交的内容有误，请检查后再提交。", status);
        }
        const receipt = r.data?.reportCylinderProblem as { reportId: number };
        return reply.redirect(`/c/${encodeURIComponent(code)}?reported=${receipt.reportId}#report`, 303);
      },
    );

    const labelFor = async (code: string, reply: FastifyReply) => {
      const r = await gateway.execute(
        { query: "query($b: String!) { cylinder(barcode: $b) { barcode } }", variables: { b: code } },
        PUBLIC_IDENTITY,
      );
      // labels only for registered cylinders: the site must not print labels for made-up codes
      if (!r.data?.cylinder) {
        reply.code(404).header("content-type", "text/plain; charset=utf-8").send("气瓶编号未登记");
        return null;
      }
      return scanUrl(baseUrl(), code);
    };

    pages.get<{ Params: { code: string } }>("/c/:code/label.svg", async (request, reply) => {
      const code = request.params.code.trim();
      const url = await labelFor(code, reply);
      if (!url) return reply;
      return reply
        .header("content-type", "image/svg+xml; charset=utf-8")
        .header("cache-control", "public, max-age=86400")
        .send(labelSvg(code, url));
    });

    pages.get<{ Params: { code: string } }>("/c/:code/label.png", async (request, reply) => {
      const code = request.params.code.trim();
      const url = await labelFor(code, reply);
      if (!url) return reply;
      return reply
        .header("content-type", "image/png")
        .header("cache-control", "public, max-age=86400")
        .send(await labelPng(code, url));
    });

    // the label desk
    pages.get("/labels", async (request, reply) => {
      const user = deskUser(request);
      if (!user) return sendHtml(reply, renderLabelLogin());
      const r = await gateway.execute(
        {
          query: `query LabelDesk {
            registrations(filter: { status: APPROVED }, first: 100) { nodes { id style medium createdAt } }
            carCodeRanges { id firstCode lastCode count }
          }`,
        },
        user,
      );
      const data = r.data ?? {};
      const regs = (data.registrations as { nodes: never[] } | null)?.nodes ?? [];
      const ranges = (data.carCodeRanges as never[] | null) ?? [];
      return sendHtml(reply, renderLabelDesk(user.username ?? "", regs, ranges));
    });

    pages.post<{ Body: Record<string, string | undefined> }>("/labels/login", async (request, reply) => {
      const { username = "", password = "" } = request.body ?? {};
      const r = await gateway.execute(
        {
          query: "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { ticket expiresAt } }",
          variables: { u: username, p: password },
        },
        PUBLIC_IDENTITY,
        { clientAddress: request.ip },
      );
      const login = r.data?.login as { ticket: string; expiresAt: string } | undefined;
      if (!login) return sendHtml(reply, renderLabelLogin(firstError(r)?.message ?? "登录失败"), 401);
      const maxAge = Math.max(
        0,
        Math.floor((new Date(login.expiresAt).getTime() - options.clock.now().getTime()) / 1000),
      );
      const secure = request.protocol === "https" ? "; Secure" : "";
      reply.header(
        "set-cookie",
        `${SESSION_COOKIE}=${encodeURIComponent(login.ticket)}; Path=/labels; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`,
      );
      return reply.redirect("/labels", 303);
    });

    pages.post("/labels/logout", async (_request, reply) => {
      reply.header("set-cookie", `${SESSION_COOKIE}=; Path=/labels; HttpOnly; SameSite=Strict; Max-Age=0`);
      return reply.redirect("/labels", 303);
    });

    const pageOf = (request: FastifyRequest) => {
      const n = Number((request.query as Record<string, unknown>).page ?? 1);
      return Number.isInteger(n) && n >= 1 ? n : 1;
    };
    const pageLink = (path: string, n: number, total: number) =>
      n >= 1 && (n - 1) * SHEET_PAGE_CODES < total ? `${path}?page=${n}` : null;

    pages.get<{ Params: { id: string } }>("/labels/registration/:id", async (request, reply) => {
      const user = deskUser(request);
      if (!user) return reply.redirect("/labels", 303);
      const id = Number(request.params.id);
      const r = await gateway.execute(
        {
          query: "query($id: Int!) { registration(id: $id) { id status style medium items { barcode } } }",
          variables: { id: Number.isInteger(id) ? id : -1 },
        },
        user,
      );
      const reg = r.data?.registration as
        | { id: number; status: string; style: string; medium: string; items: { barcode: string }[] }
        | null
        | undefined;
      if (!reg) {
        const error = firstError(r);
        return sendHtml(
          reply,
          renderDeskMessage("无法打印", error?.message ?? `登记申请 ${request.params.id} 不存在`),
          error ? 403 : 404,
        );
      }
      if (reg.status !== "APPROVED") {
        return sendHtml(reply, renderDeskMessage("无法打印", "只有审核通过的使用登记才能打印标签。"), 409);
      }
      const n = pageOf(request);
      const codes = reg.items.map((i) => i.barcode).slice((n - 1) * SHEET_PAGE_CODES, n * SHEET_PAGE_CODES);
      const path = `/labels/registration/${reg.id}`;
      return sendHtml(
        reply,
        renderLabelSheet({
          title: `使用登记第 ${reg.id} 号 · 气瓶标签`,
          note: `${reg.style}，${reg.medium}，共 ${reg.items.length} 只气瓶，本页 ${codes.length} 张。`,
          codes,
          copies: 1,
          baseUrl: baseUrl(),
          previous: pageLink(path, n - 1, reg.items.length),
          next: pageLink(path, n + 1, reg.items.length),
        }),
      );
    });

    pages.get<{ Params: { id: string } }>("/labels/car-range/:id", async (request, reply) => {
      const user = deskUser(request);
      if (!user) return reply.redirect("/labels", 303);
      const r = await gateway.execute(
        { query: "{ carCodeRanges { id prefectureCode firstSerial lastSerial count firstCode lastCode } }" },
        user,
      );
      const ranges = (r.data?.carCodeRanges ?? []) as {
        id: number;
        prefectureCode: string;
        firstSerial: number;
        lastSerial: number;
        count: number;
        firstCode: string;
        lastCode: string;
      }[];
      const range = ranges.find((x) => String(x.id) === request.params.id);
      if (!range) {
        const error = firstError(r);
        return sendHtml(
          reply,
          renderDeskMessage("无法打印", error?.message ?? `号段 ${request.params.id} 不存在或不属于本单位`),
          error ? 403 : 404,
        );
      }
      const n = pageOf(request);
      const first = range.firstSerial + (n - 1) * SHEET_PAGE_CODES;
      const last = Math.min(range.lastSerial, first + SHEET_PAGE_CODES - 1);
      const codes: string[] = [];
      for (let s = first; s <= last; s++) codes.push(formatCarCode(range.prefectureCode, s));
      const path = `/labels/car-range/${range.id}`;
      return sendHtml(
        reply,
        renderLabelSheet({
          title: `车用气瓶号段第 ${range.id} 段 · 二维码标签`,
          note: `${range.firstCode}–${range.lastCode}，共 ${range.count} 个编码；每个编码一式三张，按 120° 间隔粘贴在同一只气瓶上（附件 2）。本页 ${codes.length} 个编码。`,
          codes,
          copies: CAR_LABELS_PER_CYLINDER,
          baseUrl: baseUrl(),
          previous: pageLink(path, n - 1, range.count),
          next: pageLink(path, n + 1, range.count),
        }),
      );
    });
  });

  return {
    showExamples(next) {
      examples = next;
    },
  };
}

export type { DemoAccountHint, ExampleCylinder, HomeExamples } from "./home-page";
