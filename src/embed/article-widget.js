// The publishers' loader: <script type="module" src=".../article-widget.js">.
//
// - Mounts every [data-article-widget] element on the page, also ones added
//   later, and unmounts ones removed (MutationObserver).
// - Defines <article-widget>, whose widget lives in an open shadow root with
//   its own copy of the styles.
// - Fetches and instantiates the WebAssembly module once per page, and only
//   when the first widget nears the viewport.
// - Leaves one global behind: window.ArticleWidget.
//
// No inline script, no eval: runs under script-src 'self' 'wasm-unsafe-eval'.

const STYLESHEET = new URL("article-widget.css", import.meta.url).href;
const OPTIONS = ["src", "item", "poll-endpoint", "sections", "theme", "lang"];
const NEAR_VIEWPORT = "400px";

let wasm; // the module's exports, once instantiated
let instances = 0; // instances stopped by a panic
const started = new Map(); // element → MountedWidget

function loadModule() {
  wasm ??= import(instances ? `./widget.js?${instances}` : "./widget.js").then(async (module) => {
    await module.default();
    return module;
  });
  return wasm;
}

// A panic stops the instance and boxes every widget (README, "Hardening"): the
// one the reader was acting on restarts from its box's button, the others now.
let acting = []; // the path of the event being dispatched
for (const type of ["click", "keydown", "change", "submit"]) {
  addEventListener(type, (event) => {
    acting = event.composedPath();
    setTimeout(() => (acting = []));
  }, true);
}
function onTrap() {
  const dead = [...started.values()].filter((w) => w?.container.querySelector(".aw-crash"));
  if (!dead.length) return;
  wasm = undefined;
  instances += 1;
  const known = dead.some((w) => acting.includes(w.container));
  for (const widget of dead) {
    widget.dead = true;
    const box = widget.container.querySelector(".aw-crash");
    box.classList.remove("aw-crash");
    const again = () => {
      widget.container.replaceChildren();
      widget.restart();
    };
    if (known && !acting.includes(widget.container)) again();
    else box.lastChild.onclick = again;
  }
}
addEventListener("error", onTrap);
addEventListener("unhandledrejection", onTrap);

function mountIn(module, element, container, options, restart) {
  started.set(element, Object.assign(module.mount(container, options), { container, restart }));
}

/** Options from attributes: `data-src` on placeholders, `src` on the custom element. */
function optionsOf(element, prefix) {
  const options = Object.create(null); // the module reads names through the prototype chain
  for (const name of OPTIONS) {
    const value = element.getAttribute(prefix + name);
    if (value !== null) options[name] = value;
  }
  return options;
}

async function start(element, container, prefix) {
  stop(element);
  started.set(element, null); // reserved while the module loads
  const module = await loadModule();
  if (!started.has(element) || started.get(element) !== null) return; // removed or restarted meanwhile
  mountIn(module, element, container, optionsOf(element, prefix), () => start(element, container, prefix));
}

function stop(element) {
  const widget = started.get(element);
  started.delete(element);
  if (widget?.dead) return;
  widget?.unmount();
  widget?.free();
}

// Lazy start: a widget starts when it comes within NEAR_VIEWPORT of the viewport.
// With a #fragment in the URL every widget starts at once, so a deep link to a
// section further down can be found.
const pending = new Map(); // element → start function
const nearViewport = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      nearViewport.unobserve(entry.target);
      pending.get(entry.target)?.();
      pending.delete(entry.target);
    }
  },
  { rootMargin: NEAR_VIEWPORT },
);

function startWhenNear(element, startNow) {
  if (location.hash.length > 1) return startNow();
  pending.set(element, startNow);
  nearViewport.observe(element);
}

function forget(element) {
  nearViewport.unobserve(element);
  pending.delete(element);
  stop(element);
}

// Placeholders: <div data-article-widget data-src="...">.

let stylesheetAdded = false;
function addDocumentStylesheet() {
  if (stylesheetAdded) return;
  stylesheetAdded = true;
  // A page that links it itself (embed.html, prerendered pages) needs no second copy.
  if ([...document.querySelectorAll('link[rel~="stylesheet"]')].some((l) => l.href === STYLESHEET)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = STYLESHEET;
  document.head.append(link);
}

function adoptPlaceholder(element) {
  if (pending.has(element) || started.has(element)) return;
  addDocumentStylesheet();
  startWhenNear(element, () => start(element, element, "data-"));
}

function placeholdersIn(node) {
  if (!(node instanceof Element)) return [];
  const found = [...node.querySelectorAll("[data-article-widget]")];
  if (node.matches("[data-article-widget]")) found.unshift(node);
  return found;
}

new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === "attributes") {
      const element = record.target;
      if (started.has(element) && element.hasAttribute("data-article-widget")) {
        start(element, element, "data-");
      }
      continue;
    }
    for (const node of record.removedNodes) {
      for (const element of placeholdersIn(node)) if (!element.isConnected) forget(element);
    }
    for (const node of record.addedNodes) placeholdersIn(node).forEach(adoptPlaceholder);
  }
}).observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: OPTIONS.map((name) => "data-" + name),
});

placeholdersIn(document.documentElement).forEach(adoptPlaceholder);

// The custom element: <article-widget src="...">.

class ArticleWidgetElement extends HTMLElement {
  static observedAttributes = OPTIONS;

  connectedCallback() {
    // Prerendered (declarative shadow DOM): the root is there, the widget takes it over.
    if (this.shadowRoot && !this.container) {
      // (`:scope` matches nothing in a shadow root, so its children are searched.)
      this.container =
        [...this.shadowRoot.children].find((child) => child.localName === "div") ??
        this.shadowRoot.appendChild(document.createElement("div"));
    }
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: "open" });
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = STYLESHEET;
      this.container = document.createElement("div");
      shadow.append(link, this.container);
    }
    startWhenNear(this, () => start(this, this.container, ""));
  }

  disconnectedCallback() {
    forget(this);
    this.container.replaceChildren();
  }

  attributeChangedCallback() {
    if (started.has(this)) start(this, this.container, "");
  }
}

if (!customElements.get("article-widget")) customElements.define("article-widget", ArticleWidgetElement);

// Prerendered markup (article-render) is readable before the WebAssembly
// arrives; until the live widget takes it over, a heading opens and closes its
// section here, as the widget would. The widget then keeps what is open.
addEventListener("click", (event) => {
  const toggle = event.composedPath()[0]?.closest?.(".aw-root[data-prerendered] .aw-section__toggle");
  const section = toggle?.closest(".aw-section");
  const panel = section?.querySelector(".aw-section__panel");
  if (!panel) return;
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  section.classList.toggle("aw-section--open", open);
  if (open) panel.removeAttribute("hidden");
  else panel.setAttribute("hidden", "onbeforematch" in document.body ? "until-found" : "");
});

/**
 * The options a page passed to `ArticleWidget.mount`, own properties only: a
 * polluted `Object.prototype` (or a class instance's getters) adds nothing.
 */
function ownOptions(options) {
  const own = Object.create(null);
  if (options === null || typeof options !== "object") return own;
  for (const name of OPTIONS) {
    if (Object.hasOwn(options, name) && typeof options[name] === "string") own[name] = options[name];
  }
  return own;
}

/** The one global: lets a page mount a widget into any element it likes. */
export const ArticleWidget = Object.freeze({
  /** Mounts a widget into `element` with `options` ({ src, "poll-endpoint", sections, theme, lang, item }). */
  async mount(element, options = {}) {
    const own = ownOptions(options);
    addDocumentStylesheet();
    const module = await loadModule();
    stop(element);
    mountIn(module, element, element, own, () => ArticleWidget.mount(element, own));
  },
  unmount: stop,
});

// An element with id="ArticleWidget" makes `window.ArticleWidget` that element
// (named access, from the window's prototype chain); our own property shadows
// it. A copy of the loader that got here first keeps its object.
if (!Object.hasOwn(window, "ArticleWidget")) window.ArticleWidget = ArticleWidget;
