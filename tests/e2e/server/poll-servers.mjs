// The real poll server (target/server/poll-server, the `server` profile) for the browser tests,
// each run on a fresh SQLite file, reached same-origin through this proxy:
//
//   /api/...              the main poll server (loaded with public/articles' polls)
//   /flaky/KEY/api/...    the main poll server through a switchable fault:
//                         POST /__test/flaky/KEY?mode=up|refuse|503|429|lose-response|oversized
//                         (oversized: a 200 JSON reply that never ends, chunked)
//                         GET  /__test/flaky/KEY -> {"mode", "votes": POSTs seen}
//   /spare/api/...        a second poll server that tests stop and start
//                         (POST /__test/spare/stop, /__test/spare/start); while it
//                         is down the proxy answers 502, as a real one would
//   /capped/api/...       a third poll server that lets one network add one new
//                         voter per poll per hour (--voters-per-network 1); the proxy
//                         tells it the client address in X-Test-Client, switchable:
//                         POST /__test/capped?ip=ADDRESS
//   POST /__test/articles stores the JSON body as a document, answers {"url"}
//
// The main server also allows CORS from http://127.0.0.1:PORT, so a page may
// name http://localhost:PORT/api as a poll service of another origin.
//
// Tests create their own polls with PUT (ADMIN_TOKEN) so their counts are theirs.

import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// At least 32 characters (the server refuses shorter ones); passed by file,
// as a deployment would, so it is not in the process list.
export const ADMIN_TOKEN = "e2e-admin-token-not-secret-0123456789";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const binary = process.env.POLL_SERVER_BIN ?? join(root, "target/server/poll-server");
let workDir;
const servers = { main: null, spare: null, capped: null };
let cappedClientIp = "198.51.100.1";
const flaky = new Map();
const articles = new Map();

/** Starts poll-server; resolves with {child, port} once it prints its address. */
function launch(name, listen, extra = []) {
  const args = [
    "--listen", listen,
    "--database-url", `sqlite://${join(workDir, `${name}.db`)}`,
    "--articles-dir", join(workDir, "articles"),
    "--admin-token-file", join(workDir, "admin-token"),
    "--rate-limit", "0",
    "--vote-rate-limit", "0",
    ...extra,
  ];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stderr.on("data", (chunk) => {
    if (process.env.POLL_SERVER_LOG) process.stderr.write(`[${name}] ${chunk}`);
  });
  return new Promise((resolvePort, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/poll-server listening on http:\/\/[\d.]+:(\d+)/);
      if (m) resolvePort({ child, port: Number(m[1]) });
    });
    child.on("exit", (code) => reject(new Error(`poll-server (${name}) exited with ${code} before listening`)));
    child.on("error", reject);
  });
}

async function startSpare() {
  if (servers.spare?.child) return;
  const listen = `127.0.0.1:${servers.spare?.port ?? 0}`;
  servers.spare = await launch("spare", listen);
}

function stopSpare() {
  const spare = servers.spare;
  if (!spare?.child) return Promise.resolve();
  return new Promise((done) => {
    spare.child.once("exit", () => done());
    spare.child.kill("SIGKILL");
    spare.child = null;
  });
}

export async function startPollServers(port) {
  workDir = join(root, "target", `e2e-poll-${port}`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(join(workDir, "articles"), { recursive: true });
  writeFileSync(join(workDir, "admin-token"), `${ADMIN_TOKEN}\n`, { mode: 0o600 });
  for (const dir of ["public/articles", "tests/e2e/fixtures"]) {
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith(".json"))) {
      copyFileSync(join(root, dir, file), join(workDir, "articles", `${dir.replaceAll("/", "-")}-${file}`));
    }
  }
  servers.main = await launch("main", "127.0.0.1:0", ["--allow-origin", `http://127.0.0.1:${port}`]);
  await startSpare();
  servers.capped = await launch("capped", "127.0.0.1:0", [
    "--voters-per-network", "1",
    "--client-ip-header", "X-Test-Client",
  ]);
  const stopAll = () => {
    for (const s of Object.values(servers)) s?.child?.kill("SIGKILL");
  };
  process.on("exit", stopAll);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
}

function proxy(req, res, port, path, onAnswered, extraHeaders = {}) {
  const headers = { ...req.headers, host: `127.0.0.1:${port}`, ...extraHeaders };
  const upstream = httpRequest(
    { host: "127.0.0.1", port, method: req.method, path, headers },
    (answer) => {
      if (onAnswered?.(answer)) return;
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { "Content-Type": "text/plain" });
    res.end("Bad gateway: the poll server is down");
  });
  req.pipe(upstream);
}

function json(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

function readBody(req) {
  return new Promise((done) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => done(body));
  });
}

/** Handles the poll routes above; false for anything else. */
export function handlePollRoutes(req, res) {
  const url = new URL(req.url, "http://localhost");
  const path = url.pathname;
  const rest = req.url.slice(req.url.indexOf("/api/"));
  let m;
  if (path.startsWith("/api/")) {
    proxy(req, res, servers.main.port, req.url);
  } else if ((m = path.match(/^\/flaky\/([\w-]+)\/api\//))) {
    const state = flaky.get(m[1]) ?? { mode: "up", votes: 0 };
    flaky.set(m[1], state);
    if (req.method === "POST") state.votes += 1;
    if (state.mode === "refuse") {
      res.socket.destroy();
    } else if (state.mode === "503" || state.mode === "429") {
      res.writeHead(Number(state.mode), { "Content-Type": "application/json", "Retry-After": "1" });
      res.end(JSON.stringify({ error: "unavailable" }));
    } else if (state.mode === "oversized") {
      // Looks like a tally at first, then never ends: the widget must stop reading.
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.write('{"poll_id":"x","counts":{},"total":0,"closed":false,"padding":"');
      const chunk = "x".repeat(16 * 1024);
      let sent = 0;
      const more = () => {
        while (!res.destroyed && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once("drain", more);
        }
        res.end('"}');
      };
      res.on("close", () => (sent = Infinity));
      more();
    } else if (state.mode === "lose-response") {
      // The poll server gets the request and answers; the answer never arrives.
      proxy(req, res, servers.main.port, rest, (answer) => {
        answer.resume();
        answer.on("end", () => res.socket.destroy());
        return true;
      });
    } else {
      proxy(req, res, servers.main.port, rest);
    }
  } else if ((m = path.match(/^\/__test\/flaky\/([\w-]+)$/))) {
    const state = flaky.get(m[1]) ?? { mode: "up", votes: 0 };
    if (req.method === "POST") state.mode = url.searchParams.get("mode") ?? "up";
    flaky.set(m[1], state);
    json(res, 200, state);
  } else if (path.startsWith("/spare/api/")) {
    if (!servers.spare?.child) {
      res.writeHead(502, { "Content-Type": "text/plain" });
      res.end("Bad gateway: the poll server is down");
    } else {
      proxy(req, res, servers.spare.port, rest);
    }
  } else if (path.startsWith("/capped/api/")) {
    proxy(req, res, servers.capped.port, rest, undefined, { "x-test-client": cappedClientIp });
  } else if (path === "/__test/capped" && req.method === "POST") {
    cappedClientIp = url.searchParams.get("ip") ?? cappedClientIp;
    json(res, 200, { ip: cappedClientIp });
  } else if (path === "/__test/spare/stop" && req.method === "POST") {
    stopSpare().then(() => json(res, 200, { running: false }));
  } else if (path === "/__test/spare/start" && req.method === "POST") {
    startSpare().then(
      () => json(res, 200, { running: true }),
      (error) => json(res, 500, { error: String(error) }),
    );
  } else if (path === "/__test/articles" && req.method === "POST") {
    readBody(req).then((body) => {
      const name = `/gen/article-${articles.size + 1}.json`;
      articles.set(name, body);
      json(res, 201, { url: name });
    });
  } else if (articles.has(path)) {
    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(articles.get(path));
  } else {
    return false;
  }
  return true;
}
