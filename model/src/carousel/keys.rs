//! Arrow keys between cards.

use super::Direction;

/// The card a key press moves focus to, from the card at `current` among
/// `count` cards; `None` for keys the carousel leaves alone. The arrow
/// pointing towards the track's end moves forward, so in right-to-left text
/// the left arrow means "next". At either end focus stays where it is.
pub fn card_for_key(
    key: &str,
    direction: Direction,
    current: usize,
    count: usize,
) -> Option<usize> {
    let last = count.checked_sub(1)?;
    let forward = match (key, direction) {
        ("ArrowRight", Direction::Ltr) | ("ArrowLeft", Direction::Rtl) => true,
        ("ArrowLeft", Direction::Ltr) | ("ArrowRight", Direction::Rtl) => false,
        ("Home", _) => return Some(0),
        ("End", _) => return Some(last),
        _ => return None,
    };
    Some(if forward {
        (current + 1).min(last)
    } else {
        current.saturating_sub(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{Ltr, Rtl};

    #[test]
    fn keys_move_along_the_reading_direction() {
        // (key, direction, current, count, expected)
        let cases = [
            ("ArrowRight", Ltr, 0, 8, Some(1)),
            ("ArrowLeft", Ltr, 3, 8, Some(2)),
            ("ArrowRight", Ltr, 7, 8, Some(7)),
            ("ArrowLeft", Ltr, 0, 8, Some(0)),
            ("ArrowLeft", Rtl, 0, 8, Some(1)),
            ("ArrowRight", Rtl, 3, 8, Some(2)),
            ("ArrowLeft", Rtl, 7, 8, Some(7)),
            ("Home", Ltr, 5, 8, Some(0)),
            ("End", Rtl, 2, 8, Some(7)),
            ("ArrowDown", Ltr, 2, 8, None),
            ("Tab", Ltr, 2, 8, None),
            ("ArrowRight", Ltr, 0, 0, None),
        ];
        for (key, dir, current, count, expected) in cases {
            assert_eq!(
                card_for_key(key, dir, current, count),
                expected,
                "{key} {dir:?} from {current} of {count}"
            );
        }
    }
}
