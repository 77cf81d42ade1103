// Shared test fixtures: every test fails on an unexpected console error or
// uncaught exception, and can run an axe-core audit.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  /** Console errors a test expects (RegExps); anything else fails it. */
  allowedConsoleErrors: [[], { option: true }],
  /** Uncaught exceptions a test expects (RegExps); anything else fails it. */
  allowedPageErrors: [[], { option: true }],

  page: async ({ page, allowedConsoleErrors, allowedPageErrors }, use) => {
    const problems = [];
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const text = msg.text();
      // axe-core, injected by the test itself (no script URL), adds a <style>
      // the strict CSP refuses; the CSP tests count the page's own violations.
      if (msg.location().url === "" && /Content Security Policy/.test(text)) return;
      if (!allowedConsoleErrors.some((pattern) => pattern.test(text))) problems.push(`console error: ${text}`);
    });
    page.on("pageerror", (error) => {
      if (!allowedPageErrors.some((pattern) => pattern.test(error.message))) {
        problems.push(`uncaught exception: ${error.message}`);
      }
    });
    await use(page);
    expect(problems, "the page logged no errors").toEqual([]);
  },
});

/** Runs axe-core (WCAG 2.1 A/AA and best practices) on the widget and expects no violations. */
export async function expectNoAxeViolations(page, include = ".aw-root") {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`);
  expect(summary, "axe-core violations").toEqual([]);
}

export { expect };
