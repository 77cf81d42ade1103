// A document server that misbehaves (tests/e2e/server/test-server.mjs, /fault/<kind>/<key>):
// each fault ends in a clear error, the error box passes axe-core, and "Try again"
// works once the server behaves again (/fault/heal/<key>).
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const SEED_TITLE = "Countdown to Withdrawal: Understanding the Iraq-US Negotiations";

const faults = [
  { kind: "not-found", message: /The article was not found \(HTTP 404\)/ },
  { kind: "server-error", message: /answered with an error \(HTTP 500\)/ },
  { kind: "unavailable", message: /The article server is busy \(HTTP 503\)\. Try again in 2 min\./ },
  { kind: "truncated", message: /stopped arriving before it was complete/ },
  { kind: "html", message: /the reply is not JSON/ },
  { kind: "html-as-json", message: /the reply is not JSON/ },
  { kind: "huge-length", message: /too large to show .*over the limit of 5242880 bytes/ },
  { kind: "huge-chunked", message: /too large to show .*over the limit of 5242880 bytes/ },
  { kind: "endless", message: /too large to show .*over the limit of 5242880 bytes/ },
  { kind: "redirect-loop", message: /could not reach the article/ },
  // The two below wait for the widget's 15 s timeout.
  { kind: "hang", message: /took too long to arrive/, slow: true },
  { kind: "trickle", message: /took too long to arrive/, slow: true },
];

/** A key no other test (or earlier run against the same server) uses. */
const freshKey = (kind) => `${kind}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test.describe("document server faults", () => {
  // The browser reports failed requests itself; anything else fails the test.
  test.use({ allowedConsoleErrors: [/^Failed to load resource/] });

  for (const { kind, message, slow } of faults) {
    test(`${kind}: a clear error, then a retry that works`, async ({ page, request }) => {
      if (slow) test.setTimeout(45_000);
      const key = freshKey(kind);
      await page.goto(`/?src=${encodeURIComponent(`/fault/${kind}/${key}`)}`);
      if (slow) {
        // While the document is on its way: the loading state, audited.
        await expect(page.getByRole("status")).toContainText("Loading");
        await expectNoAxeViolations(page);
      }
      const alert = page.getByRole("alert");
      await expect(alert).toContainText("The article could not be shown", { timeout: slow ? 25_000 : 10_000 });
      await expect(alert).toContainText(message);
      await expectNoAxeViolations(page);

      expect((await request.get(`/fault/heal/${key}`)).status()).toBe(204);
      await alert.getByRole("button", { name: "Try again" }).click();
      await expect(page.locator(".aw-title")).toHaveText(SEED_TITLE);
      await expect(page.getByRole("alert")).toHaveCount(0);
    });
  }

  test("a retry before the server behaves fails again, just as clearly", async ({ page }) => {
    const key = freshKey("repeat");
    await page.goto(`/?src=${encodeURIComponent(`/fault/server-error/${key}`)}`);
    const retry = page.getByRole("button", { name: "Try again" });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(page.getByRole("alert")).toContainText("HTTP 500");
      await retry.click();
    }
    await expect(page.getByRole("alert")).toContainText("HTTP 500");
    await expect(page.getByRole("alert")).toHaveCount(1);
  });
});
