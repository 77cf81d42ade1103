//! The JSON Feed adapter, on feeds and lone items built around fuzzed
//! strings, HTML bodies and URLs: never panics, what it accepts is safe to
//! render and reads the same written back as `article/1`, the item chosen
//! is the one asked for, and the feed lends its title and language only to
//! items without their own.
#![no_main]

use arbitrary::Arbitrary;
use article_fuzz::gen::{html, put, FuzzDate, FuzzHtml, FuzzId, FuzzUrl};
use article_fuzz::{check_article, check_round_trip};
use article_model::{detect, read, read_value, Format, Reading};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const BASE: &str = "https://news.example/feeds/main.json";

#[derive(Arbitrary, Debug)]
struct Author {
    name: Option<String>,
    url: Option<FuzzUrl>,
}

#[derive(Arbitrary, Debug)]
enum Content {
    Html(Vec<FuzzHtml>),
    Text(String),
    Both(Vec<FuzzHtml>, String),
    Neither,
}

#[derive(Arbitrary, Debug)]
struct Item {
    id: FuzzId,
    title: Option<String>,
    summary: Option<String>,
    content: Content,
    url: Option<FuzzUrl>,
    image: Option<FuzzUrl>,
    banner_image: Option<FuzzUrl>,
    date_published: Option<FuzzDate>,
    date_modified: Option<FuzzDate>,
    language: Option<String>,
    authors: Option<Vec<Author>>,
    author: Option<Author>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// A whole feed, or its first item on its own.
    whole_feed: bool,
    version: u8,
    title: Option<String>,
    language: Option<String>,
    authors: Option<Vec<Author>>,
    items: Vec<Item>,
    /// `?item=`: an item's id, a position, or anything.
    pick: Option<Pick>,
}

#[derive(Arbitrary, Debug)]
enum Pick {
    IdOf(usize),
    Position(usize),
    Raw(String),
}

fn author(a: &Author) -> Value {
    let mut out = Map::new();
    put(&mut out, "name", a.name.as_ref().map(|n| json!(n)));
    put(&mut out, "url", a.url.as_ref().map(|u| json!(u.text())));
    Value::Object(out)
}

fn item(i: &Item) -> Value {
    let mut out = Map::new();
    put(&mut out, "id", i.id.value());
    put(&mut out, "title", i.title.as_ref().map(|t| json!(t)));
    put(&mut out, "summary", i.summary.as_ref().map(|t| json!(t)));
    match &i.content {
        Content::Html(pieces) => put(&mut out, "content_html", Some(json!(html(pieces)))),
        Content::Text(text) => put(&mut out, "content_text", Some(json!(text))),
        Content::Both(pieces, text) => {
            put(&mut out, "content_html", Some(json!(html(pieces))));
            put(&mut out, "content_text", Some(json!(text)));
        }
        Content::Neither => {}
    }
    put(&mut out, "url", i.url.as_ref().map(|u| json!(u.text())));
    put(&mut out, "image", i.image.as_ref().map(|u| json!(u.text())));
    put(
        &mut out,
        "banner_image",
        i.banner_image.as_ref().map(|u| json!(u.text())),
    );
    put(
        &mut out,
        "date_published",
        i.date_published.as_ref().map(|d| json!(d.text())),
    );
    put(
        &mut out,
        "date_modified",
        i.date_modified.as_ref().map(|d| json!(d.text())),
    );
    put(&mut out, "language", i.language.as_ref().map(|l| json!(l)));
    put(
        &mut out,
        "authors",
        i.authors.as_ref().map(|l| l.iter().map(author).collect()),
    );
    put(&mut out, "author", i.author.as_ref().map(author));
    Value::Object(out)
}

fuzz_target!(|input: Input| {
    let items: Vec<Value> = input.items.iter().map(item).collect();
    let version = match input.version % 4 {
        0 => "https://jsonfeed.org/version/1.1",
        1 => "https://jsonfeed.org/version/1",
        2 => "http://jsonfeed.org/version/1.0",
        _ => "https://jsonfeed.org/version/2",
    };
    let (document, selector, chosen) = if input.whole_feed {
        let mut feed = Map::new();
        feed.insert("version".into(), json!(version));
        put(&mut feed, "title", input.title.as_ref().map(|t| json!(t)));
        put(
            &mut feed,
            "language",
            input.language.as_ref().map(|t| json!(t)),
        );
        put(
            &mut feed,
            "authors",
            input
                .authors
                .as_ref()
                .map(|l| l.iter().map(author).collect()),
        );
        feed.insert("items".into(), Value::Array(items));
        let n = input.items.len().max(1);
        let (selector, chosen) = match &input.pick {
            None => (None, Some(0)),
            Some(Pick::IdOf(i)) => (input.items.get(i % n).and_then(|it| it.id.selector()), None),
            Some(Pick::Position(p)) => (Some((p % (n + 1)).to_string()), None),
            Some(Pick::Raw(s)) => (Some(s.clone()), None),
        };
        (Value::Object(feed), selector, chosen)
    } else {
        let Some(first) = items.into_iter().next() else {
            return;
        };
        (first, None, Some(0))
    };
    let format = detect(&document);
    if input.whole_feed {
        assert_eq!(format, Format::JsonFeed);
    }
    let result = read_value(&document, BASE, selector.as_deref());
    // The same document as text reads the same.
    let text = document.to_string();
    assert_eq!(read(&text, BASE, selector.as_deref()), result);
    let Ok(Reading { article, .. }) = result else {
        return;
    };
    check_article(&article);
    check_round_trip(&article, BASE);
    if format != Format::JsonFeed && format != Format::JsonFeedItem {
        return;
    }
    // The first item, when no other was asked for: its id and own title.
    if let Some(index) = chosen {
        let source = &input.items[index];
        if let Some(Value::String(id)) = source.id.value() {
            assert_eq!(article.id, id.chars().take(200).collect::<String>());
        }
        if let Some(title) = source.title.as_ref().filter(|t| !t.trim().is_empty()) {
            assert_eq!(&article.title, title, "the item's own title");
        }
    }
    assert!(!article.title.trim().is_empty());
});
