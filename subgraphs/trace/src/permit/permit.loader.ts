/** Cylinder.fillPermit batched: every cylinder of a request is decided from one context query. */

import type { PlatformError, Scope } from "@cylinder/db";
import { batchLoader } from "@cylinder/subgraph-kit";
import type DataLoader from "dataloader";
import type { TraceDeps } from "../context";
import { type EvaluationKey, evaluatePermits } from "./permit.service";
import type { FillPermit } from "./permit.type";

export function createPermitLoader(deps: TraceDeps, scope: Scope) {
  return batchLoader<EvaluationKey, FillPermit, string>(
    async (keys) => (await evaluatePermits(deps, scope, keys)) as (FillPermit | PlatformError)[],
    { cacheKeyFn: (k) => `${k.barcode}|${k.unitId ?? ""}` },
  );
}
