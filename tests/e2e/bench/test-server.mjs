// Starts the browser tests' server (../server/test-server.mjs) on `port` for
// a benchmark, resolving once it listens.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export async function startTestServer(port) {
  const script = fileURLToPath(new URL("../server/test-server.mjs", import.meta.url));
  const server = spawn(process.execPath, [script, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    server.stdout.once("data", resolve);
    server.once("exit", (code) => reject(new Error(`test server exited with ${code}`)));
  });
  return server;
}
