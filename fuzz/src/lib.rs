//! Invariants the fuzz targets check on what the model produces: everything
//! it accepts is safe to render, and it reads the same when written back as
//! an `article/1` document (the model has no serializer of its own: the
//! widget never writes documents, so this one lives here, for the checks).

use std::collections::HashSet;

use article_model::{
    read_value, Article, Author, Block, Image, Inline, Poll, Section, MAX_BLOCKS, MAX_SECTIONS,
};
use serde_json::{json, Map, Value};

pub mod gen;

/// The checks for a whole article.
pub fn check_article(article: &Article) {
    assert!(article.sections.len() <= MAX_SECTIONS);
    assert!(article.blocks().count() <= MAX_BLOCKS);
    check_section_ids(&article.sections);
    if let Some(url) = &article.url {
        assert_web_url(url);
    }
    for author in &article.authors {
        if let Some(url) = &author.url {
            assert_link(url);
        }
    }
    if let Some(hero) = &article.hero {
        check_image(hero);
    }
    article.blocks().for_each(check_block);
    if let Some(related) = &article.related {
        for item in &related.items {
            assert_web_url(&item.url);
            if let Some(image) = &item.image {
                check_image(image);
            }
        }
    }
}

/// Section ids are non-empty, unique, and free of spaces and `#`.
pub fn check_section_ids(sections: &[Section]) {
    let mut ids = HashSet::new();
    for section in sections {
        let id = &section.id;
        assert!(!id.is_empty(), "an empty section id");
        assert!(
            !id.contains(|c: char| c.is_whitespace() || c == '#'),
            "section id {id:?} has a space or '#'"
        );
        assert!(ids.insert(id.clone()), "section id {id:?} is not unique");
    }
}

pub fn check_block(block: &Block) {
    match block {
        Block::Paragraph(text) => check_inline(text),
        Block::Quote { text, .. } => check_inline(text),
        Block::List { items, .. } => items.iter().for_each(check_inline),
        Block::Image(image) => check_image(image),
        Block::Embed { url, .. } => assert_web_url(url),
        Block::Poll(poll) => {
            assert!(!poll.options.is_empty(), "a poll without options");
            if let Some(endpoint) = &poll.endpoint {
                assert_web_url(endpoint);
            }
        }
        Block::Subheading(_) => {}
    }
}

fn check_inline(text: &Inline) {
    for span in text {
        if let Some(href) = &span.href {
            assert_link(href);
        }
    }
}

fn check_image(image: &Image) {
    assert_web_url(&image.src);
}

/// An absolute http(s) URL, the same after the browser's cleaning, and
/// http(s) to the WHATWG parser too.
pub fn assert_web_url(url: &str) {
    assert_eq!(article_model::url::clean(url), url, "not clean: {url:?}");
    let lower = url.to_ascii_lowercase();
    assert!(
        lower.starts_with("http://") || lower.starts_with("https://"),
        "not an absolute http(s) URL: {url:?}"
    );
    if let Ok(parsed) = url::Url::parse(url) {
        let scheme = parsed.scheme();
        assert!(
            scheme == "http" || scheme == "https",
            "{url:?} is {scheme} to a browser"
        );
    }
}

/// An absolute http(s) or mailto URL, the same after the browser's cleaning.
pub fn assert_link(url: &str) {
    if url
        .get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"))
    {
        assert_eq!(article_model::url::clean(url), url, "not clean: {url:?}");
    } else {
        assert_web_url(url);
    }
}

/// Writes an article back as an `article/1` document, every field the model
/// has, so that reading it again must give the same article.
pub fn write_article(article: &Article) -> Value {
    let mut doc = Map::new();
    doc.insert("format".into(), json!("article/1"));
    doc.insert("id".into(), json!(article.id));
    doc.insert("title".into(), json!(article.title));
    put(&mut doc, "dek", &article.dek);
    put(&mut doc, "url", &article.url);
    doc.insert("lang".into(), json!(article.lang));
    doc.insert("dir".into(), json!(article.dir.as_str()));
    put(&mut doc, "published", &article.published);
    put(&mut doc, "updated", &article.updated);
    let authors: Vec<Value> = article.authors.iter().map(write_author).collect();
    doc.insert("authors".into(), Value::Array(authors));
    if let Some(hero) = &article.hero {
        doc.insert("hero".into(), write_image(hero));
    }
    doc.insert("lead".into(), write_blocks(&article.lead));
    let sections = article.sections.iter().map(|section| {
        json!({
            "id": section.id,
            "heading": section.heading,
            "collapsed": section.collapsed,
            "blocks": write_blocks(&section.blocks),
        })
    });
    doc.insert("sections".into(), Value::Array(sections.collect()));
    if let Some(related) = &article.related {
        let items = related.items.iter().map(|item| {
            let mut out = Map::new();
            out.insert("url".into(), json!(item.url));
            out.insert("title".into(), json!(item.title));
            put(&mut out, "description", &item.description);
            put(&mut out, "source", &item.source);
            if let Some(image) = &item.image {
                out.insert("image".into(), write_image(image));
            }
            put(&mut out, "intro", &item.intro);
            Value::Object(out)
        });
        let mut out = Map::new();
        put(&mut out, "title", &related.title);
        out.insert("items".into(), Value::Array(items.collect()));
        doc.insert("related".into(), Value::Object(out));
    }
    Value::Object(doc)
}

/// Reads what [`write_article`] wrote and expects the same article back.
pub fn check_round_trip(article: &Article, base: &str) {
    let written = write_article(article);
    let again = match read_value(&written, base, None) {
        Ok(again) => again.article,
        Err(error) => {
            panic!("the model written back as article/1 is refused: {error}\n{written:#}")
        }
    };
    assert_eq!(
        &again, article,
        "the model written back reads differently"
    );
}

fn put(object: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(value) = value {
        object.insert(key.into(), json!(value));
    }
}

fn write_author(author: &Author) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(author.name));
    put(&mut out, "url", &author.url);
    Value::Object(out)
}

fn write_image(image: &Image) -> Value {
    let mut out = Map::new();
    out.insert("src".into(), json!(image.src));
    out.insert("alt".into(), json!(image.alt));
    put(&mut out, "caption", &image.caption);
    put(&mut out, "credit", &image.credit);
    if let Some(width) = image.width {
        out.insert("width".into(), json!(width));
    }
    if let Some(height) = image.height {
        out.insert("height".into(), json!(height));
    }
    Value::Object(out)
}

fn write_blocks(blocks: &[Block]) -> Value {
    Value::Array(blocks.iter().map(write_block).collect())
}

fn write_block(block: &Block) -> Value {
    match block {
        Block::Paragraph(text) => json!({ "type": "paragraph", "text": write_inline(text) }),
        Block::Subheading(text) => json!({ "type": "subheading", "text": text }),
        Block::Quote { text, cite } => {
            let mut out = Map::new();
            out.insert("type".into(), json!("quote"));
            out.insert("text".into(), write_inline(text));
            put(&mut out, "cite", cite);
            Value::Object(out)
        }
        Block::List { ordered, items } => json!({
            "type": "list",
            "ordered": ordered,
            "items": items.iter().map(write_inline).collect::<Vec<_>>(),
        }),
        Block::Image(image) => {
            let mut out = write_image(image);
            out["type"] = json!("image");
            out
        }
        Block::Embed {
            url,
            title,
            provider,
        } => {
            let mut out = Map::new();
            out.insert("type".into(), json!("embed"));
            out.insert("url".into(), json!(url));
            out.insert("title".into(), json!(title));
            put(&mut out, "provider", provider);
            Value::Object(out)
        }
        Block::Poll(poll) => write_poll(poll),
    }
}

fn write_poll(poll: &Poll) -> Value {
    let mut out = Map::new();
    out.insert("type".into(), json!("poll"));
    out.insert("id".into(), json!(poll.id));
    out.insert("question".into(), json!(poll.question));
    let options = poll
        .options
        .iter()
        .map(|o| json!({ "id": o.id, "label": o.label }));
    out.insert("options".into(), Value::Array(options.collect()));
    out.insert("multiple".into(), json!(poll.multiple));
    put(&mut out, "closes_at", &poll.closes_at);
    put(&mut out, "endpoint", &poll.endpoint);
    if let Some(results) = &poll.results {
        out.insert("results".into(), json!(results));
    }
    Value::Object(out)
}

/// Every span as an object, so marks and links are kept.
fn write_inline(text: &Inline) -> Value {
    let spans = text.iter().map(|span| {
        let mut marks = Vec::new();
        for (on, name) in [
            (span.marks.em, "em"),
            (span.marks.strong, "strong"),
            (span.marks.code, "code"),
        ] {
            if on {
                marks.push(name);
            }
        }
        let mut out = Map::new();
        out.insert("text".into(), json!(span.text));
        out.insert("marks".into(), json!(marks));
        put(&mut out, "href", &span.href);
        Value::Object(out)
    });
    Value::Array(spans.collect())
}
