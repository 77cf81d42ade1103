//! The article model the widget renders. Every value here has been checked:
//! URLs are safe and absolute, ids are unique, text is plain text.

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub dek: Option<String>,
    /// Canonical URL (http/https).
    pub url: Option<String>,
    /// BCP 47 language tag, `en` when the document gives none.
    pub lang: String,
    pub dir: TextDirection,
    /// RFC 3339 date-times, formatted by the browser in the reader's locale.
    pub published: Option<String>,
    pub updated: Option<String>,
    pub authors: Vec<Author>,
    pub hero: Option<Image>,
    pub lead: Vec<Block>,
    pub sections: Vec<Section>,
    pub related: Option<Related>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextDirection {
    Ltr,
    Rtl,
    #[default]
    Auto,
}

impl TextDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
            TextDirection::Auto => "auto",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Absolute http(s) URL.
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Unique in the document; the anchor for `#id` deep links.
    pub id: String,
    pub heading: String,
    pub collapsed: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Inline),
    Subheading(String),
    Quote {
        text: Inline,
        cite: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<Inline>,
    },
    Image(Image),
    Embed {
        url: String,
        title: String,
        provider: Option<String>,
    },
    Poll(Poll),
}

/// Inline text: a run of spans.
pub type Inline = Vec<Span>;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    pub text: String,
    pub marks: Marks,
    /// A safe link target (http, https or mailto), absent when the source
    /// had none or had an unsafe one.
    pub href: Option<String>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    pub em: bool,
    pub strong: bool,
    pub code: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub id: String,
    pub question: String,
    pub options: Vec<PollOption>,
    pub multiple: bool,
    pub closes_at: Option<String>,
    /// Absolute base URL of the poll service.
    pub endpoint: Option<String>,
    /// Snapshot counts by option id, shown when no service is reachable.
    pub results: Option<Counts>,
}

/// Counts by option id, each id once, in no particular order. (A short list
/// rather than a map: a poll has at most ten options, and a map's code would
/// cost the wasm about 3 KB gzip.)
pub type Counts = Vec<(String, u64)>;

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PollOption {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The block's own title; the widget shows its default when absent.
    pub title: Option<String>,
    pub items: Vec<RelatedItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedItem {
    pub url: String,
    pub title: String,
    pub description: Option<String>,
    pub source: Option<String>,
    pub image: Option<Image>,
    pub intro: Option<String>,
}

impl Article {
    /// Every block in reading order: the lead, then each section's.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.lead
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.blocks.iter()))
    }
}
