// Host-side helper for the iframe mode, for pages whose CSP forbids WebAssembly:
//
//   <iframe data-article-widget-frame title="Article"
//           src="https://widgets.example/embed.html?src=/articles/iraq.json"></iframe>
//   <script src="https://widgets.example/article-widget-frame.js" defer></script>
//
// Keeps each frame's height equal to its content, re-dispatches the widget's
// events on the <iframe> (messages are accepted only from the frame's own
// window and origin) and passes the page's #fragment on when it looks like a
// section id, so deep links to sections work.

(() => {
  const frames = () => [...document.querySelectorAll("iframe[data-article-widget-frame]")];

  const originOf = (frame) => new URL(frame.src, location.href).origin;
  const EVENTS = ["ready", "error", "section-toggle", "vote", "link-click", "carousel-page"].map(
    (name) => `article-widget:${name}`,
  );

  // Frames wait for a subscription before they send their events, so none is
  // lost to this script loading late: a frame says hello when it starts, and
  // a frame that started before this script ran is asked at its next height.
  const subscribed = new WeakSet();
  function subscribe(frame) {
    subscribed.add(frame);
    frame.contentWindow.postMessage({ type: "article-widget:subscribe" }, originOf(frame));
  }

  window.addEventListener("message", (event) => {
    const data = event.data;
    const frame = frames().find((f) => f.contentWindow === event.source);
    if (!data || !frame || originOf(frame) !== event.origin) return;
    if (data.type === "article-widget:hello") {
      subscribe(frame);
    } else if (data.type === "article-widget:height" && typeof data.height === "number") {
      frame.style.height = `${Math.ceil(data.height)}px`;
      if (!subscribed.has(frame)) subscribe(frame);
    } else if (data.type === "article-widget:event" && EVENTS.includes(data.name)) {
      // The widget's events, on the <iframe> element (README, "Events").
      frame.dispatchEvent(new CustomEvent(data.name, { detail: data.detail, bubbles: true, composed: true }));
    }
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
