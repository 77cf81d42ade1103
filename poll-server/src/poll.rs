//! Poll definitions, votes and tallies: the rules of the API, free of HTTP and storage.
//! The rules a definition obeys (ids, texts, option counts, dates, voter
//! tokens) are the model's (`article_model::poll::rules`), which the widget
//! applies to a document's poll too.

use std::collections::BTreeMap;

use article_model::poll::{is_voter_token, rules, VOTER_TOKEN_RULE};
use serde::Serialize;
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

pub use article_model::poll::rules::{MAX_OPTIONS, MIN_OPTIONS};
/// The body of `PUT /polls/{id}`, and the shape of a `poll` block in an article.
pub use article_model::poll::PollInput;
/// The tally as the API returns it.
pub use article_model::poll::TallyBody;
pub use article_model::PollOption;

/// A validated poll definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub id: String,
    pub question: String,
    pub options: Vec<PollOption>,
    pub multiple: bool,
    /// Unix time in milliseconds after which no vote is accepted.
    pub closes_at_ms: Option<i64>,
}

/// What `PUT` answers: the definition as stored.
#[derive(Debug, Serialize)]
pub struct PollView<'a> {
    pub id: &'a str,
    pub question: &'a str,
    pub options: &'a [PollOption],
    pub multiple: bool,
    pub closes_at: Option<String>,
}

/// A ballot: the options one voter chose, sorted so that equal ballots compare equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub voter: String,
    pub options: Vec<String>,
}

/// Counts as stored, before they are shaped for a response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub per_option: BTreeMap<String, i64>,
    /// Number of ballots (voters), so a multiple-choice poll's percentages are "of voters".
    pub total: i64,
}

/// A voter's stored ballot: the options (sorted) and whether an admin voided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    pub options: Vec<String>,
    pub voided: bool,
}

/// What a tally says about the reader it is answered to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reader {
    /// No voter token was given: `your_vote` is left out.
    NotAsked,
    /// The token has no ballot on this poll: `"your_vote": null`.
    NoBallot,
    /// The ballot that counts: `"your_vote": [...]`.
    Counted(Vec<String>),
    /// The ballot was voided: `"voided": true` and no `your_vote`, since no
    /// vote of this reader counts (and it may not vote again).
    Voided,
}

impl From<Option<Ballot>> for Reader {
    fn from(ballot: Option<Ballot>) -> Self {
        match ballot {
            None => Reader::NoBallot,
            Some(Ballot { voided: true, .. }) => Reader::Voided,
            Some(Ballot { options, .. }) => Reader::Counted(options),
        }
    }
}

impl Poll {
    pub fn from_input(id: &str, input: PollInput) -> Result<Poll, String> {
        rules::check_definition(id, &input)
            .map_err(|broken| format!("{}: {}", broken.part.name(), broken.rule))?;
        let question = input.question.trim();
        let closes_at_ms = match input.closes_at.as_deref() {
            None => None,
            Some(text) => Some(
                parse_rfc3339_ms(text).ok_or_else(|| format!("closes_at: {}", rules::DATE_RULE))?,
            ),
        };
        Ok(Poll {
            id: id.to_string(),
            question: question.to_string(),
            options: input
                .options
                .into_iter()
                .map(|o| PollOption {
                    label: o.label.trim().to_string(),
                    id: o.id,
                })
                .collect(),
            multiple: input.multiple,
            closes_at_ms,
        })
    }

    pub fn is_closed(&self, now_ms: i64) -> bool {
        self.closes_at_ms.is_some_and(|closes| now_ms >= closes)
    }

    /// Checks a ballot against this poll and returns it in canonical (sorted) form.
    pub fn check_vote(&self, voter: &str, options: &[String]) -> Result<Vote, String> {
        check_voter(voter)?;
        if options.is_empty() {
            return Err("options: choose at least one option".into());
        }
        if !self.multiple && options.len() > 1 {
            return Err("options: this poll accepts a single option".into());
        }
        let mut chosen: Vec<String> = Vec::with_capacity(options.len());
        for option in options {
            if !self.options.iter().any(|o| &o.id == option) {
                return Err(format!("options: unknown option {:?}", truncate(option)));
            }
            if chosen.contains(option) {
                return Err(format!("options: {:?} is listed twice", option));
            }
            chosen.push(option.clone());
        }
        chosen.sort();
        Ok(Vote {
            voter: voter.to_string(),
            options: chosen,
        })
    }

    pub fn tally(&self, counts: &Counts, now_ms: i64, reader: Reader) -> TallyBody {
        let (your_vote, voided) = match reader {
            Reader::NotAsked => (None, false),
            Reader::NoBallot => (Some(None), false),
            Reader::Counted(options) => (Some(Some(options)), false),
            Reader::Voided => (None, true),
        };
        TallyBody {
            poll_id: self.id.clone(),
            counts: self
                .options
                .iter()
                .map(|o| {
                    (
                        o.id.clone(),
                        counts.per_option.get(&o.id).copied().unwrap_or(0),
                    )
                })
                .collect(),
            total: counts.total,
            closed: self.is_closed(now_ms),
            your_vote,
            voided,
        }
    }

    pub fn view(&self) -> PollView<'_> {
        PollView {
            id: &self.id,
            question: &self.question,
            options: &self.options,
            multiple: self.multiple,
            closes_at: self.closes_at_ms.map(format_rfc3339_ms),
        }
    }
}

/// Voter tokens are opaque to us, but bounded in shape so they are cheap to store and safe to log.
pub fn check_voter(voter: &str) -> Result<(), String> {
    if is_voter_token(voter) {
        Ok(())
    } else {
        Err(format!("voter: {VOTER_TOKEN_RULE}"))
    }
}

/// Poll and option ids appear in URLs and JSON keys: keep them to a URL-safe alphabet.
pub fn check_id(what: &str, id: &str) -> Result<(), String> {
    if rules::is_poll_id(id) {
        Ok(())
    } else {
        Err(format!("{what}: {}", rules::ID_RULE))
    }
}

/// Serialises a ballot for storage; the canonical order makes equal ballots equal strings.
pub fn encode_options(options: &[String]) -> String {
    serde_json::to_string(options).expect("a list of strings always serialises")
}

pub fn decode_options(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn now_ms() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

pub fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    article_model::rfc3339_to_unix_ms(text)
}

pub fn format_rfc3339_ms(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|at| at.format(&Rfc3339).ok())
        .unwrap_or_default()
}

fn truncate(text: &str) -> String {
    text.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(options: &[&str]) -> PollInput {
        PollInput {
            question: "Q?".into(),
            options: options
                .iter()
                .map(|id| PollOption {
                    id: id.to_string(),
                    label: format!("label {id}"),
                })
                .collect(),
            multiple: false,
            closes_at: None,
        }
    }

    #[test]
    fn poll_definitions_are_validated() {
        let long = "x".repeat(129);
        let cases: Vec<(&str, PollInput, bool)> = vec![
            ("p1", input(&["yes", "no"]), true),
            ("p1", input(&["yes"]), false),
            (
                "p1",
                input(&["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]),
                false,
            ),
            ("p1", input(&["yes", "yes"]), false),
            ("p1", input(&["yes", "n o"]), false),
            ("", input(&["yes", "no"]), false),
            ("a/b", input(&["yes", "no"]), false),
            (&long, input(&["yes", "no"]), false),
            (
                "p1",
                PollInput {
                    question: "  ".into(),
                    ..input(&["a", "b"])
                },
                false,
            ),
            (
                "p1",
                PollInput {
                    closes_at: Some("tomorrow".into()),
                    ..input(&["a", "b"])
                },
                false,
            ),
            (
                "p1",
                PollInput {
                    closes_at: Some("2030-01-02T03:04:05+01:00".into()),
                    ..input(&["a", "b"])
                },
                true,
            ),
        ];
        for (id, input, ok) in cases {
            let result = Poll::from_input(id, input.clone());
            assert_eq!(result.is_ok(), ok, "{id:?} {input:?}: {result:?}");
        }
    }

    #[test]
    fn closes_at_round_trips_in_utc() {
        let poll = Poll::from_input(
            "p",
            PollInput {
                closes_at: Some("2030-01-02T03:04:05.250+01:00".into()),
                ..input(&["a", "b"])
            },
        )
        .unwrap();
        assert_eq!(
            poll.view().closes_at.as_deref(),
            Some("2030-01-02T02:04:05.25Z")
        );
        assert!(!poll.is_closed(poll.closes_at_ms.unwrap() - 1));
        assert!(poll.is_closed(poll.closes_at_ms.unwrap()));
    }

    #[test]
    fn ballots_are_checked_and_canonical() {
        let single = Poll::from_input("p", input(&["a", "b", "c"])).unwrap();
        let multi = Poll {
            multiple: true,
            ..single.clone()
        };
        let token = "abcdefghijklmnop";
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();

        assert_eq!(
            single.check_vote(token, &s(&["b"])).unwrap().options,
            s(&["b"])
        );
        assert!(single.check_vote(token, &s(&["a", "b"])).is_err());
        assert!(single.check_vote(token, &s(&[])).is_err());
        assert!(single.check_vote(token, &s(&["zz"])).is_err());
        assert_eq!(
            multi.check_vote(token, &s(&["c", "a"])).unwrap().options,
            s(&["a", "c"])
        );
        assert!(multi.check_vote(token, &s(&["a", "a"])).is_err());
        for bad in [
            "short",
            "abcdefghijklmno!",
            "' OR 1=1 --aaaaaaaa",
            &"x".repeat(65),
        ] {
            assert!(single.check_vote(bad, &s(&["a"])).is_err(), "{bad}");
        }
        assert!(single.check_vote(&"x".repeat(64), &s(&["a"])).is_ok());
    }
}
