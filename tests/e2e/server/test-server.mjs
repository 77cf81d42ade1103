// The browser tests' web server: serves the release build (dist/) under the
// strict Content-Security-Policy publishers use, the test fixtures, and
// /fault/* routes that misbehave on purpose. It also runs the real poll
// server (see poll-servers.mjs) and proxies the poll API to it same-origin.
//
//   node server/test-server.mjs [port]

import { createReadStream, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { handlePollRoutes, startPollServers } from "./poll-servers.mjs";
import { handlePrerenderedPage } from "./prerendered.mjs";
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
  `img-src 'self'; connect-src 'self' http://localhost:${port}; object-src 'none'; base-uri 'none'; frame-ancestors 'self'`;

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
  } else if ((m = path.match(/^\/embed-(open|allowing-localhost)\.html$/))) {
    // embed.html as a widget host might serve it, without the strict CSP's
    // connect-src 'self' (the page's own origin rule must do the refusing),
    // and, for "allowing-localhost", with that second origin of this server
    // added to its allow-list meta tag at "deploy". img-src names it too: a
    // document's relative picture URLs resolve against the document's URL,
    // so its pictures come from its origin (article-json.md, "Image").
    const other = `http://localhost:${port}`;
    let html = readFileSync(join(root, "dist/embed.html"), "utf8");
    if (m[1] === "allowing-localhost") {
      html = html.replace('name="article-widget:allowed-origins" content=""', `name="article-widget:allowed-origins" content="${other}"`);
    }
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${other}`).replace(
        "img-src 'self'",
        `img-src 'self' ${other}`,
      ),
    });
    res.end(html);
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
  } else if ((m = path.match(/^\/fault\/heal\/([\w-]+)$/))) {
    healed.add(m[1]);
    res.writeHead(204);
    res.end();
  } else if ((m = path.match(/^\/fault\/(\w[\w-]*)\/([\w-]+)(?:\/\d+)?$/)) && misbehaviours[m[1]]) {
    // /fault/<kind>/<key>: misbehaves until /fault/heal/<key>, then serves the seed article.
    if (healed.has(m[2])) {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(seed());
    } else {
      res.on("error", () => {});
      misbehaviours[m[1]](res, path);
    }
  } else {
    return false;
  }
  return true;
}

const healed = new Set();
const MIB = 1024 * 1024;

/** A valid article document of about `bytes` bytes: the seed with a long paragraph. */
function hugeDocument(bytes) {
  const doc = JSON.parse(seed());
  doc.lead = [{ type: "paragraph", text: "x".repeat(bytes) }];
  return Buffer.from(JSON.stringify(doc));
}

/** What each /fault/<kind>/<key> route does until it is healed. */
const misbehaviours = {
  "not-found": (res) => {
    res.writeHead(404, { "Content-Type": "text/html" });
    res.end("<!doctype html><title>Not found</title><p>No such article.</p>");
  },
  "server-error": (res) => {
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end("Internal server error");
  },
  unavailable: (res) => {
    res.writeHead(503, { "Content-Type": "text/plain", "Retry-After": "120" });
    res.end("Service unavailable, come back in two minutes");
  },
  // Never answers at all; the widget's own timeout (15 s) has to end it.
  hang: () => {},
  // Headers and the first bytes, then one byte a second, forever.
  trickle: (res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    const body = seed();
    let sent = 0;
    res.write(body.subarray(0, 64));
    sent = 64;
    const timer = setInterval(() => {
      if (res.destroyed || sent >= body.length) return clearInterval(timer);
      res.write(body.subarray(sent, sent + 1));
      sent += 1;
    }, 1000);
    res.on("close", () => clearInterval(timer));
  },
  // Promises more bytes than it sends, then closes the connection.
  truncated: (res) => {
    const body = seed();
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(body.length) });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.socket?.destroy(), 50));
  },
  // A web page with status 200 where the article should be.
  html: (res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end("<!doctype html><title>Welcome</title><p>Our new homepage!</p>");
  },
  // A web page labelled as JSON.
  "html-as-json": (res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end("<!doctype html><title>Welcome</title><p>Our new homepage!</p>");
  },
  // Over 5 MiB, announced by Content-Length.
  "huge-length": (res) => {
    const body = hugeDocument(5 * MIB + 1024);
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(body.length) });
    res.end(body);
  },
  // Over 5 MiB, chunked, without Content-Length.
  "huge-chunked": (res) => {
    const body = hugeDocument(5 * MIB + 1024);
    res.writeHead(200, { "Content-Type": "application/json" });
    for (let at = 0; at < body.length; at += 64 * 1024) res.write(body.subarray(at, at + 64 * 1024));
    res.end();
  },
  // A chunked body that never ends, as fast as the reader takes it.
  endless: (res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    res.write('{"format": "article/1", "title": "');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
    };
    res.on("drain", pump);
    pump();
  },
  // Redirects to itself with a counter, forever.
  "redirect-loop": (res, path) => {
    const n = Number(path.match(/\/(\d+)$/)?.[1] ?? 0);
    const base = path.replace(/\/\d+$/, "");
    res.writeHead(302, { Location: `${base}/${n + 1}` });
    res.end();
  },
};

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
    // Documents may be read from the server's other name (http://localhost:<port>),
    // a second origin for the embed page's origin rule.
    if (type.startsWith("application/json")) headers["Access-Control-Allow-Origin"] = "*";
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
  if (handlePrerenderedPage(root, `http://127.0.0.1:${port}`, req, res, STRICT_CSP)) return;
  const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  if (!specialRoute(path, res)) serveFile(path, res);
}).listen(port, "127.0.0.1", () => console.log(`test server on http://127.0.0.1:${port}`));
