/** What a loaded demo looks like, in the words printed by `npm start` and `npm run demo`. */
import { ACCOUNT_ROLES, type Database, verifyPassword } from "@cylinder/db";
import { demoPassword } from "./accounts";
import type { DemoSummary } from "./load";
import { DEFAULT_SEED } from "./plan";

const fmt = (n: number) => n.toLocaleString("en-US");

export function describeLoad(s: DemoSummary): string {
  const lines = [
    `演示数据已加载 (seed ${s.options.seed}, 基准日期 ${s.options.referenceDate}, ${s.engine}): ` +
      `${s.seconds.total.toFixed(1)} s (计划 ${s.seconds.plan.toFixed(1)} s, 写入 ${s.seconds.write.toFixed(1)} s, 账本 ledger ${s.seconds.ledger.toFixed(1)} s, analyze ${s.seconds.finish.toFixed(1)} s)`,
  ];
  const rows = Object.entries(s.rows);
  const total = rows.reduce((a, [, n]) => a + n, 0);
  for (const [table, n] of rows) lines.push(`  ${table.padEnd(32)} ${fmt(n).padStart(12)}`);
  lines.push(`  ${"合计 rows".padEnd(32)} ${fmt(total).padStart(12)}`);
  const st = s.stats;
  lines.push(
    `  异常样本: 未登记条码充装 ${fmt(st.unknownBarcodeFills)}, 非自有产权充装 ${fmt(st.crossOwnerFills)} (其中经同意 ${fmt(st.permittedCrossOwnerFills)}), ` +
      `超装 ${fmt(st.overfills)}, 超 24 小时上传 ${fmt(st.lateUploads)}, 充前检查不合格 ${fmt(st.failedBeforeChecks)} (仍充装 ${fmt(st.refusedButFilled)})`,
  );
  return lines.join("\n");
}

export interface AccountLine {
  readonly username: string;
  readonly role: string;
  readonly unitName: string;
  /** The demo password when it still works, else null (changed, or loaded with another seed). */
  readonly password: string | null;
}

/** The demo accounts in the database, with their demo passwords where those still verify. */
export async function demoAccounts(database: Database, seed = DEFAULT_SEED): Promise<AccountLine[]> {
  const rows = await database.sql<{ username: string; role: string; unit_name: string; password_hash: string }[]>`
    select a.username, a.role, u.name as unit_name, a.password_hash
    from registry.account a join registry.unit u on u.id = a.unit_id
    where a.disabled_at is null
    order by a.id
    limit 50`;
  return Promise.all(
    rows.map(async (r) => {
      const password = demoPassword(seed, r.username);
      const ok = await verifyPassword(password, r.password_hash);
      return { username: r.username, role: r.role, unitName: r.unit_name, password: ok ? password : null };
    }),
  );
}

export function describeAccounts(accounts: readonly AccountLine[]): string {
  if (accounts.length === 0) return "";
  const lines = ["演示账号（仅供演示使用，切勿用于生产）:"];
  for (const a of accounts) {
    const role = ACCOUNT_ROLES[a.role as keyof typeof ACCOUNT_ROLES] ?? a.role;
    lines.push(`  ${a.username.padEnd(12)} ${(a.password ?? "(密码已更改)").padEnd(14)} ${role} · ${a.unitName}`);
  }
  return lines.join("\n");
}
