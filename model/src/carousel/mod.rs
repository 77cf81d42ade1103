//! The related-links carousel's arithmetic: numbers in, numbers out.
//!
//! The widget measures the DOM (card boxes, the visible width, the scroll
//! offset), turns the measurements into logical pixels with [`Direction`],
//! and asks a [`Track`] how many cards fit, where each page starts, which
//! cards are in view and where the previous/next buttons should scroll.
//! Logical pixels run along the inline axis from the track's start edge
//! (the left edge in left-to-right text, the right edge in right-to-left),
//! so nothing here cares which way the text runs.

mod direction;
mod keys;
mod state;
mod track;

pub use direction::{Direction, Edges};
pub use keys::card_for_key;
pub use state::{Cards, CarouselState};
pub use track::{Page, Slot, Track, TOLERANCE};

use crate::url::display_host;
use crate::RelatedItem;

/// What a card names as its source: the item's `source`, or the link's
/// domain when the document gives none.
pub fn source_label(item: &RelatedItem) -> Option<&str> {
    item.source
        .as_deref()
        .map(str::trim)
        .filter(|source| !source.is_empty())
        .or_else(|| display_host(&item.url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(url: &str, source: Option<&str>) -> RelatedItem {
        RelatedItem {
            url: url.to_owned(),
            title: "Title".to_owned(),
            description: None,
            source: source.map(str::to_owned),
            image: None,
            intro: None,
        }
    }

    #[test]
    fn the_source_is_the_given_one_or_the_links_domain() {
        let cases = [
            (
                "https://www.example.com/a",
                Some("Example News"),
                Some("Example News"),
            ),
            ("https://www.example.com/a", None, Some("example.com")),
            (
                "https://news.example.org:8443/b?c",
                None,
                Some("news.example.org"),
            ),
            ("https://example.org/", Some("   "), Some("example.org")),
        ];
        for (url, source, expected) in cases {
            assert_eq!(
                source_label(&item(url, source)),
                expected,
                "{url} {source:?}"
            );
        }
    }
}
