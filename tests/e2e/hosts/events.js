// Records every article-widget:* event that reaches the window (they bubble
// and are composed), with the element it was dispatched on. With ?throw, a
// listener on the host throws on every event: the widget must not mind.
const NAMES = ["ready", "error", "section-toggle", "vote", "link-click", "carousel-page"];
window.__events = [];
for (const name of NAMES) {
  window.addEventListener(`article-widget:${name}`, (event) => {
    const target = event.target;
    window.__events.push({
      type: event.type,
      target: target.id || target.localName,
      detail: event.detail,
      bubbles: event.bubbles,
      composed: event.composed,
      articleInPage: Boolean((target.shadowRoot ?? target).querySelector?.(".aw-article")),
    });
  });
}
if (new URLSearchParams(location.search).has("throw")) {
  for (const host of document.querySelectorAll("[data-article-widget], article-widget, iframe")) {
    for (const name of NAMES) {
      host.addEventListener(`article-widget:${name}`, () => {
        throw new Error(`host listener boom (${name})`);
      });
    }
  }
}
// Links open nothing in the tests.
document.addEventListener("click", (event) => {
  if (event.composedPath()[0]?.closest?.("a[href]")) event.preventDefault();
});
