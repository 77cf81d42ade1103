//! The allow-list tree builder: turns tokens into the elements the article
//! model can express, with only the attributes it needs, told to a [`Sink`]
//! as they open and close (a tree is built only for an element the sink
//! asks for whole). Every other element is dropped and its text kept in
//! place; `template` and `head` are dropped with everything in them, and
//! raw-text elements (`script`, `style`, ...) never had their contents
//! tokenized.
//!
//! Implied end tags follow the HTML rules that matter for prose (a block
//! closes an open `p`, a new `li` closes the previous one, headings do not
//! nest, links do not nest), so sloppy CMS markup groups the way a browser
//! would show it.

use std::borrow::Cow;

use super::html::{Attributes, Token, Tokenizer};

/// What an allowed element means to the article model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Paragraph,
    /// `h1`..`h6`, by level.
    Heading(u8),
    List {
        ordered: bool,
    },
    Item,
    Quote,
    Cite,
    Figure,
    Caption,
    Image,
    Link,
    Em,
    Strong,
    Code,
    Pre,
    Break,
    /// A block-level element without a meaning of its own (`div`, `section`,
    /// `td`, ...): only its boundaries matter, so its text is not run
    /// together with the next block's.
    Block,
}

impl Tag {
    const KINDS: usize = 16;

    /// One slot per kind of element; every heading level shares one.
    fn kind_index(self) -> usize {
        match self {
            Tag::Paragraph => 0,
            Tag::Heading(_) => 1,
            Tag::List { .. } => 2,
            Tag::Item => 3,
            Tag::Quote => 4,
            Tag::Cite => 5,
            Tag::Figure => 6,
            Tag::Caption => 7,
            Tag::Image => 8,
            Tag::Link => 9,
            Tag::Em => 10,
            Tag::Strong => 11,
            Tag::Code => 12,
            Tag::Pre => 13,
            Tag::Break => 14,
            Tag::Block => 15,
        }
    }

    fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Link | Tag::Em | Tag::Strong | Tag::Code | Tag::Break | Tag::Image | Tag::Cite
        )
    }

    /// Whether the element keeps any attribute at all.
    fn keeps_any(self) -> bool {
        matches!(self, Tag::Link | Tag::Image)
    }

    /// Attributes the model reads.
    fn keeps(self, attr: &str) -> bool {
        match self {
            Tag::Link => attr == "href",
            Tag::Image => matches!(
                attr,
                "src" | "alt" | "width" | "height" | "data-src" | "data-lazy-src"
            ),
            _ => false,
        }
    }
}

/// An attribute kept on an element: its name lower-case, its value decoded.
pub type Attr<'a> = (Cow<'a, str>, Cow<'a, str>);
pub type Attrs<'a> = Vec<Attr<'a>>;

/// What a node of the tree is. Text and attribute values borrow from the
/// input where they can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    Text(Cow<'a, str>),
    Element { tag: Tag, attrs: Attrs<'a> },
}

/// A node in [`Tree::slots`]: its item and the indices of its first child
/// and next sibling. All nodes live in one vector, so building the tree
/// allocates nothing per node.
#[derive(Debug)]
struct Slot<'a> {
    item: Item<'a>,
    first_child: Option<u32>,
    next_sibling: Option<u32>,
}

/// An element built whole: slot 0 is the element, the others what it holds.
#[derive(Debug)]
pub struct Tree<'a> {
    slots: Vec<Slot<'a>>,
}

/// One node of a [`Tree`], with the way to its children.
#[derive(Clone, Copy)]
pub struct Node<'t, 'a> {
    tree: &'t Tree<'a>,
    index: u32,
}

impl<'t, 'a> Node<'t, 'a> {
    fn slot(&self) -> &'t Slot<'a> {
        &self.tree.slots[self.index as usize]
    }

    pub fn item(&self) -> &'t Item<'a> {
        &self.slot().item
    }

    /// The element's tag; `None` for text.
    pub fn tag(&self) -> Option<Tag> {
        match self.item() {
            Item::Element { tag, .. } => Some(*tag),
            Item::Text(_) => None,
        }
    }

    pub fn attrs(&self) -> &'t [Attr<'a>] {
        match self.item() {
            Item::Element { attrs, .. } => attrs,
            Item::Text(_) => &[],
        }
    }

    pub fn children(&self) -> Children<'t, 'a> {
        Children {
            tree: self.tree,
            next: self.slot().first_child,
        }
    }
}

/// The children of a node, in order.
#[derive(Clone)]
pub struct Children<'t, 'a> {
    tree: &'t Tree<'a>,
    next: Option<u32>,
}

impl<'t, 'a> Iterator for Children<'t, 'a> {
    type Item = Node<'t, 'a>;

    fn next(&mut self) -> Option<Node<'t, 'a>> {
        let index = self.next?;
        self.next = self.tree.slots[index as usize].next_sibling;
        Some(Node {
            tree: self.tree,
            index,
        })
    }
}

impl<'a> Tree<'a> {
    pub fn root(&self) -> Node<'_, 'a> {
        Node {
            tree: self,
            index: 0,
        }
    }

    /// Starts over with `item` as the root.
    fn reset(&mut self, item: Item<'a>) {
        self.slots.clear();
        self.slots.push(Slot {
            item,
            first_child: None,
            next_sibling: None,
        });
    }
}

/// What the builder reads, told as it goes: elements opening and closing
/// and the text between them, in document order.
pub trait Sink<'a> {
    /// An element opens. `true` asks for it whole: it is then built as a
    /// tree and given to [`Sink::element`] when it ends, without `close`.
    fn open(&mut self, tag: Tag, attrs: &Attrs<'a>) -> bool;
    fn close(&mut self);
    /// Text inside an element comes in one piece between two tags the sink
    /// is told of; at the top level, in as many as the input has.
    fn text(&mut self, text: &str);
    fn element(&mut self, element: Node<'_, 'a>);
    /// Whether to stop (a limit was passed): the rest is not even tokenized.
    fn done(&self) -> bool;
}

/// Deeper elements are flattened (their text kept), so walking the tree
/// recursively can never exhaust the stack.
const MAX_DEPTH: usize = 100;

#[derive(Clone, Copy)]
enum Kind {
    Keep(Tag),
    /// No contents and no end tag; `None` when the element is dropped.
    Void(Option<Tag>),
    /// Dropped with everything inside it.
    Subtree,
    /// Dropped; its contents stay where they are.
    Unwrap,
}

/// The first 8 bytes of a name, padded with zeros. Read as a big-endian
/// number, keys sort as their names do and compare in one step. (Stored as
/// bytes, the table below takes 11 bytes an entry rather than 16.)
pub(super) const fn key(name: &str) -> [u8; 8] {
    let bytes = name.as_bytes();
    let mut key = [0; 8];
    let mut i = 0;
    while i < 8 && i < bytes.len() {
        key[i] = bytes[i];
        i += 1;
    }
    key
}

/// Every element name of up to 8 letters with a kind other than `Unwrap`,
/// by key (sorted, so that [`BY_LETTER`] finds the names of a letter).
const KINDS: &[([u8; 8], Kind)] = {
    use Kind::*;
    &[
        (key("a"), Keep(Tag::Link)),
        (key("address"), Keep(Tag::Block)),
        (key("area"), Void(None)),
        (key("article"), Keep(Tag::Block)),
        (key("aside"), Keep(Tag::Block)),
        (key("b"), Keep(Tag::Strong)),
        (key("base"), Void(None)),
        (key("basefont"), Void(None)),
        (key("bgsound"), Void(None)),
        (key("br"), Void(Some(Tag::Break))),
        (key("caption"), Keep(Tag::Block)),
        (key("center"), Keep(Tag::Block)),
        (key("cite"), Keep(Tag::Cite)),
        (key("code"), Keep(Tag::Code)),
        (key("col"), Void(None)),
        (key("dd"), Keep(Tag::Block)),
        (key("details"), Keep(Tag::Block)),
        (key("dialog"), Keep(Tag::Block)),
        (key("dir"), Keep(Tag::List { ordered: false })),
        (key("div"), Keep(Tag::Block)),
        (key("dl"), Keep(Tag::Block)),
        (key("dt"), Keep(Tag::Block)),
        (key("em"), Keep(Tag::Em)),
        (key("embed"), Void(None)),
        (key("fieldset"), Keep(Tag::Block)),
        (key("figure"), Keep(Tag::Figure)),
        (key("footer"), Keep(Tag::Block)),
        (key("form"), Keep(Tag::Block)),
        (key("frame"), Void(None)),
        (key("h1"), Keep(Tag::Heading(1))),
        (key("h2"), Keep(Tag::Heading(2))),
        (key("h3"), Keep(Tag::Heading(3))),
        (key("h4"), Keep(Tag::Heading(4))),
        (key("h5"), Keep(Tag::Heading(5))),
        (key("h6"), Keep(Tag::Heading(6))),
        (key("head"), Subtree),
        (key("header"), Keep(Tag::Block)),
        (key("hgroup"), Keep(Tag::Block)),
        (key("hr"), Void(Some(Tag::Block))),
        (key("i"), Keep(Tag::Em)),
        (key("image"), Void(Some(Tag::Image))),
        (key("img"), Void(Some(Tag::Image))),
        (key("input"), Void(None)),
        (key("kbd"), Keep(Tag::Code)),
        (key("keygen"), Void(None)),
        (key("legend"), Keep(Tag::Block)),
        (key("li"), Keep(Tag::Item)),
        (key("link"), Void(None)),
        (key("listing"), Keep(Tag::Pre)),
        (key("main"), Keep(Tag::Block)),
        (key("menu"), Keep(Tag::List { ordered: false })),
        (key("meta"), Void(None)),
        (key("nav"), Keep(Tag::Block)),
        (key("ol"), Keep(Tag::List { ordered: true })),
        (key("p"), Keep(Tag::Paragraph)),
        (key("param"), Void(None)),
        (key("pre"), Keep(Tag::Pre)),
        (key("samp"), Keep(Tag::Code)),
        (key("search"), Keep(Tag::Block)),
        (key("section"), Keep(Tag::Block)),
        (key("source"), Void(None)),
        (key("strong"), Keep(Tag::Strong)),
        (key("summary"), Keep(Tag::Block)),
        (key("table"), Keep(Tag::Block)),
        (key("tbody"), Keep(Tag::Block)),
        (key("td"), Keep(Tag::Block)),
        (key("template"), Subtree),
        (key("tfoot"), Keep(Tag::Block)),
        (key("th"), Keep(Tag::Block)),
        (key("thead"), Keep(Tag::Block)),
        (key("tr"), Keep(Tag::Block)),
        (key("track"), Void(None)),
        (key("tt"), Keep(Tag::Code)),
        (key("ul"), Keep(Tag::List { ordered: false })),
        (key("wbr"), Void(None)),
    ]
};

fn kind(name: &str) -> Kind {
    if name.len() > 8 {
        return match name {
            "blockquote" => Kind::Keep(Tag::Quote),
            "figcaption" => Kind::Keep(Tag::Caption),
            _ => Kind::Unwrap,
        };
    }
    let Some(letter) = name
        .bytes()
        .next()
        .map(|b| usize::from(b.wrapping_sub(b'a')))
    else {
        return Kind::Unwrap;
    };
    if letter >= 26 {
        return Kind::Unwrap;
    }
    let wanted = u64::from_ne_bytes(key(name));
    let names = &KINDS[usize::from(BY_LETTER[letter])..usize::from(BY_LETTER[letter + 1])];
    names
        .iter()
        .find(|(known, _)| u64::from_ne_bytes(*known) == wanted)
        .map_or(Kind::Unwrap, |(_, kind)| *kind)
}

/// Where the names starting with each letter begin in [`KINDS`] (the last
/// entry is its end): a tag flood looks a name up per tag, and a few names
/// of one letter are compared faster than the whole table is searched.
const BY_LETTER: [u8; 27] = {
    let mut starts = [0; 27];
    let mut letter = 0;
    let mut i = 0;
    while letter < 26 {
        while i < KINDS.len() && KINDS[i].0[0] < b'a' + letter as u8 {
            i += 1;
        }
        starts[letter] = i as u8;
        letter += 1;
    }
    starts[26] = KINDS.len() as u8;
    starts
};

/// An open element, and while it is part of an element built whole, its
/// slot and last child so far (where the next child is linked).
struct Open {
    tag: Tag,
    index: Option<u32>,
    last_child: Option<u32>,
}

struct Builder<'a, 's> {
    sink: &'s mut dyn Sink<'a>,
    /// Open elements; the first is the fragment's root and is never closed.
    open: Vec<Open>,
    /// How many elements of each kind are open (the root not counted), so
    /// an end tag or implied end with nothing to close costs nothing rather
    /// than a walk down the stack.
    open_counts: [u32; Tag::KINDS],
    /// Text inside an element not yet told: text right after text joins it.
    pending: Option<Cow<'a, str>>,
    /// The element being built whole, while there is one (its place in `open`).
    whole: Option<usize>,
    tree: Tree<'a>,
}

impl<'a, 's> Builder<'a, 's> {
    fn new(sink: &'s mut dyn Sink<'a>) -> Self {
        Builder {
            sink,
            open: vec![Open {
                tag: Tag::Block,
                index: None,
                last_child: None,
            }],
            open_counts: [0; Tag::KINDS],
            pending: None,
            whole: None,
            tree: Tree { slots: Vec::new() },
        }
    }

    /// The attributes `tag` keeps (the first of each name); all others
    /// (`on*`, `style`, ...) are dropped here.
    fn kept(tag: Tag, attrs: Option<Attributes<'a>>) -> Attrs<'a> {
        let mut kept: Attrs<'a> = Vec::new();
        if let Some(attrs) = attrs.filter(|_| tag.keeps_any()) {
            for (name, value) in attrs.iter() {
                if tag.keeps(&name) && !kept.iter().any(|(n, _)| *n == name) {
                    kept.push((name, value));
                }
            }
        }
        kept
    }

    fn top(&mut self) -> &mut Open {
        self.open.last_mut().expect("the root stays open")
    }

    fn text(&mut self, text: Cow<'a, str>) {
        if self.whole.is_some() {
            self.append(Item::Text(text));
        } else if self.open.len() == 1 {
            self.sink.text(&text);
        } else if let Some(pending) = &mut self.pending {
            pending.to_mut().push_str(&text);
        } else {
            self.pending = Some(text);
        }
    }

    fn tell_pending(&mut self) {
        if let Some(text) = self.pending.take() {
            self.sink.text(&text);
        }
    }

    /// Adds a node to the element being built whole, as the last child of
    /// the innermost open element, and returns its index. Text right after
    /// text joins it.
    fn append(&mut self, item: Item<'a>) -> u32 {
        let parent = self.open.last().expect("the root stays open");
        let parent_index = parent.index.expect("inside the element built whole") as usize;
        let previous = parent.last_child;
        if let (Some(previous), Item::Text(text)) = (previous, &item) {
            if let Item::Text(previous_text) = &mut self.tree.slots[previous as usize].item {
                previous_text.to_mut().push_str(text);
                return previous;
            }
        }
        // Every node takes at least one byte of a 5 MiB input: far under 2³².
        let index = self.tree.slots.len() as u32;
        self.tree.slots.push(Slot {
            item,
            first_child: None,
            next_sibling: None,
        });
        match previous {
            Some(previous) => self.tree.slots[previous as usize].next_sibling = Some(index),
            None => self.tree.slots[parent_index].first_child = Some(index),
        }
        self.top().last_child = Some(index);
        index
    }

    /// Index in `open` of the innermost open element matching `wanted`,
    /// looking no further down than the first one matching `stop`.
    fn find(&self, wanted: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) -> Option<usize> {
        let mut i = self.open.len();
        while i > 1 {
            i -= 1;
            let tag = self.open[i].tag;
            if wanted(tag) {
                return Some(i);
            }
            if stop(tag) {
                return None;
            }
        }
        None
    }

    /// Closes the element at `index` and everything opened inside it.
    fn close_to(&mut self, index: usize) {
        while self.open.len() > index {
            let element = self.open.pop().expect("index is above the root");
            self.open_counts[element.tag.kind_index()] -= 1;
            if self.whole == Some(self.open.len()) {
                self.whole = None;
                self.sink.element(self.tree.root());
            } else if element.index.is_none() {
                self.tell_pending();
                self.sink.close();
            }
        }
    }

    /// Whether an element of `tag`'s kind (any heading, for a heading) is open.
    fn is_open(&self, tag: Tag) -> bool {
        self.open_counts[tag.kind_index()] > 0
    }

    fn start(&mut self, tag: Tag, attrs: Option<Attributes<'a>>, void: bool) {
        if tag.is_block() && self.is_open(Tag::Paragraph) {
            if let Some(p) = self.find(|t| t == Tag::Paragraph, |_| false) {
                self.close_to(p);
            }
        }
        match tag {
            Tag::Heading(_) if matches!(self.top().tag, Tag::Heading(_)) => {
                let top = self.open.len() - 1;
                self.close_to(top);
            }
            Tag::Item if self.is_open(Tag::Item) => {
                let open_item = self.find(|t| t == Tag::Item, |t| matches!(t, Tag::List { .. }));
                if let Some(item) = open_item {
                    self.close_to(item);
                }
            }
            Tag::Link if self.is_open(Tag::Link) => {
                if let Some(link) = self.find(|t| t == Tag::Link, |_| false) {
                    self.close_to(link);
                }
            }
            _ => {}
        }
        if !void && self.open.len() > MAX_DEPTH {
            return;
        }
        let attrs = Self::kept(tag, attrs);
        let index = if self.whole.is_some() {
            Some(self.append(Item::Element { tag, attrs }))
        } else {
            self.tell_pending();
            if self.sink.open(tag, &attrs) {
                self.tree.reset(Item::Element { tag, attrs });
                self.whole = Some(self.open.len());
                Some(0)
            } else {
                None
            }
        };
        self.open_counts[tag.kind_index()] += 1;
        self.open.push(Open {
            tag,
            index,
            last_child: None,
        });
        if void {
            // Ended at once, like any element.
            self.close_to(self.open.len() - 1);
        }
    }

    fn end(&mut self, tag: Tag) {
        let open = match tag {
            _ if !self.is_open(tag) => None,
            Tag::Heading(_) => self.find(|t| matches!(t, Tag::Heading(_)), |_| false),
            _ => self.find(|t| t == tag, |_| false),
        };
        match open {
            Some(index) => self.close_to(index),
            // A stray `</p>` still separates what comes before from what follows.
            None if tag == Tag::Paragraph => self.start(tag, None, true),
            None => {}
        }
    }
}

/// Reads an HTML fragment into `sink`, as it goes: memory holds one
/// element only when the sink asks for it whole, and once the sink is done
/// (a limit was passed), the rest of the input is not even tokenized.
/// Elements still open at the end of the input end there.
///
/// `sink` is a trait object so that the builder exists once in the bundle,
/// not once per caller.
pub fn build<'a>(html: &'a str, sink: &mut dyn Sink<'a>) {
    let mut builder = Builder::new(sink);
    // Inside a dropped subtree: its element name and how many are open.
    let mut dropping: Option<(Cow<str>, usize)> = None;
    for token in Tokenizer::new(html) {
        if let Some((name, depth)) = &mut dropping {
            match &token {
                Token::Start { name: n, .. } if n == name => *depth += 1,
                Token::End { name: n } if n == name => *depth -= 1,
                _ => {}
            }
            if *depth == 0 {
                dropping = None;
            }
            continue;
        }
        match token {
            Token::Text(text) => builder.text(text),
            Token::Start { name, attrs } => match kind(&name) {
                Kind::Keep(tag) => builder.start(tag, Some(attrs), false),
                Kind::Void(Some(tag)) => builder.start(tag, Some(attrs), true),
                Kind::Subtree => dropping = Some((name, 1)),
                Kind::Void(None) | Kind::Unwrap => {}
            },
            Token::End { name } => match kind(&name) {
                Kind::Keep(tag) => builder.end(tag),
                // Browsers read `</br>` as `<br>`.
                Kind::Void(Some(Tag::Break)) => builder.start(Tag::Break, None, true),
                _ => {}
            },
        }
        if builder.sink.done() {
            return;
        }
    }
    builder.close_to(1);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nodes as compact markup, for readable expectations.
    fn show<'t, 'a>(nodes: impl Iterator<Item = Node<'t, 'a>>) -> String
    where
        'a: 't,
    {
        nodes
            .map(|node| match node.item() {
                Item::Text(text) => text.to_string(),
                Item::Element { tag, attrs } => {
                    let name = format!("{tag:?}").to_lowercase();
                    let attrs: String = attrs.iter().map(|(n, v)| format!(" {n}={v}")).collect();
                    format!("[{name}{attrs}]{}[/]", show(node.children()))
                }
            })
            .collect()
    }

    /// Writes what it is told as the same markup (an element given whole
    /// in `<...>`), and the text parts one by one; done once the markup
    /// ends with `stop`.
    #[derive(Default)]
    struct Shown {
        markup: String,
        texts: Vec<String>,
        whole: Option<Tag>,
        stop: Option<&'static str>,
    }

    impl<'a> Sink<'a> for Shown {
        fn open(&mut self, tag: Tag, attrs: &Attrs<'a>) -> bool {
            if self.whole == Some(tag) {
                return true;
            }
            let name = format!("{tag:?}").to_lowercase();
            let attrs: String = attrs.iter().map(|(n, v)| format!(" {n}={v}")).collect();
            self.markup += &format!("[{name}{attrs}]");
            false
        }

        fn close(&mut self) {
            self.markup += "[/]";
        }

        fn text(&mut self, text: &str) {
            self.markup += text;
            self.texts.push(text.to_owned());
        }

        fn element(&mut self, element: Node<'_, 'a>) {
            self.markup += &format!("<{}>", show([element].into_iter()));
        }

        fn done(&self) -> bool {
            self.stop.is_some_and(|stop| self.markup.ends_with(stop))
        }
    }

    fn read(html: &str, mut sink: Shown) -> Shown {
        build(html, &mut sink);
        sink
    }

    fn tree(html: &str) -> String {
        read(html, Shown::default()).markup
    }

    #[test]
    fn every_known_name_is_found() {
        assert!(KINDS.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for (key, _) in KINDS {
            let name = std::str::from_utf8(key).unwrap().trim_end_matches('\0');
            assert!(!matches!(kind(name), Kind::Unwrap), "{name}");
        }
        assert!(matches!(kind("a"), Kind::Keep(Tag::Link)));
        assert!(matches!(kind("wbr"), Kind::Void(None)));
        assert!(matches!(kind("span"), Kind::Unwrap));
        assert!(matches!(kind("9"), Kind::Unwrap));
        assert!(matches!(kind("figcaption"), Kind::Keep(Tag::Caption)));
        assert!(matches!(kind("h7"), Kind::Unwrap));
        assert!(matches!(kind("a-very-long-custom-element"), Kind::Unwrap));
    }

    #[test]
    fn keeps_allowed_elements_and_attributes_only() {
        assert_eq!(
            tree("<p class=x onclick=y>Hi <a href=/a onmouseover=z>you</a><span style=s>!</span></p>"),
            "[paragraph]Hi [link href=/a]you[/]![/]"
        );
        assert_eq!(
            tree("<img src=a.jpg alt=A onerror=x width=10 style=s>"),
            "[image src=a.jpg alt=A width=10][/]"
        );
        assert_eq!(
            tree("<b>B</b><i>I</i><kbd>K</kbd><u>U</u>"),
            "[strong]B[/][em]I[/][code]K[/]U"
        );
    }

    #[test]
    fn drops_subtrees_that_are_not_content() {
        assert_eq!(
            tree("a<template><p>x<template>y</template>z</p></template>b"),
            "ab"
        );
        assert_eq!(
            tree("a<script>alert(1)</script>b<style>p{}</style>c"),
            "abc"
        );
        assert_eq!(
            tree("<svg><text>Chart</text><script>alert(1)</script></svg>"),
            "Chart"
        );
        assert_eq!(
            tree("<form><button>Go</button><input></form>"),
            "[block]Go[/]"
        );
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(
            tree("<p>one<p>two<div>three</div>"),
            "[paragraph]one[/][paragraph]two[/][block]three[/]"
        );
        assert_eq!(
            tree("<ul><li>a<li>b<ol><li>c</ol></ul>"),
            "[list { ordered: false }][item]a[/][item]b[list { ordered: true }][item]c[/][/][/][/]"
        );
        assert_eq!(tree("<h2>A<h3>B</h2>"), "[heading(2)]A[/][heading(3)]B[/]");
        assert_eq!(
            tree("<a href=1>x<a href=2>y"),
            "[link href=1]x[/][link href=2]y[/]"
        );
        assert_eq!(tree("a</p>b</br>c</em>"), "a[paragraph][/]b[break][/]c");
        assert_eq!(tree("<em><p>x</em>y"), "[em][paragraph]x[/][/]y");
    }

    #[test]
    fn depth_is_bounded() {
        let html = format!("{}deep{}", "<em>".repeat(10_000), "</em>".repeat(10_000));
        let expected = format!(
            "{}deep{}",
            "[em]".repeat(MAX_DEPTH),
            "[/]".repeat(MAX_DEPTH)
        );
        assert_eq!(tree(&html), expected);
    }

    #[test]
    fn elements_end_with_the_input() {
        assert_eq!(
            tree("<ul><li>a<p>b"),
            "[list { ordered: false }][item]a[paragraph]b[/][/][/]"
        );
    }

    #[test]
    fn text_comes_in_one_piece_inside_an_element() {
        let sink = read(
            "a<!-- -->b<span>c</span><p>d<!-- -->e<span>f</span>g<br>h</p>",
            Shown::default(),
        );
        assert_eq!(sink.texts, ["a", "b", "c", "defg", "h"]);
    }

    #[test]
    fn elements_asked_for_whole_come_as_trees() {
        let sink = Shown {
            whole: Some(Tag::Figure),
            ..Shown::default()
        };
        assert_eq!(
            read(
                "<p>x<figure><img src=a>y<figure>z</figure></figure>w</p>v",
                sink
            )
            .markup,
            "[paragraph]x[/]<[figure][image src=a][/]y[figure]z[/][/]>w[paragraph][/]v"
        );
    }

    #[test]
    fn reading_stops_once_the_sink_is_done() {
        let sink = Shown {
            stop: Some("[heading(2)]d[/]"),
            ..Shown::default()
        };
        assert_eq!(
            read("<p>a<b>b</b></p>c<br><h2>d</h2><p>never read", sink).markup,
            "[paragraph]a[strong]b[/][/]c[break][/][heading(2)]d[/]"
        );
    }

    #[test]
    fn attributes_keep_the_first_of_each_name() {
        assert_eq!(
            tree("<a HREF=/first href=/second title=t>x</a><p href=/p>y</p>"),
            "[link href=/first]x[/][paragraph]y[/]"
        );
    }
}
