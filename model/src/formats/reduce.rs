//! Reduces allow-listed HTML to the article model: `h1`/`h2` start
//! sections, other blocks become paragraphs, subheadings, lists, quotes and
//! pictures, and inline markup becomes spans with marks and checked links.
//!
//! Elements are read as the tree builder tells them (`tree::Sink`), when
//! they start and end, so no tree is kept, however large an element: only
//! a figure is read whole, as what it becomes depends on all it holds.
//!
//! Whitespace is collapsed as a browser collapses it; `<br>` becomes a `\n`
//! in the text (the widget shows it as a line break). Structure the model
//! cannot nest (a list inside a list item, a heading inside a quote) is
//! flattened into lines of the enclosing block, and pictures found inside a
//! block's text are placed right after that block.

use std::mem;
use std::rc::Rc;

use super::tree::{build, Attr, Attrs, Item, Node, Sink, Tag};
use crate::document::{Block, Image, Inline, Marks, Section, Span};
use crate::read::{check_counts, PartCounts};
use crate::slug::{slugify, UniqueIds};
use crate::url::{display_host, Base};
use crate::{DocError, MAX_DOCUMENT_BYTES, MAX_SPANS};

/// An article body read from HTML: blocks before the first section heading,
/// then the sections.
#[derive(Debug, Default, PartialEq)]
pub struct Body {
    pub lead: Vec<Block>,
    pub sections: Vec<Section>,
}

/// The body of an HTML fragment; relative URLs resolve against `base`.
/// Refused as soon as it has more sections, blocks or spans than an article
/// may have: the rest is not read (not even tokenized).
pub fn html_body(html: &str, base: &str) -> Result<Body, DocError> {
    body(html, &Base::new(base))
}

/// [`html_body`], for a document whose base URL has been read.
pub(crate) fn body(html: &str, base: &Base) -> Result<Body, DocError> {
    let mut reducer = Reducer::new(base);
    build(html, &mut reducer);
    reducer.boundary();
    if let Some(refusal) = reducer.refused {
        return Err(refusal);
    }
    Ok(Body {
        lead: reducer.lead,
        sections: reducer.sections,
    })
}

/// The text of an HTML fragment (a title, an excerpt, a caption) on one line.
pub fn html_text(html: &str) -> String {
    let base = Base::new("");
    let mut reducer = Reducer::new(&base);
    reducer.collecting += 1;
    reducer.plain += 1;
    build(html, &mut reducer);
    let run = mem::take(&mut reducer.run);
    plain(&run.finish(&mut reducer.made))
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

fn is_html_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// What the spans made so far hold; limits on both keep the reduction in
/// proportion to the input.
#[derive(Default)]
struct Made {
    /// Spans in the body and in the text being gathered.
    spans: usize,
    /// Bytes of link targets copied into spans. Past the document size
    /// limit, text loses its links rather than a long link being copied
    /// into every span of its text.
    link_bytes: usize,
}

/// A link's checked target, shared by the text inside it (cloning it is
/// free; a long link over many text nodes is not copied for each).
type Href = Option<Rc<str>>;

/// Inline text being gathered, with a collapsed space waiting to be written
/// only if more text follows. The space keeps the marks and link of the text
/// it was in, as a browser shows it.
#[derive(Default)]
struct Run {
    spans: Vec<Span>,
    /// The marks and link of the last span, to tell cheaply whether the
    /// next character continues it.
    tail: Option<(Marks, Href)>,
    space_pending: Option<(Marks, Href)>,
    /// Whether any text other than whitespace has been written. Until then,
    /// whitespace is not stored: `finish` would trim it away.
    visible: bool,
}

fn same_href(a: &Href, b: &Href) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Rc::ptr_eq(a, b) || a == b,
        _ => false,
    }
}

impl Run {
    fn at_line_start(&self) -> bool {
        self.spans
            .last()
            .is_none_or(|span| span.text.is_empty() || span.text.ends_with('\n'))
    }

    /// A word of text outside `pre`, after the collapsed space waiting
    /// before it (unless it starts a line).
    fn word(&mut self, word: &str, marks: Marks, href: &Href, made: &mut Made) {
        if word.is_empty() {
            return;
        }
        if let Some((space_marks, space_href)) = self.space_pending.take() {
            if !self.at_line_start() {
                self.push(" ", space_marks, &space_href, made);
            }
        }
        self.push(word, marks, href, made);
    }

    /// Text continuing the last span, or a new span (counted in `made`).
    fn push(&mut self, text: &str, marks: Marks, href: &Href, made: &mut Made) {
        if !self.visible {
            if text.trim_start().is_empty() {
                return;
            }
            self.visible = true;
        }
        if let (Some((tail_marks, tail_href)), Some(last)) = (&mut self.tail, self.spans.last_mut())
        {
            if *tail_marks == marks && same_href(tail_href, href) {
                // The same target again: point at this copy, compared by address next time.
                tail_href.clone_from(href);
                last.text.push_str(text);
                return;
            }
        }
        self.tail = Some((marks, href.clone()));
        let href = match href {
            Some(h) if made.link_bytes + h.len() <= MAX_DOCUMENT_BYTES => {
                made.link_bytes += h.len();
                Some(h.to_string())
            }
            _ => None,
        };
        made.spans += 1;
        self.spans.push(Span {
            text: text.to_owned(),
            marks,
            href,
        });
    }

    /// The spans with the run's leading and trailing whitespace removed;
    /// empty when there is no visible text. (Blank text before the first
    /// visible text was never stored, so the first span has some.)
    fn finish(mut self, made: &mut Made) -> Inline {
        if let Some(first) = self.spans.first_mut() {
            let trimmed = first.text.trim_start();
            if trimmed.len() < first.text.len() {
                first.text = trimmed.to_owned();
            }
        }
        while let Some(last) = self.spans.last_mut() {
            let trimmed = last.text.trim_end();
            if !trimmed.is_empty() {
                last.text.truncate(trimmed.len());
                break;
            }
            self.spans.pop();
            made.spans -= 1;
        }
        self.spans
    }
}

/// What the end of an element does, decided when it started.
#[derive(Clone, Copy, PartialEq)]
enum Exit {
    Nothing,
    Em,
    Strong,
    Code,
    Link,
    /// Its text ends at a block boundary.
    Boundary,
    Pre,
    /// The text gathered is a quote's `cite`.
    Cite,
    /// The text gathered is a heading (`true`: one that starts a section).
    Heading(bool),
    List(bool),
    /// The text gathered is an item of the list below. An `li` is the
    /// item; any other child of a list is gathered as one (`true`: around
    /// it), its own exit then above this one.
    Item(bool),
    Quote,
}

struct Reducer<'b> {
    base: &'b Base,
    /// The exits of the open elements, innermost last.
    exits: Vec<Exit>,
    /// The runs interrupted by text being gathered (a heading's, an item's,
    /// a quote's), the items of the lists being read, and the `cite` of
    /// each quote around the one being read: innermost last.
    outer_runs: Vec<Run>,
    list_items: Vec<Vec<Inline>>,
    outer_cites: Vec<Option<String>>,
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
    links: Vec<Href>,
    made: Made,
    /// The last link target read and its checked form: documents repeat
    /// targets, and checking one costs far more than comparing it.
    last_link: Option<(String, Href)>,
    /// Blocks written so far, and why reading stopped (a limit passed).
    blocks: usize,
    refused: Option<DocError>,
    /// Above zero while text is gathered to become plain text (a heading,
    /// a caption): its spans are not the article's, so spans are not
    /// checked until it is.
    plain: u32,
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
    fn new(base: &'b Base) -> Self {
        Reducer {
            base,
            exits: Vec::new(),
            outer_runs: Vec::new(),
            list_items: Vec::new(),
            outer_cites: Vec::new(),
            lead: Vec::new(),
            sections: Vec::new(),
            ids: UniqueIds::default(),
            run: Run::default(),
            em: 0,
            strong: 0,
            code: 0,
            pre: 0,
            links: Vec::new(),
            made: Made::default(),
            last_link: None,
            blocks: 0,
            refused: None,
            plain: 0,
            collecting: 0,
            deferred: Vec::new(),
            quote_depth: 0,
            cite: None,
        }
    }

    /// Elements of an element given whole, told as the builder tells them.
    fn nodes<'t, 'a: 't>(&mut self, nodes: impl IntoIterator<Item = Node<'t, 'a>>) {
        for node in nodes {
            if self.refused.is_some() {
                return;
            }
            match node.item() {
                Item::Text(text) => Sink::text(self, text),
                Item::Element { tag, attrs } => {
                    if self.open(*tag, attrs) {
                        self.element(node);
                    } else {
                        self.nodes(node.children());
                        self.close();
                    }
                }
            }
        }
    }

    /// What starting an element does; what its end will do.
    fn start(&mut self, tag: Tag, attrs: &Attrs) -> Exit {
        match tag {
            Tag::Em => {
                self.em += 1;
                Exit::Em
            }
            Tag::Strong => {
                self.strong += 1;
                Exit::Strong
            }
            Tag::Code => {
                self.code += 1;
                Exit::Code
            }
            Tag::Link => {
                let href = attr(attrs, "href").and_then(|raw| self.checked_link(raw));
                self.links.push(href);
                Exit::Link
            }
            Tag::Break => {
                self.line_break();
                Exit::Nothing
            }
            Tag::Cite if self.quote_depth > 0 && self.cite.is_none() => {
                self.start_plain();
                Exit::Cite
            }
            Tag::Cite => Exit::Nothing,
            Tag::Image => {
                if let Some(image) = self.image(attrs) {
                    self.place(Block::Image(image));
                }
                Exit::Nothing
            }
            // Inside a block's text, structure becomes lines of that text.
            _ if self.collecting > 0 => {
                self.boundary();
                Exit::Boundary
            }
            Tag::Heading(level) => {
                self.boundary();
                self.start_plain();
                Exit::Heading(level <= 2)
            }
            Tag::List { ordered } => {
                self.boundary();
                self.list_items.push(Vec::new());
                Exit::List(ordered)
            }
            Tag::Quote => {
                self.boundary();
                self.outer_cites.push(self.cite.take());
                self.quote_depth += 1;
                self.start_collecting();
                Exit::Quote
            }
            Tag::Pre => {
                self.boundary();
                self.pre += 1;
                self.code += 1;
                Exit::Pre
            }
            // (A figure only starts here inside a block's text: it is read
            // whole otherwise, see `Sink::open`.)
            Tag::Figure | Tag::Paragraph | Tag::Block | Tag::Item | Tag::Caption => {
                self.boundary();
                Exit::Boundary
            }
        }
    }

    fn end(&mut self, exit: Exit) {
        match exit {
            Exit::Nothing => {}
            Exit::Em => self.em -= 1,
            Exit::Strong => self.strong -= 1,
            Exit::Code => self.code -= 1,
            Exit::Link => {
                self.links.pop();
            }
            Exit::Boundary => self.boundary(),
            Exit::Pre => {
                self.code -= 1;
                self.pre -= 1;
                self.boundary();
            }
            Exit::Cite => {
                let cite = self.end_plain();
                self.cite = Some(cite).filter(|c| !c.is_empty());
            }
            Exit::Heading(starts_section) => {
                let text = self.end_plain();
                if starts_section {
                    self.section(text);
                } else if !text.is_empty() {
                    self.emit(Block::Subheading(text));
                }
                self.emit_deferred();
            }
            Exit::List(ordered) => {
                let items = self.list_items.pop().unwrap_or_default();
                if !items.is_empty() {
                    self.emit(Block::List { ordered, items });
                }
                self.emit_deferred();
            }
            Exit::Item(_) => {
                let item = self.end_collecting();
                if let Some(items) = self.list_items.last_mut() {
                    if !item.is_empty() {
                        items.push(item);
                    }
                }
            }
            Exit::Quote => {
                let text = self.end_collecting();
                self.quote_depth -= 1;
                let outer_cite = self.outer_cites.pop().unwrap_or_default();
                let cite = mem::replace(&mut self.cite, outer_cite);
                if !text.is_empty() {
                    self.emit(Block::Quote { text, cite });
                }
                self.emit_deferred();
            }
        }
    }

    fn in_list(&self) -> bool {
        matches!(self.exits.last(), Some(Exit::List(_)))
    }

    /// A link's target, checked and resolved (`None` when unsafe).
    fn checked_link(&mut self, raw: &str) -> Href {
        if let Some((last_raw, checked)) = &self.last_link {
            if last_raw == raw {
                return checked.clone();
            }
        }
        let checked: Href = self.base.safe_link(raw).map(Rc::from);
        let (last_raw, last_checked) = self.last_link.get_or_insert_default();
        last_raw.clear();
        last_raw.push_str(raw);
        *last_checked = checked.clone();
        checked
    }

    /// Text with its whitespace collapsed (kept as it is inside `pre`).
    fn flow_text(&mut self, text: &str) {
        let (marks, href) = if self.plain > 0 {
            // Text that becomes plain text is gathered as one span.
            (Marks::default(), None)
        } else {
            let marks = Marks {
                em: self.em > 0,
                strong: self.strong > 0,
                code: self.code > 0,
            };
            (marks, self.links.last().cloned().flatten())
        };
        let made = &mut self.made;
        if self.pre > 0 {
            for part in text.split('\r').filter(|part| !part.is_empty()) {
                self.run.push(part, marks, &href, made);
            }
            return self.check_spans();
        }
        // Words between single whitespace characters (empty between two).
        // HTML whitespace is ASCII, so the text is split on bytes.
        let mut word_start = 0;
        for (i, byte) in text.bytes().enumerate() {
            if is_html_space(byte) {
                self.run.word(&text[word_start..i], marks, &href, made);
                if self.run.space_pending.is_none() {
                    self.run.space_pending = Some((marks, href.clone()));
                }
                word_start = i + 1;
            }
        }
        self.run.word(&text[word_start..], marks, &href, made);
        self.check_spans();
    }

    /// After text: whether its spans passed the limit (checked cheaply, as
    /// it is checked for every piece of text).
    fn check_spans(&mut self) {
        if self.made.spans > MAX_SPANS {
            self.check_counts();
        }
    }

    fn line_break(&mut self) {
        self.run.space_pending = None;
        // A break before any text ends nothing.
        if let Some(last) = self.run.spans.last_mut() {
            last.text.truncate(last.text.trim_end_matches(' ').len());
            last.text.push('\n');
        }
    }

    /// Children between two block boundaries.
    fn wrapped<'t, 'a: 't>(&mut self, children: impl IntoIterator<Item = Node<'t, 'a>>) {
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
        if self.run.spans.is_empty() {
            // Nothing to write (a common case worth not rebuilding the run for).
            self.run.space_pending = None;
            return;
        }
        let text = mem::take(&mut self.run).finish(&mut self.made);
        if !text.is_empty() {
            self.emit(Block::Paragraph(text));
        }
    }

    /// Starts gathering one block's inline content (the run so far waits).
    fn start_collecting(&mut self) {
        self.collecting += 1;
        self.outer_runs.push(mem::take(&mut self.run));
    }

    fn end_collecting(&mut self) -> Inline {
        self.collecting -= 1;
        let outer = self.outer_runs.pop().unwrap_or_default();
        mem::replace(&mut self.run, outer).finish(&mut self.made)
    }

    /// Starts gathering text to be on one line (a heading, a caption): no
    /// spans of the article.
    fn start_plain(&mut self) {
        self.plain += 1;
        self.start_collecting();
    }

    fn end_plain(&mut self) -> String {
        let text = self.end_collecting();
        self.plain -= 1;
        self.made.spans -= text.len();
        self.check_counts();
        plain(&text)
    }

    fn collect_plain<'t, 'a: 't>(
        &mut self,
        children: impl IntoIterator<Item = Node<'t, 'a>>,
    ) -> String {
        self.start_plain();
        self.nodes(children);
        self.end_plain()
    }

    fn emit(&mut self, block: Block) {
        self.blocks += 1;
        self.check_counts();
        if self.refused.is_some() {
            return;
        }
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

    fn section(&mut self, heading: String) {
        if !heading.is_empty() {
            self.sections.push(Section {
                id: self.ids.derive(&slugify(&heading)),
                heading,
                collapsed: false,
                blocks: Vec::new(),
            });
            self.check_counts();
        }
    }

    /// Stops reading once the body is over one of an article's limits.
    fn check_counts(&mut self) {
        let counts = PartCounts {
            sections: self.sections.len(),
            blocks: self.blocks,
            spans: self.made.spans,
        };
        if self.plain == 0 && self.refused.is_none() {
            self.refused = check_counts(counts).err();
        }
    }

    /// A figure holding one picture becomes that picture with its caption; a
    /// figure holding nothing but a web address (WordPress's embed block)
    /// becomes an embed card; any other (a gallery, a pull quote) is read as flow.
    fn figure(&mut self, figure: Node<'_, '_>) {
        if contains(figure.children(), Tag::Figure) {
            return self.wrapped(figure.children());
        }
        let Some(img) = first(figure.children(), Tag::Image) else {
            let text = self.collect_plain(figure.children());
            return match self.embed_url(&text) {
                Some(url) => self.place(Block::Embed {
                    title: display_host(&url).unwrap_or(&url).to_owned(),
                    url,
                    provider: None,
                }),
                None => self.wrapped(figure.children()),
            };
        };
        let Some(mut picture) = self.image(img.attrs()) else {
            return self.wrapped(figure.children());
        };
        if let Some(caption) = first(figure.children(), Tag::Caption) {
            let text = self.collect_plain(caption.children());
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
        self.base.safe_http(text)
    }

    /// A picture with a safe source (lazy-loading `data-src` when `src` is a placeholder).
    fn image(&self, attrs: &[Attr]) -> Option<Image> {
        let is_placeholder = |src: &str| {
            let src = src.trim_start();
            src.is_empty()
                || src
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
        };
        let real_src = attr(attrs, "src").filter(|src| !is_placeholder(src));
        let src = real_src
            .or_else(|| attr(attrs, "data-src"))
            .or_else(|| attr(attrs, "data-lazy-src"))?;
        let dimension = |name| {
            attr(attrs, name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|v| (1..=100_000).contains(v))
        };
        Some(Image {
            src: self.base.safe_http(src)?,
            alt: attr(attrs, "alt")
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

impl<'a> Sink<'a> for Reducer<'_> {
    fn open(&mut self, tag: Tag, attrs: &Attrs<'a>) -> bool {
        if self.in_list() {
            // Each child of a list is an item: an `li`'s text, or any other
            // child with what it holds (its own exit then goes above).
            self.start_collecting();
            let around = tag != Tag::Item;
            self.exits.push(Exit::Item(around));
            if !around {
                return false;
            }
        }
        // A figure is read whole: what it becomes depends on all it holds.
        if tag == Tag::Figure && self.collecting == 0 {
            return true;
        }
        let exit = self.start(tag, attrs);
        self.exits.push(exit);
        false
    }

    fn close(&mut self) {
        if let Some(exit) = self.exits.pop() {
            self.end(exit);
        }
        if self.exits.last() == Some(&Exit::Item(true)) {
            self.close();
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_list() {
            self.start_collecting();
            self.flow_text(text);
            return self.end(Exit::Item(true));
        }
        self.flow_text(text);
    }

    fn element(&mut self, element: Node<'_, 'a>) {
        self.figure(element);
    }

    fn done(&self) -> bool {
        self.refused.is_some()
    }
}

/// The value of the attribute `name`.
fn attr<'t>(attrs: &'t [Attr], name: &str) -> Option<&'t str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| &**v)
}

/// The first element with `tag` among `nodes` and their descendants.
fn first<'t, 'a: 't>(
    nodes: impl IntoIterator<Item = Node<'t, 'a>>,
    tag: Tag,
) -> Option<Node<'t, 'a>> {
    nodes.into_iter().find_map(|node| match node.tag() {
        Some(t) if t == tag => Some(node),
        Some(_) => first(node.children(), tag),
        None => None,
    })
}

fn contains<'t, 'a: 't>(nodes: impl IntoIterator<Item = Node<'t, 'a>>, tag: Tag) -> bool {
    first(nodes, tag).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://news.example/feeds/main.json";

    /// Inline text as compact markup: `_em_`, `*strong*`, `` `code` ``, `[text](href)`.
    fn inline(text: &Inline) -> String {
        text.iter()
            .map(|span| {
                let mut s = span.text.replace('\n', "⏎");
                if span.marks.code {
                    s = format!("`{s}`");
                }
                if span.marks.em {
                    s = format!("_{s}_");
                }
                if span.marks.strong {
                    s = format!("*{s}*");
                }
                match &span.href {
                    Some(href) => format!("[{s}]({href})"),
                    None => s,
                }
            })
            .collect()
    }

    fn block(block: &Block) -> String {
        match block {
            Block::Paragraph(text) => format!("P {}", inline(text)),
            Block::Subheading(text) => format!("H {text}"),
            Block::Quote { text, cite } => format!("Q {} — {cite:?}", inline(text)),
            Block::List { ordered, items } => {
                let items: Vec<String> = items.iter().map(inline).collect();
                format!(
                    "{} {}",
                    if *ordered { "OL" } else { "UL" },
                    items.join(" | ")
                )
            }
            Block::Image(i) => format!(
                "IMG {} alt={:?} caption={:?} {:?}x{:?}",
                i.src, i.alt, i.caption, i.width, i.height
            ),
            Block::Embed { url, title, .. } => format!("EMBED {url} {title}"),
            Block::Poll(_) => "POLL".to_owned(),
        }
    }

    /// The body as lines: lead blocks, then `## heading #id` and its blocks.
    fn show(html: &str) -> Vec<String> {
        let body = html_body(html, BASE).expect("within the limits");
        let mut lines: Vec<String> = body.lead.iter().map(block).collect();
        for section in &body.sections {
            lines.push(format!("## {} #{}", section.heading, section.id));
            lines.extend(section.blocks.iter().map(block));
        }
        lines
    }

    #[test]
    fn paragraphs_and_inline_marks() {
        let cases: &[(&str, &[&str])] = &[
            (
                "<p>Hello <em>big</em> <strong>world</strong></p>",
                &["P Hello _big_ *world*"],
            ),
            ("  loose\n\n  text  ", &["P loose text"]),
            ("<p>a</p>  <p>  </p><p>&nbsp;</p><p>b</p>", &["P a", "P b"]),
            ("one<div>two</div>three", &["P one", "P two", "P three"]),
            ("<p>x<br>y<br/> z</p>", &["P x⏎y⏎z"]),
            (
                "<p><b>B<i>BI</i></b><code>c</code><kbd>k</kbd></p>",
                &["P *B**_BI_*`ck`"],
            ),
            (
                "<p>1 &lt; 2 &amp;&amp; caf&eacute; &#8211; &hellip;</p>",
                &["P 1 < 2 && café – …"],
            ),
            (
                "<pre>let x = 1;\n  x += 1;</pre>",
                &["P `let x = 1;⏎  x += 1;`"],
            ),
            (
                "<h1>Title</h1><h5>Small</h5><h6>Smaller</h6>",
                &["## Title #title", "H Small", "H Smaller"],
            ),
            (
                "<table><tr><td>a</td><td>b</td></tr></table>",
                &["P a", "P b"],
            ),
            (
                "<p>See <span class=x>this</span> now</p>",
                &["P See this now"],
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(show(html), *expected, "{html}");
        }
    }

    #[test]
    fn links_are_checked_and_resolved() {
        let cases: &[(&str, &[&str])] = &[
            (
                "<p>Read <a href=\"/a/b\">more</a> or <a href=\"mailto:desk@news.example\">write</a></p>",
                &["P Read [more](https://news.example/a/b) or [write](mailto:desk@news.example)"],
            ),
            ("<p><a href=\"javascript:alert(1)\">x</a></p>", &["P x"]),
            ("<p><a href=\"jav&#x61;script&colon;alert(1)\">x</a></p>", &["P x"]),
            ("<p><a href=\" &#14;java&Tab;script:alert(1)\">x</a></p>", &["P x"]),
            ("<p><a>no href</a></p>", &["P no href"]),
            (
                "<p><a href=https://a.example/> spaced </a>!</p>",
                &["P [spaced ](https://a.example/)!"],
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(show(html), *expected, "{html}");
        }
    }

    #[test]
    fn headings_start_sections_with_derived_ids() {
        assert_eq!(
            show("<p>Lead</p><h2>Notes</h2><p>a</p><h3>Sub</h3><h2>Notes</h2><h2> </h2><h4>b</h4>"),
            [
                "P Lead",
                "## Notes #notes",
                "P a",
                "H Sub",
                "## Notes #notes-2",
                "H b"
            ]
        );
        assert_eq!(
            show("<h2><a href=/x>Linked</a> <em>heading</em></h2>"),
            ["## Linked heading #linked-heading"]
        );
    }

    #[test]
    fn lists_quotes_and_figures() {
        let cases: &[(&str, &[&str])] = &[
            ("<ul><li>a<li>b <em>c</em></ul>", &["UL a | b _c_"]),
            ("<ol>\n<li>one</li>\n<li><p>two</p><p>more</p></li></ol>", &["OL one | two⏎more"]),
            ("<ul><li>fruit<ul><li>apple</li><li>pear</li></ul></li></ul>", &["UL fruit⏎apple⏎pear"]),
            (
                "<blockquote><p>We waited.</p><p>Now we build.</p><cite>Mayor</cite></blockquote>",
                &["Q We waited.⏎Now we build. — Some(\"Mayor\")"],
            ),
            ("<blockquote>Plain</blockquote>", &["Q Plain — None"]),
            ("<p>By <cite>Someone</cite></p>", &["P By Someone"]),
            (
                "<figure><img src=pic.jpg alt=' A  pic ' width=640 height=0><figcaption>The <em>caption</em></figcaption></figure>",
                &["IMG https://news.example/feeds/pic.jpg alt=\"A pic\" caption=Some(\"The caption\") Some(640)xNone"],
            ),
            (
                "<p>Before <img src=/i.png> after</p>",
                &["P Before", "IMG https://news.example/i.png alt=\"\" caption=None NonexNone", "P after"],
            ),
            (
                "<ul><li>item <img src=/i.png></li></ul>",
                &["UL item", "IMG https://news.example/i.png alt=\"\" caption=None NonexNone"],
            ),
            (
                "<img src=\"data:image/gif;base64,R0l\" data-src=\"/lazy.jpg\"><img src=javascript:alert(1)><img>",
                &["IMG https://news.example/lazy.jpg alt=\"\" caption=None NonexNone"],
            ),
            (
                "<figure class=wp-block-embed><div>\nhttps://video.example/watch?v=1\n</div></figure>",
                &["EMBED https://video.example/watch?v=1 video.example"],
            ),
            ("<figure><div>javascript:alert(1)</div></figure>", &["P javascript:alert(1)"]),
            (
                "<figure><figure><img src=a.jpg></figure><figure><img src=b.jpg><figcaption>B</figcaption></figure></figure>",
                &[
                    "IMG https://news.example/feeds/a.jpg alt=\"\" caption=None NonexNone",
                    "IMG https://news.example/feeds/b.jpg alt=\"\" caption=Some(\"B\") NonexNone",
                ],
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(show(html), *expected, "{html}");
        }
    }

    #[test]
    fn dropped_elements_keep_their_text_but_never_script_or_style() {
        let cases: &[(&str, &[&str])] = &[
            (
                "<p>a<script>alert(1)</script>b<style>p{color:red}</style>c</p>",
                &["P abc"],
            ),
            (
                "<p>x<iframe src=//evil.example>fallback</iframe>y</p>",
                &["P xy"],
            ),
            (
                "<object data=x.swf>Object text</object>",
                &["P Object text"],
            ),
            (
                "<svg><text>Chart label</text></svg><math><mi>x</mi></math>",
                &["P Chart labelx"],
            ),
            (
                "<form action=/post><label>Name <input name=n></label><button>Send</button></form>",
                &["P Name Send"],
            ),
            (
                "<!-- wp:paragraph --><p>Kept</p><!-- /wp:paragraph -->",
                &["P Kept"],
            ),
            (
                "<template><p>hidden</p></template><p>shown</p>",
                &["P shown"],
            ),
            (
                "<noscript><p>no</p></noscript><unknown-tag>yes</unknown-tag>",
                &["P yes"],
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(show(html), *expected, "{html}");
        }
    }

    #[test]
    fn text_of_titles_and_excerpts() {
        assert_eq!(
            html_text("Harbour &#8220;wall&#8221; &#8211; <em>now</em>"),
            "Harbour “wall” – now"
        );
        assert_eq!(
            html_text("<p>Summary &hellip; <a href=\"/x\">Continue reading</a></p>\n<p>Two</p>"),
            "Summary … Continue reading Two"
        );
        assert_eq!(
            html_text("<img src=x onerror=alert(1)><script>x</script>"),
            ""
        );
    }

    #[test]
    fn plain_text_paragraphs() {
        let body = text_body("One\r\n\r\nTwo\nlines\n\n\n");
        let texts: Vec<String> = body.lead.iter().map(block).collect();
        assert_eq!(texts, ["P One", "P Two⏎lines"]);
    }
}
