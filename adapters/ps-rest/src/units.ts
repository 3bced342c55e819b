/**
 * Units named in list rows (an owner's or a filling unit's 统一社会信用代码 and name), looked up
 * once per read rather than once per row: a page asks the gateway only for the unit ids it
 * has not met yet, in one aliased query. Resolving `owner { creditCode }` on every row costs
 * the gateway about as much as the rest of the row; a read meets few distinct units.
 * The directory lives for one read (one response), so it is never stale for longer.
 */
import { PlatformError } from "@cylinder/db";
import { fromGraphQLError } from "./errors";
import type { Executor } from "./executor";

export interface UnitRef {
  name: string;
  creditCode: string | null;
}

export interface UnitDirectory {
  get(id: unknown): UnitRef | undefined;
}

/** Beyond this many distinct units in one read, the oldest are forgotten (bounded memory). */
const MAX_UNITS = 20_000;

export class UnitLookup implements UnitDirectory {
  private readonly units = new Map<number, UnitRef | null>();

  constructor(
    private readonly executor: Executor,
    private readonly credential: string | undefined,
  ) {}

  get(id: unknown): UnitRef | undefined {
    return typeof id === "number" ? (this.units.get(id) ?? undefined) : undefined;
  }

  /** Makes sure every id of `ids` is known (null for units the gateway does not return). */
  async load(ids: Iterable<unknown>): Promise<void> {
    const missing = [...new Set(ids)].filter((id): id is number => typeof id === "number" && !this.units.has(id));
    if (missing.length === 0) return;
    const query = `{ ${missing.map((id) => `u${id}: unit(id: ${id}) { name creditCode }`).join(" ")} }`;
    const r = await this.executor.execute(query, {}, this.credential);
    const error = r.errors?.[0];
    if (error || !r.data) throw error ? fromGraphQLError(error) : new PlatformError("INTERNAL", { ref: "units" });
    while (this.units.size + missing.length > MAX_UNITS) {
      const oldest = this.units.keys().next().value;
      if (oldest === undefined) break;
      this.units.delete(oldest);
    }
    for (const id of missing) this.units.set(id, (r.data[`u${id}`] as UnitRef | null) ?? null);
  }
}
