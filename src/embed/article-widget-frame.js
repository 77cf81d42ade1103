// Host-side helper for the iframe mode, for pages whose CSP forbids WebAssembly:
//
//   <iframe data-article-widget-frame title="Article"
//           src="https://widgets.example/embed.html?src=/articles/iraq.json"></iframe>
//   <script src="https://widgets.example/article-widget-frame.js" defer></script>
//
// Keeps each frame's height equal to its content (messages are accepted only
// from the frame's own window and origin) and passes the page's #fragment on
// when it looks like a section id, so deep links to sections work.

(() => {
  const frames = () => [...document.querySelectorAll("iframe[data-article-widget-frame]")];

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== "article-widget:height" || typeof data.height !== "number") return;
    const frame = frames().find((f) => f.contentWindow === event.source);
    if (!frame || new URL(frame.src, location.href).origin !== event.origin) return;
    frame.style.height = `${Math.ceil(data.height)}px`;
  });

  // Only a fragment shaped like a section id crosses into the frame: letters
  // and digits of any script, marks, "-", "_", ".", ":", at most 100 of them.
  // That covers every id the widget derives from a heading and the usual
  // hand-written ones, and keeps out what pages also keep in their fragment
  // (#access_token=…&state=…, #/route, #!…), which the widget's origin has no
  // business reading.
  const SECTION_ID = /^[\p{L}\p{M}\p{N}_.:-]{1,100}$/u;
  function isSectionId(hash) {
    let id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch {
      return false; // not UTF-8
    }
    return SECTION_ID.test(id);
  }

  function passFragment() {
    if (!isSectionId(location.hash)) return;
    for (const frame of frames()) {
      const url = new URL(frame.src, location.href);
      if (url.hash === location.hash) continue;
      url.hash = location.hash;
      frame.src = url.href;
    }
  }
  window.addEventListener("hashchange", passFragment);
  passFragment();
})();
