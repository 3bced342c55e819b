/**
 * `npm start`: the whole platform in one process. Migrates the database (embedded PGlite
 * unless DATABASE_URL is set), loads demo data into an empty database, starts the subgraphs
 * and the gateway, and prints where to reach them and how to log in.
 */
import { createLogger, loadConfig, migrate, openDatabase, prefectureByCode, systemClock } from "@cylinder/db";
import { checkpoint, ledgerKeys } from "@cylinder/db/ledger";
import { demoExamples } from "../demo/examples";
import { DEFAULT_SEED, isDemoTarget, loadDemo } from "../demo/index";
import { progressBar } from "../demo/progress";
import { demoAccounts, describeAccounts, describeLoad } from "../demo/report";
import { startPlatform } from "../platform";

const log = createLogger("start");

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: "platform",
  });
  await migrate(database);
  const where = database.engine === "pglite" ? `embedded PGlite in ${config.dataDir}` : "PostgreSQL";

  if (config.demoCylinders > 0 && (await isDemoTarget(database.sql))) {
    console.log(`空数据库：加载 ${config.demoCylinders.toLocaleString("en-US")} 只演示气瓶 (DEMO_CYLINDERS)…`);
    const bar = progressBar("演示数据");
    const summary = await loadDemo(database, {
      cylinders: config.demoCylinders,
      dataKey: config.dataKey,
      seed: DEFAULT_SEED,
      onProgress: (done, total) => bar.update(done, total),
    }).finally(() => bar.stop());
    console.log(describeLoad(summary));
    // sequence the demo's leaves and publish a signed head, so `npm run verify` is clean at once
    const { head } = await checkpoint(database.sql, ledgerKeys(config), systemClock);
    console.log(`账本 ledger: 签名树头 signed tree head of ${head.treeSize} leaves`);
  }

  const [counts] = await database.sql<{ cylinders: number; units: number; fills: number }[]>`
    select (select count(*) from registry.cylinder)::int as cylinders,
           (select count(*) from registry.unit)::int as units,
           (select count(*) from trace.fill_record)::int as fills`;
  const platform = await startPlatform(config, database, log);
  // the scheduled jobs once now: a holiday notice added with this restart is applied at once
  void platform.runJobsNow();
  const accountLines = await demoAccounts(database);
  const accounts = describeAccounts(accountLines);
  const examples = await demoExamples(database, platform.gateway, systemClock, accountLines);
  platform.pages.showExamples(examples);
  const base = config.publicBaseUrl ?? platform.url;
  const scan = examples.cylinders[0];
  const code = config.platform.prefectureCode;
  const mode =
    config.platform.mode === "prefecture"
      ? `prefecture platform ${code} ${prefectureByCode(code ?? "")?.name ?? ""} (self-built: the province pulls its /PS/* lists)`
      : `province${platform.sync ? " (pulls the self-built prefecture platforms: npm run sync -- status)" : " (REDIS_URL not set: no prefecture pulls)"}`;
  console.log(`
云南省气瓶质量安全追溯平台 · Yunnan gas-cylinder traceability platform
  mode       ${mode}
  database   ${where}: ${counts!.units} units, ${counts!.cylinders} cylinders, ${counts!.fills} fill records

  Home page  ${platform.url}/          (open in a browser: 首页)
  Scan page  ${scan ? `${base}/c/${scan.barcode}   (${scan.label}: what a phone shows after scanning its label)` : `${base}/c/<barcode>`}
  Labels     ${platform.url}/labels    (printable QR labels, after login)
  GraphQL    ${platform.url}/graphql   (POST; a browser gets the GraphQL IDE; subscriptions over graphql-ws on the same path)
  /PS/*      ${platform.url}/PS/…      (annex 1 REST contract; POST /PS/Account/Login with {Username, Password})
  OpenAPI    ${platform.url}/PS/docs   (interactive viewer of the /PS/* contract)
  Console    ${platform.url}/console   (指挥中心控制台与监管工作台: log in with an account below)

  Log in:    mutation { login(username: "…", password: "…") { ticket } }
             then send  Authorization: Bearer <ticket>
${accounts ? `\n${accounts}\n` : ""}`);
  const shutdown = async () => {
    await platform.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((e: unknown) => {
  log.fatal({ err: e }, "start failed");
  process.exit(1);
});
