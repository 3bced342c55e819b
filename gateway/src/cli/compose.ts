/** `npm run compose`: regenerates gateway/supergraph.graphql from the subgraphs' classes. */
import { writeFile } from "node:fs/promises";
import { composeSupergraph, SUPERGRAPH_FILE, subgraphSdls } from "../supergraph";

const sdl = composeSupergraph(await subgraphSdls());
await writeFile(SUPERGRAPH_FILE, sdl);
console.log(`wrote ${SUPERGRAPH_FILE} (${sdl.length} bytes)`);
