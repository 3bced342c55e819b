/** Units for pickers: the filling units (or others) of a prefecture, one page of the API's unit list. */
import { gql } from "../api/graphql";

export interface UnitOption {
  id: number;
  name: string;
  kind: string;
  prefectureCode: string;
  licensedMedia: string[];
}

const cache = new Map<string, Promise<UnitOption[]>>();

export function unitsOf(kind: string, prefectureCode?: string | null): Promise<UnitOption[]> {
  const key = `${kind}:${prefectureCode ?? ""}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = gql<{ units: { nodes: UnitOption[] } }>(
      `query UnitPick($f: UnitFilter) { units(filter: $f, first: 500) { nodes { id name kind prefectureCode licensedMedia } } }`,
      { f: { kind, ...(prefectureCode ? { prefectureCode } : {}) } },
    ).then((r) => r.units.nodes);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

export function forgetUnits(): void {
  cache.clear();
}
