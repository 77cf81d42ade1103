// The foundation: the seed article renders from JSON, errors are readable and retry works.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const SEED_TITLE = "Countdown to Withdrawal: Understanding the Iraq-US Negotiations";
const SEED_SECTIONS = [
  "Iraq Initiates Talks",
  "Rethinking Strategy",
  "Uneasy Balance",
  "Criminal Strains: Cliffhangers of US Withdrawal",
  "Dancing with Iran and Syria",
];

test("renders the seed article by default", async ({ page }) => {
  await page.goto("/");
  const article = page.locator("article.aw-article");
  await expect(article.getByRole("heading", { level: 2 })).toHaveText(SEED_TITLE);
  await expect(article.locator(".aw-section__heading")).toHaveText(SEED_SECTIONS);
  await expect(article).toHaveAttribute("lang", "en");
  await expect(article.locator(".aw-hero figcaption")).toContainText("MAXMUR CITY, IRAQ");
  await expect(article.locator(".aw-hero img")).toHaveAttribute("width", "1200");
  await expect(article.locator(".aw-quote blockquote")).toHaveCount(2);
  await expect(article.locator(".aw-quote__cite").first()).toHaveText("Saddam Hussein");
  await expect(article.getByText("Is it time the US got out of Iraq?", { exact: true })).toBeVisible();
  await expect(article.locator("time").first()).toHaveAttribute("datetime", "2024-08-05T08:00:00Z");
  await expectNoAxeViolations(page);
});

test("formats dates in the reader's locale through Intl", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-DE", timezoneId: "Europe/Berlin" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator(".aw-date time")).toHaveText("5. August 2024 um 10:00");
  await context.close();
});

test("takes the document from ?src=", async ({ page }) => {
  await page.goto("/?src=/fixtures/every-block.json");
  await expect(page.locator(".aw-title")).toHaveText("Every block type");
  await expect(page.locator(".aw-list li")).toHaveCount(3);
  await expect(page.locator("ol.aw-list")).toHaveCount(1);
  await expect(page.locator(".aw-subheading")).toHaveText("A subheading");
  await expect(page.locator(".aw-embed__link")).toHaveAttribute("href", "https://video.example.com/watch/1");
  await expect(page.locator("em", { hasText: "emphasis" })).toBeVisible();
  await expect(page.locator("strong code", { hasText: "strong code" })).toBeVisible();
  await expect(page.locator(".aw-byline")).toHaveText("By Ana Ruiz & Ben Okafor");
  await expectNoAxeViolations(page);
});

test("hostile strings stay text and unsafe links are dropped", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    dialog.dismiss();
  });
  await page.goto("/?src=/fixtures/hostile.json");
  await expect(page.locator(".aw-title")).toHaveText('<img src=x onerror="alert(1)">');
  await expect(page.locator(".aw-root img[src='x']")).toHaveCount(0);
  await expect(page.locator(".aw-root script")).toHaveCount(0);
  const hrefs = await page.locator(".aw-root [href]").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
  await expect(page.getByText("click me")).toBeVisible();
  expect(dialogs).toBe(0);
});

const errorCases = [
  { name: "HTTP 404", src: "/fault/status/404", message: /was not found \(HTTP 404\)/ },
  { name: "HTTP 500", src: "/fault/status/500", message: /answered with an error \(HTTP 500\)/ },
  { name: "not JSON", src: "/fault/html", message: /not JSON/ },
  { name: "schema error", src: "/fixtures/invalid-schema.json", message: /sections\[1\]\.blocks\[0\]\.text: expected a string or a list of spans/ },
  { name: "unsupported format", src: "/fixtures/article-v2.json", message: /format this widget does not read \(article\/2\)/ },
];

for (const { name, src, message } of errorCases) {
  test.describe(() => {
    test.use({ allowedConsoleErrors: [/Failed to load resource/] });
    test(`shows a readable error: ${name}`, async ({ page }) => {
      await page.goto(`/?src=${encodeURIComponent(src)}`);
      const alert = page.getByRole("alert");
      await expect(alert).toContainText("The article could not be shown");
      await expect(alert).toContainText(message);
      await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test.describe(() => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });
  test("retry recovers once the server behaves", async ({ page }) => {
    await page.goto(`/?src=/fault/fail-once/retry-${Date.now()}`);
    await expect(page.getByRole("alert")).toContainText("HTTP 503");
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.locator(".aw-title")).toHaveText(SEED_TITLE);
    await expect(page.getByRole("alert")).toHaveCount(0);
  });

  test("a network failure says so", async ({ page }) => {
    await page.goto("/?src=/fault/drop");
    await expect(page.getByRole("alert")).toContainText("could not reach the article");
  });
});
