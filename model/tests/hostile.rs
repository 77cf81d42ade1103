//! Worst-case documents (`article_model::hostile`), each at full size: read
//! or refused as the limits say. How long they take is printed by
//! `cargo run --release -p article-model --example hostile_bench`; the one
//! timing check here compares growth, with a margin no loaded machine reaches.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use article_model::hostile::{cases, native_same_heading, wordpress, wordpress_attributes};
use article_model::{read, DocError, MAX_SECTIONS};

const URL: &str = "https://news.example/doc.json";

/// Held by the tests that read full-size documents, so that the growth
/// check is not timed while another test of this file reads 5 MB beside it.
static FULL_SIZE: Mutex<()> = Mutex::new(());

fn outcome(json: &str) -> Result<usize, DocError> {
    read(json, URL, None).map(|r| r.article.sections.len())
}

fn too_many(what: &str) -> impl Fn(&Result<usize, DocError>) -> bool + '_ {
    move |r| matches!(r, Err(DocError::TooManyParts { what: w, .. }) if *w == what)
}

#[test]
fn every_hostile_case_is_read_or_refused_as_the_limits_say() {
    let _alone = FULL_SIZE.lock().unwrap_or_else(|e| e.into_inner());
    for case in cases() {
        let result = outcome(&case.json);
        let name = case.name;
        let ok = match name {
            "native: 10,000 same headings" | "wp: 10,000 same <h2>" => result == Ok(MAX_SECTIONS),
            "wp: 9,000 same <h2>" => result == Ok(9_000),
            "native: 10,001 same headings" | "wp: <h2>a</h2> to 5 MB" => {
                too_many("sections")(&result)
            }
            "wp: <p>a</p> to 5 MB" | "wp: <img> to 5 MB" => too_many("blocks")(&result),
            "wp: alternating marks"
            | "wp: 1 MB link, many spans"
            | "wp: alternating marks in one <p>"
            | "wp: distinct links to 5 MB"
            | "native: 1,000,000 spans" => too_many("spans")(&result),
            "json: nested arrays" => matches!(result, Err(DocError::NotJson { .. })),
            _ => result.is_ok(),
        };
        assert!(ok, "{name}: {result:?}");
    }
}

#[test]
fn derived_ids_stay_unique_and_keep_their_numbering() {
    let article = read(&native_same_heading(10_000), URL, None)
        .unwrap()
        .article;
    assert_eq!(article.sections[0].id, "notes");
    assert_eq!(article.sections[1].id, "notes-2");
    assert_eq!(article.sections[9_999].id, "notes-10000");
    // Given ids are never taken by derived ones.
    let doc = serde_json::json!({"format": "article/1", "id": "x", "title": "T", "sections": [
        {"heading": "Notes", "blocks": []},
        {"heading": "Notes", "blocks": []},
        {"id": "notes-2", "heading": "Other", "blocks": []},
    ]});
    let ids: Vec<String> = read(&doc.to_string(), URL, None)
        .unwrap()
        .article
        .sections
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, ["notes", "notes-3", "notes-2"]);
}

#[test]
fn a_tag_with_many_attributes_keeps_the_first_of_each_name() {
    let html = format!(
        "<p>{}<a{} href=\"/first\" href=\"/second\">link</a></p>",
        "",
        (0..1_000).map(|i| format!(" a{i}=x")).collect::<String>()
    );
    let article = read(&wordpress(&html), URL, None).unwrap().article;
    let article_model::Block::Paragraph(spans) = &article.lead[0] else {
        panic!("{:?}", article.lead);
    };
    assert_eq!(spans[0].href.as_deref(), Some("https://news.example/first"));
    assert!(read(&wordpress_attributes(60_000), URL, None).is_ok());
}

/// The fastest of a few runs of `f`, as a fraction of a second.
fn fastest(f: impl Fn()) -> Duration {
    (0..5)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// Sixteen times the input must not take anything like 256 times as long.
/// A linear reader takes about 16×; the quadratic ones this replaced took
/// 256×. The bound of 64× leaves a factor of four either way for a noisy
/// machine (a bound of 10× at four times the input flaked under load), and
/// each size is timed at its fastest of five runs.
#[test]
fn reading_grows_linearly() {
    let _alone = FULL_SIZE.lock().unwrap_or_else(|e| e.into_inner());
    type Generator = fn(usize) -> String;
    let generators: [(&str, Generator); 6] = [
        ("same native headings", native_same_heading),
        ("same <h2>", |n| wordpress(&"<h2>Notes</h2>".repeat(n))),
        ("attributes", wordpress_attributes),
        ("named references", |n| {
            wordpress(&"&eacute;&zzzzzz;".repeat(n * 4))
        }),
        ("alternating marks in one <p>", |n| {
            wordpress(&format!("<p>{}</p>", "<b>a</b><i>b</i>".repeat(n * 4)))
        }),
        ("alternating marks in one link", |n| {
            wordpress(&format!(
                "<p><a href=\"https://a.example/{}\">{}</a></p>",
                "x".repeat(n * 10),
                "a<b>b</b>".repeat(n)
            ))
        }),
    ];
    for (name, generate) in generators {
        // Both under the 10,000-section limit, so both are read whole.
        let small = generate(600);
        let large = generate(9_600);
        let time = |json: &str| fastest(|| drop(read(json, URL, None)));
        let (t1, t16) = (time(&small), time(&large));
        let ratio = t16.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        println!("{name}: {t1:?} → {t16:?} (×{ratio:.1})");
        // Under a millisecond, timer noise outweighs growth.
        if t16 > Duration::from_millis(2) {
            assert!(
                ratio < 64.0,
                "{name}: 16× the input took {ratio:.1}× as long"
            );
        }
    }
}
