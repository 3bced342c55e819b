/** Read-side guards: the public reads no trace lists (only a cylinder's public projection). */
import { PlatformError } from "@cylinder/db";
import type { BaseContext } from "@cylinder/subgraph-kit";

export function requireSignedIn(ctx: BaseContext): void {
  if (ctx.scope.kind === "public") {
    throw new PlatformError("FORBIDDEN", { reason: "请先登录；公众仅可按气瓶编号查看公开信息" });
  }
}
