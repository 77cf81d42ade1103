//! The renderer's markup: complete, deterministic, and nothing from a
//! document ever becomes markup (the model's hostile vectors run through it).

use serde_json::{json, Value};
use widget::prerender::{json_ld, render_embed, EmbedMode, EmbedOptions};
use widget::WidgetOptions;

const SEED: &str = include_str!("../../public/articles/iraq.json");
const VECTORS: &str = include_str!("../../tests/e2e/fixtures/formats-xss-vectors.json");
const SRC: &str = "https://news.example/articles/iraq.json";

fn options(mode: EmbedMode) -> EmbedOptions {
    EmbedOptions {
        widget: WidgetOptions {
            src: SRC.to_owned(),
            ..WidgetOptions::default()
        },
        mode,
        widget_base: "https://widgets.example/".to_owned(),
    }
}

fn render(document: &str) -> String {
    render_embed(document, &options(EmbedMode::Placeholder)).expect("renders")
}

/// The markup's structure: each tag's name and its attributes' names, in
/// order, with every text and attribute value left out. Text is escaped, so
/// a `<` outside a quoted attribute value is always the start of a tag.
fn skeleton(html: &str) -> Vec<String> {
    tags(html, false)
}

/// Every tag as written (`keep_values`) or with its attribute values left out.
fn tags(html: &str, keep_values: bool) -> Vec<String> {
    let mut tags = Vec::new();
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '<' {
            continue;
        }
        let mut tag = String::new();
        let mut quote = None;
        for c in chars.by_ref() {
            match quote {
                Some(q) if c == q => {
                    quote = None;
                    if keep_values {
                        tag.push(c);
                    }
                }
                Some(_) if keep_values => tag.push(c),
                Some(_) => {}
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    tag.push_str(if keep_values { "\"" } else { "\"…\"" });
                }
                None if c == '>' => break,
                None => tag.push(c),
            }
        }
        tags.push(tag);
    }
    tags
}

/// The JSON-LD's JSON, read back.
fn ld_of(html: &str) -> Value {
    let start = html.find("<script type=\"application/ld+json\">").unwrap();
    let body = &html[start + "<script type=\"application/ld+json\">".len()..];
    let end = body.find("</script>").unwrap();
    serde_json::from_str(&body[..end]).unwrap()
}

#[test]
fn the_seed_article_renders_whole_and_the_same_every_time() {
    let html = render(SEED);
    assert_eq!(html, render(SEED), "byte for byte");
    assert!(html.starts_with("<noscript>"));
    assert!(html.contains(&format!("<div data-article-widget data-src=\"{SRC}\">")));
    assert!(html.contains(
        "<div data-theme=\"auto\" data-prerendered=\"\" lang=\"en\" dir=\"ltr\" class=\"aw-root\">"
    ));
    let seed: Value = serde_json::from_str(SEED).unwrap();
    assert!(html.contains(seed["title"].as_str().unwrap()));
    for section in seed["sections"].as_array().unwrap() {
        let heading = section["heading"].as_str().unwrap();
        assert!(html.contains(heading), "{heading}");
    }
    // The poll is there but cannot be sent before the widget is live.
    assert!(html.contains("<button type=\"submit\" disabled class=\"aw-button aw-poll__submit\">"));
    assert!(html.contains("Voting needs JavaScript."));
    // Pictures keep their reserved size; related links are links.
    assert!(html.contains("width=\""));
    assert!(html.contains("<a href=\"https://www.example.com/news/"));
    let ld = ld_of(&html);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], seed["title"]);
    assert!(ld["image"][0]
        .as_str()
        .unwrap()
        .starts_with("https://news.example/articles/"));
}

#[test]
fn options_reach_the_markup() {
    let mut o = options(EmbedMode::Element);
    o.widget.theme = widget::Theme::Dark;
    o.widget.sections_collapsed = Some(true);
    o.widget.lang = Some("fr".into());
    let html = render_embed(SEED, &o).unwrap();
    assert!(html.starts_with(&format!(
        "<article-widget src=\"{SRC}\" sections=\"collapsed\" theme=\"dark\" lang=\"fr\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"https://widgets.example/article-widget.css\"><noscript>"
    )));
    assert!(html.contains("data-theme=\"dark\""));
    assert!(html.contains("lang=\"fr\""));
    assert!(html.contains("hidden=\"until-found\""), "collapsed panels");
    assert!(html.contains("Voter nécessite JavaScript."));
    assert!(html.contains("</template></article-widget>"));
}

/// A native document with `text` in every place a document's text reaches.
fn document_with(text: &str) -> String {
    // The poll rules refuse control characters in labels (model::poll::rules).
    let label = format!("{}.", text.replace(char::is_control, ""));
    json!({
        "id": "hostile",
        "title": text,
        "dek": text,
        "lang": "en",
        "published": "2024-08-05T08:00:00Z",
        "authors": [{ "name": text, "url": "https://news.example/a" }],
        "hero": { "src": "https://news.example/h.png", "alt": text, "caption": text, "credit": text, "width": 10, "height": 5 },
        "lead": [{ "type": "paragraph", "text": text }],
        "sections": [
            { "heading": text, "blocks": [
                { "type": "paragraph", "text": [{ "text": text, "marks": ["strong", "em"] }, { "text": text, "href": "https://news.example/l" }] },
                { "type": "subheading", "text": text },
                { "type": "quote", "text": text, "cite": text },
                { "type": "list", "items": [text, text] },
                { "type": "image", "src": "https://news.example/i.png", "alt": text, "caption": text },
                { "type": "poll", "id": "p", "question": label, "options": [{ "id": "a", "label": label }, { "id": "b", "label": "B" }] },
            ] },
            { "heading": "Second", "collapsed": true, "blocks": [{ "type": "paragraph", "text": text }] },
        ],
        "related": { "title": text, "items": [{ "title": text, "url": "https://news.example/r", "description": text, "source": text }] },
    })
    .to_string()
}

#[test]
fn hostile_text_never_becomes_markup() {
    let plain = skeleton(&render(&document_with("x")));
    let vectors: Vec<Value> = serde_json::from_str(VECTORS).unwrap();
    let extra = [
        "</script><script>alert(1)</script>",
        "<!--",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
    ];
    let payloads = vectors
        .iter()
        .map(|v| v["html"].as_str().unwrap().to_owned())
        .chain(extra.iter().map(|s| s.to_string()));
    let mut count = 0;
    for payload in payloads {
        let html = render(&document_with(&payload));
        assert_eq!(skeleton(&html), plain, "markup changed for {payload:?}");
        assert_eq!(
            ld_of(&html)["headline"],
            payload.as_str(),
            "JSON-LD keeps the text"
        );
        count += 1;
    }
    assert!(count > 100, "{count} vectors");
}

#[test]
fn hostile_html_in_other_formats_keeps_to_the_widget_markup() {
    let vectors: Vec<Value> = serde_json::from_str(VECTORS).unwrap();
    for vector in &vectors {
        let html = vector["html"].as_str().unwrap();
        let feed = json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Feed",
            "items": [{ "id": "1", "title": "Item", "content_html": html, "summary": html, "url": "https://news.example/1" }],
        })
        .to_string();
        let out = render(&feed);
        for tag in skeleton(&out) {
            let lower = tag.to_ascii_lowercase();
            let name = lower
                .trim_start_matches('/')
                .split([' ', '/'])
                .next()
                .unwrap_or("");
            assert!(
                [
                    "noscript",
                    "link",
                    "div",
                    "article",
                    "header",
                    "h2",
                    "h3",
                    "h4",
                    "p",
                    "span",
                    "time",
                    "a",
                    "figure",
                    "figcaption",
                    "img",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "em",
                    "strong",
                    "code",
                    "aside",
                    "button",
                    "section",
                    "form",
                    "fieldset",
                    "legend",
                    "label",
                    "input",
                    "svg",
                    "path",
                    "script",
                    "!",
                ]
                .contains(&name),
                "unexpected tag {tag:?} from {html:?}"
            );
            let attributes = lower.split_whitespace().skip(1);
            for attribute in attributes {
                assert!(!attribute.starts_with("on"), "{attribute} from {html:?}");
                assert!(!attribute.starts_with("style"), "{attribute} from {html:?}");
                assert!(
                    !attribute.starts_with("srcdoc"),
                    "{attribute} from {html:?}"
                );
            }
            if lower.starts_with("script") {
                assert_eq!(tag, "script type=\"…\"", "only the JSON-LD");
            }
        }
        let lower = tags(&out, true).join("\n").to_ascii_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:text"] {
            assert!(
                !lower.contains(&format!("=\"{scheme}")),
                "{scheme} from {html:?}"
            );
        }
    }
}

#[test]
fn json_ld_cannot_end_its_script_element() {
    let mut article = article_model::read(&document_with("</script><!--<script>"), SRC, None)
        .unwrap()
        .article;
    article.url = Some("https://news.example/a?x=1&y=</script>".into());
    let ld = json_ld(&article);
    assert!(
        !ld.contains('<') && !ld.contains('>') && !ld.contains('&'),
        "{ld}"
    );
    let value: Value = serde_json::from_str(&ld).unwrap();
    assert_eq!(value["headline"], "</script><!--<script>");
    assert_eq!(value["url"], "https://news.example/a?x=1&y=</script>");
}

#[test]
fn the_poll_shows_the_documents_results_snapshot_without_script() {
    let mut seed: Value = serde_json::from_str(SEED).unwrap();
    let poll = seed["sections"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|s| s["blocks"].as_array_mut().unwrap().iter_mut())
        .find(|b| b["type"] == "poll")
        .expect("the seed has a poll");
    let first = poll["options"][0]["id"].as_str().unwrap().to_owned();
    poll["results"] = json!({ first: 3 });
    let html = render(&seed.to_string());
    let snapshot = &html[html.find("aw-poll__snapshot").expect("a snapshot")..];
    assert!(snapshot.contains("100%"), "{snapshot}");
    assert!(html.contains("aw-noscript-only aw-poll__snapshot"));
    // Without a snapshot, none.
    assert!(!render(SEED).contains("aw-poll__snapshot"));
}
