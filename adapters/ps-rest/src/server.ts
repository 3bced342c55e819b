/**
 * Mounts /PS/* on a fastify app (the gateway's when co-located; a standalone one otherwise),
 * encapsulated: its own body parsing (every content type read raw, decoded by decode.ts),
 * its own error and not-found answers (`{State:1, Value:"原因", Code}`), one handler per row
 * of the route table.
 */
import { randomBytes } from "node:crypto";
import { isPlatformError, type Logger, PlatformError } from "@cylinder/db";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendList } from "./change-stream";
import { decodeRequest } from "./decode";
import type { GatewayClient } from "./gateway-client";
import { openApiDocument } from "./openapi";
import type { Route } from "./route";
import { ROUTES } from "./routes/index";

export interface PsRestOptions {
  /** How the routes reach the gateway. */
  gateway: GatewayClient;
  log: Logger;
  /** Largest request body, bytes (default 2 MiB, the gateway's). */
  bodyLimit?: number;
  /** The route table (default: all of /PS/*). */
  routes?: readonly Route[];
}

export const PS_PREFIX = "/PS";
/** Where the interactive viewer is (the document itself at `${DOCS_PATH}/json`). */
export const DOCS_PATH = "/PS/docs";
const DEFAULT_BODY_LIMIT = 2 * 1024 * 1024;

/** Fastify's own failures (body parsing, limits) in the platform's words. */
function fromFastifyError(error: FastifyError, bodyLimit: number): PlatformError | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
    case "FST_REQ_FILE_TOO_LARGE":
      return new PlatformError("PAYLOAD_TOO_LARGE", { limit: `${Math.floor(bodyLimit / 1024)} KB` });
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new PlatformError("MALFORMED_DATA", { reason: error.message });
    default:
      if (error.statusCode === 413)
        return new PlatformError("PAYLOAD_TOO_LARGE", { limit: `${Math.floor(bodyLimit / 1024)} KB` });
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return new PlatformError("MALFORMED_DATA", { reason: error.message });
      }
      return undefined;
  }
}

export function sendFailure(reply: FastifyReply, error: PlatformError): FastifyReply {
  return reply
    .code(error.status)
    .header("content-type", "application/json; charset=utf-8")
    .send(JSON.stringify(error.toPsBody()));
}

export async function registerPsRest(app: FastifyInstance, options: PsRestOptions): Promise<void> {
  const { log } = options;
  const { gateway } = options;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const routes = options.routes ?? ROUTES;

  await app.register(
    async (ps) => {
      // every body raw: decode.ts knows the annex's ways of sending data
      ps.removeAllContentTypeParsers();
      ps.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_req, body, done) => done(null, body));
      // multipart forms (image upload): fields as strings, files as buffers
      await ps.register(multipart, {
        attachFieldsToBody: "keyValues",
        limits: { fileSize: bodyLimit, files: 4, fields: 20 },
      });

      // the OpenAPI document and its viewer, assets served from the package (no CDN)
      await ps.register(swagger, { mode: "static", specification: { document: openApiDocument(routes) as never } });
      await ps.register(swaggerUi, { routePrefix: "/docs", uiConfig: { docExpansion: "list", deepLinking: true } });

      ps.setErrorHandler((error: FastifyError, request, reply) => {
        const known = isPlatformError(error) ? error : fromFastifyError(error, bodyLimit);
        if (known) return sendFailure(reply, known);
        const ref = randomBytes(4).toString("hex");
        log.error({ err: error, ref, url: request.url }, "unexpected error on /PS");
        return sendFailure(reply, new PlatformError("INTERNAL", { ref }));
      });
      ps.setNotFoundHandler((request, reply) =>
        sendFailure(reply, new PlatformError("NOT_FOUND", { what: "接口", id: request.url.split("?")[0] })),
      );

      for (const route of routes) {
        ps.route({
          method: route.methods,
          url: route.path.slice(PS_PREFIX.length),
          handler: async (request: FastifyRequest, reply: FastifyReply) => {
            const decoded = await decodeRequest(request, gateway, route.auth);
            if (route.kind === "list") return sendList(route, decoded, reply, gateway, log);
            const value = await route.answer(decoded, gateway);
            reply.header("content-type", "application/json; charset=utf-8");
            if (route.bare) return reply.send(JSON.stringify(value ?? null));
            return reply.send(JSON.stringify(value === undefined ? { State: 0 } : { State: 0, Value: value }));
          },
        });
      }
    },
    { prefix: PS_PREFIX },
  );
}
