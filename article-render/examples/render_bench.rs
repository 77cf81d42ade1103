//! Native render speed: the seed article and a generated 10,000-block
//! document, read once and rendered to the embed markup many times on one
//! core (the widget's own components through Leptos SSR). Prints renders
//! per second and the time per render, median of the runs.
//!
//!   cargo run --profile server -p article-render --example render_bench [blocks] [runs]
//!
//! The `server` profile is the one the renderer and the server are deployed with.

use std::hint::black_box;
use std::time::{Duration, Instant};

use article_model::read;
use article_model::samples::generated_article;
use widget::prerender::{embed_markup, EmbedMode, EmbedOptions};
use widget::WidgetOptions;

const SEED: &str = include_str!("../../public/articles/iraq.json");
const SRC: &str = "https://news.example/articles/iraq.json";

/// Renders `document` `runs` times (after one warm-up); the sorted times.
fn time_renders(document: &str, runs: usize) -> (usize, Vec<Duration>) {
    let options = EmbedOptions {
        widget: WidgetOptions {
            src: SRC.to_owned(),
            ..WidgetOptions::default()
        },
        mode: EmbedMode::Placeholder,
        widget_base: "/".to_owned(),
    };
    let article = read(document, SRC, None)
        .expect("the document is valid")
        .article;
    let bytes = embed_markup(&article, &options).len();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(embed_markup(black_box(&article), &options));
            start.elapsed()
        })
        .collect();
    times.sort();
    (bytes, times)
}

fn report(name: &str, (bytes, times): (usize, Vec<Duration>)) {
    let median = times[times.len() / 2];
    println!(
        "{name}: {:.1} KB of markup; median {:.3} ms per render (min {:.3}, max {:.3}, {} runs): {:.0} renders/s",
        bytes as f64 / 1e3,
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        times.len(),
        1.0 / median.as_secs_f64(),
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let blocks: usize = args
        .next()
        .map_or(10_000, |a| a.parse().expect("blocks: a number"));
    let runs: usize = args
        .next()
        .map_or(20, |a| a.parse().expect("runs: a number"));
    report("seed article", time_renders(SEED, runs * 50));
    report(
        &format!("generated, {blocks} blocks"),
        time_renders(&generated_article(blocks), runs),
    );
}
