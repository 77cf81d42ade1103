// Browser benchmark (not a test; run on demand): start-up, large documents and
// interactions of the release build in headless Chromium, each the median of
// several runs, printed as a table and written as JSON.
//
//   trunk build --release            # first: the benchmark serves dist/
//   cd tests/e2e && node bench/perf.mjs [--runs N] [--out FILE]
//
// - Cold load of the development page (seed article) with a fresh cache and
//   4x CPU throttling (DevTools protocol): first contentful paint, WebAssembly
//   instantiated, article title painted, sections interactive, poll and
//   carousel shown, transferred bytes.
// - Generated documents of 1,000 and 10,000 blocks (no throttling): document
//   received → every block in the page and laid out, JS heap, WebAssembly
//   memory and DOM nodes after render, and a section toggle at that size.
// - Interactions on the seed article: section toggle, carousel step and poll
//   option click, each from the click to the next frame painted.
//
// The sections benchmark (bench/sections-bench.mjs, where present) goes
// deeper into toggling sections one by one and all at once.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { startTestServer } from "./test-server.mjs";

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(arg("--runs", 5));
const OUT = arg("--out", fileURLToPath(new URL("../../../perf/browser-bench.json", import.meta.url)));
const THROTTLE = 4;
const port = Number(process.env.E2E_PORT ?? 4398);
const base = `http://127.0.0.1:${port}`;

/**
 * Installed before the page's scripts: keeps the WebAssembly memory for the
 * benchmark to read, and notes (in `window.__perf`) when each part of the
 * widget is first in the page and when the frame showing it has painted.
 */
function instrument() {
  const perf = (window.__perf = { marks: {} });
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = async (...args) => {
      const result = await original.apply(WebAssembly, args);
      perf.marks.wasmReady ??= performance.now();
      perf.memory = result.instance.exports.memory;
      return result;
    };
  }
  // A frame has painted once a task queued from its requestAnimationFrame runs.
  const afterPaint = (name) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (perf.marks[name] ??= performance.now());
      channel.port2.postMessage(null);
    });
  const watched = {
    title: () => document.querySelector(".aw-title"),
    sections: () => document.querySelector(".aw-section__toggle"),
    poll: () => document.querySelector(".aw-poll"),
    pollControls: () => document.querySelector(".aw-poll :is(button, input):not([disabled])"),
    carousel: () => document.querySelector(".aw-carousel__slide"),
  };
  const seen = new Set();
  const check = () => {
    for (const [name, find] of Object.entries(watched)) {
      if (!seen.has(name) && find()) {
        seen.add(name);
        afterPaint(name);
      }
    }
    if (seen.size === Object.keys(watched).length) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "first-contentful-paint") perf.marks.fcp = entry.startTime;
    }
  }).observe({ type: "paint", buffered: true });
  new PerformanceObserver((list) => {
    perf.marks.lcp = list.getEntries().at(-1).startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
}

/** In the page: clicks `selector` (the `index`th match) and times click → handlers run → next frame painted. */
async function clickToPaint([selector, index, scrollFirst]) {
  const target = document.querySelectorAll(selector)[index];
  if (!target) return null;
  if (scrollFirst) {
    // A reader clicks what is on screen: bring it there and let the content
    // around it render first, so only the click itself is timed.
    target.scrollIntoView({ block: "center" });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const start = performance.now();
  target.click();
  const handled = performance.now();
  await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      channel.port2.postMessage(null);
    }),
  );
  const painted = performance.now();
  // Let any animation or smooth scroll settle before the next click.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { handler: handled - start, paint: painted - start };
}

async function newPage(browser, { throttle = 1 } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  if (throttle > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  await page.addInitScript(instrument);
  page.on("pageerror", (error) => console.error("page error:", error.message));
  return { context, page, cdp };
}

async function memory(page, cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  const inPage = await page.evaluate(() => ({
    wasmMemory: window.__perf.memory?.buffer.byteLength ?? null,
    usedJSHeap: performance.memory?.usedJSHeapSize ?? null,
  }));
  return { jsHeapUsed: metric("JSHeapUsedSize"), domNodes: metric("Nodes"), ...inPage };
}

/** One cold load of the seed article: a new context has an empty cache. */
async function coldLoad(browser) {
  const { context, page, cdp } = await newPage(browser, { throttle: THROTTLE });
  await page.goto(`${base}/`);
  await page.waitForFunction(() => ["title", "sections", "poll", "carousel"].every((m) => window.__perf.marks[m]), null, {
    timeout: 60_000,
  });
  await page.waitForTimeout(500); // a late LCP candidate, poll controls
  const result = await page.evaluate(() => {
    const resources = performance.getEntriesByType("resource");
    const navigation = performance.getEntriesByType("navigation")[0];
    return {
      ...window.__perf.marks,
      bytes: navigation.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    };
  });
  Object.assign(result, await memory(page, cdp));
  await context.close();
  return result;
}

const words = "the delegations weighed the timetable against the security situation on the ground";

/** An article/1 document of `blocks` paragraphs, ten to a section, a third of the sections collapsed. */
function generated(blocks) {
  const paragraph = (i) => ({
    type: "paragraph",
    text:
      i % 2
        ? `Paragraph ${i}: ${words}, and then ${words} again.`
        : [{ text: `Paragraph ${i}: ` }, { text: words, marks: ["strong"] }, { text: " a link", href: `https://example.com/${i}` }, { text: ` and ${words}.` }],
  });
  return {
    format: "article/1",
    id: `bench-${blocks}`,
    title: `Benchmark: ${blocks} blocks`,
    sections: Array.from({ length: Math.ceil(blocks / 10) }, (_, s) => ({
      heading: `Section ${s + 1}`,
      collapsed: s % 3 === 0,
      blocks: Array.from({ length: Math.min(10, blocks - s * 10) }, (_, b) => paragraph(s * 10 + b)),
    })),
  };
}

/** Renders a generated document once: timings from the document's arrival, memory after, a toggle at that size. */
async function largeDocument(browser, blocks) {
  const { context, page, cdp } = await newPage(browser);
  const body = JSON.stringify(generated(blocks));
  await page.route((url) => url.pathname === `/generated/${blocks}.json`, (route) =>
    route.fulfill({ body, contentType: "application/json" }),
  );
  await page.addInitScript((count) => {
    const paragraphs = document.getElementsByClassName("aw-p");
    const check = () => {
      if (paragraphs.length >= count) {
        window.__perf.marks.inDom = performance.now();
        document.body.offsetHeight; // style and layout
        window.__perf.marks.laidOut = performance.now();
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, blocks);
  await page.goto(`${base}/?src=/generated/${blocks}.json`);
  await page.waitForFunction(() => window.__perf.marks.laidOut, null, { timeout: 300_000, polling: 200 });
  const marks = await page.evaluate((name) => {
    const fetched = performance.getEntriesByType("resource").find((e) => e.name.includes(name));
    return { ...window.__perf.marks, received: fetched.responseEnd };
  }, `/generated/${blocks}.json`);
  const result = {
    jsonBytes: body.length,
    firstPainted: marks.title - marks.received,
    allInDom: marks.inDom - marks.received,
    allLaidOut: marks.laidOut - marks.received,
    ...(await memory(page, cdp)),
  };
  const sections = Math.ceil(blocks / 10);
  const toggles = [];
  for (const index of [Math.floor(sections / 2), Math.floor(sections / 2), sections - 1, sections - 1]) {
    toggles.push(await page.evaluate(clickToPaint, [".aw-section__toggle", index, true]));
  }
  result.toggleHandler = median(toggles.map((t) => t.handler));
  result.toggle = median(toggles.map((t) => t.paint));
  await context.close();
  return result;
}

/** Interactions on the seed article, click → next frame painted. */
async function interactions(browser) {
  const { context, page } = await newPage(browser);
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__perf.marks.carousel && window.__perf.marks.sections);
  await page.waitForTimeout(300);
  const result = {
    sectionToggle: await page.evaluate(clickToPaint, [".aw-section__toggle", 1]),
    sectionToggleBack: await page.evaluate(clickToPaint, [".aw-section__toggle", 1]),
    carouselNext: await page.evaluate(clickToPaint, [".aw-carousel__button--next", 0]),
    carouselPrevious: await page.evaluate(clickToPaint, [".aw-carousel__button--previous", 0]),
    pollOption: await page.evaluate(clickToPaint, [".aw-poll :is(button, input):not([disabled])", 0]),
  };
  await context.close();
  return result;
}

function median(values) {
  const sorted = values.filter((v) => typeof v === "number").sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of each numeric field over the runs. */
function medians(runs) {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(
    keys.map((key) => {
      const values = runs.map((r) => r[key]);
      if (values.some((v) => v && typeof v === "object")) return [key, medians(values.filter(Boolean))];
      return [key, median(values)];
    }),
  );
}

const ms = (v) => (v == null ? "n/a" : `${v.toFixed(1)} ms`);
const mib = (v) => (v == null ? "n/a" : `${(v / 1024 / 1024).toFixed(1)} MiB`);
const kib = (v) => (v == null ? "n/a" : `${(v / 1024).toFixed(1)} KiB`);

function table(title, rows) {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

const server = await startTestServer(port);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const report = { chromium: browser.version(), runs: RUNS, cpuThrottling: THROTTLE, date: new Date().toISOString() };
  console.log(`Chromium ${report.chromium}, headless; medians of ${RUNS} runs`);

  const cold = [];
  for (let i = 0; i < RUNS; i++) cold.push(await coldLoad(browser));
  report.coldLoad = medians(cold);
  const c = report.coldLoad;
  table(`Cold load of the seed article, ${THROTTLE}x CPU throttling (ms from navigation start)`, [
    ["first contentful paint", ms(c.fcp)],
    ["WebAssembly instantiated", ms(c.wasmReady)],
    ["article title painted", ms(c.title)],
    ["sections interactive", ms(c.sections)],
    ["poll shown", ms(c.poll)],
    ["poll controls enabled", ms(c.pollControls)],
    ["carousel shown", ms(c.carousel)],
    ["largest contentful paint", ms(c.lcp)],
    ["bytes transferred (uncompressed)", kib(c.bytes)],
    ["JS heap / WebAssembly memory", `${mib(c.jsHeapUsed)} / ${mib(c.wasmMemory)}`],
  ]);

  report.large = {};
  for (const blocks of [1_000, 10_000]) {
    const runs = [];
    for (let i = 0; i < Math.max(1, Math.ceil(RUNS / 2)); i++) runs.push(await largeDocument(browser, blocks));
    const r = (report.large[blocks] = medians(runs));
    table(`Generated document, ${blocks} blocks (${kib(r.jsonBytes)} of JSON), no throttling`, [
      ["received → title painted", ms(r.firstPainted)],
      ["received → all blocks in the page", ms(r.allInDom)],
      ["received → all laid out", ms(r.allLaidOut)],
      ["section toggle → painted", `${ms(r.toggleHandler)} in handlers, ${ms(r.toggle)} to paint`],
      ["JS heap / WebAssembly memory", `${mib(r.jsHeapUsed)} / ${mib(r.wasmMemory)}`],
      ["DOM nodes", String(r.domNodes)],
    ]);
  }

  const clicks = [];
  for (let i = 0; i < RUNS; i++) clicks.push(await interactions(browser));
  report.interactions = medians(clicks);
  const t = report.interactions;
  const both = (x) => (x ? `${ms(x.handler)} in handlers, ${ms(x.paint)} to paint` : "n/a (no control)");
  table("Interactions on the seed article, click → next frame painted, no throttling", [
    ["section toggle (open)", both(t.sectionToggle)],
    ["section toggle (close)", both(t.sectionToggleBack)],
    ["carousel next", both(t.carouselNext)],
    ["carousel previous", both(t.carouselPrevious)],
    ["poll option", both(t.pollOption)],
  ]);

  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nwritten to ${OUT}`);
} finally {
  await browser.close();
  server.kill();
}
