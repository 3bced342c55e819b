/** Cylinder state: regulators' changes, inspection results from the system, and the history. */

import type { Drizzle } from "@cylinder/db";
import { cylinderStateChange } from "@cylinder/db/schema";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import { asc, inArray } from "drizzle-orm";
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from "type-graphql";
import type { RegistryContext } from "../context";
import { Cylinder, toCylinder } from "./cylinder.type";
import { applyInspectionResults, setCylinderState } from "./cylinder-state.service";
import {
  CylinderStateChange,
  type CylinderStateChangeRow,
  InspectionResultUpdateInput,
  toCylinderStateChange,
} from "./cylinder-state.type";

export function createStateChangeLoader(db: Drizzle) {
  return batchLoader<number, CylinderStateChangeRow[]>(async (ids) => {
    const rows = await db
      .select()
      .from(cylinderStateChange)
      .where(inArray(cylinderStateChange.cylinderId, ids as number[]))
      .orderBy(asc(cylinderStateChange.id));
    const map = new Map<number, CylinderStateChangeRow[]>();
    for (const r of rows) map.set(r.cylinderId, [...(map.get(r.cylinderId) ?? []), r]);
    return ids.map((id) => map.get(id) ?? []);
  });
}

@Resolver(() => Cylinder)
export class CylinderStateResolver {
  @Mutation(() => Cylinder, {
    description:
      "变更气瓶状态 (set state): 管辖该气瓶的监管部门；1 正常 2 锁定 3 停用 4 报废；报废不可恢复；须说明理由",
  })
  async setCylinderState(
    @Arg("barcode", () => String) barcode: string,
    @Arg("state", () => Int) state: number,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: RegistryContext,
  ): Promise<Cylinder> {
    return toCylinder(await setCylinderState(ctx, barcode, state, reason), ctx.scope, ctx.deps.config.dataKey);
  }

  @Mutation(() => Int, {
    description:
      "写入定期检验结果 (apply inspection results): 仅平台运维（系统）；幂等，旧结果不覆盖新结果；返回实际更新的条数",
  })
  async applyInspectionResults(
    @Arg("items", () => [InspectionResultUpdateInput]) items: InspectionResultUpdateInput[],
    @Ctx() ctx: RegistryContext,
  ): Promise<number> {
    return applyInspectionResults(ctx, items);
  }

  @FieldResolver(() => [CylinderStateChange], {
    description: "状态变更记录，旧的在前 (state history, oldest first); 公众不可见",
  })
  async stateChanges(@Root() c: Cylinder, @Ctx() ctx: RegistryContext): Promise<CylinderStateChange[]> {
    if (ctx.scope.kind === "public") return [];
    return (await ctx.loaders.stateChanges.load(c.id)).map(toCylinderStateChange);
  }
}
