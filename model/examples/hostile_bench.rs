//! Worst-case documents: each generated at full size, parsed once natively,
//! with the time, the throughput and whether it was read or refused. Cases
//! over the 200 ms budget are flagged.
//!
//! Besides the wall-clock time, the time this thread spent on a CPU is
//! printed where Linux tells it (`/proc/thread-self/schedstat`): on a shared,
//! loaded machine it is the steadier figure of the two. The budget is checked
//! against it when known.
//!
//!   cargo run --release -p article-model --example hostile_bench [case]

use std::time::Instant;

use article_model::hostile::{cases, HostileCase};
use article_model::read;

const BUDGET_MS: f64 = 200.0;

/// Nanoseconds this thread has run on a CPU, if the system says.
fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() {
    let only = std::env::args().nth(1);
    println!(
        "{:<34} {:>9} {:>9} {:>9} {:>8}  outcome",
        "case", "bytes", "ms", "cpu ms", "MB/s"
    );
    let mut over = 0;
    for HostileCase { name, json } in cases() {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let (start, cpu_start) = (Instant::now(), cpu_ns());
        let result = read(&json, "https://news.example/doc.json", None);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let cpu_ms = cpu_start.zip(cpu_ns()).map(|(a, b)| (b - a) as f64 / 1e6);
        let outcome = match &result {
            Ok(r) => format!("read, {} sections", r.article.sections.len()),
            Err(e) => format!("refused: {e}"),
        };
        let flag = if cpu_ms.unwrap_or(ms) > BUDGET_MS {
            over += 1;
            "  OVER BUDGET"
        } else {
            ""
        };
        let cpu = cpu_ms.map_or("-".to_owned(), |c| format!("{c:.1}"));
        println!(
            "{name:<34} {:>9} {ms:>9.1} {cpu:>9} {:>8.1}  {outcome}{flag}",
            json.len(),
            json.len() as f64 / 1e6 / (ms / 1000.0),
        );
    }
    if over > 0 {
        println!("{over} case(s) over the {BUDGET_MS} ms budget");
    }
}
