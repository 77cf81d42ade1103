// Host-side helper for the iframe mode, for pages whose CSP forbids WebAssembly:
//
//   <iframe data-article-widget-frame title="Article"
//           src="https://widgets.example/embed.html?src=/articles/iraq.json"></iframe>
//   <script src="https://widgets.example/article-widget-frame.js" defer></script>
//
// Keeps each frame's height equal to its content (messages are accepted only
// from the frame's own window and origin) and passes the page's #fragment on,
// so deep links to sections work.

(() => {
  const frames = () => [...document.querySelectorAll("iframe[data-article-widget-frame]")];

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== "article-widget:height" || typeof data.height !== "number") return;
    const frame = frames().find((f) => f.contentWindow === event.source);
    if (!frame || new URL(frame.src, location.href).origin !== event.origin) return;
    frame.style.height = `${Math.ceil(data.height)}px`;
  });

  function passFragment() {
    for (const frame of frames()) {
      const url = new URL(frame.src, location.href);
      if (url.hash === location.hash) continue;
      url.hash = location.hash;
      frame.src = url.href;
    }
  }
  window.addEventListener("hashchange", passFragment);
  if (location.hash.length > 1) passFragment();
})();
