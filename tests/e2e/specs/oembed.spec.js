// oEmbed end to end: a real poll-server serving the built widget answers
// GET /oembed for the seed article; its `html`, pasted into a host page on
// another origin (as a CMS does), shows the widget in its iframe, and the
// widget's events reach the host page across origins.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "./fixtures.js";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
let server;
let origin;
let workDir;

test.beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "aw-oembed-"));
  server = spawn(process.env.POLL_SERVER_BIN ?? join(root, "target/server/poll-server"), [
    "--listen", "127.0.0.1:0",
    "--database-url", `sqlite://${join(workDir, "poll.db")}`,
    "--static-dir", join(root, "dist"),
    "--articles-dir", join(root, "dist/articles"),
    "--provider-name", "Widgets Example",
    "--rate-limit", "0",
  ], { stdio: ["ignore", "pipe", "ignore"] });
  origin = await new Promise((done, fail) => {
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) done(m[1]);
    });
    server.on("exit", (code) => fail(new Error(`poll-server exited with ${code}`)));
  });
});

test.afterAll(() => {
  server?.kill("SIGKILL");
  rmSync(workDir, { recursive: true, force: true });
});

/**
 * The CMS: its own web server on loopback (another origin than the widget
 * host's), serving one post with `html` pasted in, under a strict CSP that
 * lets in the widget's origin for the frame and its script only. A real
 * server, not `page.route`: a response Playwright fulfils has no IP address,
 * so Chromium's Local Network Access counts the page as public and refuses
 * its requests to loopback (the widget host here) without asking.
 */
async function startCms(html) {
  const eventsScript = readFileSync(join(root, "tests/e2e/hosts/events.js"));
  const cms = createServer((req, res) => {
    if (req.url === "/events.js") {
      res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" });
      res.end(eventsScript);
    } else if (req.url === "/post.html") {
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": `default-src 'self'; script-src 'self' ${origin}; frame-src ${origin}; style-src 'self'`,
      });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CMS page</title>
        <script src="/events.js" defer></script></head>
        <body><h1>A post with an embed</h1>${html}</body></html>`);
    } else {
      res.writeHead(req.url === "/favicon.ico" ? 204 : 404);
      res.end();
    }
  });
  await new Promise((done) => cms.listen(0, "127.0.0.1", done));
  return cms;
}

test("the oEmbed html renders the widget in a host page of another origin", async ({ page, request }) => {
  const documentUrl = `${origin}/articles/iraq.json`;
  const answer = await request.get(`${origin}/oembed?url=${encodeURIComponent(documentUrl)}&format=json&maxwidth=500`);
  expect(answer.status()).toBe(200);
  const oembed = await answer.json();
  expect(oembed).toMatchObject({
    type: "rich",
    version: "1.0",
    title: "Countdown to Withdrawal: Understanding the Iraq-US Negotiations",
    provider_name: "Widgets Example",
    width: 500,
  });

  const cms = await startCms(oembed.html);
  try {
    const host = `http://127.0.0.1:${cms.address().port}/post.html`;
    await page.goto(host);
    const frame = page.frameLocator("iframe[data-article-widget-frame]");
    await expect(frame.getByRole("heading", { name: oembed.title })).toBeVisible();
    await expect(page.locator("iframe")).toHaveAttribute("width", "500");
    await expect
      .poll(() => page.evaluate(() => window.__events.filter((e) => e.type === "article-widget:ready").map((e) => e.detail.id)))
      .toEqual(["iraq-us-withdrawal-negotiations"]);
  } finally {
    cms.closeAllConnections();
    cms.close();
  }

  // The frame's page names the oEmbed endpoint for discovery.
  const embedPage = await (await request.get(`${origin}/embed.html?src=${encodeURIComponent(documentUrl)}`)).text();
  expect(embedPage).toContain(`type="application/json+oembed" href="${origin}/oembed?url=`);
});

test("errors: unknown url 404, xml 501, malformed 400", async ({ request }) => {
  expect((await request.get(`${origin}/oembed?url=${encodeURIComponent(`${origin}/nothing.json`)}`)).status()).toBe(404);
  expect((await request.get(`${origin}/oembed?url=${encodeURIComponent(`${origin}/articles/iraq.json`)}&format=xml`)).status()).toBe(501);
  expect((await request.get(`${origin}/oembed?url=x&maxwidth=no`)).status()).toBe(400);
});

test("the iframe mode's page comes prerendered: readable without script, then taken over", async ({ browser, page }) => {
  const embedUrl = `${origin}/embed.html?src=${encodeURIComponent(`${origin}/articles/iraq.json`)}`;
  const title = "Countdown to Withdrawal: Understanding the Iraq-US Negotiations";
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const still = await noScript.newPage();
    await still.goto(embedUrl);
    await expect(still.locator(".aw-root[data-prerendered] .aw-title")).toHaveText(title);
    await expect(still.locator(".aw-section__panel p").first()).toBeVisible();
    expect(JSON.parse(await still.locator('script[type="application/ld+json"]').textContent()).headline).toBe(title);
  } finally {
    await noScript.close();
  }
  await page.goto(embedUrl);
  await expect(page.locator(".aw-root:not([data-prerendered]) .aw-title")).toHaveText(title);
  await expect(page.locator(".aw-root")).toHaveCount(1);
  // Another origin's document of the same file name is not this server's: not prerendered.
  const other = await (await page.request.get(`${origin}/embed.html?src=${encodeURIComponent("https://elsewhere.example/articles/iraq.json")}`)).text();
  expect(other).not.toContain("data-prerendered");
});
