// A panic inside one widget (release build, panic = "abort"): a readable error
// box with a restart button in that widget, the page's own script unaffected,
// the other widgets started again in a fresh WebAssembly instance.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const SEED_TITLE = "Countdown to Withdrawal: Understanding the Iraq-US Negotiations";

test.use({
  // The hook's report, and the trap that ends the instance (thrown out of the click handler).
  allowedConsoleErrors: [[/article widget: panicked/], { option: true }],
  allowedPageErrors: [[/unreachable/], { option: true }],
});

/** The widget in `host` toggles its first section when its heading is clicked. */
async function expectSectionsWork(host) {
  const toggle = host.locator(".aw-section__toggle").first();
  await toggle.scrollIntoViewIfNeeded();
  const before = await toggle.getAttribute("aria-expanded");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", before === "true" ? "false" : "true");
}

test("a panic in one widget: an error box there, the page alive, the other widgets started again", async ({ page }) => {
  const widgetModules = [];
  page.on("request", (r) => /\/widget\.js/.test(r.url()) && widgetModules.push(new URL(r.url()).search));
  await page.goto("/hosts/panic.html");
  const [first, second, custom] = ["#first", "#second", "#custom"].map((id) => page.locator(id));
  for (const host of [first, second, custom]) {
    await host.scrollIntoViewIfNeeded();
    await expect(host.locator(".aw-section__toggle").first()).toBeVisible();
  }
  await expect(first.locator("h2")).toHaveText(SEED_TITLE);

  // The host page's own script arms the trigger; the next heading click panics.
  await page.evaluate(async () => (await import("/widget.js")).panicOnNextToggleForTests());
  await second.locator(".aw-section__toggle").first().click();

  // In the widget's own language and theme.
  const box = second.getByRole("alert");
  await expect(box).toContainText("Une erreur s’est produite dans le widget d’article.");
  await expect(second.locator(".aw-root")).toHaveAttribute("data-theme", "dark");
  const restart = second.getByRole("button", { name: "Redémarrer le widget" });
  await expect(restart).toBeVisible();
  await expect(second.locator(".aw-section")).toHaveCount(0);
  await expectNoAxeViolations(page, "#second");

  // Not a frozen page: the host's own script still runs.
  await page.locator("#host-button").click();
  await expect(page.locator("#host-count")).toHaveText("1");

  // The others are back, in a fresh instance, and respond.
  await expect(first.locator("h2")).toHaveText(SEED_TITLE);
  await expectSectionsWork(first);
  await expectSectionsWork(custom);
  await expect(first.getByRole("alert")).toHaveCount(0);
  // One fresh instance: its glue imported again (`widget.js?1`), the .wasm compiled again.
  expect(widgetModules).toEqual(["", "?1"]);

  // A widget added after the panic starts in the fresh instance too.
  await page.evaluate(() => {
    const late = document.createElement("div");
    late.dataset.articleWidget = "";
    late.dataset.src = "/articles/iraq.json";
    late.id = "late";
    document.getElementById("later-slot").append(late);
  });
  await page.locator("#late").scrollIntoViewIfNeeded();
  await expectSectionsWork(page.locator("#late"));

  // The failed one restarts when asked.
  await restart.scrollIntoViewIfNeeded();
  await restart.click();
  await expect(second.locator("h2")).toHaveText(SEED_TITLE);
  await expect(second.locator(".aw-root")).toHaveAttribute("lang", "fr");
  await expect(second.getByRole("alert")).toHaveCount(0);
  await expectNoAxeViolations(page, "#second");
  await expectSectionsWork(second);
  // Element ids stay unique on the page across the two instances.
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  expect(duplicates).toEqual([]);
});

test("the development page's one widget (ArticleWidget.mount): its error box restarts it", async ({ page }) => {
  await page.goto("/?sections=collapsed");
  const widget = page.locator("#widget");
  const toggle = widget.locator(".aw-section__toggle").first();
  await toggle.scrollIntoViewIfNeeded();
  await page.evaluate(async () => (await import("/widget.js")).panicOnNextToggleForTests());
  await toggle.click();
  await expect(widget.getByRole("alert")).toContainText("Something went wrong in the article widget.");
  await widget.getByRole("button", { name: "Restart the widget" }).click();
  await expect(widget.locator("h2")).toHaveText(SEED_TITLE);
  await expectSectionsWork(widget);
  await expect(widget.getByRole("alert")).toHaveCount(0);
});
