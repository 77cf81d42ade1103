// Prerender benchmark (not a test; run on demand): the seed article on a
// phone-like profile (4x CPU throttling, 1.6 Mbit/s down, 750 kbit/s up,
// 150 ms latency, fresh cache), median of several cold loads, for
//   - prerendered: article-render's markup with the loader (the widget takes over),
//   - static: the same markup with no script at all (the physical limit),
//   - json: today's placeholder, rendered from JSON by the WebAssembly.
// It prints when the article's text is first in the page and painted, LCP,
// and (prerendered, json) when the widget is live.
//
//   cargo build -p article-render && trunk build --release
//   cd tests/e2e && node bench/prerender-bench.mjs [--runs N]

import { chromium } from "@playwright/test";
import { startTestServer } from "./test-server.mjs";

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(arg("--runs", 5));
const port = Number(process.env.E2E_PORT ?? 4399);
const base = `http://127.0.0.1:${port}`;
const PAGES = {
  prerendered: "/prerendered/page",
  static: "/prerendered/page?static=1",
  json: "/prerendered/page?json=1",
};

function instrument() {
  const perf = (window.__perf = {});
  const afterPaint = (name) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (perf[name] ??= performance.now());
      channel.port2.postMessage(null);
    });
  const check = () => {
    if (perf.textSeen === undefined && document.querySelector(".aw-title")) {
      perf.textSeen = performance.now();
      afterPaint("text");
    }
    if (perf.liveSeen === undefined && document.querySelector(".aw-root:not([data-prerendered]) .aw-title")) {
      perf.liveSeen = performance.now();
      afterPaint("live");
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", check);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) perf.lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  perf.cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) perf.cls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}

async function coldLoad(browser, path) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.addInitScript(instrument);
  await page.goto(base + path, { waitUntil: "load" });
  const live = !path.includes("static");
  await page.waitForFunction(
    (live) => window.__perf.text !== undefined && (!live || window.__perf.live !== undefined),
    live,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(500);
  const result = await page.evaluate(() => window.__perf);
  await context.close();
  return result;
}

const median = (values) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : undefined;
};
const ms = (v) => (v === undefined ? "—" : `${Math.round(v)} ms`);

const server = await startTestServer(port);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const results = {};
  for (let run = 0; run < RUNS; run++) {
    for (const [name, path] of Object.entries(PAGES)) {
      (results[name] ??= []).push(await coldLoad(browser, path));
    }
  }
  console.log(`seed article, phone profile (4x CPU, 1.6 Mbit/s, 150 ms), median of ${RUNS} cold loads`);
  console.log("page         text in page  text painted  LCP       live      CLS");
  for (const [name, runs] of Object.entries(results)) {
    const m = (key) => median(runs.map((r) => r[key]));
    console.log(
      `${name.padEnd(12)} ${ms(m("textSeen")).padEnd(13)} ${ms(m("text")).padEnd(13)} ${ms(m("lcp")).padEnd(9)} ${ms(m("live")).padEnd(9)} ${m("cls")?.toFixed(4)}`,
    );
  }
  const ratio = (a, b, key) => (median(results[a].map((r) => r[key])) / median(results[b].map((r) => r[key]))).toFixed(2);
  console.log(`prerendered / static: text painted ×${ratio("prerendered", "static", "text")}, LCP ×${ratio("prerendered", "static", "lcp")}`);
  console.log(`json / static:        text painted ×${ratio("json", "static", "text")}, LCP ×${ratio("json", "static", "lcp")}`);
} finally {
  await browser.close();
  server.kill();
}
