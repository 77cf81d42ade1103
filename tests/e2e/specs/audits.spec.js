// axe-core in the states the other specs do not audit: every document shape in
// the light, dark and automatic (dark scheme) themes, right to left, and the
// loading and error states in the dark theme. The poll's and the carousel's own
// states are audited in their specs.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

/** Which themes each document is audited in (the light theme is what the other specs audit). */
const cases = [
  { name: "seed article, sections expanded", query: "sections=expanded", themes: ["dark", "auto-dark"] },
  { name: "seed article, sections collapsed", query: "sections=collapsed", themes: ["auto-dark"] },
  { name: "every block type", query: "src=/fixtures/every-block.json", themes: ["dark"] },
  { name: "mixed sections", query: "src=/fixtures/sections-mixed.json", themes: ["light", "dark"] },
  { name: "right to left (Arabic)", query: "src=/fixtures/carousel-rtl.json", themes: ["light", "auto-dark"] },
];

const themes = {
  light: { query: "theme=light", colorScheme: "light" },
  dark: { query: "theme=dark", colorScheme: "light" },
  "auto-dark": { query: "theme=auto", colorScheme: "dark" },
};

for (const { name, query, themes: names } of cases) {
  for (const themeName of names) {
    test(`axe-core: ${name}, ${themeName} theme`, async ({ page }) => {
      test.setTimeout(60_000);
      const theme = themes[themeName];
      await page.emulateMedia({ colorScheme: theme.colorScheme });
      await page.goto(`/?${query}&${theme.query}`);
      await expect(page.locator("article.aw-article")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
}

test.describe(() => {
  test.use({ allowedConsoleErrors: [/^Failed to load resource/] });

  test("axe-core: the error state in the dark theme", async ({ page }) => {
    await page.goto(`/?src=${encodeURIComponent("/fault/status/500")}&theme=dark`);
    await expect(page.getByRole("alert")).toContainText("HTTP 500");
    await expectNoAxeViolations(page);
  });

  test("axe-core: the loading state in the dark theme", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/?src=${encodeURIComponent(`/fault/hang/audit-${Date.now()}`)}&theme=auto`);
    await expect(page.getByRole("status")).toContainText("Loading");
    await expectNoAxeViolations(page);
  });
});
