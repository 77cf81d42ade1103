//! Micro-benchmark: parsing and validating a large generated `article/1`
//! document, as the widget does after each fetch. Prints the median time and
//! the throughput in MB/s.
//!
//!   cargo run --release -p article-model --example parse_bench [blocks] [runs]
//!
//! `--release` uses the workspace's release profile, the size-optimised
//! settings the WebAssembly build has, so the figure is close to the widget's
//! own (WebAssembly in Chromium runs somewhat slower than native).

use std::hint::black_box;
use std::time::{Duration, Instant};

use article_model::read;
use serde_json::{json, Value};

/// A document with `blocks` blocks in sections of ten, mixing every block kind
/// the widget renders, with marked-up spans, links and a few polls.
fn document(blocks: usize) -> String {
    let words =
        "the delegations weighed the timetable against the security situation on the ground";
    let block = |i: usize| -> Value {
        match i % 10 {
            0 => json!({"type": "subheading", "text": format!("Part {i}")}),
            1 => json!({"type": "quote", "text": words, "cite": "A spokesperson"}),
            2 => {
                json!({"type": "list", "ordered": i % 20 == 2, "items": [words, "second item", [{"text": "third", "marks": ["em"]}]]})
            }
            3 => {
                json!({"type": "image", "src": format!("pictures/{i}.jpg"), "alt": "A street", "width": 1200, "height": 800, "caption": words})
            }
            4 if i % 1000 == 4 => {
                json!({"type": "poll", "id": format!("poll-{i}"), "question": "Agree?",
                "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}], "results": {"yes": 3, "no": 4}})
            }
            _ => json!({"type": "paragraph", "text": [
                {"text": format!("Paragraph {i}: ")},
                {"text": words, "marks": ["strong"]},
                {"text": " and a link", "href": format!("https://example.com/news/{i}")},
                {"text": ", then more plain text to make the paragraph a realistic length for a news article."}
            ]}),
        }
    };
    let sections: Vec<Value> = (0..blocks.div_ceil(10))
        .map(|s| {
            json!({
                "heading": format!("Section {} of the story", s + 1),
                "collapsed": s % 3 == 0,
                "blocks": (s * 10..((s + 1) * 10).min(blocks)).map(&block).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "format": "article/1",
        "id": "bench",
        "title": "A generated article",
        "dek": "For the benchmark",
        "lang": "en",
        "published": "2024-07-22T09:30:00Z",
        "authors": [{"name": "Bench Writer", "url": "https://example.com/writer"}],
        "sections": sections,
    })
    .to_string()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let blocks: usize = args
        .next()
        .map_or(10_000, |a| a.parse().expect("blocks: a number"));
    let runs: usize = args
        .next()
        .map_or(20, |a| a.parse().expect("runs: a number"));
    let json = document(blocks);
    let url = "https://news.example/articles/bench.json";

    let article = read(&json, url, None)
        .expect("the generated document is valid")
        .article;
    let parsed_blocks: usize = article.sections.iter().map(|s| s.blocks.len()).sum();
    assert_eq!(parsed_blocks, blocks);

    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(read(black_box(&json), url, None).unwrap());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    let mb_per_s = json.len() as f64 / median.as_secs_f64() / 1e6;
    println!(
        "parse + validate: {blocks} blocks in {} sections, {:.2} MB of JSON",
        article.sections.len(),
        json.len() as f64 / 1e6
    );
    println!(
        "  median {:.2} ms (min {:.2}, max {:.2}, {runs} runs): {mb_per_s:.0} MB/s, {:.0} blocks/ms",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[runs - 1].as_secs_f64() * 1e3,
        blocks as f64 / (median.as_secs_f64() * 1e3)
    );
}
