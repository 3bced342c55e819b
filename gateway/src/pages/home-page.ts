/**
 * The home page (/): what the platform is, a code lookup, the links a visitor needs, and for
 * each demo role what to try first. Pure: the examples (demo cylinders and accounts, set by
 * `npm start` on a demo database) in, HTML out. Passwords are never shown here.
 */
import { ACCOUNT_ROLES, type AccountRole } from "@cylinder/db";
import { esc, type Html, layout } from "./html";
import { lookupForm } from "./not-found-page";

export interface ExampleCylinder {
  /** What it shows, e.g. 可以充装的液化石油气瓶. */
  label: string;
  barcode: string;
}

export interface DemoAccountHint {
  username: string;
  role: string;
  unitName: string;
}

export interface HomeExamples {
  cylinders: readonly ExampleCylinder[];
  accounts: readonly DemoAccountHint[];
}

/** What each role should try first (the platform's own links and operations). */
const FIRST_STEPS: Record<AccountRole, string> = {
  filling_unit:
    "用 POST /PS/Account/Login 登录拿到 ticket，扫码申请充装许可、上传充装前检查和充装记录（见 /PS/docs）；在“标签打印”打印本单位已通过登记的气瓶标签。",
  inspection_station: "在 GraphQL 调试台登录，查询送检给本站的工单 inspectionOrders，并提交检验结果。",
  prefecture_regulator:
    "在 GraphQL 调试台登录，查询本州市未处理的报警 alarms(filter: {open: true})、群众反映 citizenReports，并订阅 alarmRaised 实时报警。",
  province_regulator: "在 GraphQL 调试台登录，按州市查看 prefectures 的监管数据和全省报警。",
  platform: "州市平台之间同步：按 lasttime 调用 /PS/* 的列表接口。",
  operator: "运行 npm run sync -- status 查看州市平台同步状态，npm run verify 核验防篡改账本。",
};

function examples(list: readonly ExampleCylinder[]): Html {
  if (list.length === 0) return "";
  const items = list
    .map(
      (e) =>
        `<li><a href="/c/${encodeURIComponent(e.barcode)}">${esc(e.label)}</a> <span class="mono muted">${esc(e.barcode)}</span></li>`,
    )
    .join("");
  return `<p>演示气瓶：</p><ul>${items}</ul>`;
}

function roles(accounts: readonly DemoAccountHint[]): Html {
  const byRole = new Map<string, DemoAccountHint>();
  for (const a of accounts) if (!byRole.has(a.role)) byRole.set(a.role, a);
  const rows = (Object.keys(FIRST_STEPS) as AccountRole[])
    .map((role) => {
      const a = byRole.get(role);
      const who = a
        ? `<br><span class="muted">演示账号 <span class="mono">${esc(a.username)}</span>（${esc(a.unitName)}）</span>`
        : "";
      return `<tr><th scope="row">${esc(ACCOUNT_ROLES[role])}${who}</th><td>${esc(FIRST_STEPS[role])}</td></tr>`;
    })
    .join("");
  const note =
    accounts.length > 0
      ? `<p class="muted">演示账号的密码由 <span class="mono">npm start</span> 在启动时打印，仅供演示。</p>`
      : "";
  return `<section class="card roles"><h2>各角色从这里开始</h2>${rows}${note}</section>`;
}

export function renderHomePage(ex: HomeExamples): Html {
  const body = `<h1>云南省气瓶质量安全追溯平台</h1><section class="card"><p>全省气瓶“一企一证、一瓶一码”的追溯数据交换平台：充装单位上传充装前检查、充装和充装后检查记录，检验机构上传定期检验结果，16 个州市的数据在省级平台汇聚，监管部门实时接收违规报警。群众用手机扫描气瓶上的二维码，就能看到这只气瓶的登记、充装和检验情况。</p></section><section class="card"><h2>查询气瓶</h2><p class="muted">输入气瓶标签上的编号，或用手机扫描气瓶上的二维码。</p>${lookupForm()}${examples(ex.cylinders)}</section><section class="card"><h2>常用入口</h2><ul><li><a href="/PS/docs">/PS/* 接口文档</a>（附件 1 规定的数据接口，可在线调试）</li><li><a href="/graphql">GraphQL 调试台</a>（监管部门与检验机构的查询接口，支持订阅实时报警）</li><li><a href="/labels">标签打印</a>（登录后打印已登记气瓶和车用气瓶号段的二维码标签）</li><li>监管工作台：建设中</li><li><a href="/healthz">运行状态</a> · <a href="/readyz">就绪检查</a></li></ul></section>${roles(ex.accounts)}`;
  return layout({ title: "云南省气瓶质量安全追溯平台", body });
}
