// The related-links carousel: paging by buttons, dots, keys and native
// scrolling at a phone and a desktop width; right-to-left; accessibility.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const MANY = "/?src=/fixtures/carousel-many.json";
// English words for the widget (lang=en) so the roles and names below match; the document itself is Arabic, right to left.
const RTL = "/?src=/fixtures/carousel-rtl.json&lang=en";
const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

/** The carousel as a reader meets it: by roles and names. */
class Carousel {
  constructor(page) {
    this.page = page;
    this.region = page.locator('[aria-roledescription="carousel"]');
    this.track = this.region.locator(".aw-carousel__track");
    this.slides = this.region.locator('[aria-roledescription="slide"]');
    this.links = this.track.getByRole("link");
    this.previous = this.region.getByRole("button", { name: /^Previous cards/ });
    this.next = this.region.getByRole("button", { name: /^Next cards/ });
    this.dots = this.region.getByRole("group", { name: "Choose cards" }).getByRole("button");
    this.live = this.region.locator('[aria-live="polite"]');
  }

  async open(url, viewport) {
    await this.page.setViewportSize(viewport);
    await this.page.goto(url);
    await expect(this.slides.first()).toBeVisible();
    // The carousel comes after the article: bring it on screen.
    await this.track.scrollIntoViewIfNeeded();
  }

  slide(n) {
    return this.slides.nth(n - 1);
  }

  /** Expects cards `first..=last` (1-based) on screen, and their neighbours not. */
  async expectInView(first, last) {
    const count = await this.slides.count();
    for (const n of [first, last]) await expect(this.slide(n), `card ${n} in view`).toBeInViewport({ ratio: 0.95 });
    for (const n of [first - 1, last + 1].filter((n) => n >= 1 && n <= count)) {
      await expect(this.slide(n), `card ${n} out of view`).not.toBeInViewport({ ratio: 0.5 });
    }
  }

  async scrollLeft() {
    return this.track.evaluate((el) => el.scrollLeft);
  }
}

test.describe("at a desktop width", () => {
  test("shows three cards a page; next moves a page and stops at the end", async ({ page }) => {
    test.slow(); // a journey with an audit; the shared test machine can be busy
    const c = new Carousel(page);
    await c.open(MANY, DESKTOP);
    await expect(c.region).toHaveAccessibleName("More from Around the Web");
    await expect(c.slides).toHaveCount(8);
    await expect(c.slide(3)).toHaveAttribute("aria-label", "3 of 8");
    await expect(c.previous).toBeDisabled();
    await expect(c.next).toBeEnabled();
    await c.expectInView(1, 3);

    await c.next.click();
    await expect(c.live).toHaveText("Showing cards 4 to 6 of 8");
    await c.expectInView(4, 6);
    await expect(c.previous).toBeEnabled();

    await c.next.click();
    await expect(c.live).toHaveText("Showing cards 6 to 8 of 8");
    await c.expectInView(6, 8);
    await expect(c.next).toBeDisabled();
    // A disabled button keeps focus and does nothing.
    await expect(c.next).toBeFocused();
    await page.keyboard.press("Enter");
    await c.expectInView(6, 8);
    await expect(c.live).toHaveText("Showing cards 6 to 8 of 8");
    await expectNoAxeViolations(page);
  });

  test("previous moves back a page and stops at the start", async ({ page }) => {
    test.slow();
    const c = new Carousel(page);
    await c.open(MANY, DESKTOP);
    await c.dots.last().click();
    await expect(c.next).toBeDisabled();
    await c.previous.click();
    await expect(c.live).toHaveText("Showing cards 4 to 6 of 8");
    await c.previous.click();
    await expect(c.live).toHaveText("Showing cards 1 to 3 of 8");
    await c.expectInView(1, 3);
    await expect(c.previous).toBeDisabled();
    await expectNoAxeViolations(page);
  });

  test("the dots show the pages and jump to them", async ({ page }) => {
    const c = new Carousel(page);
    await c.open(MANY, DESKTOP);
    await expect(c.dots).toHaveCount(3);
    const names = ["Show cards 1 to 3 of 8", "Show cards 4 to 6 of 8", "Show cards 6 to 8 of 8"];
    for (const [i, name] of names.entries()) await expect(c.dots.nth(i)).toHaveAccessibleName(name);
    await expect(c.dots.nth(0)).toHaveAttribute("aria-current", "true");
    await c.dots.nth(2).click();
    await expect(c.live).toHaveText("Showing cards 6 to 8 of 8");
    await expect(c.dots.nth(2)).toHaveAttribute("aria-current", "true");
    await expect(c.dots.nth(0)).not.toHaveAttribute("aria-current");
    await expect(c.next).toBeDisabled();
  });

  test("the wheel and trackpad scroll natively and the controls follow", async ({ page }) => {
    const c = new Carousel(page);
    await c.open(MANY, DESKTOP);
    await expect(c.previous).toBeDisabled();
    await c.track.hover();
    await page.mouse.wheel(2000, 0);
    await expect(c.next).toBeDisabled();
    await expect(c.previous).toBeEnabled();
    await expect(c.dots.nth(2)).toHaveAttribute("aria-current", "true");
  });

  test("the number of cards follows the widget's width, not the window's", async ({ page }) => {
    const c = new Carousel(page);
    await c.open(MANY, DESKTOP);
    await expect(c.dots).toHaveCount(3);
    // Through the CSSOM, which the page's style-src 'self' allows.
    await page.locator("#widget").evaluate((el) => (el.style.maxInlineSize = "360px"));
    await expect(c.dots).toHaveCount(8);
    await c.next.click();
    await expect(c.live).toHaveText("Showing card 2 of 8");
  });
});

test.describe("at a phone width", () => {
  test("shows one card a page and pages to the last one", async ({ page }) => {
    test.slow();
    const c = new Carousel(page);
    await c.open(MANY, PHONE);
    await expect(c.dots).toHaveCount(8);
    await expect(c.previous).toBeDisabled();
    await c.expectInView(1, 1);
    await expectNoAxeViolations(page);
    await c.next.click();
    await expect(c.live).toHaveText("Showing card 2 of 8");
    await c.expectInView(2, 2);
    for (let n = 3; n <= 8; n++) {
      await c.next.click();
      await expect(c.live).toHaveText(`Showing card ${n} of 8`);
    }
    await expect(c.next).toBeDisabled();
    await c.expectInView(8, 8);
    await expectNoAxeViolations(page);
    await c.previous.click();
    await expect(c.live).toHaveText("Showing card 7 of 8");
    await c.expectInView(7, 7);
  });

  test("the page itself never scrolls sideways, in either direction", async ({ page }) => {
    const c = new Carousel(page);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const src of [MANY, RTL]) {
      await c.open(src, PHONE);
      expect(await overflow()).toBe(0);
      await c.next.click();
      await expect(c.live).toHaveText(/Showing card 2 of/);
      expect(await overflow()).toBe(0);
    }
  });

  test("the seed article's two links make a carousel", async ({ page }) => {
    test.slow();
    const c = new Carousel(page);
    await c.open("/", PHONE);
    await expect(c.slides).toHaveCount(2);
    await expect(c.next).toBeEnabled();
    await c.next.click();
    await expect(c.live).toHaveText("Showing card 2 of 2");
    await expect(c.next).toBeDisabled();
    await expectNoAxeViolations(page);
  });
});

test("with room for every card there are no controls", async ({ page }) => {
  const c = new Carousel(page);
  await c.open("/", DESKTOP);
  await expect(c.slides).toHaveCount(2);
  await c.expectInView(1, 2);
  await expect(c.next).toBeHidden();
  await expect(c.dots).toHaveCount(0);
});

test("arrow keys move between cards and Tab reaches each link once", async ({ page }) => {
  test.slow();
  const c = new Carousel(page);
  await c.open(MANY, DESKTOP);
  await c.links.first().focus();
  await page.keyboard.press("ArrowRight");
  await expect(c.links.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(c.links.nth(7)).toBeFocused();
  await c.expectInView(6, 8);
  await page.keyboard.press("ArrowRight");
  await expect(c.links.nth(7)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(c.links.nth(6)).toBeFocused();
  await page.keyboard.press("Home");
  await expect(c.links.first()).toBeFocused();
  await c.expectInView(1, 3);

  // Tab from the last control before the track walks each card link once, in order.
  await c.next.focus();
  const visited = [];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press("Tab");
    visited.push(await page.evaluate(() => document.activeElement.closest("[data-index]")?.dataset.index ?? "out"));
  }
  expect(visited).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "out"]);
});

test("cards are single links that open safely in a new tab", async ({ page }) => {
  const c = new Carousel(page);
  await c.open(MANY, DESKTOP);
  await expect(c.links).toHaveCount(8);
  for (const link of await c.links.all()) {
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await expect(link).toHaveAccessibleName(/\(opens in a new tab\)$/);
  }
  const first = c.links.first();
  await expect(first).toHaveAttribute("href", "https://www.example.com/news/one");
  await expect(first.locator(".aw-card__intro")).toHaveText("Where the talks stand:");
  await expect(first.locator(".aw-card__title")).toHaveText("One: talks resume in Baghdad");
  await expect(first.locator(".aw-card__description")).toHaveText("Negotiators met again after a month's pause.");
  await expect(first.locator(".aw-card__source")).toContainText("Example News");
  const image = first.getByRole("img", { name: "A checkpoint at dusk" });
  await expect(image).toHaveAttribute("loading", "lazy");
  await expect(image).toHaveAttribute("width", "1200");
  // Without a source the card names the link's domain.
  await expect(c.links.nth(1).locator(".aw-card__source")).toContainText("news.example.org");
  // Every picture box has its height before any picture arrives.
  const heights = await c.track.locator(".aw-card__media").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  expect(new Set(heights.map(Math.round)).size).toBe(1);
  expect(heights[0]).toBeGreaterThan(100);
});

test("a javascript: link never appears", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs += 1;
    dialog.dismiss();
  });
  const c = new Carousel(page);
  await c.open(MANY, DESKTOP);
  await expect(c.slides).toHaveCount(8);
  await expect(page.getByText("Unsafe: never shown")).toHaveCount(0);
  const hrefs = await page.locator(".aw-root [href]").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  for (const href of hrefs) expect(href).toMatch(/^https:\/\//);
  expect(dialogs).toBe(0);
});

test("a related block with no safe links renders nothing", async ({ page }) => {
  await page.goto("/?src=/fixtures/carousel-empty.json");
  await expect(page.locator(".aw-title")).toHaveText("Related links that are all unsafe");
  await expect(page.locator(".aw-carousel")).toHaveCount(0);
  await expect(page.getByText("More from Around the Web")).toHaveCount(0);
});

test.describe("right to left", () => {
  test("cards run from the right, buttons and arrow keys mirror", async ({ page }) => {
    test.slow();
    const c = new Carousel(page);
    await c.open(RTL, DESKTOP);
    await expect(c.region).toHaveAccessibleName("المزيد من أنحاء الويب");
    await expect(c.slides).toHaveCount(6);
    const first = await c.slide(1).boundingBox();
    const second = await c.slide(2).boundingBox();
    expect(first.x).toBeGreaterThan(second.x);
    // The next button sits at the inline end (left) and its arrow points left.
    const previousBox = await c.previous.boundingBox();
    const nextBox = await c.next.boundingBox();
    expect(nextBox.x).toBeLessThan(previousBox.x);
    const arrow = (button) => button.locator("svg").evaluate((el) => getComputedStyle(el).transform);
    expect(await arrow(c.next)).toBe("matrix(-1, 0, 0, 1, 0, 0)");
    expect(await arrow(c.previous)).toBe("none");

    await expect(c.previous).toBeDisabled();
    await c.next.click();
    await expect(c.live).toHaveText("Showing cards 4 to 6 of 6");
    await c.expectInView(4, 6);
    await expect.poll(() => c.scrollLeft()).toBeLessThan(0);
    await expect(c.next).toBeDisabled();
    await expectNoAxeViolations(page);
    await c.previous.click();
    await expect(c.live).toHaveText("Showing cards 1 to 3 of 6");
    await expect.poll(() => c.scrollLeft()).toBe(0);
    await expect(c.previous).toBeDisabled();

    await c.links.first().focus();
    await page.keyboard.press("ArrowLeft");
    await expect(c.links.nth(1)).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(c.links.first()).toBeFocused();
    await page.keyboard.press("End");
    await expect(c.links.nth(5)).toBeFocused();
    await c.expectInView(4, 6);
  });

  test("at a phone width it pages one card at a time", async ({ page }) => {
    const c = new Carousel(page);
    await c.open(RTL, PHONE);
    await c.next.click();
    await expect(c.live).toHaveText("Showing card 2 of 6");
    await c.expectInView(2, 2);
    await expectNoAxeViolations(page);
  });
});

test("reduced motion turns off smooth scrolling", async ({ browser }) => {
  const behaviour = async (reducedMotion) => {
    const context = await browser.newContext({ reducedMotion, viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(MANY);
    const value = await page.locator(".aw-carousel__track").evaluate((el) => getComputedStyle(el).scrollBehavior);
    await context.close();
    return value;
  };
  expect(await behaviour("no-preference")).toBe("smooth");
  expect(await behaviour("reduce")).toBe("auto");
});

test("the dark theme passes the audit", async ({ page }) => {
  const c = new Carousel(page);
  await c.open(`${MANY}&theme=dark`, DESKTOP);
  await c.next.click();
  await expect(c.live).toHaveText("Showing cards 4 to 6 of 8");
  await expectNoAxeViolations(page);
});
