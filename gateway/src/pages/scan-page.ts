/**
 * The public scan page (/c/{barcode}), rendered from what SCAN_QUERY returned: a large
 * permit badge with every reason, the cylinder's facts, registration, inspections, last fills,
 * the ledger's latest signed head, and the report form. Pure: data in, HTML out.
 */
import { addYears, CITIZEN_REPORT_KINDS, chinaDateOf, formatChinaDateTime, prefectureByCode } from "@cylinder/db";
import { esc, type Html, join, layout } from "./html";
import type { ScanCylinder, TreeHead } from "./scan-query";

export interface ScanPageModel {
  cylinder: ScanCylinder;
  head: TreeHead | null;
  /** After a report: its receipt line, or why it was not taken (with the form's values). */
  report?: { done: string } | { error: string; values: ReportFormValues };
}

export interface ReportFormValues {
  kind?: string;
  description?: string;
  contactPhone?: string;
}

const dash = "—";
const time = (iso: string) => formatChinaDateTime(new Date(iso)).slice(0, 16);

function kindLabel(c: ScanCylinder): string {
  if (c.kind === "CAR") return "车用气瓶";
  return /液化石油气|二甲醚|天然气|燃气/.test(c.medium) ? "燃气气瓶" : "工业气瓶";
}

function row(term: string, value: Html | null | undefined): Html {
  return `<dt>${esc(term)}</dt><dd>${value === null || value === undefined || value === "" ? dash : value}</dd>`;
}

function badge(c: ScanCylinder): Html {
  const p = c.publicPermit;
  const reasons = p.permitted ? "" : `<ul>${p.reasons.map((r) => `<li>${esc(r.message)}</li>`).join("")}</ul>`;
  const basis = p.judgedForUnitId === null ? "按气瓶本身的状态判定" : "按产权单位判定";
  return `<section class="badge ${p.permitted ? "ok" : "no"}" aria-label="充装判定"><p class="verdict">${esc(p.label)}</p>${reasons}<small>${basis} · 判定时间 ${esc(time(p.decidedAt))}</small></section>`;
}

function facts(c: ScanCylinder): Html {
  const spec = join(
    [
      c.style ? esc(c.style) : null,
      c.volume ? `${esc(c.volume)} L` : null,
      c.nominalPressure ? `${esc(c.nominalPressure)} MPa` : null,
    ],
    "，",
  );
  const owner = c.owner?.name ?? (c.kind === "CAR" ? "车辆产权方（个人或单位，不公开）" : null);
  return `<section class="card"><h2>气瓶信息</h2><dl>${join([
    row("类别", esc(kindLabel(c))),
    row("充装介质", esc(c.medium)),
    row("规格", spec),
    row("制造单位", esc(c.factory)),
    row("出厂日期", esc(c.productDate)),
    row("产权单位", esc(owner)),
    row("气瓶状态", c.state === 1 ? esc(c.stateLabel) : `<span class="warn">${esc(c.stateLabel)}</span>`),
    row("所在州市", esc(prefectureByCode(c.prefectureCode)?.name ?? c.prefectureCode)),
  ])}</dl></section>`;
}

function registration(c: ScanCylinder): Html {
  const r = c.publicRegistration;
  const at = r.registeredAt ?? c.registerDate;
  return `<section class="card"><h2>使用登记</h2><dl>${join([
    row("登记状态", "已办理使用登记（一瓶一码）"),
    row("登记日期", at ? esc(chinaDateOf(new Date(at))) : null),
    row("登记机关", esc(r.office)),
    row(
      c.kind === "CAR" ? "使用登记证编号" : "登记编号",
      r.certificateNo ? `<span class="mono">${esc(r.certificateNo)}</span>` : null,
    ),
  ])}</dl></section>`;
}

function inspection(c: ScanCylinder, today: string): Html {
  const last = c.publicTrace.lastInspection;
  const next = c.nextDate;
  const overdue = next !== null && next < today;
  const lifeEnds = c.discardDate ?? (c.productDate && c.lifePeriod ? addYears(c.productDate, c.lifePeriod) : null);
  const pastLife = lifeEnds !== null && lifeEnds < today;
  return `<section class="card"><h2>定期检验</h2><dl>${join([
    row(
      "最近一次检验",
      last
        ? `${esc(last.reportDate)}，${esc(last.station?.name ?? "")}，${esc(last.conclusionLabel)}`
        : c.checkDate
          ? `${esc(c.checkDate)}（档案记载）`
          : "平台暂无检验记录",
    ),
    row(
      "下次检验日期",
      next
        ? overdue
          ? `<span class="warn">${esc(next)}（已超期）</span>`
          : esc(next)
        : `<span class="warn">未登记</span>`,
    ),
    row("检验周期", c.checkPeriod ? `${esc(c.checkPeriod)} 年` : null),
    row("设计使用年限", c.lifePeriod ? `${esc(c.lifePeriod)} 年` : null),
    row(
      "报废日期",
      lifeEnds ? (pastLife ? `<span class="warn">${esc(lifeEnds)}（已到期）</span>` : esc(lifeEnds)) : null,
    ),
  ])}</dl></section>`;
}

function fills(c: ScanCylinder): Html {
  const list = c.publicTrace.lastFills;
  const body =
    list.length === 0
      ? `<p class="muted">平台暂无充装记录。</p>`
      : `<table><thead><tr><th scope="col">充装时间</th><th scope="col">充装单位</th><th scope="col">净重</th></tr></thead><tbody>${list
          .map(
            (f) =>
              `<tr><td class="num">${esc(time(f.filledAt))}</td><td>${esc(f.unit?.name ?? dash)}</td><td class="num">${f.netWeight === null ? dash : `${esc(f.netWeight.toFixed(2))} kg`}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  return `<section class="card"><h2>最近充装</h2>${body}</section>`;
}

function ledger(head: TreeHead | null): Html {
  if (!head) {
    return `<section class="card"><h2>记录存证</h2><p>记录已写入防篡改账本，签名树头即将发布。</p></section>`;
  }
  const hash = head.rootHash;
  return `<section class="card"><h2>✓ 记录已存证</h2><p>本平台的登记、充装和检验记录都写入防篡改账本（SM3 默克尔树），并定期以 SM2 签名发布树头；任何记录被改动或删除都能被发现。</p><dl>${join(
    [
      row("最新签名树头", `第 ${esc(head.treeSize.toLocaleString("zh-CN"))} 条记录`),
      row("签名时间", esc(time(head.issuedAt))),
      row("根哈希", `<span class="mono">${esc(hash.slice(0, 16))}…${esc(hash.slice(-8))}</span>`),
    ],
  )}</dl></section>`;
}

function reportForm(c: ScanCylinder, model: ScanPageModel): Html {
  const r = model.report;
  const values: ReportFormValues = r && "values" in r ? r.values : {};
  const notice =
    r && "done" in r
      ? `<p class="notice" role="status">${esc(r.done)}</p>`
      : r && "error" in r
        ? `<p class="notice bad" role="alert">${esc(r.error)}</p>`
        : "";
  const kinds = Object.entries(CITIZEN_REPORT_KINDS)
    .map(
      ([key, label]) =>
        `<label><input type="radio" name="kind" value="${esc(key)}" required${values.kind === key ? " checked" : ""}> ${esc(label)}</label>`,
    )
    .join("");
  return `<section class="card" id="report"><h2>反映问题</h2>${notice}<p class="muted">发现这只气瓶有问题，可以在这里告诉市场监管部门。发生漏气、着火请立即远离并拨打 119。</p><form method="post" action="/c/${encodeURIComponent(c.barcode)}/report"><fieldset><legend>问题类别</legend>${kinds}</fieldset><label for="description">情况说明（选填，500 字以内；请勿填写身份证号）</label><textarea id="description" name="description" maxlength="500">${esc(values.description)}</textarea><label for="contactPhone">联系电话（选填，便于回访，加密保存，不会公开）</label><input type="tel" id="contactPhone" name="contactPhone" autocomplete="tel" value="${esc(values.contactPhone)}"><p><button type="submit">提交</button></p></form></section>`;
}

export function renderScanPage(model: ScanPageModel): Html {
  const c = model.cylinder;
  const today = chinaDateOf(new Date(c.publicPermit.decidedAt));
  const body = `<h1>气瓶 <span class="mono">${esc(c.barcode)}</span></h1>${badge(c)}${facts(c)}${registration(c)}${inspection(c, today)}${fills(c)}${ledger(model.head)}${reportForm(c, model)}`;
  return layout({ title: `气瓶 ${c.barcode} · ${c.publicPermit.label}`, body });
}
