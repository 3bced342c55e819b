import { describe, expect, it } from "vitest";
import { composeSupergraph, readSupergraphFile, subgraphSdls } from "../src/supergraph";

describe("the committed supergraph", () => {
  it("is what the subgraphs compose to now (run `npm run compose` after changing a subgraph)", async () => {
    expect(await readSupergraphFile()).toBe(composeSupergraph(await subgraphSdls()));
  });
});
