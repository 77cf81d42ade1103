//! Generators of worst-case documents, each as large as a document may be
//! (or as its limit allows), for the hostile benchmark
//! (`examples/hostile_bench.rs`), the native tests and the browser tests.
//! Each one aims at a path from bytes to model that was, or could easily
//! become, slower than linear.

use serde_json::json;

use crate::MAX_DOCUMENT_BYTES;

pub struct HostileCase {
    pub name: &'static str,
    pub json: String,
}

/// Room for the JSON around the HTML body, so documents stay under the cap.
const SLACK: usize = 4096;

/// `unit` repeated until the body is close to the document size limit.
fn fill(unit: &str) -> String {
    unit.repeat((MAX_DOCUMENT_BYTES - SLACK) / unit.len())
}

/// A WordPress post with `html` as its content.
pub fn wordpress(html: &str) -> String {
    let post = json!({
        "id": 1,
        "title": {"rendered": "Hostile"},
        "content": {"rendered": html},
        "link": "https://news.example/hostile",
    });
    let json = post.to_string();
    assert!(json.len() <= MAX_DOCUMENT_BYTES, "{} bytes", json.len());
    json
}

/// A native article with `count` sections sharing one heading.
pub fn native_same_heading(count: usize) -> String {
    let sections: Vec<_> = (0..count)
        .map(|_| json!({"heading": "Notes", "blocks": []}))
        .collect();
    json!({"format": "article/1", "id": "hostile", "title": "Hostile", "sections": sections})
        .to_string()
}

/// `count` identical `<h2>` headings.
pub fn wordpress_same_h2(count: usize) -> String {
    wordpress(&"<h2>Notes</h2>".repeat(count))
}

/// One tag with `count` distinct attributes.
pub fn wordpress_attributes(count: usize) -> String {
    let attrs: String = (0..count).map(|i| format!(" a{i}=x")).collect();
    wordpress(&format!("<p{attrs}>text</p>"))
}

/// Every case, at full size.
pub fn cases() -> Vec<HostileCase> {
    let long_href = format!("https://a.example/{}", "x".repeat(1_000_000));
    let case = |name, json| HostileCase { name, json };
    vec![
        case("native: 10,000 same headings", native_same_heading(10_000)),
        case("native: 10,001 same headings", native_same_heading(10_001)),
        case("wp: 9,000 same <h2>", wordpress_same_h2(9_000)),
        case("wp: 10,000 same <h2>", wordpress_same_h2(10_000)),
        case("wp: <h2>a</h2> to 5 MB", wordpress(&fill("<h2>a</h2>"))),
        case("wp: 60,000 attributes", wordpress_attributes(60_000)),
        case("wp: attributes to 5 MB", wordpress_attributes(500_000)),
        case("wp: <p>a</p> to 5 MB", wordpress(&fill("<p>a</p>"))),
        case(
            "wp: 100,000 paragraphs",
            wordpress(&"<p>a</p>".repeat(100_000)),
        ),
        case("wp: &amp; to 5 MB", wordpress(&fill("&amp;"))),
        case("wp: text to 5 MB", wordpress(&fill("word "))),
        case("wp: <em> nested to 5 MB", wordpress(&fill("<em>"))),
        case("wp: <div> to 5 MB", wordpress(&fill("<div>"))),
        case("wp: <li> to 5 MB", wordpress(&fill("<li>"))),
        case(
            "wp: alternating marks",
            wordpress(&fill("<b>a</b><i>b</i>")),
        ),
        case(
            "wp: 1 MB link, many spans",
            wordpress(&format!(
                "<p><a href=\"{long_href}\">{}</a></p>",
                "a<b>b</b>".repeat(400_000)
            )),
        ),
        case(
            "wp: blank spans in <pre>",
            wordpress(&format!("<pre>{}x</pre>", fill("<b> </b><i> </i>"))),
        ),
        case("wp: comments to 5 MB", wordpress(&fill("<!-- x -->"))),
        case(
            "wp: unclosed <script>s",
            wordpress(&fill("<script></scrip")),
        ),
        case("wp: nested figures", wordpress(&fill("<figure>a"))),
        case("wp: nested lists", wordpress(&fill("<ul><li>a"))),
        case("wp: nested quotes", wordpress(&fill("<blockquote>a"))),
        case(
            "wp: long heading",
            wordpress(&format!("<h2>{}</h2>", fill("a-"))),
        ),
        case(
            "json: nested arrays",
            format!(
                "{{\"format\":\"article/1\",\"x\":{}{}}}",
                "[".repeat(1_000_000),
                "]".repeat(1_000_000)
            ),
        ),
    ]
}
