// Prerendered embeds (article-render's markup): readable without JavaScript,
// usable before the WebAssembly arrives, taken over by the live widget
// without a jump, keeping what the reader did. Host pages come from
// /prerendered/page (tests/e2e/server/prerendered.mjs), which runs the real
// article-render binary.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const SEED_TITLE = "Countdown to Withdrawal: Understanding the Iraq-US Negotiations";
const LIVE = ".aw-root:not([data-prerendered])";

/** Holds every request for the .wasm until `release()` is called. */
async function holdWasm(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route("**/*.wasm", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Sums layout shifts (PerformanceObserver) from navigation on. */
function watchLayoutShifts() {
  window.__cls = 0;
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__cls += entry.value;
      window.__shifts.push(entry.value);
    }
  }).observe({ type: "layout-shift", buffered: true });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every section, link, picture, related link and the poll are readable", async ({ page }) => {
    await page.goto("/prerendered/page?sections=collapsed");
    await expect(page.locator(".aw-title")).toHaveText(SEED_TITLE);
    const panels = page.locator(".aw-section__panel");
    expect(await panels.count()).toBeGreaterThan(2);
    for (const panel of await panels.all()) {
      await expect(panel.locator("p").first()).toBeVisible();
    }
    // No controls that need the widget.
    await expect(page.locator(".aw-section__copy").first()).toBeHidden();
    await expect(page.locator(".aw-sections__all")).toBeHidden();
    await expect(page.locator(".aw-poll__submit")).toBeHidden();
    await expect(page.locator(".aw-poll__question")).toBeVisible();
    await expect(page.locator(".aw-poll__option").first()).toBeVisible();
    await expect(page.getByText("Voting needs JavaScript.")).toBeVisible();
    // Pictures keep their reserved size; related links are plain links.
    const hero = page.locator(".aw-hero img");
    await expect(hero).toHaveAttribute("width", /\d+/);
    await expect(hero).toHaveAttribute("height", /\d+/);
    const cards = page.locator("a.aw-card");
    expect(await cards.count()).toBeGreaterThan(1);
    for (const card of await cards.all()) {
      await expect(card).toBeVisible();
      await expect(card).toHaveAttribute("href", /^https:\/\//);
    }
    await expect(page.locator(".aw-carousel__buttons")).toBeHidden();
    // Search engines get the NewsArticle.
    const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    expect(ld["@type"]).toBe("NewsArticle");
    expect(ld.headline).toBe(SEED_TITLE);
  });

  test("a hostile document's text stays text", async ({ page }) => {
    page.on("dialog", () => {
      throw new Error("a dialog opened");
    });
    await page.goto("/prerendered/page?src=/fixtures/hostile.json");
    await expect(page.locator(".aw-title")).toHaveText('<img src=x onerror="alert(1)">');
    const problems = await page.evaluate(() => {
      const found = [];
      for (const el of document.querySelectorAll(".aw-root *")) {
        if (["script", "iframe", "object", "embed", "style"].includes(el.localName)) found.push(el.localName);
        for (const { name, value } of el.attributes) {
          if (name.startsWith("on") || name === "style") found.push(`${el.localName}[${name}]`);
          if (/^\s*(javascript|data|vbscript):/i.test(value)) found.push(`${el.localName}[${name}=${value}]`);
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  test("the custom element's declarative shadow root holds the article", async ({ page }) => {
    await page.goto("/prerendered/page?mode=element");
    await expect(page.locator("article-widget .aw-title")).toHaveText(SEED_TITLE);
    await expect(page.locator("article-widget .aw-section__panel p").first()).toBeVisible();
  });
});

// axe-core runs as a script, so it audits the same rendering with script on
// but none on the page: the static page with the no-script stylesheet applied.
test("without JavaScript: axe finds nothing in the no-script rendering", async ({ page }) => {
  await page.goto("/prerendered/page?static=1&sections=collapsed");
  await page.addStyleTag({ url: "/article-widget-noscript.css" });
  await expect(page.locator(".aw-section__panel").last()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("before the WebAssembly arrives: text at once, headings toggle, Vote visibly not ready", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/prerendered/page?sections=collapsed");
  await expect(page.locator(".aw-title")).toHaveText(SEED_TITLE);
  await expect(page.locator("[data-prerendered]")).toHaveCount(1);
  const toggle = page.locator(".aw-section__toggle").nth(1);
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(".aw-section__panel").nth(1)).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.locator(".aw-poll__submit")).toBeDisabled();
  release();
  await expect(page.locator(LIVE)).toHaveCount(1);
});

test("takeover keeps open sections, focus and scroll; then everything is live", async ({ page }) => {
  const release = await holdWasm(page);
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto("/prerendered/page?sections=collapsed");
  const toggle = page.locator(".aw-section__toggle").nth(2);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await toggle.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 37));
  const before = await page.evaluate(() => ({
    scroll: scrollY,
    top: document.querySelectorAll(".aw-section__toggle")[2].getBoundingClientRect().top,
    open: [...document.querySelectorAll(".aw-section__toggle")].map((b) => b.getAttribute("aria-expanded")),
  }));
  release();
  await expect(page.locator(LIVE)).toHaveCount(1);
  const after = await page.evaluate(() => ({
    scroll: scrollY,
    top: document.querySelectorAll(".aw-section__toggle")[2].getBoundingClientRect().top,
    open: [...document.querySelectorAll(".aw-section__toggle")].map((b) => b.getAttribute("aria-expanded")),
    focused: document.activeElement?.textContent,
    focusedIsToggle: document.activeElement?.classList.contains("aw-section__toggle"),
  }));
  expect(after.open).toEqual(before.open);
  expect(after.scroll).toBe(before.scroll);
  expect(Math.abs(after.top - before.top)).toBeLessThan(1);
  expect(after.focusedIsToggle).toBe(true);
  expect(after.focused).toBe(await toggle.textContent());
  // Live: the widget's own handlers now.
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator(".aw-poll__submit")).toBeEnabled();
  await expect(page.locator(".aw-sections__all")).toBeEnabled();
});

test("cumulative layout shift from navigation until live stays under 0.01 (placeholder and element)", async ({ page }) => {
  await page.addInitScript(watchLayoutShifts);
  for (const mode of ["placeholder", "element"]) {
    await page.goto(`/prerendered/page?mode=${mode}`);
    const root = mode === "element" ? page.locator("article-widget").locator(LIVE) : page.locator(LIVE);
    await expect(root).toHaveCount(1);
    // Two frames after the takeover, so its shifts (if any) are reported.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const cls = await page.evaluate(() => window.__cls);
    expect(cls, `${mode}: ${await page.evaluate(() => window.__shifts.join(", "))}`).toBeLessThanOrEqual(0.01);
    await expect(page.locator(".aw-skeleton")).toHaveCount(0);
  }
});

test("a prerendered and a plain widget share one WebAssembly instance", async ({ page }) => {
  const wasm = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url()));
  await page.goto("/prerendered/page?plain=1");
  // The plain widget starts when it comes near the viewport.
  await page.locator("#plain").scrollIntoViewIfNeeded();
  await expect(page.locator(LIVE)).toHaveCount(2);
  await expect(page.locator("#plain .aw-title")).toHaveText(SEED_TITLE);
  expect(wasm).toHaveLength(1);
  // Element ids stay unique on the page.
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  expect(duplicates).toEqual([]);
});

test("the custom element takes over its declarative shadow root", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/prerendered/page?mode=element&sections=collapsed");
  const widget = page.locator("article-widget");
  await expect(widget.locator(".aw-title")).toHaveText(SEED_TITLE);
  const toggle = widget.locator(".aw-section__toggle").nth(1);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  release();
  await expect(widget.locator(LIVE)).toHaveCount(1);
  await expect(widget.locator(".aw-section__toggle").nth(1)).toHaveAttribute("aria-expanded", "true");
  await expect(widget.locator(".aw-root")).toHaveCount(1);
  await widget.locator(".aw-section__toggle").nth(1).click();
  await expect(widget.locator(".aw-section__toggle").nth(1)).toHaveAttribute("aria-expanded", "false");
  await expectNoAxeViolations(page, "article-widget");
});

test("a taken-over widget emits ready once the live article is in the host, marked prerendered", async ({ page }) => {
  await page.addInitScript(() => {
    window.__ready = [];
    addEventListener("article-widget:ready", (event) => {
      const host = event.target;
      const root = host.shadowRoot ?? host;
      window.__ready.push({ detail: event.detail, live: root.querySelectorAll(".aw-root:not([data-prerendered])").length, roots: root.querySelectorAll(".aw-root").length });
    });
  });
  for (const mode of ["placeholder", "element"]) {
    await page.goto(`/prerendered/page?mode=${mode}`);
    await expect.poll(() => page.evaluate(() => window.__ready.length)).toBe(1);
    const [ready] = await page.evaluate(() => window.__ready);
    expect(ready, mode).toMatchObject({ live: 1, roots: 1, detail: { title: "Countdown to Withdrawal: Understanding the Iraq-US Negotiations", prerendered: true } });
  }
});
