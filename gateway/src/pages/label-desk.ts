/**
 * The label desk (/labels): sign in, then pick what to print: approved registrations and
 * car-code ranges the account may see (the API scopes both). Pure renderers.
 */
import { esc, type Html, layout } from "./html";

export function renderLabelLogin(error?: string): Html {
  const notice = error ? `<p class="notice bad" role="alert">${esc(error)}</p>` : "";
  const body = `<h1>标签打印</h1><section class="card"><p>充装单位、加气站和登记机关登录后，可以打印已通过使用登记的气瓶标签，以及车用气瓶号段的标签（每个编码一式三张）。</p>${notice}<form method="post" action="/labels/login"><label for="username">账号</label><input type="text" id="username" name="username" autocomplete="username" required><label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required><p><button type="submit">登录</button></p></form></section>`;
  return layout({ title: "标签打印 · 登录", body });
}

export interface DeskRegistration {
  id: number;
  style: string;
  medium: string;
  createdAt: string;
}

export interface DeskRange {
  id: number;
  firstCode: string;
  lastCode: string;
  count: number;
}

export function renderLabelDesk(
  who: string,
  registrations: readonly DeskRegistration[],
  ranges: readonly DeskRange[],
): Html {
  const regs =
    registrations.length === 0
      ? `<p class="muted">没有已通过的使用登记。</p>`
      : `<table><thead><tr><th scope="col">登记申请</th><th scope="col">型号 / 介质</th><th scope="col">申请日期</th></tr></thead><tbody>${registrations
          .map(
            (r) =>
              `<tr><td><a href="/labels/registration/${r.id}">第 ${r.id} 号</a></td><td>${esc(r.style)} / ${esc(r.medium)}</td><td>${esc(r.createdAt.slice(0, 10))}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  const cars =
    ranges.length === 0
      ? `<p class="muted">没有分配的车用气瓶号段。</p>`
      : `<table><thead><tr><th scope="col">号段</th><th scope="col">编码</th><th scope="col">数量</th></tr></thead><tbody>${ranges
          .map(
            (r) =>
              `<tr><td><a href="/labels/car-range/${r.id}">第 ${r.id} 段</a></td><td class="mono">${esc(r.firstCode)}–${esc(r.lastCode)}</td><td>${r.count}</td></tr>`,
          )
          .join("")}</tbody></table>`;
  const body = `<h1>标签打印</h1><p>已登录：<span class="mono">${esc(who)}</span></p><form method="post" action="/labels/logout"><button type="submit">退出登录</button></form><section class="card"><h2>已通过的使用登记</h2>${regs}</section><section class="card"><h2>车用气瓶号段（每个编码一式三张）</h2>${cars}</section>`;
  return layout({ title: "标签打印", body });
}

export function renderDeskMessage(title: string, message: string): Html {
  return layout({
    title,
    body: `<h1>${esc(title)}</h1><section class="card"><p>${esc(message)}</p><p><a href="/labels">返回标签打印</a></p></section>`,
  });
}
