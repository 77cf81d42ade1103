//! Reading an article document: never panics, everything it accepts is safe
//! to render, and the model depends only on the JSON value, not its spelling.
#![no_main]

use article_model::{
    parse_article, Article, Block, DocError, Image, Inline, MAX_BLOCKS, MAX_SECTIONS,
};
use libfuzzer_sys::fuzz_target;

const BASE: &str = "https://news.example/articles/2024/story.json?v=1";

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let result = parse_article(json, BASE);
    match &result {
        Ok(article) => check_article(article),
        Err(error) => assert!(!error.to_string().is_empty(), "an empty error message"),
    }
    // The same JSON value written differently reads the same (size aside).
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
        let respelled = serde_json::to_string_pretty(&value).expect("a Value serialises");
        let again = parse_article(&respelled, BASE);
        let too_large = |r: &Result<Article, DocError>| matches!(r, Err(DocError::TooLarge { .. }));
        if !too_large(&result) && !too_large(&again) {
            assert_eq!(result, again, "re-serialised document reads differently");
        }
    }
});

fn check_article(article: &Article) {
    assert!(article.sections.len() <= MAX_SECTIONS);
    assert!(article.blocks().count() <= MAX_BLOCKS);
    let mut ids = std::collections::HashSet::new();
    for section in &article.sections {
        let id = &section.id;
        assert!(!id.is_empty(), "an empty section id");
        assert!(
            !id.contains(|c: char| c.is_whitespace() || c == '#'),
            "section id {id:?} has a space or '#'"
        );
        assert!(ids.insert(id.clone()), "section id {id:?} is not unique");
    }
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
    for block in article.blocks() {
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
    if let Some(related) = &article.related {
        for item in &related.items {
            assert_web_url(&item.url);
            if let Some(image) = &item.image {
                check_image(image);
            }
        }
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

/// What the browser makes of `url` as an `href`/`src`: its scheme, lowercase.
fn browser_scheme(url: &str) -> Option<String> {
    url::Url::parse(url).ok().map(|u| u.scheme().to_owned())
}

/// An absolute http(s) URL, the same after the browser's cleaning.
fn assert_web_url(url: &str) {
    assert_eq!(article_model::url::clean(url), url, "not clean: {url:?}");
    let lower = url.to_ascii_lowercase();
    assert!(
        lower.starts_with("http://") || lower.starts_with("https://"),
        "not an absolute http(s) URL: {url:?}"
    );
    if let Some(scheme) = browser_scheme(url) {
        assert!(scheme == "http" || scheme == "https", "{url:?} is {scheme} to a browser");
    }
}

/// An absolute http(s) or mailto URL, the same after the browser's cleaning.
fn assert_link(url: &str) {
    if url.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:")) {
        assert_eq!(article_model::url::clean(url), url, "not clean: {url:?}");
    } else {
        assert_web_url(url);
    }
}
