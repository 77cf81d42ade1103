//! Expandable sections, as plain data: which sections start open, what the
//! "Expand all / Collapse all" control does, which section a URL fragment
//! names, and how much a collapsed section holds.

use std::collections::HashMap;

use crate::document::{Block, Inline, Section};
use crate::url::{percent_decode, percent_encode};

/// Whether a section starts expanded. The embedding page's `sections` option
/// (`Some(true)` = collapsed, `Some(false)` = expanded) wins over the
/// section's own `collapsed` field.
pub fn initially_expanded(section_collapsed: bool, embed_collapsed: Option<bool>) -> bool {
    !embed_collapsed.unwrap_or(section_collapsed)
}

/// The initial state of every section. The section a deep link names
/// (`deep_link`, an index) is always open: the reader asked for it.
pub fn initial_states(
    sections: &[Section],
    embed_collapsed: Option<bool>,
    deep_link: Option<usize>,
) -> Vec<bool> {
    sections
        .iter()
        .enumerate()
        .map(|(i, s)| deep_link == Some(i) || initially_expanded(s.collapsed, embed_collapsed))
        .collect()
}

/// What the article-wide control does when pressed; also its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    ExpandAll,
    CollapseAll,
}

impl BulkAction {
    /// The state every section gets.
    pub fn expands(self) -> bool {
        self == BulkAction::ExpandAll
    }
}

/// How many sections are open, kept up to date one change at a time so that
/// toggling one section never looks at the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpenTally {
    total: usize,
    open: usize,
}

impl OpenTally {
    pub fn new(states: &[bool]) -> Self {
        OpenTally {
            total: states.len(),
            open: states.iter().filter(|&&open| open).count(),
        }
    }

    pub fn open(self) -> usize {
        self.open
    }

    pub fn total(self) -> usize {
        self.total
    }

    /// Records one section going from `was_open` to `now_open`.
    pub fn record(&mut self, was_open: bool, now_open: bool) {
        match (was_open, now_open) {
            (false, true) => self.open = (self.open + 1).min(self.total),
            (true, false) => self.open = self.open.saturating_sub(1),
            _ => {}
        }
    }

    /// Records every section being set to `open`.
    pub fn record_all(&mut self, open: bool) {
        self.open = if open { self.total } else { 0 };
    }

    /// "Collapse all" once everything is open, "Expand all" while anything is closed.
    pub fn bulk_action(self) -> BulkAction {
        if self.total > 0 && self.open == self.total {
            BulkAction::CollapseAll
        } else {
            BulkAction::ExpandAll
        }
    }
}

/// Finds sections by the id a URL fragment names.
#[derive(Debug, Clone, Default)]
pub struct SectionAnchors {
    by_id: HashMap<String, usize>,
}

impl SectionAnchors {
    pub fn new(sections: &[Section]) -> Self {
        SectionAnchors {
            by_id: sections
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect(),
        }
    }

    /// The index of the section `fragment` names. `fragment` is what
    /// `location.hash` gives: with or without its `#`, percent-encoded or not
    /// (`#%D8%A7` and `#ا` both find the section `ا`).
    pub fn find(&self, fragment: &str) -> Option<usize> {
        let raw = fragment.strip_prefix('#').unwrap_or(fragment);
        if raw.is_empty() {
            return None;
        }
        if let Some(&i) = self.by_id.get(raw) {
            return Some(i);
        }
        let decoded = percent_decode(raw)?;
        self.by_id.get(&decoded).copied()
    }
}

/// The fragment (with its `#`) that links to the section `id`: characters a
/// URL may not carry raw, and anything beyond ASCII, percent-encoded.
pub fn fragment_for(id: &str) -> String {
    let raw = |byte: u8| byte.is_ascii_graphic() && !b"\"<>`%".contains(&byte);
    format!("#{}", percent_encode(id, raw))
}

/// Words a reader gets through in a minute, for reading-time estimates.
pub const WORDS_PER_MINUTE: usize = 230;
/// The longest preview of a collapsed section, in characters.
pub const PREVIEW_CHARS: usize = 140;

/// How much a section holds, shown while it is collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionSummary {
    pub words: usize,
    /// Estimated reading time, at least one minute.
    pub minutes: usize,
    /// The start of the section's first text, cut at a word with "…" when long.
    pub preview: String,
}

/// Counts a section's words and takes a preview from its first text.
pub fn summarize(blocks: &[Block]) -> SectionSummary {
    let mut words = 0;
    let mut preview = None;
    for block in blocks {
        let text = block_text(block);
        words += text.split_whitespace().count();
        if preview.is_none() && !text.trim().is_empty() && is_prose(block) {
            preview = Some(shorten(&text, PREVIEW_CHARS));
        }
    }
    SectionSummary {
        words,
        minutes: words.div_ceil(WORDS_PER_MINUTE).max(1),
        preview: preview.unwrap_or_default(),
    }
}

fn is_prose(block: &Block) -> bool {
    matches!(
        block,
        Block::Paragraph(_) | Block::Quote { .. } | Block::List { .. }
    )
}

/// The text a reader reads in a block, spaces between its parts.
fn block_text(block: &Block) -> String {
    let inline = |text: &Inline| text.iter().map(|s| s.text.as_str()).collect::<String>();
    match block {
        Block::Paragraph(text) => inline(text),
        Block::Subheading(text) => text.clone(),
        Block::Quote { text, cite } => {
            let mut all = inline(text);
            if let Some(cite) = cite {
                all.push(' ');
                all.push_str(cite);
            }
            all
        }
        Block::List { items, .. } => items.iter().map(inline).collect::<Vec<_>>().join(" "),
        Block::Image(image) => [image.caption.as_deref(), image.credit.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
        Block::Embed { title, .. } => title.clone(),
        Block::Poll(poll) => std::iter::once(poll.question.as_str())
            .chain(poll.options.iter().map(|o| o.label.as_str()))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// `text` with its whitespace collapsed, cut to at most `max` characters at a
/// word boundary, "…" marking the cut.
fn shorten(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut length = 0;
    for word in text.split_whitespace() {
        let word_length = word.chars().count();
        let needed = word_length + usize::from(length > 0);
        if length + needed > max {
            if length == 0 {
                out.extend(word.chars().take(max));
            }
            out.push('…');
            return out;
        }
        if length > 0 {
            out.push(' ');
        }
        out.push_str(word);
        length += needed;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Image, Span};

    fn section(id: &str, collapsed: bool) -> Section {
        Section {
            id: id.to_owned(),
            heading: id.to_owned(),
            collapsed,
            blocks: Vec::new(),
        }
    }

    fn paragraph(text: &str) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }

    #[test]
    fn the_embed_option_overrides_the_section_field() {
        // (section's collapsed, embed option, expanded?)
        let table = [
            (false, None, true),
            (true, None, false),
            (false, Some(true), false),
            (true, Some(true), false),
            (false, Some(false), true),
            (true, Some(false), true),
        ];
        for (collapsed, option, expanded) in table {
            assert_eq!(
                initially_expanded(collapsed, option),
                expanded,
                "collapsed: {collapsed}, option: {option:?}"
            );
        }
    }

    #[test]
    fn a_deep_linked_section_starts_open_whatever_the_options() {
        let sections = [section("a", true), section("b", true), section("c", false)];
        assert_eq!(initial_states(&sections, None, None), [false, false, true]);
        assert_eq!(
            initial_states(&sections, None, Some(1)),
            [false, true, true]
        );
        assert_eq!(
            initial_states(&sections, Some(true), Some(2)),
            [false, false, true]
        );
        assert_eq!(
            initial_states(&sections, Some(false), None),
            [true, true, true]
        );
    }

    #[test]
    fn the_bulk_control_expands_until_everything_is_open() {
        let mut tally = OpenTally::new(&[true, false, true]);
        assert_eq!((tally.open(), tally.total()), (2, 3));
        assert_eq!(tally.bulk_action(), BulkAction::ExpandAll);
        tally.record(false, true);
        assert_eq!(tally.bulk_action(), BulkAction::CollapseAll);
        assert!(!tally.bulk_action().expands());
        tally.record(true, true);
        assert_eq!(tally.open(), 3, "no change, no count");
        tally.record(true, false);
        assert_eq!(tally.bulk_action(), BulkAction::ExpandAll);
        tally.record_all(false);
        assert_eq!(tally.open(), 0);
        tally.record_all(true);
        assert_eq!(tally.bulk_action(), BulkAction::CollapseAll);
    }

    #[test]
    fn the_tally_stays_within_bounds() {
        let mut tally = OpenTally::new(&[false]);
        tally.record(true, false);
        assert_eq!(tally.open(), 0);
        tally.record(false, true);
        tally.record(false, true);
        assert_eq!(tally.open(), 1);
        assert_eq!(
            OpenTally::new(&[]).bulk_action(),
            BulkAction::ExpandAll,
            "nothing to collapse"
        );
    }

    #[test]
    fn fragments_find_their_sections() {
        let sections = [
            section("iraq-initiates-talks", false),
            section("العراق", false),
            section("100%-sure", false),
            section("a%20b", false),
        ];
        let anchors = SectionAnchors::new(&sections);
        let table = [
            ("#iraq-initiates-talks", Some(0)),
            ("iraq-initiates-talks", Some(0)),
            ("#%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D9%82", Some(1)),
            ("#%d8%a7%d9%84%d8%b9%d8%b1%d8%a7%d9%82", Some(1)),
            ("#العراق", Some(1)),
            ("#100%-sure", Some(2)),
            ("#100%25-sure", Some(2)),
            // The raw id wins over its decoding.
            ("#a%20b", Some(3)),
            ("#", None),
            ("", None),
            ("#IRAQ-INITIATES-TALKS", None),
            ("#iraq", None),
            ("#%FF%FE", None),
        ];
        for (fragment, expected) in table {
            assert_eq!(anchors.find(fragment), expected, "{fragment}");
        }
    }

    #[test]
    fn links_encode_what_urls_cannot_carry() {
        assert_eq!(
            fragment_for("iraq-initiates-talks"),
            "#iraq-initiates-talks"
        );
        assert_eq!(fragment_for("ا"), "#%D8%A7");
        assert_eq!(fragment_for("100%"), "#100%25");
        assert_eq!(fragment_for("a\"<b>`"), "#a%22%3Cb%3E%60");
        for id in ["العراق-والولايات", "100%-sure", "x<y", "plain"] {
            let anchors = SectionAnchors::new(&[section(id, false)]);
            assert_eq!(anchors.find(&fragment_for(id)), Some(0), "round trip {id}");
        }
    }

    #[test]
    fn summaries_count_words_and_preview_the_first_prose() {
        let blocks = [
            Block::Subheading("Not a preview".into()),
            Block::Image(Image {
                src: "https://example.com/a.jpg".into(),
                alt: "alt text is not read aloud as prose".into(),
                caption: Some("A caption".into()),
                credit: None,
                width: None,
                height: None,
            }),
            paragraph("  The   first paragraph.  "),
            paragraph("Second one."),
        ];
        let summary = summarize(&blocks);
        assert_eq!(summary.words, 3 + 2 + 3 + 2);
        assert_eq!(summary.minutes, 1);
        assert_eq!(summary.preview, "The first paragraph.");
    }

    #[test]
    fn reading_time_rounds_up() {
        let words = |n: usize| vec![paragraph(&"word ".repeat(n))];
        assert_eq!(summarize(&[]).minutes, 1);
        assert_eq!(summarize(&words(WORDS_PER_MINUTE)).minutes, 1);
        assert_eq!(summarize(&words(WORDS_PER_MINUTE + 1)).minutes, 2);
        assert_eq!(summarize(&words(10 * WORDS_PER_MINUTE)).minutes, 10);
        assert_eq!(summarize(&[]).preview, "");
    }

    #[test]
    fn long_previews_are_cut_at_a_word() {
        let long = "alpha beta gamma ".repeat(20);
        let preview = summarize(&[paragraph(&long)]).preview;
        assert!(preview.chars().count() <= PREVIEW_CHARS + 1);
        assert!(preview.ends_with("…"));
        assert!(preview.trim_end_matches('…').ends_with(['a']), "{preview}");
        assert_eq!(
            shorten(&"x".repeat(200), 10),
            format!("{}…", "x".repeat(10))
        );
        assert_eq!(shorten("short text", 10), "short text");
        assert_eq!(shorten("short text!", 10), "short…");
    }
}
