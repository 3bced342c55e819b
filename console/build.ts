/** `npm run build -w @cylinder/console`: builds the console now (the platform also builds it on start when stale). */
import { ensureConsoleBuilt } from "./server";

await ensureConsoleBuilt({ force: process.argv.includes("--force"), log: (m) => console.log(m) });
