//! The allow-list tree builder: turns tokens into a tree holding only the
//! elements the article model can express, with only the attributes it
//! needs. Every other element is dropped and its text kept in place;
//! `template` and `head` are dropped with everything in them, and raw-text
//! elements (`script`, `style`, ...) never had their contents tokenized.
//!
//! Implied end tags follow the HTML rules that matter for prose (a block
//! closes an open `p`, a new `li` closes the previous one, headings do not
//! nest, links do not nest), so sloppy CMS markup groups the way a browser
//! would show it.

use super::html::{Token, Tokenizer};

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

    /// Attributes the model reads; all others (`on*`, `style`, ...) are dropped here.
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Text(String),
    Element(Element),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub tag: Tag,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Deeper elements are flattened (their text kept), so walking the tree
/// recursively can never exhaust the stack.
const MAX_DEPTH: usize = 100;

enum Kind {
    Keep(Tag),
    /// No contents and no end tag; `None` when the element is dropped.
    Void(Option<Tag>),
    /// Dropped with everything inside it.
    Subtree,
    /// Dropped; its contents stay where they are.
    Unwrap,
}

fn kind(name: &str) -> Kind {
    let keep = Kind::Keep;
    match name {
        "p" => keep(Tag::Paragraph),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => keep(Tag::Heading(name.as_bytes()[1] - b'0')),
        "ul" | "menu" | "dir" => keep(Tag::List { ordered: false }),
        "ol" => keep(Tag::List { ordered: true }),
        "li" => keep(Tag::Item),
        "blockquote" => keep(Tag::Quote),
        "cite" => keep(Tag::Cite),
        "figure" => keep(Tag::Figure),
        "figcaption" => keep(Tag::Caption),
        "a" => keep(Tag::Link),
        "em" | "i" => keep(Tag::Em),
        "strong" | "b" => keep(Tag::Strong),
        "code" | "kbd" | "samp" | "tt" => keep(Tag::Code),
        "pre" | "listing" => keep(Tag::Pre),
        "address" | "article" | "aside" | "caption" | "center" | "dd" | "details" | "dialog"
        | "div" | "dl" | "dt" | "fieldset" | "footer" | "form" | "header" | "hgroup" | "legend"
        | "main" | "nav" | "search" | "section" | "summary" | "table" | "tbody" | "td"
        | "tfoot" | "th" | "thead" | "tr" => keep(Tag::Block),
        "br" => Kind::Void(Some(Tag::Break)),
        "img" | "image" => Kind::Void(Some(Tag::Image)),
        "hr" => Kind::Void(Some(Tag::Block)),
        "area" | "base" | "basefont" | "bgsound" | "col" | "embed" | "frame" | "input"
        | "keygen" | "link" | "meta" | "param" | "source" | "track" | "wbr" => Kind::Void(None),
        "template" | "head" => Kind::Subtree,
        _ => Kind::Unwrap,
    }
}

struct Builder {
    /// Open elements; the first is the fragment's root and is never closed.
    open: Vec<Element>,
    /// How many elements of each kind are open (the root not counted), so
    /// an end tag or implied end with nothing to close costs nothing rather
    /// than a walk down the stack.
    open_counts: [u32; Tag::KINDS],
}

impl Builder {
    fn element(tag: Tag, attrs: Vec<(String, String)>) -> Element {
        Element {
            attrs: attrs.into_iter().filter(|(n, _)| tag.keeps(n)).collect(),
            tag,
            children: Vec::new(),
        }
    }

    fn top(&mut self) -> &mut Element {
        self.open.last_mut().expect("the root stays open")
    }

    fn append(&mut self, node: Node) {
        let children = &mut self.top().children;
        match (children.last_mut(), node) {
            (Some(Node::Text(previous)), Node::Text(text)) => previous.push_str(&text),
            (_, node) => children.push(node),
        }
    }

    /// Index of the innermost open element matching `wanted`, looking no
    /// further down than the first one matching `stop`.
    fn find(&self, wanted: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) -> Option<usize> {
        for (i, element) in self.open.iter().enumerate().skip(1).rev() {
            if wanted(element.tag) {
                return Some(i);
            }
            if stop(element.tag) {
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
            self.append(Node::Element(element));
        }
    }

    /// Whether an element of `tag`'s kind (any heading, for a heading) is open.
    fn is_open(&self, tag: Tag) -> bool {
        self.open_counts[tag.kind_index()] > 0
    }

    fn start(&mut self, tag: Tag, attrs: Vec<(String, String)>, void: bool) {
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
        let element = Self::element(tag, attrs);
        if void {
            self.append(Node::Element(element));
        } else if self.open.len() <= MAX_DEPTH {
            self.open_counts[tag.kind_index()] += 1;
            self.open.push(element);
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
            None if tag == Tag::Paragraph => self.start(tag, Vec::new(), true),
            None => {}
        }
    }
}

/// The allow-listed tree of an HTML fragment: its root's children.
pub fn build(html: &str) -> Vec<Node> {
    let mut builder = Builder {
        open: vec![Builder::element(Tag::Block, Vec::new())],
        open_counts: [0; Tag::KINDS],
    };
    // Inside a dropped subtree: its element name and how many are open.
    let mut dropping: Option<(String, usize)> = None;
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
            Token::Text(text) => builder.append(Node::Text(text)),
            Token::Start { name, attrs } => match kind(&name) {
                Kind::Keep(tag) => builder.start(tag, attrs, false),
                Kind::Void(Some(tag)) => builder.start(tag, attrs, true),
                Kind::Subtree => dropping = Some((name, 1)),
                Kind::Void(None) | Kind::Unwrap => {}
            },
            Token::End { name } => match kind(&name) {
                Kind::Keep(tag) => builder.end(tag),
                // Browsers read `</br>` as `<br>`.
                Kind::Void(Some(Tag::Break)) => builder.start(Tag::Break, Vec::new(), true),
                _ => {}
            },
        }
    }
    builder.close_to(1);
    builder
        .open
        .pop()
        .map(|root| root.children)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as compact markup, for readable expectations.
    fn show(nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|node| match node {
                Node::Text(text) => text.clone(),
                Node::Element(e) => {
                    let name = format!("{:?}", e.tag).to_lowercase();
                    let attrs: String = e.attrs.iter().map(|(n, v)| format!(" {n}={v}")).collect();
                    format!("[{name}{attrs}]{}[/]", show(&e.children))
                }
            })
            .collect()
    }

    fn tree(html: &str) -> String {
        show(&build(html))
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
        let mut nodes = build(&html);
        let mut depth = 0;
        while let Some(Node::Element(e)) = nodes.first() {
            depth += 1;
            nodes = e.children.clone();
        }
        assert_eq!(depth, MAX_DEPTH);
        assert_eq!(nodes, [Node::Text("deep".to_owned())]);
    }
}
