// Embedding: placeholders, the custom element and the iframe, under a strict
// CSP, without style leaks in either direction, leaving nothing behind.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const SEED_TITLE = "Countdown to Withdrawal: Understanding the Iraq-US Negotiations";

/** Counts CSP violations, and window/document listeners and intervals still active. */
function instrument() {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  const active = new Set();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const key = (target, type, fn) => {
    const name = target === window ? "window" : target === document ? "document" : null;
    if (!name || !fn) return null;
    fn.__awId ??= Math.random();
    return `${name}:${type}:${fn.__awId}`;
  };
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    const k = key(this, type, fn);
    if (k) active.add(k);
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    const k = key(this, type, fn);
    if (k) active.delete(k);
    return remove.call(this, type, fn, options);
  };
  const intervals = new Set();
  const setI = window.setInterval.bind(window);
  const clearI = window.clearInterval.bind(window);
  window.setInterval = (...args) => {
    const id = setI(...args);
    intervals.add(id);
    return id;
  };
  window.clearInterval = (id) => {
    intervals.delete(id);
    return clearI(id);
  };
  window.__activeListeners = () => [...active].sort();
  window.__activeIntervals = () => intervals.size;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(instrument);
});

async function expectNoCspViolations(page) {
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
}

test("several placeholders, a custom element and a late one share one module", async ({ page }) => {
  const wasmRequests = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasmRequests.push(r.url()));
  await page.goto("/hosts/many.html");

  for (const id of ["#first", "#second", "#third"]) {
    await page.locator(id).scrollIntoViewIfNeeded();
    await expect(page.locator(`${id} .aw-title`)).toBeVisible();
  }
  await page.locator("#custom").scrollIntoViewIfNeeded();
  await expect(page.locator("#custom .aw-title")).toHaveText("Every block type");

  await page.evaluate(() => document.dispatchEvent(new Event("add-later")));
  await page.locator("#later").scrollIntoViewIfNeeded();
  await expect(page.locator("#later .aw-title")).toHaveText("Every block type");

  expect(wasmRequests).toHaveLength(1);
  await expectNoCspViolations(page);
  await expectNoAxeViolations(page, "#first");
});

test("a widget below the fold starts when it nears the viewport", async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 600 });
  await page.goto("/hosts/many.html");
  await expect(page.locator("#first .aw-title")).toHaveText(SEED_TITLE);
  await expect(page.locator("#third .aw-root")).toHaveCount(0);
  await page.locator("#third").scrollIntoViewIfNeeded();
  await expect(page.locator("#third .aw-title")).toHaveText(SEED_TITLE);
});

test("runs under the strict CSP with no violation", async ({ page }) => {
  const response = await page.goto("/hosts/many.html");
  expect(response.headers()["content-security-policy"]).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.locator("#first .aw-title")).toHaveText(SEED_TITLE);
  await page.goto("/?src=articles/iraq.json");
  await expect(page.locator(".aw-title")).toHaveText(SEED_TITLE);
  await expectNoCspViolations(page);
});

test("the host's CSS does not reach into the custom element", async ({ page }) => {
  const probe = async () => {
    await expect(page.locator("#custom .aw-title")).toHaveText(SEED_TITLE);
    return page.locator("#custom").evaluate((host) => {
      const root = host.shadowRoot;
      const pick = (selector, props) => {
        const style = getComputedStyle(root.querySelector(selector));
        return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
      };
      const text = ["font-family", "font-size", "color", "letter-spacing", "line-height", "text-transform", "text-align"];
      return {
        root: pick(".aw-root", [...text, "display", "padding-top", "background-color"]),
        title: pick(".aw-title", [...text, "display", "padding-top"]),
        paragraph: pick(".aw-p", [...text, "padding-top", "background-color"]),
      };
    });
  };
  await page.goto("/hosts/clean.html");
  const clean = await probe();
  await expectNoAxeViolations(page, "#custom");
  await page.goto("/hosts/hostile-css.html");
  const hostile = await probe();
  expect(hostile).toEqual(clean);
  await expectNoCspViolations(page);
});

test("the widget's CSS styles nothing outside its root", async ({ page }) => {
  await page.goto("/hosts/many.html");
  await expect(page.locator("#first .aw-title")).toBeVisible();
  const host = await page.locator(".host-text").evaluate((el) => {
    const s = getComputedStyle(el);
    return [s.fontFamily, s.color, s.lineHeight, getComputedStyle(document.body).backgroundColor];
  });
  expect(host).toEqual(["sans-serif", "rgb(0, 0, 0)", "normal", "rgba(0, 0, 0, 0)"]);
});

test("the iframe follows its content's height, under a CSP without WebAssembly", async ({ page }) => {
  const response = await page.goto("/hosts/iframe.html");
  expect(response.headers()["content-security-policy"]).not.toContain("wasm-unsafe-eval");
  const frame = page.frameLocator("iframe[data-article-widget-frame]");
  await expect(frame.locator(".aw-title")).toHaveText(SEED_TITLE);
  const mismatch = () =>
    page.locator("iframe").evaluate((f) => {
      const inner = f.contentDocument.documentElement.getBoundingClientRect().height;
      return Math.abs(f.getBoundingClientRect().height - inner);
    });
  const outerHeight = () => page.locator("iframe").evaluate((f) => f.getBoundingClientRect().height);
  await expect.poll(mismatch).toBeLessThanOrEqual(3);
  const collapsed = await outerHeight();
  await frame.getByRole("button", { name: "Uneasy Balance", exact: true }).click();
  await expect.poll(outerHeight).toBeGreaterThan(collapsed);
  await expect.poll(mismatch).toBeLessThanOrEqual(3);
  await expectNoCspViolations(page);
  await expectNoAxeViolations(page, "iframe");
});

test("deep links work in the iframe and inside the shadow root", async ({ page }) => {
  await page.goto("/hosts/iframe.html#uneasy-balance");
  await expect(page.locator("iframe")).toHaveAttribute("src", /#uneasy-balance$/);
  const frame = page.frameLocator("iframe[data-article-widget-frame]");
  await expect(frame.getByRole("button", { name: "Uneasy Balance", exact: true })).toHaveAttribute("aria-expanded", "true");
  await page.evaluate(() => (location.hash = "#rethinking-strategy"));
  await expect(page.locator("iframe")).toHaveAttribute("src", /#rethinking-strategy$/);
  await expect(frame.getByRole("button", { name: "Rethinking Strategy", exact: true })).toHaveAttribute("aria-expanded", "true");

  await page.goto("/hosts/deep-link.html#uneasy-balance");
  const custom = page.locator("#custom");
  await expect(custom.getByRole("button", { name: "Uneasy Balance", exact: true })).toHaveAttribute("aria-expanded", "true");
  await expect(custom.getByRole("button", { name: "Iraq Initiates Talks", exact: true })).toHaveAttribute("aria-expanded", "false");
  await expect(custom.getByRole("button", { name: "Uneasy Balance", exact: true })).toBeFocused();
});

test("options from attributes: theme, lang, and src changed live", async ({ page }) => {
  await page.goto("/hosts/many.html");
  await page.locator("#second").scrollIntoViewIfNeeded();
  await expect(page.locator("#second .aw-root")).toHaveAttribute("data-theme", "dark");
  const background = await page.locator("#second .aw-root").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toBe("rgb(18, 19, 22)");
  await expectNoAxeViolations(page, "#second");

  await page.locator("#third").scrollIntoViewIfNeeded();
  await expect(page.locator("#third .aw-root")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("#third .aw-root")).toHaveAttribute("lang", "ar");

  await page.locator("#custom").scrollIntoViewIfNeeded();
  await expect(page.locator("#custom .aw-root")).toHaveAttribute("lang", "fr");
  await expect(page.locator("#custom .aw-byline")).toContainText("Par");

  await page.locator("#custom").evaluate((el) => el.setAttribute("src", "/articles/iraq.json"));
  await expect(page.locator("#custom .aw-title")).toHaveText(SEED_TITLE);
  await page.locator("#first").evaluate((el) => (el.dataset.src = "/fixtures/every-block.json"));
  await expect(page.locator("#first .aw-title")).toHaveText("Every block type");
});

test("removing a widget leaves no requests, listeners or intervals behind", async ({ page }) => {
  await page.goto("/hosts/empty.html");
  await page.waitForFunction(() => customElements.get("article-widget"));
  const baseline = await page.evaluate(() => [window.__activeListeners(), window.__activeIntervals()]);
  await page.evaluate(() => {
    const widget = document.createElement("article-widget");
    widget.id = "custom";
    widget.setAttribute("src", "/articles/iraq.json");
    document.body.append(widget);
  });
  await expect(page.locator("#custom .aw-title")).toHaveText(SEED_TITLE);
  await page.locator("#custom").evaluate((el) => el.remove());
  await expect(page.locator("#custom")).toHaveCount(0);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.waitForTimeout(1500);
  expect(requests).toEqual([]);
  const after = await page.evaluate(() => [window.__activeListeners(), window.__activeIntervals()]);
  expect(after).toEqual(baseline);
});

test("dark theme and Arabic UI pass the accessibility audit", async ({ page }) => {
  await page.goto("/?theme=dark&lang=ar");
  await expect(page.locator(".aw-root")).toHaveAttribute("dir", "rtl");
  await expect(page.locator(".aw-title")).toHaveText(SEED_TITLE);
  await expectNoAxeViolations(page);
});

test("events work inside the shadow root", async ({ page }) => {
  await page.goto("/hosts/deep-link.html");
  const toggle = page.locator("#custom").getByRole("button", { name: "Rethinking Strategy", exact: true });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await toggle.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
});

test("theme=auto follows the reader's colour scheme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/?theme=auto");
  const root = page.locator(".aw-root");
  await expect(root).toHaveAttribute("data-theme", "auto");
  await expect(root).toHaveCSS("background-color", "rgb(18, 19, 22)");
  // Native controls (the poll's radio buttons) are drawn dark too.
  await expect(root).toHaveCSS("color-scheme", "dark");
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(root).toHaveCSS("background-color", "rgb(255, 255, 255)");
  await expect(root).toHaveCSS("color-scheme", "light");
});

test("theme=light keeps native controls light on a dark-scheme reader", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/?theme=light");
  await expect(page.locator(".aw-root")).toHaveCSS("color-scheme", "light");
  await page.goto("/?theme=dark");
  await expect(page.locator(".aw-root")).toHaveCSS("color-scheme", "dark");
});
