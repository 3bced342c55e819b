/**
 * The /PS/* REST adapter as its own process (production): a fastify app on PS_REST_PORT whose
 * routes run their operations on the gateway at GATEWAY_URL over HTTP, with the caller's
 * ticket. Stateless: run as many as needed behind the load balancer.
 */
import { createLogger, loadConfig, runService, systemClock } from "@cylinder/db";
import Fastify from "fastify";
import { httpGatewayClient } from "../gateway-client";
import { registerPsRest } from "../server";

const log = createLogger("ps-rest");
await runService(log, async () => {
  const config = loadConfig();
  const app = Fastify({ logger: false });
  await registerPsRest(app, { gateway: httpGatewayClient(config.gatewayUrl, config.ticketKeys, systemClock), log });
  const address = await app.listen({ host: config.host, port: config.ports.psRest });
  log.info({ address, gateway: config.gatewayUrl }, "ps-rest listening");
  return [{ stop: () => app.close() }];
});
