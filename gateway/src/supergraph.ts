/**
 * Composition of the three subgraphs into the supergraph the gateway serves. Production loads
 * the committed `gateway/supergraph.graphql` (Apollo's advice: a static supergraph, composed
 * by a script — `npm run compose`); `npm start` composes live from the subgraphs it runs.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { composeServices } from "@apollo/composition";
import { buildPrefectureSchema } from "@cylinder/prefecture";
import { buildRegistrySchema } from "@cylinder/registry";
import { buildTraceSchema } from "@cylinder/trace";
import { parse } from "graphql";

export const SUBGRAPH_NAMES = ["registry", "trace", "prefecture"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const SUPERGRAPH_FILE = fileURLToPath(new URL("../supergraph.graphql", import.meta.url));

/** Placeholder URLs written into the static file; the gateway always routes by config. */
export const FILE_URLS: Record<SubgraphName, string> = {
  registry: "http://registry.internal/",
  trace: "http://trace.internal/",
  prefecture: "http://prefecture.internal/",
};

export interface SubgraphSdl {
  name: SubgraphName;
  url: string;
  sdl: string;
}

export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  return result.supergraphSdl;
}

/** The subgraphs' SDL, built in-process from their type-graphql classes (no database needed). */
export async function subgraphSdls(urls: Record<SubgraphName, string> = FILE_URLS): Promise<SubgraphSdl[]> {
  const [registry, trace, prefecture] = await Promise.all([
    buildRegistrySchema(),
    buildTraceSchema(),
    buildPrefectureSchema(),
  ]);
  return [
    { name: "registry", url: urls.registry, sdl: registry.sdl },
    { name: "trace", url: urls.trace, sdl: trace.sdl },
    { name: "prefecture", url: urls.prefecture, sdl: prefecture.sdl },
  ];
}

export function readSupergraphFile(): Promise<string> {
  return readFile(SUPERGRAPH_FILE, "utf8");
}
