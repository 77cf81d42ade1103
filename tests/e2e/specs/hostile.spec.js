// Hostile documents (issue 13): each worst case the native reader was slow
// on, generated here at full size and served to the widget, is rendered or
// refused with the usual error and "Try again", and the host page keeps
// answering meanwhile. The time from the bytes arriving to the result is
// printed and attached to the test; the 2 s budget is not asserted (a loaded
// machine would flake it), only a generous 10 s bound.
import { expect, test } from "./fixtures.js";

const MAX_BYTES = 5 * 1024 * 1024;
const fill = (unit) => unit.repeat(Math.floor((MAX_BYTES - 4096) / unit.length));
const wordpress = (html) =>
  JSON.stringify({ id: 1, title: { rendered: "Hostile" }, content: { rendered: html }, link: "https://news.example/hostile" });
const nativeSameHeading = (n) =>
  JSON.stringify({
    format: "article/1",
    id: "hostile",
    title: "Hostile",
    sections: Array.from({ length: n }, () => ({ heading: "Notes", blocks: [] })),
  });
const attributes = (n) => wordpress(`<p${Array.from({ length: n }, (_, i) => ` a${i}=x`).join("")}>text</p>`);

// name, document, expected outcome: "rendered" or a refusal message.
const cases = [
  ["native: 10,000 sections, one heading", () => nativeSameHeading(10_000), "rendered"],
  ["wp: 9,000 identical <h2>", () => wordpress("<h2>Notes</h2>".repeat(9_000)), "rendered"],
  ["wp: <h2>a</h2> to 5 MB", () => wordpress(fill("<h2>a</h2>")), /more than 10000 sections/],
  ["wp: one tag with 60,000 attributes", () => attributes(60_000), "rendered"],
  ["wp: <p>a</p> to 5 MB", () => wordpress(fill("<p>a</p>")), /more than 100000 blocks/],
  // 600,000 spans: past the span limit (README, "Hostile documents").
  ["wp: alternating marks to 5 MB", () => wordpress(fill("<b>a</b><i>b</i>")), /more than 200000 spans/],
];

test.describe("hostile documents @slow", () => {
  test.use({ allowedConsoleErrors: [/^Failed to load resource/] });

  for (const [name, generate, expected] of cases) {
    test(`${name}: ${expected === "rendered" ? "rendered" : "refused"}, host page responsive`, async ({ page }) => {
      test.setTimeout(60_000);
      const body = generate();
      expect(body.length).toBeLessThanOrEqual(MAX_BYTES);
      await page.route("**/hostile/doc.json", (route) =>
        route.fulfill({ status: 200, contentType: "application/json", body }),
      );
      // A host-page timer records its longest gap (a frozen page shows one),
      // and the first moment a title or an error is in the widget.
      await page.addInitScript(() => {
        const state = { longestGap: 0, shownAt: null };
        window.__hostile = state;
        let last = performance.now();
        setInterval(() => {
          const now = performance.now();
          state.longestGap = Math.max(state.longestGap, now - last);
          last = now;
        }, 20);
        new MutationObserver(() => {
          if (state.shownAt === null && document.querySelector(".aw-title, [role=alert]")) {
            state.shownAt = performance.now();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`/?src=${encodeURIComponent("/hostile/doc.json")}`);
      if (expected === "rendered") {
        await expect(page.locator(".aw-title")).toHaveText("Hostile", { timeout: 10_000 });
      } else {
        const alert = page.getByRole("alert");
        await expect(alert).toContainText(expected, { timeout: 10_000 });
        await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
      }
      // The host page still answers: its own button reacts.
      const answered = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const button = document.createElement("button");
            button.textContent = "host";
            button.addEventListener("click", () => resolve(true));
            document.body.append(button);
            button.click();
          }),
      );
      expect(answered).toBe(true);
      const { shownAt, longestGap, arrivedAt } = await page.evaluate(() => {
        const entry = performance.getEntriesByType("resource").find((e) => e.name.includes("/hostile/doc.json"));
        return { ...window.__hostile, arrivedAt: entry ? entry.responseEnd : null };
      });
      const elapsed = shownAt - (arrivedAt ?? 0);
      const figure = `${name}: ${(body.length / 1e6).toFixed(2)} MB, bytes arrived → shown ${elapsed.toFixed(0)} ms, longest host timer gap ${longestGap.toFixed(0)} ms`;
      console.log(figure);
      test.info().annotations.push({ type: "timing", description: figure });
      expect(elapsed).toBeLessThan(10_000);
    });
  }
});
