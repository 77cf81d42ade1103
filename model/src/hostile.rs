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

/// A native article whose lead is one paragraph of `count` spans, marks alternating.
pub fn native_spans(count: usize) -> String {
    let spans: Vec<_> = (0..count)
        .map(|i| json!({"text": "a", "marks": [if i % 2 == 0 { "em" } else { "strong" }]}))
        .collect();
    json!({"format": "article/1", "id": "hostile", "title": "Hostile", "sections": [],
        "lead": [{"type": "paragraph", "text": spans}]})
    .to_string()
}

/// A native article whose lead is one paragraph of `count` spans, each the
/// shortest there is (a one-letter string): the most spans a document holds.
pub fn native_string_spans(count: usize) -> String {
    json!({"format": "article/1", "id": "hostile", "title": "Hostile", "sections": [],
        "lead": [{"type": "paragraph", "text": vec!["a"; count]}]})
    .to_string()
}

/// A JSON Feed with `count` small items (the first is shown).
pub fn feed_items(count: usize) -> String {
    let items: Vec<_> = (0..count)
        .map(|i| json!({"id": i.to_string(), "title": "Item", "content_html": "<p>a</p>"}))
        .collect();
    json!({"version": "https://jsonfeed.org/version/1.1", "title": "Hostile", "items": items})
        .to_string()
}

/// Links to different targets (`/0`, `/1`, ...), up to the size limit.
fn distinct_links() -> String {
    let mut html = String::new();
    for i in 0.. {
        let link = format!("<a href=/{i}>a</a>");
        if html.len() + link.len() > MAX_DOCUMENT_BYTES - SLACK {
            break;
        }
        html.push_str(&link);
    }
    html
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
            "wp: alternating marks in one <p>",
            wordpress(&format!("<p>{}</p>", fill("<b>a</b><i>b</i>"))),
        ),
        case("wp: &eacute; to 5 MB", wordpress(&fill("&eacute;"))),
        case("wp: unknown &names; to 5 MB", wordpress(&fill("&zzzzzz;"))),
        case("wp: &#8217; to 5 MB", wordpress(&fill("&#8217;"))),
        case("wp: links to 5 MB", wordpress(&fill("<a href=/x>a</a>"))),
        case("wp: distinct links to 5 MB", wordpress(&distinct_links())),
        case(
            "wp: 5 MB link target",
            wordpress(&format!(
                "<p><a href=\"https://a.example/{}\">a</a></p>",
                fill("x")
            )),
        ),
        case(
            "wp: 5 MB alt text of &amp;",
            wordpress(&format!("<img src=/i.png alt=\"{}\">", fill("&amp;"))),
        ),
        case("wp: <img> to 5 MB", wordpress(&fill("<img src=/i.png>"))),
        case("native: 160,000 spans", native_spans(160_000)),
        case("native: 200,000 spans", native_string_spans(200_000)),
        case("native: 1,000,000 spans", native_string_spans(1_000_000)),
        case(
            "wp: alternating marks in one <h3>",
            wordpress(&format!("<h3>{}</h3>", fill("<b>a</b><i>b</i>"))),
        ),
        case("feed: 90,000 items", feed_items(90_000)),
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
