/**
 * `npm run demo -- --cylinders 1000000 [--seed N] [--reset] [--date YYYY-MM-DD]
 *   [--fill-days N] [--inspection-days N]`: loads deterministic demo data into the database
 * of the configuration (DATABASE_URL, else the embedded PGlite in DATA_DIR). The database
 * must hold no platform data unless --reset is given (which empties it first).
 */
import { parseArgs } from "node:util";
import { createLogger, isPlatformError, loadConfig, migrate, openDatabase, systemClock } from "@cylinder/db";
import { checkpoint, ledgerKeys } from "@cylinder/db/ledger";
import { DEFAULT_SEED, loadDemo } from "../demo/index";
import { progressBar } from "../demo/progress";
import { demoAccounts, describeAccounts, describeLoad } from "../demo/report";

const log = createLogger("demo");

const USAGE = `用法: npm run demo -- --cylinders 1000000 [--seed ${DEFAULT_SEED}] [--reset] [--date YYYY-MM-DD] [--fill-days 7] [--inspection-days 365]`;

function integer(name: string, text: string | undefined, fallback: number | undefined): number | undefined {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ""));
  if (!Number.isInteger(n)) throw new Error(`--${name} 须为整数: ${text}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cylinders: { type: "string" },
      seed: { type: "string" },
      reset: { type: "boolean", default: false },
      date: { type: "string" },
      "fill-days": { type: "string" },
      "inspection-days": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const cylinders = integer("cylinders", values.cylinders, config.demoCylinders) as number;
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, applicationName: "demo" });
  try {
    await migrate(database);
    const bar = progressBar("演示数据");
    try {
      const summary = await loadDemo(database, {
        cylinders,
        dataKey: config.dataKey,
        seed: integer("seed", values.seed, DEFAULT_SEED),
        referenceDate: values.date,
        fillDays: integer("fill-days", values["fill-days"], undefined),
        inspectionDays: integer("inspection-days", values["inspection-days"], undefined),
        reset: values.reset,
        onProgress: (done, total) => bar.update(done, total),
      });
      bar.stop();
      console.log(describeLoad(summary));
      // sequence the demo's leaves and publish a signed head, so `npm run verify` is clean at once
      const { head } = await checkpoint(database.sql, ledgerKeys(config), systemClock);
      console.log(`账本 ledger: 签名树头 signed tree head of ${head.treeSize} leaves`);
      console.log(describeAccounts(await demoAccounts(database, summary.options.seed)));
    } finally {
      bar.stop();
    }
  } finally {
    await database.close();
  }
}

main().catch((e: unknown) => {
  if (isPlatformError(e)) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  log.fatal({ err: e }, "demo load failed");
  process.exit(1);
});
