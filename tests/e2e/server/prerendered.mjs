// Host pages with prerendered widgets, made on request by the real
// article-render binary (the one `cargo test` / `cargo build -p article-render`
// leaves in target/), under the same strict CSP as every host page.
//
//   /prerendered/page?src=/articles/iraq.json&mode=placeholder|element&sections=…&static=1&plain=1
//
// `static=1` leaves out every script (the "plain static HTML page" of the
// benchmark); `json=1` has a plain placeholder instead (today's rendering
// from JSON); `plain=1` adds a second, not prerendered widget after it.

import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

function renderer(root) {
  if (process.env.ARTICLE_RENDER) return process.env.ARTICLE_RENDER;
  const built = ["server", "release", "debug"]
    .map((profile) => join(root, "target", profile, "article-render"))
    .filter((file) => existsSync(file));
  built.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!built.length) throw new Error("build article-render first (cargo build -p article-render)");
  return built[0];
}

/** Renders `src` (a path under dist/ or the fixtures) into embed markup. */
export function prerender(root, origin, query) {
  const src = query.get("src") ?? "/articles/iraq.json";
  const file = src.startsWith("/fixtures/")
    ? join(root, "tests/e2e", src)
    : join(root, "public", src.replace(/^\/+/, ""));
  const args = ["--src", new URL(src, origin).href, "--mode", query.get("mode") ?? "placeholder"];
  for (const name of ["sections", "theme", "lang", "item", "poll-endpoint"]) {
    if (query.has(name)) args.push(`--${name}`, query.get(name));
  }
  args.push(file);
  return execFileSync(renderer(root), args, { encoding: "utf8" });
}

/** Handles /prerendered/page; true when it did. */
export function handlePrerenderedPage(root, origin, req, res, csp) {
  const url = new URL(req.url, origin);
  if (url.pathname !== "/prerendered/page") return false;
  const q = url.searchParams;
  let markup;
  try {
    markup = q.has("json")
      ? `<div data-article-widget data-src="${new URL(q.get("src") ?? "/articles/iraq.json", origin).href}"></div>`
      : prerender(root, origin, q);
  } catch (error) {
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end(String(error.stderr ?? error));
    return true;
  }
  const scripts = q.has("static") ? "" : '<script type="module" src="/article-widget.js"></script>';
  const second = q.has("plain") ? '<div data-article-widget data-src="/articles/iraq.json" id="plain"></div>' : "";
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Host page: prerendered widget</title>
    <link rel="stylesheet" href="/hosts/host.css" />
    <link rel="stylesheet" href="/article-widget.css" />
    ${scripts}
  </head>
  <body>
    <main>
      <h1>A publisher page with a prerendered widget</h1>
      <p class="host-text">The host's own text.</p>
      ${markup}
      ${second}
    </main>
  </body>
</html>
`;
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": csp });
  res.end(html);
  return true;
}
