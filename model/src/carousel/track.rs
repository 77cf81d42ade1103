//! Pages of cards on a scrolling track, in logical pixels.

/// Layout rounding: positions this close count as the same place.
pub const TOLERANCE: f64 = 2.0;

/// Where one card sits on the track: its start edge's distance from the
/// track's start edge, and its width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    pub start: f64,
    pub size: f64,
}

impl Slot {
    pub fn end(self) -> f64 {
        self.start + self.size
    }
}

/// One page of cards: what a previous/next press or an indicator scrolls to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    /// Index of the page's first card.
    pub first: usize,
    /// Index of the page's last card (inclusive).
    pub last: usize,
    /// The scroll offset that shows the page.
    pub position: f64,
}

/// The measured carousel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Track {
    /// The width of the visible part of the track.
    pub viewport: f64,
    /// The furthest the track scrolls (`scrollWidth - clientWidth`).
    pub max_scroll: f64,
    /// Every card, in order.
    pub cards: Vec<Slot>,
}

impl Track {
    /// How many cards fit side by side: those wholly visible at the start
    /// (at least one, so a card wider than the viewport still pages).
    pub fn per_page(&self) -> usize {
        let Some(first) = self.cards.first() else {
            return 0;
        };
        let edge = first.start + self.viewport + TOLERANCE;
        self.cards
            .iter()
            .take_while(|card| card.end() <= edge)
            .count()
            .max(1)
    }

    /// The pages, in order. Pages hold `per_page` cards each; the last one
    /// ends at the last card, so it may share cards with the one before
    /// (8 cards, 3 a page: 1–3, 4–6, 6–8).
    pub fn pages(&self) -> Vec<Page> {
        let count = self.cards.len();
        let per_page = self.per_page();
        if count == 0 {
            return Vec::new();
        }
        (0..count)
            .step_by(per_page)
            .map(|first| {
                let first = first.min(count - per_page);
                Page {
                    first,
                    last: first + per_page - 1,
                    position: self.position_of(first),
                }
            })
            .collect()
    }

    /// The scroll offset that puts card `index` at the start edge, as far as
    /// the track scrolls (the browser clamps scroll-snap positions the same way).
    fn position_of(&self, index: usize) -> f64 {
        if index == 0 {
            return 0.0;
        }
        // Not `f64::clamp`: its bounds check would bring float formatting
        // (10.6 KB gzip) into the bundle for its panic message.
        self.cards[index].start.min(self.max_scroll).max(0.0)
    }

    /// The cards at least half visible at `scroll`: first and last index.
    pub fn in_view(&self, scroll: f64) -> Option<(usize, usize)> {
        let (from, to) = (scroll, scroll + self.viewport);
        let mut visible = self.cards.iter().enumerate().filter(|(_, card)| {
            let shown = card.end().min(to) - card.start.max(from);
            shown + TOLERANCE >= card.size / 2.0
        });
        let first = visible.next()?.0;
        let last = visible.next_back().map_or(first, |(index, _)| index);
        Some((first, last))
    }

    /// The page whose position is nearest `scroll` (the earlier one on a tie).
    pub fn current_page(&self, scroll: f64) -> usize {
        let mut best = (0, f64::INFINITY);
        for (index, page) in self.pages().iter().enumerate() {
            let distance = (page.position - scroll).abs();
            if distance < best.1 {
                best = (index, distance);
            }
        }
        best.0
    }

    /// The first page beyond `scroll`; `None` at the end.
    pub fn next_page(&self, scroll: f64) -> Option<usize> {
        self.pages()
            .iter()
            .position(|page| page.position > scroll + TOLERANCE)
    }

    /// The last page before `scroll`; `None` at the start.
    pub fn previous_page(&self, scroll: f64) -> Option<usize> {
        self.pages()
            .iter()
            .rposition(|page| page.position < scroll - TOLERANCE)
    }

    /// The scroll offset that brings card `index` wholly into view, moving
    /// as little as it can and stopping where a card starts (a snap point).
    pub fn reveal(&self, scroll: f64, index: usize) -> f64 {
        let Some(card) = self.cards.get(index) else {
            return scroll;
        };
        if card.start < scroll - TOLERANCE {
            return self.position_of(index);
        }
        if card.end() <= scroll + self.viewport + TOLERANCE {
            return scroll;
        }
        let first_fitting = self.cards[..=index]
            .iter()
            .position(|start| card.end() <= start.start + self.viewport + TOLERANCE)
            .unwrap_or(index);
        self.position_of(first_fitting)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` cards of `size` with `gap` between them, seen through `viewport`.
    fn track(count: usize, size: f64, gap: f64, viewport: f64) -> Track {
        let cards: Vec<Slot> = (0..count)
            .map(|i| Slot {
                start: i as f64 * (size + gap),
                size,
            })
            .collect();
        let end = cards.last().map_or(0.0, |card| card.end());
        Track {
            viewport,
            max_scroll: (end - viewport).max(0.0),
            cards,
        }
    }

    /// A desktop column: three 224 px cards and two 16 px gaps fill 704 px.
    fn desktop() -> Track {
        track(8, 224.0, 16.0, 704.0)
    }

    /// A phone: one card at 85% of 311 px, so the next one peeks in.
    fn phone() -> Track {
        track(8, 264.35, 12.0, 311.0)
    }

    fn firsts(track: &Track) -> Vec<(usize, usize)> {
        track.pages().iter().map(|p| (p.first, p.last)).collect()
    }

    #[test]
    fn the_visible_count_follows_the_width() {
        // (cards, card size, gap, viewport, per page)
        let cases = [
            (8, 224.0, 16.0, 704.0, 3),
            (8, 224.0, 16.0, 703.0, 3), // rounding within tolerance
            (8, 224.0, 16.0, 690.0, 2),
            (8, 336.0, 16.0, 688.0, 2),
            (8, 264.35, 12.0, 311.0, 1),
            (8, 400.0, 16.0, 311.0, 1), // wider than the viewport still pages
            (2, 224.0, 16.0, 704.0, 2), // fewer cards than fit
            (1, 224.0, 16.0, 704.0, 1),
            (0, 224.0, 16.0, 704.0, 0),
        ];
        for (count, size, gap, viewport, expected) in cases {
            let track = track(count, size, gap, viewport);
            assert_eq!(track.per_page(), expected, "{count} × {size} in {viewport}");
        }
    }

    #[test]
    fn pages_hold_a_page_of_cards_and_the_last_ends_at_the_last_card() {
        assert_eq!(firsts(&desktop()), [(0, 2), (3, 5), (5, 7)]);
        assert_eq!(firsts(&track(6, 224.0, 16.0, 704.0)), [(0, 2), (3, 5)]);
        assert_eq!(firsts(&track(2, 224.0, 16.0, 704.0)), [(0, 1)]);
        assert_eq!(firsts(&phone()).len(), 8);
        assert_eq!(firsts(&track(0, 224.0, 16.0, 704.0)), []);
    }

    #[test]
    fn page_positions_stop_where_the_track_stops() {
        let desktop = desktop();
        assert_eq!(desktop.max_scroll, 1200.0);
        let positions: Vec<f64> = desktop.pages().iter().map(|p| p.position).collect();
        assert_eq!(positions, [0.0, 720.0, 1200.0]);
        // On a phone the last card cannot reach the start edge: its page is the end.
        let phone = phone();
        let last = *phone.pages().last().unwrap();
        assert_eq!(last.position, phone.max_scroll);
        assert!(phone.cards[7].start > phone.max_scroll);
    }

    #[test]
    fn cards_in_view_are_those_at_least_half_visible() {
        let desktop = desktop();
        let phone = phone();
        // (track, scroll, in view)
        let cases = [
            (&desktop, 0.0, Some((0, 2))),
            (&desktop, 720.0, Some((3, 5))),
            (&desktop, 1200.0, Some((5, 7))),
            (&desktop, 1199.0, Some((5, 7))),
            (&desktop, 100.0, Some((0, 2))), // mid-swipe: 124 px of card 1 shows, 84 of card 4
            (&desktop, 130.0, Some((1, 3))), // 94 px of card 1, 114 of card 4
            (&phone, 0.0, Some((0, 0))),     // the peeking card does not count
            (&phone, phone.cards[3].start, Some((3, 3))),
            (&phone, phone.max_scroll, Some((7, 7))),
        ];
        for (track, scroll, expected) in cases {
            assert_eq!(track.in_view(scroll), expected, "at {scroll}");
        }
        assert_eq!(Track::default().in_view(0.0), None);
    }

    #[test]
    fn next_and_previous_move_a_page_and_stop_at_the_ends() {
        let desktop = desktop();
        // (scroll, previous, current, next)
        let cases = [
            (0.0, None, 0, Some(1)),
            (1.5, None, 0, Some(1)), // rounding at the start is the start
            (240.0, Some(0), 0, Some(1)), // swiped one card on
            (720.0, Some(0), 1, Some(2)),
            (960.0, Some(1), 1, Some(2)),
            (1200.0, Some(1), 2, None),
            (1199.2, Some(1), 2, None),
        ];
        for (scroll, previous, current, next) in cases {
            assert_eq!(
                desktop.previous_page(scroll),
                previous,
                "previous from {scroll}"
            );
            assert_eq!(desktop.current_page(scroll), current, "current at {scroll}");
            assert_eq!(desktop.next_page(scroll), next, "next from {scroll}");
        }
    }

    #[test]
    fn one_page_has_nowhere_to_go() {
        let two = track(2, 224.0, 16.0, 704.0);
        assert_eq!(two.max_scroll, 0.0);
        assert_eq!(two.next_page(0.0), None);
        assert_eq!(two.previous_page(0.0), None);
        assert_eq!(two.current_page(0.0), 0);
    }

    #[test]
    fn revealing_a_card_moves_as_little_as_it_can() {
        let desktop = desktop();
        // (scroll, card, new scroll)
        let cases = [
            (0.0, 1, 0.0),     // already in view
            (0.0, 3, 240.0),   // one card on: card 2 becomes the first
            (0.0, 7, 1200.0),  // as far as the track goes
            (720.0, 2, 480.0), // back: the card goes to the start edge
            (720.0, 0, 0.0),
            (720.0, 5, 720.0),
            (720.0, 99, 720.0), // no such card
        ];
        for (scroll, index, expected) in cases {
            assert_eq!(
                desktop.reveal(scroll, index),
                expected,
                "card {index} from {scroll}"
            );
        }
        let phone = phone();
        assert_eq!(phone.reveal(0.0, 1), phone.cards[1].start);
        assert_eq!(phone.reveal(phone.max_scroll, 6), phone.cards[6].start);
    }
}
