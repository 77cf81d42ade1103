// The browser tests' web server: serves the release build (dist/) under the
// strict Content-Security-Policy publishers use, the test fixtures, and
// /fault/* routes that misbehave on purpose. It also runs the real poll
// server (see poll-servers.mjs) and proxies the poll API to it same-origin.
//
//   node server/test-server.mjs [port]

import { createReadStream, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { handlePollRoutes, startPollServers } from "./poll-servers.mjs";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../../..");
const mounts = [
  ["/fixtures/", join(root, "tests/e2e/fixtures")],
  ["/hosts/", join(root, "tests/e2e/hosts")],
  ["/", join(root, "dist")],
];
const port = Number(process.argv[2] ?? process.env.E2E_PORT ?? 4321);

export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

// A host that forbids WebAssembly on its own pages (the iframe mode's audience).
const NO_WASM_CSP = STRICT_CSP.replace(" 'wasm-unsafe-eval'", "");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
};

const seed = () => readFileSync(join(root, "public/articles/iraq.json"));
const failedOnce = new Set();

/** Routes that are not files (most go wrong on purpose); true when handled. */
function specialRoute(path, res) {
  let m;
  if ((m = path.match(/^\/fault\/status\/(\d{3})$/))) {
    res.writeHead(Number(m[1]), { "Content-Type": "text/html" });
    res.end(`<!doctype html><title>${m[1]}</title><p>Error ${m[1]}</p>`);
  } else if (path === "/fault/drop") {
    // The connection closes without any answer: a network error to the browser.
    res.socket.destroy();
  } else if (path === "/favicon.ico") {
    // Host pages without an icon: nothing to see, and no 404 in the console.
    res.writeHead(204);
    res.end();
  } else if (path === "/fault/html") {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end("<!doctype html><title>Oops</title><p>This is a web page, not an article.</p>");
  } else if ((m = path.match(/^\/fault\/fail-once\/([\w-]+)$/))) {
    // The first request for a key fails with 503; later ones get the seed article.
    if (failedOnce.has(m[1])) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(seed());
    } else {
      failedOnce.add(m[1]);
      res.writeHead(503, { "Content-Type": "text/plain", "Retry-After": "1" });
      res.end("Service unavailable");
    }
  } else {
    return false;
  }
  return true;
}

function serveFile(path, res) {
  for (const [prefix, dir] of mounts) {
    if (!path.startsWith(prefix)) continue;
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) break;
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      continue;
    }
    const type = types[extname(file)] ?? "application/octet-stream";
    const headers = { "Content-Type": type, "Cache-Control": "no-store" };
    if (type.startsWith("text/html")) {
      headers["Content-Security-Policy"] = file.endsWith("iframe.html") ? NO_WASM_CSP : STRICT_CSP;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("Not found");
}

await startPollServers(port);

createServer((req, res) => {
  if (handlePollRoutes(req, res)) return;
  const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  if (!specialRoute(path, res)) serveFile(path, res);
}).listen(port, "127.0.0.1", () => console.log(`test server on http://127.0.0.1:${port}`));
