/**
 * `npm run verify`: the operator's tamper check (防篡改校验). Recomputes every leaf of the
 * ledger from the stored records, rebuilds the Merkle tree, checks every published signed
 * tree head, and reports each edited, deleted, inserted or reordered record by table and id.
 *
 *   npm run verify                 against DATABASE_URL (or the embedded database)
 *   npm run verify -- --json       the report as JSON on stdout
 *   npm run verify -- --chunk 50000
 *
 * Exit code 0: nothing found; 1: findings (each printed); 2: the check itself failed.
 * A progress bar is drawn on stderr when it is a terminal.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig, openDatabase } from "@cylinder/db";
import { describeFinding, ledgerKeys, type VerifyReport, verifyLedger } from "@cylinder/db/ledger";
import cliProgress from "cli-progress";

const PHASES = { heads: "签名树头 heads", tree: "重建树 tree   ", records: "核对记录 records" } as const;

export async function runVerify(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: "boolean", default: false }, chunk: { type: "string" } },
  });
  const config = loadConfig(env);
  const keys = ledgerKeys(config);
  if (config.ledger.keysAreDefault) {
    console.error("注意: 使用开发用账本密钥 (LEDGER_SM2_PRIVATE_KEY / LEDGER_SEAL_KEY 未设置) — development keys");
  }
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    applicationName: "verify",
    max: 2,
  });
  const bar =
    process.stderr.isTTY && !values.json
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: " {phase} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}",
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  let started = false;
  let report: VerifyReport;
  try {
    report = await verifyLedger(database.sql, keys, {
      ...(values.chunk ? { chunkSize: Number(values.chunk) } : {}),
      onProgress: (p) => {
        if (!bar) return;
        if (!started) {
          bar.start(Math.max(p.total, 1), 0, { phase: PHASES[p.phase] });
          started = true;
        }
        bar.setTotal(Math.max(p.total, 1));
        bar.update(p.done, { phase: PHASES[p.phase] });
      },
    });
  } finally {
    bar?.stop();
    await database.close();
  }
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  const records = Object.entries(report.records)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ");
  console.log(
    `账本校验 ledger verify: ${report.treeSize} leaves (${report.unsequenced} not yet sequenced), ` +
      `${report.heads} signed heads, records: ${records}; ${report.seconds.toFixed(1)} s`,
  );
  if (report.latestHead) {
    const h = report.latestHead;
    console.log(`最新树头 latest head: size ${h.treeSize}, root ${h.rootHash}, ${new Date(h.timestamp).toISOString()}`);
    const unsigned = report.treeSize + report.unsequenced - h.treeSize;
    if (unsigned > 0)
      console.log(`  ${unsigned} leaves are newer than the latest head (signed at the next checkpoint)`);
  } else if (report.treeSize + report.unsequenced > 0) {
    console.log("注意: no signed head yet — run a checkpoint");
  }
  for (const f of report.findings) console.log(describeFinding(f));
  if (report.moreFindings > 0) console.log(`… and ${report.moreFindings} more findings`);
  const total = report.findings.length + report.moreFindings;
  console.log(total === 0 ? "结果 OK: no tampering found" : `结果 FAILED: ${total} findings`);
  return report.ok ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runVerify(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error("校验未能完成 verify could not run:", e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
