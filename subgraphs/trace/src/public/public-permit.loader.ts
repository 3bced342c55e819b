/** Cylinder.publicPermit batched: every cylinder of a request judged for its owner in one query. */
import { batchLoader } from "@cylinder/subgraph-kit";
import type { TraceDeps } from "../context";
import { loadPermitContexts } from "../permit/context";
import { decideFromContext } from "../permit/permit.service";
import { publicPermitVerdict } from "./public-permit.rules";
import type { PublicFillPermit } from "./public-permit.type";

export function createPublicPermitLoader(deps: TraceDeps) {
  return batchLoader<string, PublicFillPermit>(async (barcodes) => {
    const now = deps.clock.now();
    const contexts = await loadPermitContexts(
      deps.db,
      barcodes.map((barcode) => ({ barcode, unitId: null, at: now })),
    );
    return contexts.map((c) => ({
      ...publicPermitVerdict(decideFromContext(c, now), c.unitId !== null),
      judgedForUnitId: c.unitId,
      decidedAt: now,
    }));
  });
}
