//! Structured inputs for the format-adapter targets: the fuzzer chooses the
//! shape (which fields, which tags, which kinds of URL and date) and fills
//! in the strings, so every input is valid JSON of the right format and the
//! adapters' own logic is what gets exercised.

use arbitrary::Arbitrary;
use serde_json::{json, Value};

/// A URL field: relative, absolute, hostile or anything at all.
#[derive(Arbitrary, Debug)]
pub enum FuzzUrl {
    Relative(String),
    Http(String),
    Https(String),
    Mailto(String),
    Script(String),
    Data(String),
    ProtocolRelative(String),
    Raw(String),
}

impl FuzzUrl {
    pub fn text(&self) -> String {
        match self {
            FuzzUrl::Relative(s) | FuzzUrl::Raw(s) => s.clone(),
            FuzzUrl::Http(s) => format!("http://{s}"),
            FuzzUrl::Https(s) => format!("https://example.com/{s}"),
            FuzzUrl::Mailto(s) => format!("mailto:{s}"),
            FuzzUrl::Script(s) => format!("java\tscript:{s}"),
            FuzzUrl::Data(s) => format!("data:text/html,{s}"),
            FuzzUrl::ProtocolRelative(s) => format!("//{s}"),
        }
    }
}

/// A date field: well formed, nearly well formed, or anything.
#[derive(Arbitrary, Debug)]
pub enum FuzzDate {
    Utc {
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
    },
    /// WordPress's `*_gmt` form, without a zone.
    NoZone {
        year: u16,
        month: u8,
        day: u8,
    },
    Raw(String),
}

impl FuzzDate {
    pub fn text(&self) -> String {
        match self {
            FuzzDate::Utc {
                year,
                month,
                day,
                hour,
                minute,
            } => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
                year % 10_000,
                month % 14,
                day % 33,
                hour % 25,
                minute % 61
            ),
            FuzzDate::NoZone { year, month, day } => {
                format!(
                    "{:04}-{:02}-{:02}T09:30:00",
                    year % 10_000,
                    month % 13,
                    day % 32
                )
            }
            FuzzDate::Raw(s) => s.clone(),
        }
    }
}

/// An id as a feed or WordPress gives it.
#[derive(Arbitrary, Debug)]
pub enum FuzzId {
    Text(String),
    Number(i64),
    Float(f64),
    Missing,
}

impl FuzzId {
    pub fn value(&self) -> Option<Value> {
        match self {
            FuzzId::Text(s) => Some(json!(s)),
            FuzzId::Number(n) => Some(json!(n)),
            FuzzId::Float(f) => serde_json::Number::from_f64(*f).map(Value::Number),
            FuzzId::Missing => None,
        }
    }

    /// The id as `?item=` would name it.
    pub fn selector(&self) -> Option<String> {
        match self.value()? {
            Value::String(s) => Some(s),
            other => Some(other.to_string()),
        }
    }
}

/// The elements the allow-list knows, and some it must drop.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FuzzTag {
    P,
    H1,
    H2,
    H3,
    H4,
    H6,
    Ul,
    Ol,
    Li,
    Blockquote,
    Cite,
    Figure,
    Figcaption,
    A,
    Em,
    I,
    Strong,
    B,
    Code,
    Pre,
    Div,
    Section,
    Table,
    Td,
    Span,
    Script,
    Style,
    Template,
    Iframe,
    Svg,
    Noscript,
    Textarea,
}

impl FuzzTag {
    fn name(self) -> &'static str {
        use FuzzTag::*;
        match self {
            P => "p",
            H1 => "h1",
            H2 => "h2",
            H3 => "h3",
            H4 => "h4",
            H6 => "h6",
            Ul => "ul",
            Ol => "ol",
            Li => "li",
            Blockquote => "blockquote",
            Cite => "cite",
            Figure => "figure",
            Figcaption => "figcaption",
            A => "a",
            Em => "em",
            I => "i",
            Strong => "strong",
            B => "b",
            Code => "code",
            Pre => "pre",
            Div => "div",
            Section => "section",
            Table => "table",
            Td => "td",
            Span => "span",
            Script => "script",
            Style => "style",
            Template => "template",
            Iframe => "iframe",
            Svg => "svg",
            Noscript => "noscript",
            Textarea => "textarea",
        }
    }
}

/// A piece of an HTML body.
#[derive(Arbitrary, Debug)]
pub enum FuzzHtml {
    Text(String),
    Open(FuzzTag),
    Close(FuzzTag),
    Link(FuzzUrl),
    Image {
        src: FuzzUrl,
        alt: String,
        width: Option<u32>,
        lazy: bool,
    },
    Break,
    Entity(String),
    Comment(String),
    Raw(String),
}

/// Writes the pieces out as HTML; attribute values are quoted, and quotes
/// inside them become `&quot;` as a CMS would write them.
pub fn html(pieces: &[FuzzHtml]) -> String {
    let attr = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;");
    let mut out = String::new();
    for piece in pieces {
        match piece {
            FuzzHtml::Text(s) => out.push_str(&s.replace('<', "&lt;")),
            FuzzHtml::Open(tag) => out.push_str(&format!("<{}>", tag.name())),
            FuzzHtml::Close(tag) => out.push_str(&format!("</{}>", tag.name())),
            FuzzHtml::Link(url) => out.push_str(&format!("<a href=\"{}\">", attr(&url.text()))),
            FuzzHtml::Image {
                src,
                alt,
                width,
                lazy,
            } => {
                let src_name = if *lazy { "data-src" } else { "src" };
                out.push_str(&format!(
                    "<img {src_name}=\"{}\" alt=\"{}\"",
                    attr(&src.text()),
                    attr(alt)
                ));
                if let Some(width) = width {
                    out.push_str(&format!(" width=\"{width}\""));
                }
                out.push('>');
            }
            FuzzHtml::Break => out.push_str("<br>"),
            FuzzHtml::Entity(name) => out.push_str(&format!("&{name};")),
            FuzzHtml::Comment(s) => out.push_str(&format!("<!--{s}-->")),
            FuzzHtml::Raw(s) => out.push_str(s),
        }
    }
    out
}

/// Puts `value` under `key` when there is one.
pub fn put(object: &mut serde_json::Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value);
    }
}
