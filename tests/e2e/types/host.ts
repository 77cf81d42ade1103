// A host page's script, compiled against article-widget.d.ts (scripts/test.sh:
// `npx tsc -p tests/e2e/types`). Lines marked @ts-expect-error must not compile.
/// <reference path="../../../src/embed/article-widget.d.ts" />

const placeholder = document.querySelector<HTMLDivElement>("[data-article-widget]")!;
void window.ArticleWidget.mount(placeholder, { src: "/articles/iraq.json", sections: "collapsed" });
window.ArticleWidget.unmount(placeholder);
// @ts-expect-error src is required
void ArticleWidget.mount(placeholder, { theme: "dark" });
// @ts-expect-error not a theme
void ArticleWidget.mount(placeholder, { src: "a.json", theme: "blue" });

const element = document.createElement("article-widget");
element.setAttribute("sections", "expanded");
const src: string | null = element.getAttribute("src");

element.addEventListener("article-widget:ready", (event) => {
  const { id, title, format, prerendered } = event.detail;
  console.log(id.length, title.length, format === "json-feed", prerendered === true);
  // @ts-expect-error no such field
  console.log(event.detail.url);
});
element.addEventListener("article-widget:error", (event) => {
  const status: number | null = event.detail.status;
  console.log(event.detail.message, status);
});
placeholder.addEventListener("article-widget:section-toggle", (event) => {
  if (event.detail.by === "deep-link" && event.detail.open) console.log(event.detail.id);
});
document.addEventListener("article-widget:vote", (event) => {
  const outcome: "confirmed" | "queued" | "conflict" | "local" | "voided" = event.detail.outcome;
  console.log(event.detail.poll, event.detail.options.join(","), outcome);
  // @ts-expect-error not an outcome
  console.log(event.detail.outcome === "lost");
});
window.addEventListener("article-widget:link-click", (event) => {
  if (event.detail.where === "related") console.log(event.detail.position + 1, event.detail.url);
  else console.log(event.detail.position === null);
});
const frame = document.querySelector<HTMLIFrameElement>("iframe[data-article-widget-frame]")!;
frame.addEventListener("article-widget:carousel-page", (event) => {
  console.log(event.detail.first, event.detail.last, event.detail.total, src);
});
