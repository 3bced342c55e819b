/**
 * Printable label sheets for authorised users (A4, cut along the labels' edges): all the
 * cylinders of an approved registration, and a car-code range as annex 2 prescribes, three
 * labels per code (一式三张, stuck at 120° intervals round the cylinder). Long lists come in
 * pages of SHEET_PAGE_CODES codes. Pure: codes in, HTML out.
 */
import { esc, type Html, layout } from "./html";
import { LABEL_MM, labelSvg, scanUrl } from "./label";

/** Codes per printed page of a sheet. */
export const SHEET_PAGE_CODES = 60;
/** Labels per car cylinder (annex 2 二(二)). */
export const CAR_LABELS_PER_CYLINDER = 3;

export interface SheetSpec {
  title: string;
  /** One line under the title: what this sheet is and how to use it. */
  note: string;
  codes: readonly string[];
  copies: number;
  baseUrl: string;
  /** Links to the previous and next page of a long list. */
  previous?: string | null;
  next?: string | null;
}

const CSS = `main{max-width:none}@page{size:A4;margin:8mm}.sheet{display:flex;flex-wrap:wrap;gap:2mm}.label{width:${LABEL_MM.width}mm;height:${LABEL_MM.height}mm;break-inside:avoid;outline:1px dashed #999}.label svg{display:block;width:100%;height:100%}.noprint{margin:.5rem 0}@media print{.noprint{display:none}main{max-width:none;padding:0}body{background:#fff}}`;

export function renderLabelSheet(spec: SheetSpec): Html {
  const labels = spec.codes
    .flatMap((code) => Array.from({ length: spec.copies }, () => code))
    .map((code) => `<div class="label">${labelSvg(code, scanUrl(spec.baseUrl, code))}</div>`)
    .join("");
  const nav = [
    spec.previous ? `<a href="${esc(spec.previous)}">上一页</a>` : "",
    spec.next ? `<a href="${esc(spec.next)}">下一页</a>` : "",
  ]
    .filter((l) => l !== "")
    .join(" · ");
  const body = `<div class="noprint"><h1>${esc(spec.title)}</h1><p>${esc(spec.note)}</p><p class="muted">用浏览器的“打印”（Ctrl+P）打印：A4 纸，缩放 100%，沿虚线裁开。</p><p><a href="/labels">返回标签打印</a>${nav ? ` · ${nav}` : ""}</p></div><div class="sheet">${labels}</div>`;
  return layout({ title: spec.title, body, css: CSS, bare: true });
}
