/**
 * The page of a code the platform does not know: not registered, possibly a counterfeit
 * label. It says what to do, and offers to look up another code. Pure.
 */
import { esc, type Html, layout } from "./html";

export function lookupForm(value = ""): Html {
  return `<form method="get" action="/c" role="search"><label for="code">气瓶编号</label><div class="row"><input type="search" id="code" name="code" inputmode="text" autocomplete="off" value="${esc(value)}" required><button type="submit">查询</button></div></form>`;
}

export function renderNotFoundPage(code: string): Html {
  const shown = [...code].slice(0, 60).join("");
  const body = `<h1>未查到这只气瓶</h1><section class="badge no" aria-label="查询结果"><p class="verdict">未登记</p><ul><li>编码 <span class="mono">${esc(shown || "（空）")}</span> 没有在云南省气瓶质量安全追溯平台登记。</li></ul></section><section class="card"><h2>请这样做</h2><ol><li><strong>不要使用、不要充装这只气瓶</strong>：没有登记的气瓶不能保证安全，标签也可能是假冒的。</li><li>拨打 <strong>12315</strong> 向市场监管部门反映，说明气瓶上的编码和您是在哪里拿到这只气瓶的。</li><li>联系给您供气的单位，要求更换已登记的气瓶。</li></ol><p class="muted">本次查询已记录，同一编码被多次查询时监管部门会核查是否有假冒标签。</p></section><section class="card"><h2>重新输入编号</h2>${lookupForm(shown)}</section>`;
  return layout({ title: "未查到这只气瓶", body });
}

export function renderUnavailablePage(): Html {
  return layout({
    title: "暂时无法查询",
    body: `<h1>暂时无法查询</h1><section class="card"><p>平台暂时无法回答，请稍后再试。如有紧急情况请拨打 119 或 12315。</p></section>`,
  });
}
