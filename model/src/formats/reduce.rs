//! Reduces an allow-listed HTML tree to the article model: `h1`/`h2` start
//! sections, other blocks become paragraphs, subheadings, lists, quotes and
//! pictures, and inline markup becomes spans with marks and checked links.
//!
//! Whitespace is collapsed as a browser collapses it; `<br>` becomes a `\n`
//! in the text (the widget shows it as a line break). Structure the model
//! cannot nest (a list inside a list item, a heading inside a quote) is
//! flattened into lines of the enclosing block, and pictures found inside a
//! block's text are placed right after that block.

use std::mem;

use super::tree::{build, Element, Node, Tag};
use crate::document::{Block, Image, Inline, Marks, Section, Span};
use crate::slug::{slugify, UniqueIds};
use crate::url::{display_host, safe_http, safe_link};

/// An article body read from HTML: blocks before the first section heading,
/// then the sections.
#[derive(Debug, Default, PartialEq)]
pub struct Body {
    pub lead: Vec<Block>,
    pub sections: Vec<Section>,
}

/// The body of an HTML fragment; relative URLs resolve against `base`.
pub fn html_body(html: &str, base: &str) -> Body {
    let mut reducer = Reducer::new(base);
    reducer.nodes(&build(html));
    reducer.boundary();
    Body {
        lead: reducer.lead,
        sections: reducer.sections,
    }
}

/// The text of an HTML fragment (a title, an excerpt, a caption) on one line.
pub fn html_text(html: &str) -> String {
    let mut reducer = Reducer::new("");
    let text = reducer.collect(&build(html));
    plain(&text)
}

/// Plain text in paragraphs: a blank line separates them, a single newline
/// stays a line break.
pub fn text_body(text: &str) -> Body {
    let text = text.replace("\r\n", "\n");
    let lead = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph(vec![Span::plain(p)]))
        .collect();
    Body {
        lead,
        sections: Vec::new(),
    }
}

/// The text of spans on one line, whitespace collapsed.
fn plain(text: &Inline) -> String {
    let joined: String = text.iter().map(|span| span.text.as_str()).collect();
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Inline text being gathered, with a collapsed space waiting to be written
/// only if more text follows.
#[derive(Default)]
struct Run {
    spans: Vec<Span>,
    space_pending: bool,
}

impl Run {
    fn at_line_start(&self) -> bool {
        self.spans
            .last()
            .is_none_or(|span| span.text.is_empty() || span.text.ends_with('\n'))
    }

    fn push(&mut self, c: char, marks: Marks, href: &Option<String>) {
        match self.spans.last_mut() {
            Some(last) if last.marks == marks && last.href == *href => last.text.push(c),
            _ => self.spans.push(Span {
                text: c.to_string(),
                marks,
                href: href.clone(),
            }),
        }
    }

    /// The spans with the run's leading and trailing whitespace removed;
    /// empty when there is no visible text.
    fn finish(mut self) -> Inline {
        self.spans.retain(|span| !span.text.is_empty());
        if self.spans.iter().all(|span| span.text.trim().is_empty()) {
            return Vec::new();
        }
        while let Some(first) = self.spans.first_mut() {
            let trimmed = first.text.trim_start();
            if !trimmed.is_empty() {
                first.text = trimmed.to_owned();
                break;
            }
            self.spans.remove(0);
        }
        while let Some(last) = self.spans.last_mut() {
            let trimmed = last.text.trim_end();
            if !trimmed.is_empty() {
                last.text.truncate(trimmed.len());
                break;
            }
            self.spans.pop();
        }
        self.spans
    }
}

struct Reducer<'b> {
    base: &'b str,
    lead: Vec<Block>,
    sections: Vec<Section>,
    ids: UniqueIds,
    run: Run,
    /// How many `em`, `strong`, `code` and `pre` elements are open around the text.
    em: u32,
    strong: u32,
    code: u32,
    pre: u32,
    /// The open links' checked targets (`None` for a link with an unsafe one).
    links: Vec<Option<String>>,
    /// Above zero while the text of one block (heading, list item, quote,
    /// caption) is gathered rather than written out as paragraphs.
    collecting: u32,
    /// Pictures met while collecting, placed after the block.
    deferred: Vec<Block>,
    /// Inside a quote: its `cite`, once found.
    quote_depth: u32,
    cite: Option<String>,
}

impl<'b> Reducer<'b> {
    fn new(base: &'b str) -> Self {
        Reducer {
            base,
            lead: Vec::new(),
            sections: Vec::new(),
            ids: UniqueIds::default(),
            run: Run::default(),
            em: 0,
            strong: 0,
            code: 0,
            pre: 0,
            links: Vec::new(),
            collecting: 0,
            deferred: Vec::new(),
            quote_depth: 0,
            cite: None,
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        let element = match node {
            Node::Text(text) => return self.text(text),
            Node::Element(element) => element,
        };
        let children = &element.children;
        match element.tag {
            Tag::Em => {
                self.em += 1;
                self.nodes(children);
                self.em -= 1;
            }
            Tag::Strong => {
                self.strong += 1;
                self.nodes(children);
                self.strong -= 1;
            }
            Tag::Code => {
                self.code += 1;
                self.nodes(children);
                self.code -= 1;
            }
            Tag::Link => {
                let href = element.attr("href").and_then(|h| safe_link(h, self.base));
                self.links.push(href);
                self.nodes(children);
                self.links.pop();
            }
            Tag::Break => self.line_break(),
            Tag::Cite if self.quote_depth > 0 && self.cite.is_none() => {
                let cite = plain(&self.collect(children));
                self.cite = Some(cite).filter(|c| !c.is_empty());
            }
            Tag::Cite => self.nodes(children),
            Tag::Image => {
                if let Some(image) = self.image(element) {
                    self.place(Block::Image(image));
                }
            }
            // Inside a block's text, structure becomes lines of that text.
            _ if self.collecting > 0 => self.wrapped(children),
            Tag::Heading(1 | 2) => self.section(children),
            Tag::Heading(_) => {
                self.boundary();
                let text = plain(&self.collect(children));
                if !text.is_empty() {
                    self.emit(Block::Subheading(text));
                }
                self.emit_deferred();
            }
            Tag::List { ordered } => self.list(children, ordered),
            Tag::Quote => self.quote(children),
            Tag::Figure => self.figure(element),
            Tag::Pre => {
                self.boundary();
                self.pre += 1;
                self.code += 1;
                self.nodes(children);
                self.code -= 1;
                self.pre -= 1;
                self.boundary();
            }
            Tag::Paragraph | Tag::Block | Tag::Item | Tag::Caption => self.wrapped(children),
        }
    }

    /// Text with its whitespace collapsed (kept as it is inside `pre`).
    fn text(&mut self, text: &str) {
        let marks = Marks {
            em: self.em > 0,
            strong: self.strong > 0,
            code: self.code > 0,
        };
        let href = self.links.last().cloned().flatten();
        for c in text.chars() {
            if self.pre > 0 {
                if c != '\r' {
                    self.run.push(c, marks, &href);
                }
                continue;
            }
            if is_html_space(c) {
                self.run.space_pending = true;
                continue;
            }
            if mem::take(&mut self.run.space_pending) && !self.run.at_line_start() {
                // The space joins the text before it, so it never underlines a link's start.
                if let Some(last) = self.run.spans.last_mut() {
                    last.text.push(' ');
                }
            }
            self.run.push(c, marks, &href);
        }
    }

    fn line_break(&mut self) {
        self.run.space_pending = false;
        // A break before any text ends nothing.
        if let Some(last) = self.run.spans.last_mut() {
            last.text.truncate(last.text.trim_end_matches(' ').len());
            last.text.push('\n');
        }
    }

    /// Children between two block boundaries.
    fn wrapped(&mut self, children: &[Node]) {
        self.boundary();
        self.nodes(children);
        self.boundary();
    }

    /// Ends the text gathered so far: a paragraph of its own, or, while a
    /// block's text is being collected, a new line in it.
    fn boundary(&mut self) {
        if self.collecting > 0 {
            if !self.run.at_line_start() {
                self.line_break();
            }
            return;
        }
        let text = mem::take(&mut self.run).finish();
        if !text.is_empty() {
            self.emit(Block::Paragraph(text));
        }
    }

    /// The text of `children` as one block's inline content.
    fn collect(&mut self, children: &[Node]) -> Inline {
        let outer = mem::take(&mut self.run);
        self.collecting += 1;
        self.nodes(children);
        self.collecting -= 1;
        mem::replace(&mut self.run, outer).finish()
    }

    fn emit(&mut self, block: Block) {
        match self.sections.last_mut() {
            Some(section) => section.blocks.push(block),
            None => self.lead.push(block),
        }
    }

    fn emit_deferred(&mut self) {
        for block in mem::take(&mut self.deferred) {
            self.emit(block);
        }
    }

    /// A block met in the flow: written now, or after the block being collected.
    fn place(&mut self, block: Block) {
        if self.collecting > 0 {
            self.deferred.push(block);
        } else {
            self.boundary();
            self.emit(block);
        }
    }

    fn section(&mut self, children: &[Node]) {
        self.boundary();
        let heading = plain(&self.collect(children));
        if !heading.is_empty() {
            self.sections.push(Section {
                id: self.ids.derive(&slugify(&heading)),
                heading,
                collapsed: false,
                blocks: Vec::new(),
            });
        }
        self.emit_deferred();
    }

    fn list(&mut self, children: &[Node], ordered: bool) {
        self.boundary();
        let mut items = Vec::new();
        for child in children {
            let item = match child {
                Node::Element(item) if item.tag == Tag::Item => self.collect(&item.children),
                other => self.collect(std::slice::from_ref(other)),
            };
            if !item.is_empty() {
                items.push(item);
            }
        }
        if !items.is_empty() {
            self.emit(Block::List { ordered, items });
        }
        self.emit_deferred();
    }

    fn quote(&mut self, children: &[Node]) {
        self.boundary();
        let outer_cite = self.cite.take();
        self.quote_depth += 1;
        let text = self.collect(children);
        self.quote_depth -= 1;
        let cite = mem::replace(&mut self.cite, outer_cite);
        if !text.is_empty() {
            self.emit(Block::Quote { text, cite });
        }
        self.emit_deferred();
    }

    /// A figure holding one picture becomes that picture with its caption; a
    /// figure holding nothing but a web address (WordPress's embed block)
    /// becomes an embed card; any other (a gallery, a pull quote) is read as flow.
    fn figure(&mut self, figure: &Element) {
        if contains(&figure.children, Tag::Figure) {
            return self.wrapped(&figure.children);
        }
        let Some(img) = first(&figure.children, Tag::Image) else {
            let text = plain(&self.collect(&figure.children));
            return match self.embed_url(&text) {
                Some(url) => self.place(Block::Embed {
                    title: display_host(&url).unwrap_or(&url).to_owned(),
                    url,
                    provider: None,
                }),
                None => self.wrapped(&figure.children),
            };
        };
        let Some(mut picture) = self.image(img) else {
            return self.wrapped(&figure.children);
        };
        if let Some(caption) = first(&figure.children, Tag::Caption) {
            let text = plain(&self.collect(&caption.children));
            picture.caption = Some(text).filter(|c| !c.is_empty());
            // Pictures inside the caption itself are not part of the figure.
            self.deferred.clear();
        }
        self.place(Block::Image(picture));
    }

    /// `text` when it is one absolute http(s) address and nothing else.
    fn embed_url(&self, text: &str) -> Option<String> {
        let lower = text.get(..8)?.to_ascii_lowercase();
        let absolute = lower.starts_with("http://") || lower.starts_with("https://");
        if !absolute || text.contains(char::is_whitespace) {
            return None;
        }
        safe_http(text, self.base)
    }

    /// A picture with a safe source (lazy-loading `data-src` when `src` is a placeholder).
    fn image(&self, img: &Element) -> Option<Image> {
        let is_placeholder = |src: &str| {
            let src = src.trim_start();
            src.is_empty()
                || src
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
        };
        let real_src = img.attr("src").filter(|src| !is_placeholder(src));
        let src = real_src
            .or_else(|| img.attr("data-src"))
            .or_else(|| img.attr("data-lazy-src"))?;
        let dimension = |name| {
            img.attr(name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|v| (1..=100_000).contains(v))
        };
        Some(Image {
            src: safe_http(src, self.base)?,
            alt: img
                .attr("alt")
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            caption: None,
            credit: None,
            width: dimension("width"),
            height: dimension("height"),
        })
    }
}

/// The first element with `tag` among `nodes` and their descendants.
fn first(nodes: &[Node], tag: Tag) -> Option<&Element> {
    nodes.iter().find_map(|node| match node {
        Node::Element(e) if e.tag == tag => Some(e),
        Node::Element(e) => first(&e.children, tag),
        Node::Text(_) => None,
    })
}

fn contains(nodes: &[Node], tag: Tag) -> bool {
    first(nodes, tag).is_some()
}
