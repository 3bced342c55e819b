/**
 * The QR label of a cylinder: the QR code of its scan-page URL, a 1-D Code 128 of the code
 * (annex 2 asks both for car cylinders: "二维码（含一维码）"), and the code in human-readable
 * form, drawn by bwip-js (one generator for both symbologies). SVG for print sheets and
 * `/c/{code}/label.svg`, PNG for `/c/{code}/label.png` (bwip-js renders each symbol, pngjs
 * puts them on one white label). Sizes in millimetres: 56 × 66 mm, quiet zones included.
 */
import bwipjs from "bwip-js/node";
import { PNG } from "pngjs";
import { esc } from "./html";

/** The URL every label encodes: the scan page under PUBLIC_BASE_URL. */
export function scanUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/c/${encodeURIComponent(code)}`;
}

export const LABEL_MM = { width: 56, height: 66 } as const;

/** An SVG document's inner markup and its viewBox (bwip-js draws in its own units). */
function symbolSvg(options: Parameters<typeof bwipjs.toSVG>[0]): { viewBox: string; inner: string } {
  const svg = bwipjs.toSVG(options);
  const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? "0 0 1 1";
  const inner = svg.slice(svg.indexOf(">") + 1, svg.lastIndexOf("</svg>"));
  return { viewBox, inner };
}

/** The label as an SVG element (a standalone document, or inline in a sheet). */
export function labelSvg(code: string, url: string, title = "云南气瓶追溯 · 扫码查询"): string {
  const qr = symbolSvg({ bcid: "qrcode", text: url });
  const bar = symbolSvg({ bcid: "code128", text: code, height: 8 });
  const { width, height } = LABEL_MM;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}mm" height="${height}mm" role="img" aria-label="气瓶 ${esc(code)} 的二维码标签"><rect width="${width}" height="${height}" fill="#fff"/><text x="${width / 2}" y="5.2" font-size="3.2" text-anchor="middle" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">${esc(title)}</text><svg x="10" y="7" width="36" height="36" viewBox="${qr.viewBox}">${qr.inner}</svg><svg x="8" y="46" width="40" height="10" viewBox="${bar.viewBox}" preserveAspectRatio="none">${bar.inner}</svg><text x="${width / 2}" y="61.5" font-size="3.6" text-anchor="middle" font-family="ui-monospace,Menlo,Consolas,monospace" letter-spacing="0.3">${esc(code)}</text></svg>`;
}

/** The label as a PNG (about 300 dpi across the QR): QR, Code 128, the code under it. */
export async function labelPng(code: string, url: string): Promise<Buffer> {
  const [qr, bar] = await Promise.all([
    bwipjs.toBuffer({ bcid: "qrcode", text: url, scale: 6 }),
    bwipjs.toBuffer({
      bcid: "code128",
      text: code,
      scale: 3,
      height: 10,
      includetext: true,
      textxalign: "center",
      textsize: 11,
    }),
  ]);
  const q = PNG.sync.read(qr);
  const b = PNG.sync.read(bar);
  const margin = 48;
  const width = Math.max(q.width, b.width) + 2 * margin;
  const height = margin + q.height + margin / 2 + b.height + margin;
  const label = new PNG({ width, height, colorType: 0, inputHasAlpha: true });
  label.data.fill(255);
  paintOver(label, q, Math.round((width - q.width) / 2), margin);
  paintOver(label, b, Math.round((width - b.width) / 2), margin + q.height + margin / 2);
  return PNG.sync.write(label, { colorType: 0 });
}

/** Draws `src` onto the white `dst` at (x, y), blending by alpha (bwip-js leaves the background transparent). */
function paintOver(dst: PNG, src: PNG, x: number, y: number): void {
  for (let row = 0; row < src.height; row++) {
    for (let col = 0; col < src.width; col++) {
      const s = (row * src.width + col) * 4;
      const d = ((y + row) * dst.width + x + col) * 4;
      const a = src.data[s + 3]! / 255;
      for (let k = 0; k < 3; k++) dst.data[d + k] = Math.round(src.data[s + k]! * a + 255 * (1 - a));
    }
  }
}
