//! The HTML allow-list (JSON Feed and WordPress bodies): never panics, the
//! reduced body has only checked URLs and unique section ids, and nothing
//! inside `<script>`, `<style>` or a comment ever becomes text.
#![no_main]

use article_fuzz::{check_block, check_section_ids};
use article_model::{html_body, html_text, Block, Inline};
use libfuzzer_sys::fuzz_target;

const BASE: &str = "https://news.example/2024/08/post/";
/// Hidden content the fuzzed HTML follows; it must never be read as text.
const HIDDEN: &str =
    "<script>alert('HIDDEN1')</script><style>p{x:'HIDDEN2'}</style><!-- HIDDEN3 -->\
    <a href=\"javascript:HIDDEN4\">link</a><img src=\"data:HIDDEN5\" alt=\"\">";

/// Time, not only correctness: one input in sixteen (chosen by its length,
/// so a finding reproduces) is also read repeated to about this many bytes.
/// A path that is slower than linear in what repeats then takes thousands of
/// times longer than the input alone, and libFuzzer's `-timeout`
/// (`scripts/fuzz.sh` passes 2 s) reports it as a finding.
const AMPLIFIED_BYTES: usize = 256 * 1024;

fuzz_target!(|html: &str| {
    if html.len() % 16 == 0 && !html.is_empty() {
        let _ = html_body(&html.repeat(AMPLIFIED_BYTES / html.len()), BASE);
    }
    let html = format!("{HIDDEN}{html}");
    // Over a limit is a refusal, not a failure.
    let Ok(body) = html_body(&html, BASE) else {
        return;
    };
    check_section_ids(&body.sections);
    let blocks = body
        .lead
        .iter()
        .chain(body.sections.iter().flat_map(|s| s.blocks.iter()));
    for block in blocks {
        check_block(block);
        assert!(
            !text_of(block).contains("HIDDEN"),
            "hidden content became text: {block:?}"
        );
    }
    for section in &body.sections {
        assert!(!section.heading.contains("HIDDEN"));
    }
    assert!(
        !html_text(&html).contains("HIDDEN"),
        "hidden content in html_text"
    );
});

/// Everything a block shows as text or uses as a URL.
fn text_of(block: &Block) -> String {
    let spans = |inline: &Inline| {
        inline
            .iter()
            .map(|s| format!("{} {}", s.text, s.href.as_deref().unwrap_or("")))
            .collect::<String>()
    };
    match block {
        Block::Paragraph(text) => spans(text),
        Block::Quote { text, cite } => spans(text) + cite.as_deref().unwrap_or(""),
        Block::List { items, .. } => items.iter().map(spans).collect(),
        Block::Subheading(text) => text.clone(),
        Block::Image(image) => format!("{} {} {:?}", image.src, image.alt, image.caption),
        other => format!("{other:?}"),
    }
}
