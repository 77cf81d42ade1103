//! The rules a poll definition obeys, owned here and used by both the widget
//! (reading a document's `poll` block) and the poll server (`PUT`, article
//! polls): [`check_definition`], so a poll one accepts the other accepts
//! too (`poll-server/tests/agreement.rs` proves it). The voter token's shape
//! is in `token.rs`, the API's bodies in `api.rs`, dates in `crate::date`.

use std::collections::HashSet;

use crate::date::is_rfc3339;
use crate::PollOption;

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

/// A poll definition as given, before it is checked: a document's `poll`
/// block (less its id, endpoint and results) or the body of `PUT /polls/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
pub struct PollInput {
    pub question: String,
    pub options: Vec<PollOption>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub multiple: bool,
    /// An RFC 3339 date-time.
    #[cfg_attr(feature = "serde", serde(default))]
    pub closes_at: Option<String>,
}

/// The part of a definition that breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Id,
    Question,
    /// The list of options as a whole (their number, a repeated id).
    Options,
    OptionId(usize),
    OptionLabel(usize),
    ClosesAt,
}

impl Part {
    /// The field's name in the poll API (`options[2].label`).
    pub fn name(self) -> String {
        match self {
            Part::Id => "poll id".to_owned(),
            Part::Question => "question".to_owned(),
            Part::Options => "options".to_owned(),
            Part::OptionId(i) => format!("options[{i}].id"),
            Part::OptionLabel(i) => format!("options[{i}].label"),
            Part::ClosesAt => "closes_at".to_owned(),
        }
    }
}

/// A broken rule: where, and what the rule is (a message after the field's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub part: Part,
    pub rule: String,
}

/// Every rule a poll definition obeys, checked in the order the poll API
/// lists them: the id, the question, the options, the closing date.
pub fn check_definition(id: &str, input: &PollInput) -> Result<(), Broken> {
    let broken = |part, rule: String| Err(Broken { part, rule });
    if !is_poll_id(id) {
        return broken(Part::Id, ID_RULE.to_owned());
    }
    if let Err(rule) = check_poll_text(&input.question, MAX_QUESTION_LEN) {
        return broken(Part::Question, rule);
    }
    if let Err(rule) = check_option_count(input.options.len()) {
        return broken(Part::Options, rule);
    }
    let mut seen = HashSet::new();
    for (i, option) in input.options.iter().enumerate() {
        if !is_poll_id(&option.id) {
            return broken(Part::OptionId(i), ID_RULE.to_owned());
        }
        if !seen.insert(option.id.as_str()) {
            return broken(
                Part::Options,
                format!("option id \"{}\" is used twice", option.id),
            );
        }
        if let Err(rule) = check_poll_text(&option.label, MAX_LABEL_LEN) {
            return broken(Part::OptionLabel(i), rule);
        }
    }
    if input
        .closes_at
        .as_deref()
        .is_some_and(|date| !is_rfc3339(date))
    {
        return broken(Part::ClosesAt, DATE_RULE.to_owned());
    }
    Ok(())
}

/// Why a date is refused, for a message after the field's name.
pub const DATE_RULE: &str = "expected an RFC 3339 date-time such as 2024-07-22T09:30:00Z";

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

    #[test]
    fn definitions() {
        let option = |id: &str| PollOption {
            id: id.to_owned(),
            label: format!("Label {id}"),
        };
        let input = PollInput {
            question: "Q?".to_owned(),
            options: vec![option("a"), option("b")],
            multiple: false,
            closes_at: None,
        };
        assert_eq!(check_definition("p", &input), Ok(()));
        let part = |id: &str, input: &PollInput| check_definition(id, input).unwrap_err().part;
        assert_eq!(part("a b", &input), Part::Id);
        let mut bad = input.clone();
        bad.question = " ".to_owned();
        assert_eq!(part("p", &bad), Part::Question);
        let mut bad = input.clone();
        bad.options.push(option("a"));
        assert_eq!(part("p", &bad), Part::Options);
        bad.options[2].id = "c/d".to_owned();
        assert_eq!(part("p", &bad), Part::OptionId(2));
        bad.options[2].id = "c".to_owned();
        bad.options[1].label = "x\ny".to_owned();
        assert_eq!(part("p", &bad), Part::OptionLabel(1));
        let mut bad = input;
        bad.closes_at = Some("tomorrow".to_owned());
        assert_eq!(part("p", &bad), Part::ClosesAt);
        assert_eq!(Part::OptionLabel(3).name(), "options[3].label");
    }
}
