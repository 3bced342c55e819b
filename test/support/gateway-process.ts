/**
 * A second gateway as its own OS process (the production entrypoint gateway/src/cli/serve.ts),
 * routed to a test platform's subgraphs: what "two gateway instances" means in tests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestPlatform } from "./platform";

const ENTRY = fileURLToPath(new URL("../../gateway/src/cli/serve.ts", import.meta.url));

export interface GatewayProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startGatewayProcess(t: TestPlatform, env: Record<string, string>): Promise<GatewayProcess> {
  const urls = Object.fromEntries(t.platform.subgraphs.map((s) => [s.name, s.url]));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", ENTRY], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
      REGISTRY_URL: urls.registry!,
      TRACE_URL: urls.trace!,
      PREFECTURE_URL: urls.prefecture!,
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`gateway process did not start:\n${out}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split("\n")) {
        if (!line.includes("gateway listening")) continue;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { address: string }).address);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`gateway process exited with ${code}:\n${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
