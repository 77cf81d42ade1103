// Expandable sections: the WAI-ARIA accordion pattern, the initial-state
// options, expand/collapse all, deep links, find-in-page, print, copy link.
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const MIXED = "/?src=/fixtures/sections-mixed.json";
const HEADINGS = ["Opening", "Background", "Analysis", "More analysis", "العراق", "Reactions"];
// What the fixture's `collapsed` fields say.
const COLLAPSED_BY_DOCUMENT = [false, true, false, false, true, true];

/** A page object for one widget's sections. */
class Sections {
  constructor(page) {
    this.page = page;
    this.root = page.locator(".aw-sections");
    this.all = this.root.locator(".aw-sections__all");
  }

  toggle(heading) {
    return this.root.getByRole("button", { name: heading, exact: true });
  }

  section(heading) {
    const toggle = this.page.getByRole("button", { name: heading, exact: true });
    return this.root.locator(".aw-section").filter({ has: toggle });
  }

  panel(heading) {
    return this.section(heading).locator(".aw-section__panel");
  }

  async expectStates(collapsed) {
    const toggles = this.root.locator(".aw-section__toggle");
    await expect(toggles).toHaveCount(collapsed.length);
    for (const [i, isCollapsed] of collapsed.entries()) {
      await expect(toggles.nth(i)).toHaveAttribute("aria-expanded", String(!isCollapsed));
      const panel = this.root.locator(".aw-section__panel").nth(i);
      if (isCollapsed) await expect(panel).toBeHidden();
      else await expect(panel).toBeVisible();
    }
  }
}

async function open(page, url) {
  await page.goto(url);
  const sections = new Sections(page);
  await expect(sections.root.locator(".aw-section")).not.toHaveCount(0);
  return sections;
}

test("headings hold real buttons wired to labelled panels", async ({ page }) => {
  const sections = await open(page, MIXED);
  await expect(sections.root.locator(".aw-section__heading")).toHaveText(HEADINGS);
  for (const heading of HEADINGS) {
    const button = sections.toggle(heading);
    await expect(button).toHaveAttribute("type", "button");
    await expect(page.getByRole("heading", { level: 3, name: heading, exact: true })).toBeVisible();
    const panelId = await button.getAttribute("aria-controls");
    const panel = page.locator(`[id="${panelId}"]`);
    await expect(panel).toHaveClass(/aw-section__panel/);
    await expect(panel).toHaveAttribute("aria-labelledby", await button.getAttribute("id"));
  }
  // Six sections or fewer: the panels are named regions.
  await expect(page.getByRole("region", { name: "Opening" })).toBeVisible();
  await sections.expectStates(COLLAPSED_BY_DOCUMENT);
});

test("a collapsed section says how much it holds", async ({ page }) => {
  const sections = await open(page, MIXED);
  const summary = sections.section("Background").locator(".aw-section__summary");
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("1 min read");
  await expect(summary).toContainText("Before the talks began");
  await expect(sections.section("Opening").locator(".aw-section__summary")).toBeHidden();
  await sections.toggle("Background").click();
  await expect(summary).toBeHidden();
});

test("clicking toggles a section without moving anything above it", async ({ page }) => {
  const sections = await open(page, MIXED);
  const button = sections.toggle("Background");
  const before = await button.boundingBox();
  const leadBefore = await page.locator(".aw-lead").boundingBox();
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(sections.panel("Background")).toBeVisible();
  await expect(sections.panel("Background")).toContainText("zanzibar marmalade");
  expect(await button.boundingBox()).toEqual(before);
  expect(await page.locator(".aw-lead").boundingBox()).toEqual(leadBefore);
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(sections.panel("Background")).toBeHidden();
  expect(await button.boundingBox()).toEqual(before);
});

test("Enter and Space toggle; Tab goes through the headings in order", async ({ page }) => {
  const sections = await open(page, MIXED);
  const opening = sections.toggle("Opening");
  await opening.focus();
  await page.keyboard.press("Enter");
  await expect(opening).toHaveAttribute("aria-expanded", "false");
  await expect(sections.panel("Opening")).toBeHidden();
  await page.keyboard.press("Space");
  await expect(opening).toHaveAttribute("aria-expanded", "true");
  await expect(sections.panel("Opening")).toBeVisible();
  await expect(opening).toBeFocused();

  // Collapse everything so Tab only meets the controls: toggle, copy link, next toggle.
  await sections.all.click();
  await sections.all.click();
  await sections.expectStates(HEADINGS.map(() => true));
  await opening.focus();
  await page.keyboard.press("Tab");
  await expect(sections.section("Opening").locator(".aw-section__copy")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(sections.toggle("Background")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(sections.toggle("Background")).toHaveAttribute("aria-expanded", "true");
});

test("expand all and collapse all; the label follows the state", async ({ page }) => {
  const sections = await open(page, MIXED);
  await expect(sections.all).toHaveText("Expand all");
  await sections.all.click();
  await sections.expectStates(HEADINGS.map(() => false));
  await expect(sections.all).toHaveText("Collapse all");
  await sections.all.click();
  await sections.expectStates(HEADINGS.map(() => true));
  await expect(sections.all).toHaveText("Expand all");
  // Opening each section by hand also turns the control into "Collapse all".
  for (const heading of HEADINGS.slice(0, -1)) await sections.toggle(heading).click();
  await expect(sections.all).toHaveText("Expand all");
  await sections.toggle(HEADINGS.at(-1)).click();
  await expect(sections.all).toHaveText("Collapse all");
});

test("?sections=collapsed and ?sections=expanded override the document", async ({ page }) => {
  let sections = await open(page, `${MIXED}&sections=collapsed`);
  await sections.expectStates(HEADINGS.map(() => true));
  sections = await open(page, `${MIXED}&sections=expanded`);
  await sections.expectStates(HEADINGS.map(() => false));
  await expect(sections.all).toHaveText("Collapse all");
  sections = await open(page, `${MIXED}&sections=nonsense`);
  await sections.expectStates(COLLAPSED_BY_DOCUMENT);
});

test("loading with #id opens that collapsed section, scrolls to it and focuses it", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const sections = await open(page, `${MIXED}#reactions`);
  const button = sections.toggle("Reactions");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(sections.panel("Reactions")).toBeVisible();
  await expect(button).toBeFocused();
  await expect(button).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
  // The rest keep their own state.
  await expect(sections.toggle("Background")).toHaveAttribute("aria-expanded", "false");
});

test("a deep link wins over ?sections=collapsed, and percent-encoded ids work", async ({ page }) => {
  const sections = await open(page, `${MIXED}&sections=collapsed#${encodeURIComponent("العراق")}`);
  await expect(sections.toggle("العراق")).toHaveAttribute("aria-expanded", "true");
  await expect(sections.toggle("العراق")).toBeFocused();
  await expect(sections.toggle("Reactions")).toHaveAttribute("aria-expanded", "false");
});

test("hashchange opens, scrolls to and focuses the named section", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const sections = await open(page, MIXED);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.evaluate(() => (location.hash = "#reactions"));
  const button = sections.toggle("Reactions");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(button).toBeFocused();
  await expect(button).toBeInViewport();
  await page.evaluate(() => (location.hash = "#background"));
  await expect(sections.toggle("Background")).toHaveAttribute("aria-expanded", "true");
  await expect(sections.toggle("Background")).toBeFocused();
  await expect(sections.toggle("Background")).toBeInViewport();
  // A fragment naming no section changes nothing.
  await page.evaluate(() => (location.hash = "#nowhere"));
  await expect(sections.toggle("Background")).toBeFocused();
});

test("printing shows every section, without the controls", async ({ page }) => {
  const sections = await open(page, `${MIXED}&sections=collapsed`);
  await sections.expectStates(HEADINGS.map(() => true));
  await page.emulateMedia({ media: "print" });
  for (const heading of HEADINGS) await expect(sections.panel(heading)).toBeVisible();
  await expect(sections.panel("Background")).toContainText("zanzibar marmalade");
  await expect(sections.all).toBeHidden();
  await expect(sections.root.locator(".aw-section__summary").first()).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await expect(sections.panel("Background")).toBeHidden();
});

test("find-in-page can reach collapsed sections and opens them", async ({ page }) => {
  const sections = await open(page, MIXED);
  const panel = sections.panel("Background");
  await expect(panel).toHaveAttribute("hidden", "until-found");
  // The text is in the page for the browser's find to match...
  await expect(panel).toContainText("zanzibar marmalade");
  // ...and when find reveals it (the browser fires beforematch), the state follows.
  await panel.evaluate((element) => element.dispatchEvent(new Event("beforematch")));
  await expect(sections.toggle("Background")).toHaveAttribute("aria-expanded", "true");
  await expect(panel).toBeVisible();
});

test("copy link puts the section's full URL on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const sections = await open(page, MIXED);
  const copy = sections.section("Reactions").getByRole("button", { name: "Copy link to “Reactions”" });
  await copy.click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toHaveCount(1);
  await expect(copy.locator(".aw-section__copied")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${page.url()}#reactions`);
  // Opening that URL in a new page lands on the section.
  const other = await context.newPage();
  await other.goto(copied);
  await expect(new Sections(other).toggle("Reactions")).toBeFocused();
  await other.close();

  await sections.section("العراق").locator(".aw-section__copy").click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(`${page.url()}#%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82`);
});

test("opening animates, unless the reader asked for reduced motion", async ({ browser }) => {
  for (const [reducedMotion, animations] of [["no-preference", 1], ["reduce", 0]]) {
    const context = await browser.newContext({ reducedMotion });
    const page = await context.newPage();
    const sections = await open(page, MIXED);
    // Counted right after the click, before a 200 ms animation could end.
    const started = await sections.section("Background").evaluate((section) => {
      section.querySelector(".aw-section__toggle").click();
      return section.querySelector(".aw-section__panel").getAnimations().length;
    });
    expect(started).toBe(animations);
    await expect(sections.panel("Background")).toBeVisible();
    await context.close();
  }
});

/** Serves a generated article of `count` collapsed sections at /generated/<count>.json. */
async function serveGenerated(page, count) {
  const document = {
    id: `generated-${count}`,
    title: `${count} sections`,
    sections: Array.from({ length: count }, (_, i) => ({
      heading: `Part ${i + 1}`,
      collapsed: true,
      blocks: [{ type: "paragraph", text: `Text of part ${i + 1}.` }],
    })),
  };
  await page.route((url) => url.pathname === `/generated/${count}.json`, (route) => route.fulfill({ json: document }));
  return `/?src=/generated/${count}.json`;
}

test("many sections: panels are groups, not a flood of landmarks", async ({ page }) => {
  const sections = await open(page, await serveGenerated(page, 12));
  await expect(sections.root.locator(".aw-section")).toHaveCount(12);
  await sections.toggle("Part 7").click();
  await expect(page.getByRole("region")).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Part 7" })).toBeVisible();
});

test("a long article arrives in chunks; deep links reach sections of any chunk", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  const url = await serveGenerated(page, 450);
  const sections = await open(page, `${url}#part-420`);
  await expect(sections.toggle("Part 420")).toBeFocused();
  await expect(sections.toggle("Part 420")).toHaveAttribute("aria-expanded", "true");
  await expect(sections.toggle("Part 420")).toBeInViewport();
  await expect(sections.root.locator(".aw-section")).toHaveCount(450);
  // Ids stay unique across chunks.
  const ids = await page.locator(".aw-root [id]").evaluateAll((els) => els.map((e) => e.id));
  expect(new Set(ids).size).toBe(ids.length);
  await page.evaluate(() => (location.hash = "#part-3"));
  await expect(sections.toggle("Part 3")).toBeFocused();
  await expect(sections.toggle("Part 3")).toBeInViewport();
  await sections.all.click();
  await expect(sections.toggle("Part 450")).toHaveAttribute("aria-expanded", "true");
  await expect(sections.all).toHaveText("Collapse all");
});

test("axe-core finds nothing with sections collapsed or expanded", async ({ page }) => {
  await open(page, `${MIXED}&sections=collapsed`);
  await expectNoAxeViolations(page);
  await open(page, `${MIXED}&sections=expanded`);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page);
  await open(page, "/?sections=collapsed&theme=dark");
  await expectNoAxeViolations(page);
});
