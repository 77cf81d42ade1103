//! Left-to-right and right-to-left: from what the browser reports to logical pixels.

/// The inline direction the carousel's track runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// A box's left and right edges on screen, in CSS pixels (as `getBoundingClientRect` gives them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edges {
    pub left: f64,
    pub right: f64,
}

impl Direction {
    /// From the computed CSS `direction` (`"ltr"` or `"rtl"`), which also
    /// settles `dir="auto"`.
    pub fn from_css(direction: &str) -> Self {
        if direction.eq_ignore_ascii_case("rtl") {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Direction::Rtl
    }

    /// How far the track is scrolled from its start edge, from `scrollLeft`.
    /// In right-to-left boxes browsers report 0 at the start (right) edge and
    /// negative values towards the left (CSSOM View), so the sign flips.
    pub fn logical_scroll(self, scroll_left: f64) -> f64 {
        match self {
            Direction::Ltr => scroll_left,
            Direction::Rtl => -scroll_left,
        }
    }

    /// The `scrollLeft` that scrolls the track `logical` pixels from its start edge.
    pub fn scroll_left(self, logical: f64) -> f64 {
        match self {
            Direction::Ltr => logical,
            // Never hand the browser -0.0 for the start: 0.0 reads better in the DOM.
            Direction::Rtl if logical == 0.0 => 0.0,
            Direction::Rtl => -logical,
        }
    }

    /// How far `item`'s start edge is from `viewport`'s start edge, on screen.
    pub fn start_offset(self, viewport: Edges, item: Edges) -> f64 {
        match self {
            Direction::Ltr => item.left - viewport.left,
            Direction::Rtl => viewport.right - item.right,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_css_direction_decides() {
        assert_eq!(Direction::from_css("rtl"), Direction::Rtl);
        assert_eq!(Direction::from_css("RTL"), Direction::Rtl);
        assert_eq!(Direction::from_css("ltr"), Direction::Ltr);
        assert_eq!(Direction::from_css(""), Direction::Ltr);
    }

    #[test]
    fn scroll_offsets_flip_sign_in_rtl() {
        // (direction, scrollLeft, logical)
        let cases = [
            (Direction::Ltr, 0.0, 0.0),
            (Direction::Ltr, 320.0, 320.0),
            (Direction::Rtl, 0.0, 0.0),
            (Direction::Rtl, -320.0, 320.0),
            (Direction::Rtl, -1016.5, 1016.5),
        ];
        for (dir, scroll_left, logical) in cases {
            assert_eq!(
                dir.logical_scroll(scroll_left),
                logical,
                "{dir:?} {scroll_left}"
            );
            assert_eq!(dir.scroll_left(logical), scroll_left, "{dir:?} {logical}");
        }
        assert!(Direction::Rtl.scroll_left(0.0).is_sign_positive());
    }

    #[test]
    fn start_offsets_measure_from_the_start_edge() {
        let viewport = Edges {
            left: 16.0,
            right: 716.0,
        };
        // (direction, card, offset)
        let cases = [
            (
                Direction::Ltr,
                Edges {
                    left: 16.0,
                    right: 240.0,
                },
                0.0,
            ),
            (
                Direction::Ltr,
                Edges {
                    left: 256.0,
                    right: 480.0,
                },
                240.0,
            ),
            (
                Direction::Rtl,
                Edges {
                    left: 492.0,
                    right: 716.0,
                },
                0.0,
            ),
            (
                Direction::Rtl,
                Edges {
                    left: 252.0,
                    right: 476.0,
                },
                240.0,
            ),
            // Scrolled out of view towards the end: offsets keep growing.
            (
                Direction::Rtl,
                Edges {
                    left: -500.0,
                    right: -276.0,
                },
                992.0,
            ),
        ];
        for (dir, card, offset) in cases {
            assert_eq!(dir.start_offset(viewport, card), offset, "{dir:?} {card:?}");
        }
    }
}
