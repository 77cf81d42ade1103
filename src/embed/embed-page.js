// embed.html, the page inside the iframe mode: one widget, options from the
// query string, and its height reported to the host page.
//
// - `src` must be on this page's own origin, or on one that embed.html's
//   <meta name="article-widget:allowed-origins"> lists; anything else is
//   refused with a message, so the widget's origin never renders other
//   sites' documents on request.
// - The styling hooks come as query parameters too (`aw-bg=%23fdfdfd`: the
//   property's name without its leading dashes), each checked as a colour, a
//   size or a font list; a host page's CSS cannot reach into a frame.
import { ArticleWidget } from "./article-widget.js";

const OPTIONS = ["src", "item", "poll-endpoint", "sections", "theme", "lang"];

/** The styling hooks a query may set, with the property each value must be valid for. */
const STYLING_HOOKS = {
  "aw-font": "font-family",
  "aw-font-serif": "font-family",
  "aw-font-size": "font-size",
  "aw-radius": "border-radius",
  "aw-bg": "color",
  "aw-fg": "color",
  "aw-muted": "color",
  "aw-accent": "color",
  "aw-accent-fg": "color",
  "aw-border": "color",
  "aw-surface": "color",
  "aw-error-bg": "color",
  "aw-error-fg": "color",
};

const host = document.getElementById("widget");
const query = new URLSearchParams(location.search);

/** Origins `src` may be on: this page's own, and the ones embed.html's meta tag lists. */
function allowedOrigins() {
  const meta = document.querySelector('meta[name="article-widget:allowed-origins"]');
  const listed = (meta?.content ?? "").split(/\s+/).filter(Boolean);
  const origins = new Set([location.origin]);
  for (const entry of listed) {
    try {
      origins.add(new URL(entry).origin);
    } catch {
      console.warn(`article-widget: "${entry}" in article-widget:allowed-origins is not an origin; ignored`);
    }
  }
  return origins;
}

/** The origin `src` would be fetched from, or null when it is not a URL at all. */
function originOf(src) {
  try {
    return new URL(src, location.href).origin;
  } catch {
    return null;
  }
}

/** A stylesheet rule on the widget's host element with the hooks the query sets. */
function applyStylingHooks() {
  const sheet = new CSSStyleSheet();
  sheet.insertRule("#widget {}");
  const rule = sheet.cssRules[0].style;
  for (const [name, value] of query) {
    if (!name.startsWith("aw-")) continue;
    const kind = STYLING_HOOKS[name];
    // var(), env() and attr() would make any value pass CSS.supports.
    if (!kind || /\b(var|env|attr)\s*\(/i.test(value) || !CSS.supports(kind, value)) {
      console.warn(`article-widget: ignored the styling hook ${name}=${JSON.stringify(value)}`);
      continue;
    }
    rule.setProperty(`--${name}`, value);
  }
  if (rule.length) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** The widget's error box, for a request the embed page will not make. */
function showRefusal(title, detail) {
  const root = document.createElement("div");
  root.className = "aw-root";
  root.dataset.theme = ["light", "dark"].includes(query.get("theme")) ? query.get("theme") : "auto";
  const box = document.createElement("div");
  box.className = "aw-error";
  box.setAttribute("role", "alert");
  const heading = document.createElement("p");
  heading.className = "aw-error__title";
  heading.textContent = title;
  const text = document.createElement("p");
  text.className = "aw-error__detail";
  text.textContent = detail;
  box.append(heading, text);
  root.append(box);
  host.replaceChildren(root);
}

applyStylingHooks();
// Without a src the widget shows its default, the seed article on this origin.
const src = query.get("src")?.trim();
const allowed = allowedOrigins();
if (src && !allowed.has(originOf(src))) {
  showRefusal(
    "This article cannot be shown here",
    `This embed page shows articles from ${[...allowed].join(", ")} only, not ${src}.`,
  );
} else {
  const options = {};
  for (const name of OPTIONS) if (query.has(name)) options[name] = query.get(name);
  ArticleWidget.mount(host, options);
}

// The widget's events (README, "Events") go to the host page, which
// re-dispatches them on the <iframe>. They wait until the host script
// subscribes, so none is lost to a script that loads late; they go to the
// origin that subscribed. Whoever frames this page is the page the reader
// reads it on, so it may hear what they do in it.
const EVENTS = ["ready", "error", "section-toggle", "vote", "link-click", "carousel-page"];
const waiting = [];
let subscriber = null; // the parent's origin, once its host script asked
for (const name of EVENTS) {
  host.addEventListener(`article-widget:${name}`, (event) => {
    const message = { type: "article-widget:event", name: event.type, detail: event.detail };
    if (subscriber) parent.postMessage(message, subscriber);
    else if (waiting.length < 100) waiting.push(message);
  });
}
addEventListener("message", (event) => {
  if (event.source !== parent || event.data?.type !== "article-widget:subscribe") return;
  // An opaque parent (sandboxed, file:) has no origin to name.
  subscriber = event.origin === "null" ? "*" : event.origin;
  for (const message of waiting.splice(0)) parent.postMessage(message, subscriber);
});
if (parent !== window) parent.postMessage({ type: "article-widget:hello" }, "*");

// Only a height crosses to the parent here, nothing from the article, so any
// parent origin may read it; the host script checks where it came from.
new ResizeObserver(() => {
  const height = document.documentElement.getBoundingClientRect().height;
  parent.postMessage({ type: "article-widget:height", height }, "*");
}).observe(document.documentElement);
