/**
 * Units named in list rows (an owner's or a filling unit's 统一社会信用代码 and name), looked up
 * once per read rather than once per row: a page asks the gateway only for the unit ids it
 * has not met yet, in one aliased query. Resolving `owner { creditCode }` on every row costs
 * the gateway about as much as the rest of the row; a read meets few distinct units.
 * The directory lives for one read (one response), so it is never stale for longer.
 */

import { type GatewayClient, runOperation } from "./gateway-client";
import { graphql } from "./gql";
import { TypedDocumentString, type UnitRefFragment } from "./gql/graphql";

/** What a list row reads of a unit. */
export const UNIT_REF = graphql(`
  fragment UnitRef on Unit {
    name
    creditCode
  }
`);

export type UnitRef = UnitRefFragment;

type UnitsById = Record<string, UnitRef | null | undefined>;

/** One query for the units of `ids` (`u<id>: unit(id: <id>)`, aliased): unknown ids answer null. */
export function unitsQuery(ids: readonly number[]): TypedDocumentString<UnitsById, Record<string, never>> {
  const aliases = ids.map((id) => `u${id}: unit(id: ${id}) { ...UnitRef }`).join(" ");
  return new TypedDocumentString(`{ ${aliases} }\n${UNIT_REF}`);
}

export interface UnitDirectory {
  get(id: unknown): UnitRef | undefined;
}

/** Beyond this many distinct units in one read, the oldest are forgotten (bounded memory). */
const MAX_UNITS = 20_000;

export class UnitLookup implements UnitDirectory {
  private readonly units = new Map<number, UnitRef | null>();

  constructor(
    private readonly gateway: GatewayClient,
    private readonly credential: string | undefined,
  ) {}

  get(id: unknown): UnitRef | undefined {
    return typeof id === "number" ? (this.units.get(id) ?? undefined) : undefined;
  }

  /** Makes sure every id of `ids` is known (null for units the gateway does not return). */
  async load(ids: Iterable<unknown>): Promise<void> {
    const missing = [...new Set(ids)].filter((id): id is number => typeof id === "number" && !this.units.has(id));
    if (missing.length === 0) return;
    const data = await runOperation(this.gateway, unitsQuery(missing), {}, this.credential);
    while (this.units.size + missing.length > MAX_UNITS) {
      const oldest = this.units.keys().next().value;
      if (oldest === undefined) break;
      this.units.delete(oldest);
    }
    for (const id of missing) this.units.set(id, data[`u${id}`] ?? null);
  }
}
