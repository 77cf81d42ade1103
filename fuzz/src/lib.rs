//! Invariants the fuzz targets check on what the model produces: everything
//! it accepts is safe to render.

use std::collections::HashSet;

use article_model::{Article, Block, Image, Inline, Section, MAX_BLOCKS, MAX_SECTIONS};

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
        Block::List { items, .. } => items.iter().for_each(|i| check_inline(i)),
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
        assert!(scheme == "http" || scheme == "https", "{url:?} is {scheme} to a browser");
    }
}

/// An absolute http(s) or mailto URL, the same after the browser's cleaning.
pub fn assert_link(url: &str) {
    if url.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:")) {
        assert_eq!(article_model::url::clean(url), url, "not clean: {url:?}");
    } else {
        assert_web_url(url);
    }
}
