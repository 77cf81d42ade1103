// embed.html, the page inside the iframe mode: one widget, options from the
// query string, and its height reported to the host page.
import "./article-widget.js";

const host = document.getElementById("widget");
const options = Object.fromEntries(new URLSearchParams(location.search));
window.ArticleWidget.mount(host, options);

// Only a height crosses to the parent, nothing from the article, so any
// parent origin may read it; the host script checks where it came from.
new ResizeObserver(() => {
  const height = document.documentElement.getBoundingClientRect().height;
  parent.postMessage({ type: "article-widget:height", height }, "*");
}).observe(document.documentElement);
