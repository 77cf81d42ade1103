//! Worst-case documents: each generated at full size, parsed once natively,
//! with the time, the throughput and whether it was read or refused. Cases
//! over the 200 ms budget are flagged.
//!
//!   cargo run --release -p article-model --example hostile_bench [case]

use std::time::Instant;

use article_model::hostile::{cases, HostileCase};
use article_model::read;

const BUDGET_MS: f64 = 200.0;

fn main() {
    let only = std::env::args().nth(1);
    println!(
        "{:<34} {:>9} {:>10} {:>9}  outcome",
        "case", "bytes", "ms", "MB/s"
    );
    let mut over = 0;
    for HostileCase { name, json } in cases() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let start = Instant::now();
        let result = read(&json, "https://news.example/doc.json", None);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let outcome = match &result {
            Ok(r) => format!("read, {} sections", r.article.sections.len()),
            Err(e) => format!("refused: {e}"),
        };
        let flag = if ms > BUDGET_MS {
            over += 1;
            "  OVER BUDGET"
        } else {
            ""
        };
        println!(
            "{name:<34} {:>9} {ms:>10.1} {:>9.1}  {outcome}{flag}",
            json.len(),
            json.len() as f64 / 1e6 / (ms / 1000.0),
        );
    }
    if over > 0 {
        println!("{over} case(s) over the {BUDGET_MS} ms budget");
    }
}
