//! Reading documents: the seed article, every rule of the spec, hostile input.

use article_model::*;
use serde_json::{json, Value};

const BASE: &str = "https://news.example/articles/iraq.json";
const SEED: &str = include_str!("../../public/articles/iraq.json");

fn minimal() -> Value {
    json!({ "id": "a1", "title": "Title", "sections": [] })
}

/// `minimal()` with `patch` merged in at the top level.
fn with(patch: Value) -> Value {
    let mut doc = minimal();
    for (k, v) in patch.as_object().unwrap() {
        doc[k] = v.clone();
    }
    doc
}

fn parse(doc: &Value) -> Result<Article, DocError> {
    read_text(&doc.to_string()).map(|reading| reading.article)
}

fn read_text(text: &str) -> Result<Reading, DocError> {
    read(text, BASE, None)
}

fn schema_error(doc: Value) -> String {
    match parse(&doc) {
        Err(DocError::Schema { path, message }) => format!("{path}: {message}"),
        other => panic!("expected a schema error, got {other:?}"),
    }
}

#[test]
fn the_seed_article_reads_completely() {
    let Reading {
        format,
        article,
        warnings,
    } = read_text(SEED).expect("the seed article is valid");
    assert_eq!(format, Format::Native);
    assert_eq!(
        article.title,
        "Countdown to Withdrawal: Understanding the Iraq-US Negotiations"
    );
    let headings: Vec<_> = article
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Iraq Initiates Talks",
            "Rethinking Strategy",
            "Uneasy Balance",
            "Criminal Strains: Cliffhangers of US Withdrawal",
            "Dancing with Iran and Syria"
        ]
    );
    assert_eq!(article.sections[0].id, "iraq-initiates-talks");
    let hero = article.hero.as_ref().unwrap();
    assert_eq!(
        hero.src,
        "https://news.example/articles/images/maxmur-checkpoint.svg"
    );
    assert!(hero
        .caption
        .as_deref()
        .unwrap()
        .starts_with("MAXMUR CITY, IRAQ"));
    let quotes: Vec<_> = article
        .blocks()
        .filter_map(|b| match b {
            Block::Quote { cite, .. } => cite.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(
        quotes,
        ["Saddam Hussein", "Colin Powell, to the UN Security Council"]
    );
    let poll = article
        .blocks()
        .find_map(|b| match b {
            Block::Poll(p) => Some(p),
            _ => None,
        })
        .unwrap();
    assert_eq!(poll.question, "Is it time the US got out of Iraq?");
    assert_eq!(poll.endpoint.as_deref(), Some("https://news.example/api"));
    let related = article.related.as_ref().unwrap();
    assert_eq!(related.title.as_deref(), Some("More from Around the Web"));
    assert!(related
        .items
        .iter()
        .all(|i| i.url.contains("example.com/") || i.url.contains("example.org/")));
    assert!(warnings.is_empty());
}

#[test]
fn defaults_apply() {
    let article = parse(&minimal()).unwrap();
    assert_eq!(article.lang, "en");
    assert_eq!(article.dir, TextDirection::Auto);
    assert!(article.sections.is_empty() && article.lead.is_empty() && article.related.is_none());
}

#[test]
fn rule_breaks_name_their_path() {
    let para = |text: Value| json!({ "type": "paragraph", "text": text });
    let cases: Vec<(Value, &str)> = vec![
        (json!({ "title": "t", "sections": [] }), "id: is required"),
        (with(json!({ "id": "" })), "id: must not be empty"),
        (
            with(json!({ "id": "x".repeat(201) })),
            "id: must be at most 200 characters",
        ),
        (
            with(json!({ "title": 7 })),
            "title: expected a string, found a number",
        ),
        (with(json!({ "title": "  " })), "title: must not be empty"),
        (json!({ "id": "a", "title": "t" }), "sections: is required"),
        (
            with(json!({ "sections": {} })),
            "sections: expected a list, found an object",
        ),
        (
            with(json!({ "url": "javascript:alert(1)" })),
            "url: expected an absolute http or https URL",
        ),
        (
            with(json!({ "url": "/relative" })),
            "url: expected an absolute http or https URL",
        ),
        (
            with(json!({ "lang": "english language" })),
            "lang: expected a BCP 47 language tag such as \"en\" or \"pt-BR\"",
        ),
        (
            with(json!({ "dir": "up" })),
            "dir: expected \"ltr\", \"rtl\" or \"auto\"",
        ),
        (
            with(json!({ "published": "last Tuesday" })),
            "published: expected an RFC 3339 date-time such as 2024-07-22T09:30:00Z",
        ),
        (
            with(json!({ "authors": [{ "url": "https://a.example" }] })),
            "authors[0].name: is required",
        ),
        (
            with(json!({ "hero": { "src": "data:image/png;base64,AAAA", "alt": "" } })),
            "hero.src: expected an http or https URL",
        ),
        (
            with(json!({ "hero": { "src": "a.jpg" } })),
            "hero.alt: is required",
        ),
        (
            with(json!({ "hero": { "src": "a.jpg", "alt": "", "width": -3 } })),
            "hero.width: expected a whole number from 0 to 100000",
        ),
        (
            with(json!({ "hero": { "src": "a.jpg", "alt": "", "width": 0 } })),
            "hero.width: must be at least 1",
        ),
        (
            with(
                json!({ "sections": [{ "heading": "A", "blocks": [] }, { "heading": "B", "blocks": [] }, { "heading": "C", "blocks": [para(json!(5))] }] }),
            ),
            "sections[2].blocks[0].text: expected a string or a list of spans, found a number",
        ),
        (
            with(json!({ "sections": [{ "blocks": [] }] })),
            "sections[0].heading: is required",
        ),
        (
            with(json!({ "sections": [{ "heading": "A" }] })),
            "sections[0].blocks: is required",
        ),
        (
            with(
                json!({ "sections": [{ "id": "x", "heading": "A", "blocks": [] }, { "id": "x", "heading": "B", "blocks": [] }] }),
            ),
            "sections[1].id: \"x\" is used by another section",
        ),
        (
            with(json!({ "sections": [{ "id": "a b", "heading": "A", "blocks": [] }] })),
            "sections[0].id: must be 1–100 characters without spaces or '#'",
        ),
        (
            with(json!({ "lead": [{ "text": "no type" }] })),
            "lead[0].type: is required",
        ),
        (
            with(json!({ "lead": [para(json!([{ "text": "x", "marks": ["blink"] }]))] })),
            "lead[0].text[0].marks[0]: unknown mark \"blink\" (expected em, strong or code)",
        ),
        (
            with(json!({ "lead": [para(json!([{ "marks": ["em"] }]))] })),
            "lead[0].text[0].text: is required",
        ),
        (
            with(json!({ "lead": [para(json!([3]))] })),
            "lead[0].text[0]: expected a string or a span object, found a number",
        ),
        (
            with(json!({ "lead": [{ "type": "subheading", "text": ["a"] }] })),
            "lead[0].text: expected a string, found a list",
        ),
        (
            with(json!({ "lead": [{ "type": "list", "items": "a" }] })),
            "lead[0].items: expected a list, found a string",
        ),
        (
            with(json!({ "lead": [{ "type": "embed", "url": "javascript:x", "title": "t" }] })),
            "lead[0].url: expected an http or https URL",
        ),
        (
            with(
                json!({ "lead": [{ "type": "poll", "id": "p", "question": "q", "options": [{ "id": "a", "label": "A" }] }] }),
            ),
            "lead[0].options: a poll needs 2 to 10 options, found 1",
        ),
        (
            with(
                json!({ "lead": [{ "type": "poll", "id": "p", "question": "q", "options": [{ "id": "a", "label": "A" }, { "id": "a", "label": "B" }] }] }),
            ),
            "lead[0].options: option id \"a\" is used twice",
        ),
        (
            with(
                json!({ "lead": [{ "type": "poll", "id": "p", "question": "q", "options": [{ "id": "a", "label": "A" }, { "id": "b", "label": "B" }], "results": { "c": 1 } }] }),
            ),
            "lead[0].results.c: is not one of the poll's option ids",
        ),
        (
            with(
                json!({ "lead": [{ "type": "poll", "id": "p", "question": "q", "options": [{ "id": "a", "label": "A" }, { "id": "b", "label": "B" }], "closes_at": "soon" }] }),
            ),
            "lead[0].closes_at: expected an RFC 3339 date-time such as 2024-07-22T09:30:00Z",
        ),
        (
            with(json!({ "related": { "items": [{ "url": "https://a.example" }] } })),
            "related.items[0].title: is required",
        ),
    ];
    for (doc, expected) in cases {
        assert_eq!(schema_error(doc), expected);
    }
}

#[test]
fn other_format_versions_are_unsupported() {
    assert_eq!(
        parse(&with(json!({ "format": "article/2" }))),
        Err(DocError::Unsupported {
            format: "article/2".into()
        })
    );
    assert!(parse(&with(json!({ "format": "article/1" }))).is_ok());
}

#[test]
fn not_json_and_not_an_object() {
    assert!(matches!(
        read_text("<!doctype html><p>Not found</p>"),
        Err(DocError::NotJson { .. })
    ));
    assert!(matches!(read_text(""), Err(DocError::NotJson { .. })));
    assert_eq!(
        read_text("\"text\"").unwrap_err().to_string(),
        "expected an object, found a string"
    );
}

#[test]
fn limits_are_enforced_before_reading() {
    let huge = " ".repeat(MAX_DOCUMENT_BYTES + 1);
    assert_eq!(
        read_text(&huge),
        Err(DocError::TooLarge {
            bytes: MAX_DOCUMENT_BYTES + 1
        })
    );
    let sections: Vec<Value> = (0..=MAX_SECTIONS).map(|_| json!({})).collect();
    assert_eq!(
        parse(&with(json!({ "sections": sections }))),
        Err(DocError::TooManyParts {
            what: "sections",
            count: MAX_SECTIONS + 1,
            limit: MAX_SECTIONS
        })
    );
    let blocks: Vec<Value> = (0..=MAX_BLOCKS).map(|_| json!(0)).collect();
    assert!(matches!(
        parse(&with(json!({ "lead": blocks }))),
        Err(DocError::TooManyParts { what: "blocks", .. })
    ));
}

/// A paragraph of `count` spans, each a one-letter string (the shortest
/// span, so that 200,000 fit in a document).
fn paragraph_of_spans(count: usize) -> Value {
    json!({"type": "paragraph", "text": vec!["a"; count]})
}

#[test]
fn spans_are_limited_over_the_whole_article() {
    let at_limit = with(json!({ "lead": [paragraph_of_spans(MAX_SPANS)] }));
    let Block::Paragraph(text) = &parse(&at_limit).unwrap().lead[0] else {
        panic!("not a paragraph");
    };
    assert_eq!(text.len(), MAX_SPANS);

    let over = with(json!({ "lead": [paragraph_of_spans(MAX_SPANS + 1)] }));
    let error = parse(&over).unwrap_err();
    assert_eq!(
        error,
        DocError::TooManyParts {
            what: "spans",
            count: MAX_SPANS + 1,
            limit: MAX_SPANS
        }
    );
    assert_eq!(
        error.to_string(),
        format!("the document has more than {MAX_SPANS} spans")
    );

    // Spans of paragraphs, quotes and list items (a plain string is one
    // span) count together, in the lead and in sections; subheadings are
    // plain text and do not count.
    let quarter = MAX_SPANS / 4;
    let spread = |extra: usize| {
        with(json!({
            "lead": [paragraph_of_spans(quarter), {"type": "subheading", "text": "Not a span"}],
            "sections": [{"heading": "One", "blocks": [
                {"type": "quote", "text": paragraph_of_spans(quarter)["text"]},
                {"type": "list", "items": [paragraph_of_spans(quarter)["text"], "one span"]},
                paragraph_of_spans(quarter - 1 + extra),
            ]}],
        }))
    };
    assert!(parse(&spread(0)).is_ok());
    assert!(matches!(
        parse(&spread(1)),
        Err(DocError::TooManyParts { what: "spans", count, .. }) if count == MAX_SPANS + 1
    ));
}

#[test]
fn too_many_spans_are_refused_before_they_are_read() {
    // The last span is malformed: reading it would report a schema error.
    let mut paragraph = paragraph_of_spans(MAX_SPANS + 1);
    paragraph["text"][MAX_SPANS] = json!(5);
    assert!(matches!(
        parse(&with(json!({ "lead": [paragraph] }))),
        Err(DocError::TooManyParts { what: "spans", .. })
    ));
}

#[test]
fn unknown_fields_and_block_types_are_skipped() {
    let Reading {
        article, warnings, ..
    } = read_text(
        &with(json!({
            "future_field": { "x": 1 },
            "lead": [{ "type": "hologram", "x": 1 }, { "type": "paragraph", "text": "kept", "colour": "red" }]
        }))
        .to_string(),
    )
    .unwrap();
    assert_eq!(
        article.lead,
        vec![Block::Paragraph(vec![Span::plain("kept")])]
    );
    assert_eq!(
        warnings,
        ["lead[0]: skipped a block of unknown type \"hologram\""]
    );
}

#[test]
fn section_ids_are_derived_and_deduplicated() {
    let article = parse(&with(json!({ "sections": [
        { "heading": "Overview", "blocks": [] },
        { "heading": "Overview", "blocks": [] },
        { "id": "overview-2", "heading": "Given", "blocks": [] },
        { "heading": "¿Qué pasa?", "blocks": [], "collapsed": true },
    ] })))
    .unwrap();
    let ids: Vec<_> = article.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["overview", "overview-3", "overview-2", "qué-pasa"]);
    assert!(article.sections[3].collapsed && !article.sections[0].collapsed);
}

#[test]
fn hostile_text_stays_text_and_unsafe_links_are_dropped() {
    let article = parse(&with(json!({ "lead": [{ "type": "paragraph", "text": [
        "<script>alert(1)</script>",
        { "text": "click", "href": "javascript:alert(1)" },
        { "text": "mixed", "href": " JaVa\tScRiPt:alert(1)" },
        { "text": "data", "href": "data:text/html,<b>x</b>" },
        { "text": "ok", "href": "https://example.com/?q=<x>", "marks": ["em", "strong"] },
        { "text": "mail", "href": "mailto:desk@example.com" },
        { "text": "rel", "href": "../other.json" },
    ] }] })))
    .unwrap();
    let Block::Paragraph(spans) = &article.lead[0] else {
        panic!()
    };
    assert_eq!(spans[0], Span::plain("<script>alert(1)</script>"));
    let hrefs: Vec<_> = spans.iter().map(|s| s.href.as_deref()).collect();
    assert_eq!(
        hrefs,
        [
            None,
            None,
            None,
            None,
            Some("https://example.com/?q=<x>"),
            Some("mailto:desk@example.com"),
            Some("https://news.example/other.json")
        ]
    );
    assert_eq!(
        spans[4].marks,
        Marks {
            em: true,
            strong: true,
            code: false
        }
    );
}

#[test]
fn related_items_with_bad_urls_are_left_out() {
    let Reading {
        article, warnings, ..
    } = read_text(
        &with(json!({ "related": { "items": [
            { "url": "javascript:alert(1)", "title": "evil" },
            { "url": "https://example.org/a", "title": "good", "image": { "src": "/i.jpg", "alt": "" } },
        ] } }))
        .to_string(),
    )
    .unwrap();
    let related = article.related.unwrap();
    assert_eq!(related.items.len(), 1);
    assert_eq!(
        related.items[0].image.as_ref().unwrap().src,
        "https://news.example/i.jpg"
    );
    assert_eq!(
        warnings,
        ["related.items[0].url: left out a related link with an unsafe URL"]
    );
}

#[test]
fn garbage_never_panics() {
    let samples = [
        "null",
        "0",
        "\"str\"",
        "{}",
        "{\"id\":{}}",
        "{\"sections\":[null]}",
        "{\"id\":\"a\",\"title\":\"t\",\"sections\":[null]}",
        "{\"id\":\"a\",\"title\":\"t\",\"sections\":[{\"heading\":\"h\",\"blocks\":[null,[],{}]}]}",
        "[[[[[[[[[[]]]]]]]]]]",
        "{\"a\":",
        "\u{feff}{}",
    ];
    for sample in samples {
        assert!(read_text(sample).is_err(), "{sample}");
    }
}
