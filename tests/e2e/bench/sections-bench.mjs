// Benchmark (not a test): renders a generated article with many sections
// (10,000 by default, the format's limit) in headless Chromium, then toggles
// sections one at a time and all at once, printing how long each takes. A
// small article is measured the same way, to show that toggling one section
// costs the same however many others there are.
//
//   trunk build --release   # first: the benchmark serves dist/
//   cd tests/e2e && node bench/sections-bench.mjs [sections] [toggles]

import { chromium } from "@playwright/test";
import { startTestServer } from "./test-server.mjs";

const SECTIONS = Number(process.argv[2] ?? 10_000);
const TOGGLES = Number(process.argv[3] ?? 60);
const SMALL = 100;
const port = Number(process.env.E2E_PORT ?? 4399);
const base = `http://127.0.0.1:${port}`;

const words = "the delegations weighed the timetable against the security situation on the ground".split(" ");

/** An article/1 document with `count` sections of about forty words each; every third starts collapsed. */
function article(count) {
  return {
    format: "article/1",
    id: `bench-${count}`,
    title: `Benchmark: ${count} sections`,
    sections: Array.from({ length: count }, (_, i) => ({
      heading: `Section ${i + 1}`,
      collapsed: i % 3 === 0,
      blocks: [{ type: "paragraph", text: `Part ${i + 1}: ${words.join(" ")}, ${words.slice(0, 8).join(" ")} again.` }],
    })),
  };
}

/** Installed before the page loads: notes when the first and the last of `count` sections are in the page. */
function watchRender(count) {
  window.__bench = {};
  const check = () => {
    const sections = document.querySelector(".aw-sections__list")?.getElementsByClassName("aw-section");
    if (sections?.length && !window.__bench.first) {
      document.body.offsetHeight; // style and layout
      window.__bench.first = performance.now();
    }
    if (sections?.length === count) {
      window.__bench.inDom = performance.now();
      document.body.offsetHeight;
      window.__bench.laidOut = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** In the page: toggles the sections at `indices` one by one, timing each. */
async function toggleEach(indices) {
  const buttons = document.querySelectorAll(".aw-section__toggle");
  const results = [];
  for (const index of indices) {
    const button = buttons[index];
    const before = button.getAttribute("aria-expanded");
    const changed = new Promise((resolve) =>
      new MutationObserver((_, observer) => {
        observer.disconnect();
        resolve();
      }).observe(button, { attributes: true, attributeFilter: ["aria-expanded"] }),
    );
    const start = performance.now();
    button.click();
    await changed;
    const updated = performance.now();
    document.body.offsetHeight;
    const laidOut = performance.now();
    if (button.getAttribute("aria-expanded") === before) throw new Error(`section ${index} did not toggle`);
    results.push({ update: updated - start, layout: laidOut - start });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  }
  return results;
}

/** In the page: presses "Expand all" / "Collapse all" and times it until the last section follows. */
async function toggleAll() {
  const all = document.querySelector(".aw-sections__all");
  const buttons = document.querySelectorAll(".aw-section__toggle");
  const last = buttons[buttons.length - 1];
  const target = all.textContent === "Expand all" ? "true" : "false";
  const start = performance.now();
  all.click();
  while (last.getAttribute("aria-expanded") !== target) await Promise.resolve().then(() => new Promise(setTimeout));
  const updated = performance.now();
  document.body.offsetHeight;
  return { label: target === "true" ? "expand all" : "collapse all", update: updated - start, layout: performance.now() - start };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${sorted.at(-1).toFixed(2)} ms`;
};

async function measure(browser, count) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const body = JSON.stringify(article(count));
  await page.route((url) => url.pathname === `/generated/bench-${count}.json`, (route) =>
    route.fulfill({ body, contentType: "application/json" }),
  );
  await page.addInitScript(watchRender, count);
  await page.goto(`${base}/?src=/generated/bench-${count}.json`);
  await page.waitForFunction(() => window.__bench.laidOut, null, { timeout: 300_000, polling: 200 });
  const render = await page.evaluate((name) => {
    const fetched = performance.getEntriesByType("resource").find((e) => e.name.includes(name));
    return { ...window.__bench, responseEnd: fetched?.responseEnd ?? 0 };
  }, `bench-${count}.json`);
  console.log(`\n${count} sections (${(body.length / 1024 / 1024).toFixed(2)} MiB of JSON)`);
  const since = (t) => `${(t - render.responseEnd).toFixed(0)} ms`;
  console.log(`  render: document received → first sections laid out ${since(render.first)}, all ${count} in the page ${since(render.inDom)}, laid out ${since(render.laidOut)}`);

  // First, middle and last sections, then a spread over the whole article; each toggled twice (open and close).
  const spread = Array.from({ length: TOGGLES }, (_, i) => Math.floor((i * (count - 1)) / Math.max(1, TOGGLES - 1)));
  const indices = [0, 0, Math.floor(count / 2), Math.floor(count / 2), count - 1, count - 1, ...spread.flatMap((i) => [i, i])];
  const toggles = await page.evaluate(toggleEach, indices);
  console.log(`  toggle one (${toggles.length}×): click → DOM updated: ${stats(toggles.map((t) => t.update))}`);
  console.log(`  toggle one (${toggles.length}×): click → laid out:    ${stats(toggles.map((t) => t.layout))}`);
  for (let i = 0; i < 2; i++) {
    const all = await page.evaluate(toggleAll);
    console.log(`  ${all.label}: DOM updated ${all.update.toFixed(0)} ms, laid out ${all.layout.toFixed(0)} ms`);
  }
  await context.close();
}

const server = await startTestServer(port);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  console.log(`Chromium ${browser.version()}, headless`);
  await measure(browser, SMALL);
  await measure(browser, SECTIONS);
} finally {
  await browser.close();
  server.kill();
}
