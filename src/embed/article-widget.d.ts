// Types for the article widget's loader (article-widget.js) and the iframe
// host script (article-widget-frame.js): the global `ArticleWidget`, the
// <article-widget> element and the events of README.md's "Events" section.
//
//   /// <reference path="https://widgets.example/article-widget.d.ts" /> (or a local copy)
//
// Beside the loader, it also types the loader's module export:
//   import { ArticleWidget } from "./article-widget.js";

/** The loader's module export (frozen); the loader also sets it as `window.ArticleWidget`. */
export declare const ArticleWidget: Readonly<ArticleWidgetApi>;

declare global {
  /** The embedding options (README, "Options"). */
  interface ArticleWidgetOptions {
    /** Article document URL, relative to the page. */
    src: string;
    /** Poll service base URL, overriding the document's poll `endpoint`. */
    "poll-endpoint"?: string;
    /** Initial state of every section. */
    sections?: "expanded" | "collapsed";
    theme?: "light" | "dark" | "auto";
    /** Language of the widget's own words (`en`, `ar`, `fr`; others fall back). */
    lang?: string;
    /** Which item of a JSON Feed (or post of a WordPress list): an id, or a position from 1. */
    item?: string;
  }

  /** `window.ArticleWidget`, the one global the loader adds. */
  interface ArticleWidgetApi {
    /** Mounts a widget into `element` (replacing one already there). */
    mount(element: Element, options: ArticleWidgetOptions): Promise<void>;
    /** Removes the widget from `element` with its requests, timers and listeners. */
    unmount(element: Element): void;
  }

  interface Window {
    readonly ArticleWidget: ArticleWidgetApi;
  }
  // eslint-disable-next-line no-var
  var ArticleWidget: ArticleWidgetApi;

  /** The attributes of <article-widget> (the options, as attributes). */
  type ArticleWidgetAttribute = "src" | "poll-endpoint" | "sections" | "theme" | "lang" | "item";

  /** <article-widget src="…">: the widget inside an open shadow root. */
  interface HTMLArticleWidgetElement extends HTMLElement {
    getAttribute(name: ArticleWidgetAttribute): string | null;
    getAttribute(qualifiedName: string): string | null;
    setAttribute(name: "sections", value: NonNullable<ArticleWidgetOptions["sections"]>): void;
    setAttribute(name: "theme", value: NonNullable<ArticleWidgetOptions["theme"]>): void;
    setAttribute(name: ArticleWidgetAttribute, value: string): void;
    setAttribute(qualifiedName: string, value: string): void;
  }

  interface HTMLElementTagNameMap {
    "article-widget": HTMLArticleWidgetElement;
  }

  /** `article-widget:ready`: the article is shown. */
  interface ArticleWidgetReadyDetail {
    /** The document's `id`. */
    id: string;
    title: string;
    /** The format the document was read as. */
    format: "article/1" | "json-feed" | "json-feed-item" | "wordpress-post" | "wordpress-posts";
    /** Taken over from prerendered markup rather than rendered afresh. */
    prerendered: boolean;
  }

  /** `article-widget:error`: the error box is shown instead of the article. */
  interface ArticleWidgetErrorDetail {
    /** The sentence the reader sees. */
    message: string;
    /** The document server's HTTP status, or null (network error, timeout, bad document). */
    status: number | null;
  }

  /** `article-widget:section-toggle`: a section opened or closed. */
  interface ArticleWidgetSectionToggleDetail {
    /** The section's id (its `#fragment`). */
    id: string;
    open: boolean;
    /** The reader (heading, Expand/Collapse all, find in page) or a `#section` deep link. */
    by: "reader" | "deep-link";
  }

  /** `article-widget:vote`: what became of the reader's vote. */
  interface ArticleWidgetVoteDetail {
    /** The poll's id. */
    poll: string;
    /** The option ids of the vote that stands, sorted (for `voided`, the choice not taken). */
    options: string[];
    outcome: "confirmed" | "queued" | "conflict" | "local" | "voided";
  }

  /** `article-widget:link-click`: the reader followed a link (click or middle click). */
  type ArticleWidgetLinkClickDetail =
    | { url: string; where: "body"; position: null }
    | { url: string; where: "related"; /** The card's position, from 1. */ position: number };

  /** `article-widget:carousel-page`: other related cards came into view. */
  interface ArticleWidgetCarouselPageDetail {
    /** First and last card in view, counted from 1. */
    first: number;
    last: number;
    total: number;
  }

  /** Every event, by name: on the host element, bubbling and composed. */
  interface ArticleWidgetEventMap {
    "article-widget:ready": CustomEvent<ArticleWidgetReadyDetail>;
    "article-widget:error": CustomEvent<ArticleWidgetErrorDetail>;
    "article-widget:section-toggle": CustomEvent<ArticleWidgetSectionToggleDetail>;
    "article-widget:vote": CustomEvent<ArticleWidgetVoteDetail>;
    "article-widget:link-click": CustomEvent<ArticleWidgetLinkClickDetail>;
    "article-widget:carousel-page": CustomEvent<ArticleWidgetCarouselPageDetail>;
  }

  // Elements (the host, the <iframe>), the document and the window all hear them.
  interface GlobalEventHandlersEventMap extends ArticleWidgetEventMap {}
  interface HTMLElementEventMap extends ArticleWidgetEventMap {}
}
