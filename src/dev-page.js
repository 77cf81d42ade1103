// The development page: one widget in #widget, its options from the query
// string (?src=, sections=, poll-endpoint=, theme=, lang=).
import "./article-widget.js";

const options = Object.fromEntries(new URLSearchParams(location.search));
window.ArticleWidget.mount(document.getElementById("widget"), options);
