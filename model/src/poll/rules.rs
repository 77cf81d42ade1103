//! The rules a poll definition obeys, owned here and used by both the widget
//! (reading a document's `poll` block) and the poll server (`PUT`, article
//! polls), so a poll one accepts the other accepts too. The voter token's
//! shape is in `token.rs`, dates in `crate::date`.

pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 10;
/// Poll and option ids: in URLs and JSON keys, so a URL-safe alphabet.
pub const MAX_ID_LEN: usize = 128;
pub const MAX_QUESTION_LEN: usize = 1_000;
pub const MAX_LABEL_LEN: usize = 500;

/// 1 to [`MAX_ID_LEN`] characters of `A-Z a-z 0-9 _ - . :`.
pub fn is_poll_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
}

/// Why an id is refused, for a message after the field's name.
pub const ID_RULE: &str = "expected 1 to 128 characters from A-Z a-z 0-9 _ - . :";

/// A question or label: not blank, at most `max` characters once trimmed, no
/// control characters. `Err` says why, after the field's name.
pub fn check_poll_text(text: &str, max: usize) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > max || text.chars().any(char::is_control) {
        return Err(format!(
            "expected 1 to {max} characters, no control characters"
        ));
    }
    Ok(())
}

/// The number of options a poll may have.
pub fn check_option_count(count: usize) -> Result<(), String> {
    if (MIN_OPTIONS..=MAX_OPTIONS).contains(&count) {
        Ok(())
    } else {
        Err(format!(
            "a poll needs {MIN_OPTIONS} to {MAX_OPTIONS} options, found {count}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in ["p", "iraq-2024.poll:1", "A_b", &"x".repeat(128)] {
            assert!(is_poll_id(ok), "{ok}");
        }
        for bad in ["", "a b", "a/b", "é", "a#b", &"x".repeat(129)] {
            assert!(!is_poll_id(bad), "{bad}");
        }
    }

    #[test]
    fn texts_and_counts() {
        assert!(check_poll_text(" Yes ", 3).is_ok());
        assert!(check_poll_text("Yess", 3).is_err());
        assert!(check_poll_text("   ", 3).is_err());
        assert!(check_poll_text("a\nb", 10).is_err());
        assert!(check_option_count(1).is_err());
        assert!(check_option_count(2).is_ok());
        assert!(check_option_count(10).is_ok());
        assert!(check_option_count(11).is_err());
    }
}
