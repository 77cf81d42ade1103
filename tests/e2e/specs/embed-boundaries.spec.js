// What crosses between the host page and the widget, in each embedding mode:
// the publisher's styling hooks in, links out of the frame, only section-id
// fragments into the frame, only allowed origins' documents into the embed
// page, only own properties of an options object.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const SEED_TITLE = "Countdown to Withdrawal: Understanding the Iraq-US Negotiations";
const THEMED = { background: "rgb(255, 248, 231)", color: "rgb(20, 20, 60)", font: '"Themed Sans", monospace' };

test.beforeEach(async ({ page }) => {
  // In every frame: the page's own CSP violations.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
});

/** The widget root's background, and its paragraph's colour and font, in `node` (or its shadow root). */
function widgetStyles(node) {
  const root = node.shadowRoot ?? node;
  const widget = root.querySelector(".aw-root");
  const paragraph = root.querySelector(".aw-p");
  return {
    background: getComputedStyle(widget).backgroundColor,
    color: getComputedStyle(paragraph).color,
    font: getComputedStyle(paragraph).fontFamily,
  };
}

for (const colorScheme of ["light", "dark"]) {
  test(`styling hooks on placeholders and custom elements win in every theme (reader: ${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/hosts/themed.html");
    for (const theme of ["light", "dark", "auto"]) {
      const placeholder = page.locator(`#placeholder-${theme}`);
      await placeholder.scrollIntoViewIfNeeded();
      await expect(placeholder.locator(".aw-p").first()).toBeVisible();
      expect(await placeholder.evaluate(widgetStyles), `placeholder, theme=${theme}`).toEqual(THEMED);

      const custom = page.locator(`#custom-${theme}`);
      await custom.scrollIntoViewIfNeeded();
      await expect(custom.locator(".aw-p").first()).toBeVisible();
      expect(await custom.evaluate(widgetStyles), `custom element, theme=${theme}`).toEqual(THEMED);
    }
    // The hooks do not touch what the publisher did not set.
    const accent = await page.locator("#placeholder-dark .aw-link").first().evaluate((a) => getComputedStyle(a).color);
    expect(accent).toBe("rgb(140, 196, 255)");
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
    await expectNoAxeViolations(page, "#placeholder-light");
    await expectNoAxeViolations(page, "#custom-light");
  });

  test(`styling hooks reach the iframe through its query, in every theme (reader: ${colorScheme})`, async ({ page }) => {
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.emulateMedia({ colorScheme });
    await page.goto("/hosts/themed-iframe.html");
    for (const theme of ["light", "dark", "auto"]) {
      const frame = page.frameLocator(`#frame-${theme}`);
      await expect(frame.locator(".aw-p").first()).toBeVisible();
      expect(await frame.locator("body").evaluate(widgetStyles), `iframe, theme=${theme}`).toEqual(THEMED);
      expect(await frame.locator("body").evaluate(() => window.__cspViolations)).toEqual([]);
    }
    // Values that are not a colour or a font list are dropped: the defaults stay.
    const bad = page.frameLocator("#frame-bad");
    await expect(bad.locator(".aw-p").first()).toBeVisible();
    expect(await bad.locator("body").evaluate(widgetStyles)).toEqual({
      background: "rgb(255, 255, 255)",
      color: "rgb(26, 26, 26)",
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
    });
    // The dropped `aw-bg=url(…)` fetched nothing (the frame's own address names the picture: match paths only).
    expect(requests.filter((url) => new URL(url).pathname.endsWith("/formats-picture.svg"))).toEqual([]);
    await expectNoAxeViolations(page, "#frame-light");
  });
}

test("links in the iframe open in the top window; related cards in a new tab", async ({ page }) => {
  await page.route("https://example.com/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Linked page</title><p>Linked</p>" }),
  );
  await page.goto("/hosts/iframe.html");
  await page.locator("iframe").evaluate((f) => (f.src = "/embed.html?src=/fixtures/every-block.json"));
  const frame = page.frameLocator("iframe[data-article-widget-frame]");
  const link = frame.locator(".aw-link", { hasText: "a link" });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL("https://example.com/");
  await expect(page.locator("p")).toHaveText("Linked");

  await page.goto("/hosts/iframe.html");
  const card = page.frameLocator("iframe[data-article-widget-frame]").locator(".aw-card").first();
  await expect(card).toHaveAttribute("target", "_blank");
});

test("the frame script forwards only fragments shaped like a section id", async ({ page }) => {
  await page.goto("/hosts/iframe.html#access_token=s3cret&state=xyz");
  const frame = page.frameLocator("iframe[data-article-widget-frame]");
  await expect(frame.locator(".aw-title")).toHaveText(SEED_TITLE);
  await expect(page.locator("iframe")).toHaveAttribute("src", "/embed.html?src=/articles/iraq.json&sections=collapsed");

  await page.evaluate(() => (location.hash = "#uneasy-balance"));
  await expect(page.locator("iframe")).toHaveAttribute("src", /#uneasy-balance$/);
  await expect(frame.getByRole("button", { name: "Uneasy Balance", exact: true })).toHaveAttribute("aria-expanded", "true");

  for (const hash of ["#/app/route", "#!shebang", "#a b", "#%FF", `#${"x".repeat(101)}`, "#q=1&r=2"]) {
    await page.evaluate((h) => (location.hash = h), hash);
    await page.waitForTimeout(50);
    await expect(page.locator("iframe"), hash).toHaveAttribute("src", /#uneasy-balance$/);
  }
  // Ids from headings in any script, raw or percent-encoded.
  await page.evaluate(() => (location.hash = "#%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82"));
  await expect(page.locator("iframe")).toHaveAttribute("src", /#%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82$/);
});

test.describe("the embed page's origin rule", () => {
  test("refuses a document from another origin, with a clear message and no request", async ({ page, baseURL }) => {
    const other = baseURL.replace("127.0.0.1", "localhost");
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`/embed-open.html?src=${encodeURIComponent(`${other}/articles/iraq.json`)}`);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("This article cannot be shown here");
    await expect(alert).toContainText(`${baseURL} only, not ${other}/articles/iraq.json`);
    await expect(page.locator(".aw-title")).toHaveCount(0);
    expect(requests.filter((url) => url.startsWith(other))).toEqual([]);
    await expectNoAxeViolations(page);

    // data: and other opaque origins are refused alike; the own origin is fine.
    await page.goto(`/embed-open.html?src=${encodeURIComponent('data:application/json,{"title":"x"}')}`);
    await expect(page.getByRole("alert")).toContainText("cannot be shown here");
    await page.goto("/embed-open.html?src=/articles/iraq.json");
    await expect(page.locator(".aw-title")).toHaveText(SEED_TITLE);
  });

  test("renders a document from an origin its allow-list names", async ({ page, baseURL }) => {
    const other = baseURL.replace("127.0.0.1", "localhost");
    await page.goto(`/embed-allowing-localhost.html?src=${encodeURIComponent(`${other}/articles/iraq.json`)}`);
    await expect(page.locator(".aw-title")).toHaveText(SEED_TITLE);
    // Its picture, relative to the document, comes from that origin (which the page's img-src allows).
    const picture = page.locator("img").first();
    await expect(picture).toHaveJSProperty("currentSrc", `${other}/articles/images/maxmur-checkpoint.svg`);
    await expect.poll(() => picture.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  });
});

test("options are read from own properties only, under a polluted Object.prototype", async ({ page }) => {
  await page.addInitScript(() => {
    Object.prototype.theme = "dark";
    Object.prototype.lang = "fr";
    Object.prototype.src = "/fixtures/every-block.json";
  });
  await page.goto("/hosts/empty.html");
  await page.waitForFunction(() => window.ArticleWidget?.mount);
  await page.evaluate(() => {
    const manual = document.createElement("div");
    manual.id = "manual";
    const placeholder = document.createElement("div");
    placeholder.id = "placeholder";
    placeholder.dataset.articleWidget = "";
    placeholder.dataset.src = "/articles/iraq.json";
    document.body.append(manual, placeholder);
    window.ArticleWidget.mount(manual, { src: "/articles/iraq.json" });
  });
  for (const id of ["#manual", "#placeholder"]) {
    const root = page.locator(`${id} .aw-root`);
    await expect(page.locator(`${id} .aw-title`)).toHaveText(SEED_TITLE);
    await expect(root, id).toHaveAttribute("data-theme", "auto");
    await expect(root, id).toHaveAttribute("lang", "en");
  }
});

test("an element with id ArticleWidget does not break the loader or its global", async ({ page }) => {
  await page.goto("/hosts/shadowed-global.html");
  await expect(page.locator("#first .aw-title")).toHaveText(SEED_TITLE);
  expect(await page.evaluate(() => typeof window.ArticleWidget.mount)).toBe("function");
  await page.evaluate(() => window.ArticleWidget.mount(document.getElementById("manual"), { src: "/fixtures/every-block.json" }));
  await expect(page.locator("#manual .aw-title")).toHaveText("Every block type");
  await expect(page.locator("#ArticleWidget")).toHaveText("The publisher's own box");
});
