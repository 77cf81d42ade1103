// Other formats: JSON Feed items and WordPress posts render like native
// articles, and hostile HTML inside them never runs and never reaches the
// widget's DOM as markup.
import { readFileSync } from "node:fs";
import { expect, expectNoAxeViolations, test } from "./fixtures.js";

const vectors = JSON.parse(readFileSync(new URL("../fixtures/formats-xss-vectors.json", import.meta.url), "utf8"));

test("renders a JSON Feed's first item: title, sections, hero, byline", async ({ page }) => {
  await page.goto("/?src=/fixtures/formats-feed.json");
  const article = page.locator("article.aw-article");
  await expect(article.locator(".aw-title")).toHaveText("Harbour wall to be rebuilt after decade of delay");
  await expect(article.locator(".aw-dek")).toHaveText("The council approved €4.2 million for the 1887 sea wall.");
  await expect(article).toHaveAttribute("lang", "en-GB");
  await expect(article.locator(".aw-byline")).toHaveText("By Ben Okafor");
  await expect(article.locator(".aw-section__heading")).toHaveText(["The vote", "What happens next"]);
  await expect(article.locator(".aw-section").first()).toHaveAttribute("data-section-id", "the-vote");
  const hero = article.locator(".aw-hero");
  await expect(hero.locator("img")).toHaveAttribute("src", /^http:\/\/127\.0\.0\.1:\d+\/fixtures\/formats-picture\.svg$/);
  await expect(hero.locator("img")).toHaveAttribute("alt", "The harbour wall at low tide");
  await expect(hero.locator("img")).toHaveJSProperty("naturalWidth", 1200);
  await expect(hero.locator("figcaption")).toHaveText("The wall was built in 1887.");
  // The hero is not shown a second time in the body.
  await expect(article.locator("img")).toHaveCount(1);
  await expect(article.locator(".aw-lead strong")).toHaveText("rebuild the harbour wall");
  await expect(article.getByRole("link", { name: "full motion" })).toHaveAttribute("href", "https://news.example/motions/41");
  await expect(article.locator("ol.aw-list li")).toHaveText(["Survey the foundations", "Replace the capstones"]);
  await expect(article.locator(".aw-subheading")).toHaveText("Who pays");
  await expect(article.locator(".aw-quote__cite")).toHaveText("Mayor Ana Ruiz");
  // A <br> is a line break on screen.
  const lastParagraph = article.locator(".aw-p").last();
  expect(await lastParagraph.evaluate((p) => p.innerText)).toBe("Work starts in spring.\nIt will take two years.");
  await expectNoAxeViolations(page);
});

test("chooses a feed item with ?item= (by id or position)", async ({ page }) => {
  await page.goto("/?src=/fixtures/formats-feed.json&item=night-trains-2024");
  await expect(page.locator(".aw-title")).toHaveText("Night trains return to the coast line");
  await expect(page.locator(".aw-lead .aw-p")).toHaveText(["The sleeper service resumes in September.", /Tickets go on sale/]);
  await expect(page.locator(".aw-hero img")).toHaveAttribute("src", /formats-picture\.svg$/);
  await expect(page.locator(".aw-byline")).toHaveText("By Gazette Desk");

  await page.goto("/?src=/fixtures/formats-feed.json&item=3");
  await expect(page.locator(".aw-title")).toHaveText("Harbour Gazette");
  await expect(page.locator(".aw-p")).toHaveText("Short note: the ferry runs late today.");
});

test.describe(() => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });
  test("a feed item that does not exist is a readable error", async ({ page }) => {
    await page.goto("/?src=/fixtures/formats-feed.json&item=missing");
    await expect(page.getByRole("alert")).toContainText('items: no entry has the id "missing"');
  });
});

test("renders a WordPress post with _embed: title, sections, hero, author, embed card", async ({ page }) => {
  await page.goto("/?src=/fixtures/formats-wp-post-embed.json");
  const article = page.locator("article.aw-article");
  await expect(article.locator(".aw-title")).toHaveText("Harbour wall “will be rebuilt” – council");
  await expect(article.locator(".aw-dek")).toHaveText("The council approved €4.2 million for the 1887 sea wall … Continue reading");
  await expect(article.locator(".aw-byline")).toHaveText("By Ana Ruiz");
  await expect(article.locator(".aw-date time").first()).toHaveAttribute("datetime", "2024-07-22T09:30:00Z");
  await expect(article.locator(".aw-section__heading")).toHaveText(["What the council decided", "Reactions"]);
  await expect(article.locator(".aw-section").nth(1)).toHaveAttribute("data-section-id", "reactions");
  const hero = article.locator(".aw-hero");
  await expect(hero.locator("img")).toHaveAttribute("alt", "The harbour wall at low tide");
  await expect(hero.locator("img")).toHaveAttribute("width", "1200");
  await expect(hero.locator("figcaption")).toHaveText("The sea wall, built in 1887, at low tide.");
  await expect(article.locator(".aw-lead figure img")).toHaveAttribute("alt", "Fishing boats inside the old wall");
  await expect(article.locator(".aw-lead figcaption")).toHaveText("Boats shelter behind the wall in winter.");
  await expect(article.locator(".aw-list li")).toHaveText(["Phase one: survey", "Phase two: foundations"]);
  await expect(article.locator(".aw-quote__cite")).toHaveText("Mayor Jane Doe");
  await expect(article.locator(".aw-embed__link")).toHaveAttribute("href", "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await expect(article.getByText("Custom block text")).toBeVisible();
  await expect(article.locator("script")).toHaveCount(0);
  await expect(article.getByText("wp:paragraph")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("renders a WordPress post without _embed, and a one-post list", async ({ page }) => {
  await page.goto("/?src=/fixtures/formats-wp-post.json");
  await expect(page.locator(".aw-title")).toHaveText("Harbour wall “will be rebuilt” – council");
  await expect(page.locator(".aw-section__heading")).toHaveText(["What the council decided", "Reactions"]);
  await expect(page.locator(".aw-hero")).toHaveCount(0);
  await expect(page.locator(".aw-byline")).toHaveCount(0);

  await page.goto("/?src=/fixtures/formats-wp-posts.json");
  await expect(page.locator(".aw-title")).toHaveText("Harbour wall “will be rebuilt” – council");
  await expect(page.locator(".aw-hero img")).toHaveAttribute("alt", "The harbour wall at low tide");
});

// --- Hostile HTML -----------------------------------------------------------

/** A JSON Feed with one item per vector, and a WordPress list with one post per vector. */
function hostileDocuments() {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: "Hostile feed",
    items: vectors.map(({ html }, i) => ({ id: String(i), title: `Vector ${i}`, summary: html, content_html: html, image: html })),
  };
  const posts = vectors.map(({ html }, i) => ({
    id: i,
    title: { rendered: `Vector ${i} ${html}` },
    excerpt: { rendered: html },
    content: { rendered: `<h2>Part ${html}</h2>${html}<ul><li>${html}</li></ul><blockquote>${html}<cite>${html}</cite></blockquote>` },
    _embedded: {
      author: [{ name: html, link: html }],
      "wp:featuredmedia": [{ source_url: "/fixtures/formats-picture.svg", alt_text: html, caption: { rendered: html } }],
    },
  }));
  const everything = [{ id: "all", title: { rendered: "Vector all" }, content: { rendered: vectors.map((v) => v.html).join("\n") } }];
  return { "/xss/feed.json": feed, "/xss/wp.json": posts, "/xss/all.json": everything };
}

/**
 * Serves the hostile documents, takes the page's CSP away (so a leak would
 * really run rather than be blocked), keeps every request on the test server,
 * and records any alert/confirm/prompt call.
 */
async function prepareHostilePage(page, baseURL) {
  const documents = hostileDocuments();
  await page.route(
    (url) => url.origin !== new URL(baseURL).origin,
    (route) => route.abort(),
  );
  await page.route(
    (url) => url.pathname in documents,
    (route) => route.fulfill({ json: documents[new URL(route.request().url()).pathname] }),
  );
  await page.route(
    (url) => url.pathname === "/",
    async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      await route.fulfill({ response, headers });
    },
  );
  await page.addInitScript(() => {
    window.__scriptsRun = [];
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      window[name] = (...args) => window.__scriptsRun.push(`${name}(${args.join(",")})`);
    }
  });
  page.on("dialog", (dialog) => dialog.dismiss());
}

/** Everything in the widget that could run script or load from an unsafe URL. */
async function auditWidget(page) {
  // Give handlers (onerror, onload, onfocus, ontoggle) the chance to fire.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30))));
  return page.evaluate(() => {
    const problems = [...window.__scriptsRun];
    // Elements the widget never makes itself (its own UI may use buttons and SVG icons).
    const forbidden = ["script", "style", "iframe", "object", "embed", "math", "form", "input", "template", "noscript", "base", "meta", "link", "textarea", "select", "video", "audio", "source", "frame", "frameset", "applet", "marquee"];
    const root = document.querySelector(".aw-root");
    for (const selector of forbidden) {
      for (const el of root.querySelectorAll(selector)) problems.push(`<${el.localName}> element`);
    }
    // Attributes that load or navigate: only href and src may exist, with safe schemes.
    const urlAttributes = ["href", "src", "xlink:href", "action", "formaction", "background", "poster", "data", "srcdoc", "srcset", "cite", "ping"];
    const scheme = (value) => {
      try {
        return new URL(value).protocol;
      } catch {
        return "unparsable";
      }
    };
    for (const el of root.querySelectorAll("*")) {
      for (const { name, value } of el.attributes) {
        if (name.startsWith("on")) problems.push(`${el.localName}[${name}]`);
        if (name === "style" && /expression|javascript:|url\(/i.test(value)) problems.push(`${el.localName}[style=${value}]`);
        if (!urlAttributes.includes(name)) continue;
        const allowed = name === "href" ? ["http:", "https:", "mailto:"] : name === "src" ? ["http:", "https:"] : [];
        if (!allowed.includes(scheme(value))) problems.push(`${el.localName}[${name}=${value}]`);
      }
    }
    return problems;
  });
}

// One page load per vector; the chunks run one after another so that they
// take at most one of the workers.
test.describe("hostile HTML, one vector per page", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });
  const CHUNK = 42;
  for (let start = 0; start < vectors.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, vectors.length) - 1;
    test(`hostile HTML runs nothing and leaves nothing unsafe: vectors ${start}–${end}`, async ({ page, baseURL }) => {
      test.setTimeout(300_000);
      await prepareHostilePage(page, baseURL);
      for (let i = start; i <= end; i += 1) {
        const { family, html } = vectors[i];
        // Even vectors as a JSON Feed item, odd ones as a WordPress post in every HTML field.
        const src = i % 2 === 0 ? "/xss/feed.json" : "/xss/wp.json";
        await page.goto(`/?src=${src}&item=${i}`);
        await expect(page.locator(".aw-title"), `vector ${i} renders`).toHaveText(new RegExp(`^Vector ${i}(\\s|$)`));
        expect(await auditWidget(page), `vector ${i} (${family}): ${html}`).toEqual([]);
      }
    });
  }
});

test.describe(() => {
  test.use({ allowedConsoleErrors: [/Failed to load resource/] });
  test("every hostile vector in one document runs nothing either", async ({ page, baseURL }) => {
    await prepareHostilePage(page, baseURL);
    await page.goto("/?src=/xss/all.json");
    await expect(page.locator(".aw-title")).toHaveText("Vector all");
    expect(await auditWidget(page)).toEqual([]);
  });
});

test("a feed title's character references are decoded and shown as text", async ({ page }) => {
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: "Feed",
    items: [
      {
        id: "omnifocus",
        title: "Workflow: Add Task &amp; Sub Tasks To OmniFocus &lt;b&gt;",
        summary: "Tasks &#8220;and&#8221; sub tasks",
        content_text: "Body",
      },
    ],
  };
  await page.route("**/escaped-feed.json", (route) =>
    route.fulfill({ status: 200, contentType: "application/feed+json", body: JSON.stringify(feed) }),
  );
  await page.goto(`/?src=${encodeURIComponent("/escaped-feed.json")}`);
  const title = page.locator(".aw-title");
  await expect(title).toHaveText("Workflow: Add Task & Sub Tasks To OmniFocus <b>");
  await expect(title.locator("b")).toHaveCount(0);
  await expect(page.locator(".aw-dek")).toHaveText("Tasks “and” sub tasks");
});
