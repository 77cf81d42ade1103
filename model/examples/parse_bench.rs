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
use article_model::samples::generated_article;

fn main() {
    let mut args = std::env::args().skip(1);
    let blocks: usize = args
        .next()
        .map_or(10_000, |a| a.parse().expect("blocks: a number"));
    let runs: usize = args
        .next()
        .map_or(20, |a| a.parse().expect("runs: a number"));
    let json = generated_article(blocks);
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
