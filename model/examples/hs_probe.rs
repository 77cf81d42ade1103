use article_model::hostile::cases;
use std::time::Instant;
fn main() {
    let only = std::env::args().nth(1);
    for c in cases() {
        if only.as_deref().is_some_and(|o| o != c.name) {
            continue;
        }
        let t = Instant::now();
        let v: Result<serde_json::Value, _> = serde_json::from_str(&c.json);
        let json_ms = t.elapsed().as_secs_f64() * 1e3;
        let html = v
            .ok()
            .and_then(|v| v["content"]["rendered"].as_str().map(str::to_owned));
        let t = Instant::now();
        let n: usize = std::env::var("N").ok().and_then(|n| n.parse().ok()).unwrap_or(20);
        if let Some(h) = &html {
            for _ in 0..n {
                let _ = std::hint::black_box(article_model::html_body(h, "https://news.example/"));
            }
        }
        let body_ms = t.elapsed().as_secs_f64() * 1e3 / n as f64;
        println!("{:<34} json {json_ms:>7.1}  body {body_ms:>7.1}", c.name);
    }
}
