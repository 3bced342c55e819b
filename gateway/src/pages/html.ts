/**
 * The pages' HTML: escaping, and the one layout every page shares (a little inline CSS,
 * system fonts, nothing from another host), mobile first: the scan page must open fast in
 * WeChat's browser on a weak phone over a poor network.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or attribute value, escaped. */
export function esc(value: string | number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An HTML fragment already escaped (what the templates below concatenate). */
export type Html = string;

/** Joins fragments, skipping the empty ones. */
export function join(parts: readonly (Html | false | null | undefined)[], sep = ""): Html {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(sep);
}

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1b1b1b;background:#f3f5f7}
a{color:#0b5394}
header.top{background:#0b3d6b;color:#fff;padding:.6rem 1rem}
header.top a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:42rem;margin:0 auto;padding:.75rem}
footer{max-width:42rem;margin:0 auto;padding:1rem .75rem 2rem;color:#4a4a4a;font-size:.875rem}
h1{font-size:1.35rem;margin:.5rem 0}
h2{font-size:1.05rem;margin:0 0 .5rem}
section.card{background:#fff;border-radius:.5rem;padding:.9rem 1rem;margin:.75rem 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.25rem .9rem}
dt{color:#4a4a4a}
dd{margin:0;word-break:break-all}
.badge{border-radius:.5rem;padding:1rem;color:#fff;margin:.75rem 0}
.badge.ok{background:#0a6b2d}
.badge.no{background:#a4161a}
.badge .verdict{font-size:2rem;font-weight:700;line-height:1.2;margin:0}
.badge ul{margin:.5rem 0 0;padding-left:1.2rem}
.badge small,.muted{font-size:.85rem}
.badge small{color:#f1f1f1}
.muted{color:#4a4a4a}
.warn{color:#a4161a;font-weight:600}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{text-align:left;padding:.35rem .25rem;border-bottom:1px solid #e1e4e8;vertical-align:top}
th{color:#4a4a4a;font-weight:500}
td.num{white-space:nowrap}
.roles h3{font-size:1rem;margin:.75rem 0 .1rem}
.roles h3 .muted{font-weight:400}
.roles p{margin:0 0 .25rem}
fieldset{border:0;padding:0;margin:0 0 .75rem}
legend{font-weight:600;margin-bottom:.25rem}
label{display:block;margin:.35rem 0}
input[type=text],input[type=tel],input[type=password],input[type=search],textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:.35rem;background:#fff}
textarea{min-height:5rem}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:.35rem;background:#0b3d6b;color:#fff;cursor:pointer;text-decoration:none}
.notice{border-left:4px solid #0b3d6b;background:#e8f0f8;padding:.6rem .8rem;margin:.75rem 0}
.notice.bad{border-color:#a4161a;background:#fbeaea}
.row{display:flex;gap:.5rem}
.row input{flex:1}
`.replace(/\n/g, "");

export interface PageSpec {
  title: string;
  body: Html;
  /** Extra CSS for this page (the label sheets' print rules). */
  css?: string;
  /** Hide the header and footer (printable sheets). */
  bare?: boolean;
}

export function layout(spec: PageSpec): Html {
  const header = `<header class="top"><a href="/">云南省气瓶质量安全追溯平台</a></header>`;
  const footer = `<footer>云南省市场监督管理局 · 气瓶安全问题请拨打 12315，发生漏气、着火请立即拨打 119</footer>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(spec.title)}</title><link rel="icon" href="data:,"><meta name="description" content="云南省气瓶质量安全追溯平台：扫码查询气瓶登记、充装与检验信息"><style>${CSS}${spec.css ?? ""}</style></head><body>${spec.bare ? "" : header}<main>${spec.body}</main>${spec.bare ? "" : footer}</body></html>`;
}
