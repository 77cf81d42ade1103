//! Generated documents for the benchmarks (the native parse and render
//! benchmarks, and the browser's): realistic in shape, any size.

use serde_json::{json, Value};

/// A document with `blocks` blocks in sections of ten, mixing every block kind
/// the widget renders, with marked-up spans, links and a few polls.
pub fn generated_article(blocks: usize) -> String {
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
