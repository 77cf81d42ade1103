// embed.html, the page inside the iframe mode: one widget, options from the
// query string, and its height reported to the host page.
import "./article-widget.js";

const host = document.getElementById("widget");
const options = Object.fromEntries(new URLSearchParams(location.search));
window.ArticleWidget.mount(host, options);

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
