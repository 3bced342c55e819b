/**
 * The platform in a child process for benchmarks, so the load generator does not share the
 * server's event loop. Prints one JSON line: { url, subgraphs: { name: url } }.
 */
import { createLogger, loadConfig, openDatabase } from "@cylinder/db";
import { startPlatform } from "@cylinder/infra/platform";

const config = loadConfig({ ...process.env, PORT: "0", REGISTRY_PORT: "0", TRACE_PORT: "0", PREFECTURE_PORT: "0" });
const database = await openDatabase({ url: config.databaseUrl, max: 20, applicationName: "bench-platform" });
const platform = await startPlatform(config, database, createLogger("bench", "warn"));
const urls = { url: platform.url, subgraphs: Object.fromEntries(platform.subgraphs.map((s) => [s.name, s.url])) };
console.log(`PLATFORM ${JSON.stringify(urls)}`);
process.once("SIGTERM", async () => {
  await platform.stop();
  await database.close();
  process.exit(0);
});
