//! One carousel's state: what was measured, where the track is and is
//! heading, and what the reader and the host page were last told. The
//! widget keeps it in one signal and feeds it DOM measurements and events.

use super::{Direction, Page, Track, TOLERANCE};

/// Cards by index, first and last (inclusive, 0-based).
pub type Cards = (usize, usize);

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CarouselState {
    direction: Direction,
    track: Track,
    /// The track's pages, worked out once per measurement.
    pages: Vec<Page>,
    /// How far the track is scrolled from its start edge.
    scroll: f64,
    /// Where a button press is still scrolling to: pressing again before
    /// the smooth scroll ends moves on from there, not from halfway. Cleared
    /// on arrival, on a new measurement, and when the reader scrolls by hand.
    heading_to: Option<f64>,
    /// The cards in view the host page last heard of (or saw at the start).
    told: Option<Cards>,
    /// The cards the live region last announced.
    announced: Option<Cards>,
}

impl CarouselState {
    /// A new measurement (at the start, and whenever the track's size
    /// changes). It shows other cards, but the reader did not page: the
    /// host page is not told. True when the pages changed.
    pub fn measured(&mut self, direction: Direction, track: Track, scroll: f64) -> bool {
        let pages = track.pages();
        let changed = pages != self.pages;
        self.pages = pages;
        self.told = track.in_view(scroll);
        self.direction = direction;
        self.track = track;
        self.scroll = scroll;
        self.heading_to = None;
        changed
    }

    /// The track scrolled to `offset`; a button's scroll that got there has arrived.
    pub fn scrolled(&mut self, offset: f64) {
        self.scroll = offset;
        if self
            .heading_to
            .is_some_and(|target| (target - offset).abs() <= TOLERANCE)
        {
            self.heading_to = None;
        }
    }

    /// The reader took over (wheel, pointer): no button's scroll is under way.
    pub fn reader_scrolls(&mut self) {
        self.heading_to = None;
    }

    /// A scroll has settled: the cards now in view, when the host page has
    /// not heard of them yet (for its `carousel-page` event).
    pub fn settled(&mut self) -> Option<Cards> {
        let in_view = self.track.in_view(self.scroll)?;
        if self.told == Some(in_view) {
            return None;
        }
        self.told = Some(in_view);
        Some(in_view)
    }

    /// Heads for page `index`: where to scroll, `None` for no such page.
    /// The cards it shows are announced.
    pub fn head_to_page(&mut self, index: usize) -> Option<f64> {
        let page = *self.pages.get(index)?;
        self.heading_to = Some(page.position);
        self.announced = Some(
            self.track
                .in_view(page.position)
                .unwrap_or((page.first, page.last)),
        );
        Some(page.position)
    }

    /// Heads for wherever card `index` is wholly in view (keyboard focus
    /// moved to it): where to scroll.
    pub fn head_to_card(&mut self, index: usize) -> f64 {
        let offset = self.track.reveal(self.position(), index);
        self.heading_to = Some(offset);
        offset
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    pub fn scroll(&self) -> f64 {
        self.scroll
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    pub fn announced(&self) -> Option<Cards> {
        self.announced
    }

    /// Where the track is, or is about to be when a button press is still scrolling it.
    pub fn position(&self) -> f64 {
        self.heading_to.unwrap_or(self.scroll)
    }

    pub fn next_page(&self) -> Option<usize> {
        self.track.next_page(self.position())
    }

    pub fn previous_page(&self) -> Option<usize> {
        self.track.previous_page(self.position())
    }

    pub fn current_page(&self) -> usize {
        self.track.current_page(self.position())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carousel::Slot;

    /// Eight 100 px cards, three whole ones in a 320 px viewport.
    fn eight_cards() -> Track {
        Track {
            viewport: 320.0,
            max_scroll: 480.0,
            cards: (0..8)
                .map(|i| Slot {
                    start: f64::from(i) * 100.0,
                    size: 100.0,
                })
                .collect(),
        }
    }

    fn measured() -> CarouselState {
        let mut state = CarouselState::default();
        assert!(state.measured(Direction::Ltr, eight_cards(), 0.0));
        state
    }

    #[test]
    fn a_measurement_says_whether_the_pages_changed() {
        let mut state = measured();
        assert!(!state.measured(Direction::Ltr, eight_cards(), 120.0));
        assert!(!state.measured(Direction::Rtl, eight_cards(), 0.0));
        assert!(state.measured(Direction::Ltr, Track::default(), 0.0));
    }

    #[test]
    fn a_measurement_gives_the_pages_and_tells_nobody() {
        let mut state = measured();
        assert_eq!(state.pages().len(), 3);
        assert_eq!(state.settled(), None);
        assert_eq!(state.current_page(), 0);
        assert_eq!(state.previous_page(), None);
        assert_eq!(state.next_page(), Some(1));
    }

    #[test]
    fn a_second_press_moves_on_from_where_the_first_was_heading() {
        let mut state = measured();
        assert_eq!(state.head_to_page(1), Some(300.0));
        assert_eq!(state.announced(), Some((3, 5)));
        // Halfway there, the next page is still the last one.
        state.scrolled(150.0);
        assert_eq!(state.next_page(), Some(2));
        assert_eq!(state.current_page(), 1);
        // Arrived: the position is the scroll again.
        state.scrolled(300.0);
        assert_eq!(state.position(), 300.0);
    }

    #[test]
    fn scrolling_by_hand_cancels_the_heading() {
        let mut state = measured();
        state.head_to_page(2);
        state.scrolled(120.0);
        state.reader_scrolls();
        assert_eq!(state.position(), 120.0);
    }

    #[test]
    fn a_settled_scroll_tells_the_host_once_per_new_set_of_cards() {
        let mut state = measured();
        state.scrolled(300.0);
        assert_eq!(state.settled(), Some((3, 5)));
        assert_eq!(state.settled(), None);
        state.scrolled(310.0);
        assert_eq!(state.settled(), None);
        state.scrolled(480.0);
        assert_eq!(state.settled(), Some((5, 7)));
    }

    #[test]
    fn no_such_page_changes_nothing() {
        let mut state = measured();
        assert_eq!(state.head_to_page(9), None);
        assert_eq!(state.announced(), None);
        assert_eq!(state.position(), 0.0);
    }

    #[test]
    fn a_card_beyond_the_view_is_revealed() {
        let mut state = measured();
        let offset = state.head_to_card(4);
        assert!(offset > 0.0);
        assert_eq!(state.position(), offset);
    }
}
