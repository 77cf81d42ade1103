//! The WordPress adapter, on posts and lists of posts built around fuzzed
//! strings, HTML and URLs (with and without `_embed`): never panics, what it
//! accepts is safe to render and reads the same written back as `article/1`,
//! and the same document read from its text or from its JSON value agrees.
#![no_main]

use arbitrary::Arbitrary;
use article_fuzz::gen::{html, put, FuzzDate, FuzzHtml, FuzzId, FuzzUrl};
use article_fuzz::{check_article, check_round_trip};
use article_model::{read, read_value, Reading};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const BASE: &str = "https://blog.example/wp-json/wp/v2/posts/42";

#[derive(Arbitrary, Debug)]
struct Author {
    name: Option<String>,
    link: Option<FuzzUrl>,
    /// What WordPress embeds for an author the reader may not see.
    forbidden: bool,
}

#[derive(Arbitrary, Debug)]
struct Media {
    media_type: Option<String>,
    source_url: Option<FuzzUrl>,
    alt_text: Option<String>,
    caption: Option<Vec<FuzzHtml>>,
    width: Option<u64>,
    height: Option<u64>,
}

#[derive(Arbitrary, Debug)]
struct Post {
    id: FuzzId,
    title: Option<Vec<FuzzHtml>>,
    content: Option<Vec<FuzzHtml>>,
    excerpt: Option<Vec<FuzzHtml>>,
    link: Option<FuzzUrl>,
    date_gmt: Option<FuzzDate>,
    modified_gmt: Option<FuzzDate>,
    format: Option<String>,
    authors: Option<Vec<Author>>,
    media: Option<Vec<Media>>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// A list of posts (`/posts?…`) or one post.
    list: bool,
    posts: Vec<Post>,
    pick: Option<String>,
}

fn rendered(pieces: &Option<Vec<FuzzHtml>>) -> Option<Value> {
    pieces
        .as_ref()
        .map(|p| json!({ "rendered": html(p), "protected": false }))
}

fn post(p: &Post) -> Value {
    let mut out = Map::new();
    put(&mut out, "id", p.id.value());
    put(&mut out, "title", rendered(&p.title));
    put(&mut out, "content", rendered(&p.content));
    put(&mut out, "excerpt", rendered(&p.excerpt));
    put(&mut out, "link", p.link.as_ref().map(|u| json!(u.text())));
    put(
        &mut out,
        "date_gmt",
        p.date_gmt.as_ref().map(|d| json!(d.text())),
    );
    put(
        &mut out,
        "modified_gmt",
        p.modified_gmt.as_ref().map(|d| json!(d.text())),
    );
    put(&mut out, "format", p.format.as_ref().map(|f| json!(f)));
    let mut embedded = Map::new();
    put(
        &mut embedded,
        "author",
        p.authors.as_ref().map(|list| {
            list.iter()
                .map(|a| {
                    if a.forbidden {
                        return json!({ "code": "rest_user_invalid_id", "message": "Invalid user ID." });
                    }
                    let mut out = Map::new();
                    put(&mut out, "name", a.name.as_ref().map(|n| json!(n)));
                    put(&mut out, "link", a.link.as_ref().map(|u| json!(u.text())));
                    Value::Object(out)
                })
                .collect()
        }),
    );
    put(
        &mut embedded,
        "wp:featuredmedia",
        p.media.as_ref().map(|list| {
            list.iter()
                .map(|m| {
                    let mut out = Map::new();
                    put(
                        &mut out,
                        "media_type",
                        m.media_type.as_ref().map(|t| json!(t)),
                    );
                    put(
                        &mut out,
                        "source_url",
                        m.source_url.as_ref().map(|u| json!(u.text())),
                    );
                    put(&mut out, "alt_text", m.alt_text.as_ref().map(|t| json!(t)));
                    put(&mut out, "caption", rendered(&m.caption));
                    let mut details = Map::new();
                    put(&mut details, "width", m.width.map(|n| json!(n)));
                    put(&mut details, "height", m.height.map(|n| json!(n)));
                    out.insert("media_details".into(), Value::Object(details));
                    Value::Object(out)
                })
                .collect()
        }),
    );
    if !embedded.is_empty() {
        out.insert("_embedded".into(), Value::Object(embedded));
    }
    Value::Object(out)
}

fuzz_target!(|input: Input| {
    let posts: Vec<Value> = input.posts.iter().map(post).collect();
    let document = if input.list {
        Value::Array(posts)
    } else {
        match posts.into_iter().next() {
            Some(one) => one,
            None => return,
        }
    };
    let pick = input.pick.as_deref().filter(|_| input.list);
    let result = read_value(&document, BASE, pick);
    assert_eq!(read(&document.to_string(), BASE, pick), result);
    let Ok(Reading { article, .. }) = result else {
        return;
    };
    check_article(&article);
    check_round_trip(&article, BASE);
    assert!(!article.title.trim().is_empty());
    // The REST API does not say which language a post is in.
    assert_eq!(article.lang, "en");
});
