//! What the widget keeps in `localStorage`: the voter token, and per poll the
//! reader's vote with whether the service has it yet.
//!
//! A vote is stored under `aw-poll:["<endpoint or empty>","<poll id>"]` (a JSON
//! pair, so no endpoint or id can make two keys collide) as
//! `{"cast_at":1721642400000,"options":["yes"],"status":"pending","v":1}`.
//! A value of another version, or one that does not read, is ignored.

use crate::json::{quote, strings, Document, Value};

/// Where the browser's voter token was kept when one token went to every
/// service; it now belongs to the first service origin that uses it.
pub const VOTER_TOKEN_KEY: &str = "aw-poll:voter";
const FORMAT_VERSION: u64 = 1;

/// The storage key of the vote on `poll_id` at `endpoint` (`None`: no service).
pub fn vote_storage_key(endpoint: Option<&str>, poll_id: &str) -> String {
    format!(
        "aw-poll:[{},{}]",
        quote(endpoint.unwrap_or("")),
        quote(poll_id)
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteStatus {
    /// Not yet acknowledged by the service: to be sent (again).
    Pending,
    /// The service counted it.
    Confirmed,
    /// There is no service: the vote lives in this browser only.
    Local,
    /// The service voided it: not counted, not to be sent again.
    Voided,
}

impl VoteStatus {
    fn as_str(self) -> &'static str {
        match self {
            VoteStatus::Pending => "pending",
            VoteStatus::Confirmed => "confirmed",
            VoteStatus::Local => "local",
            VoteStatus::Voided => "voided",
        }
    }
}

/// The reader's vote on one poll, as kept between visits.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredVote {
    pub options: Vec<String>,
    pub status: VoteStatus,
    /// When the reader voted (Unix milliseconds).
    pub cast_at_ms: u64,
}

impl StoredVote {
    pub fn to_json(&self) -> String {
        format!(
            r#"{{"cast_at":{},"options":{},"status":"{}","v":{FORMAT_VERSION}}}"#,
            self.cast_at_ms,
            strings(&self.options),
            self.status.as_str(),
        )
    }

    /// `None` for anything but a well-formed version 1 value.
    pub fn from_json(text: &str) -> Option<StoredVote> {
        let document = Document::parse(text).ok()?;
        let value = document.root();
        if value.get("v")?.as_u64()? != FORMAT_VERSION {
            return None;
        }
        let options = value
            .get("options")?
            .items()?
            .map(|id| id.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .filter(|ids| !ids.is_empty())?;
        let status = match value.get("status")?.as_str()? {
            "pending" => VoteStatus::Pending,
            "confirmed" => VoteStatus::Confirmed,
            "local" => VoteStatus::Local,
            "voided" => VoteStatus::Voided,
            _ => return None,
        };
        Some(StoredVote {
            options,
            status,
            cast_at_ms: value.get("cast_at").and_then(Value::as_u64).unwrap_or(0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_per_endpoint_and_poll() {
        assert_eq!(
            vote_storage_key(Some("https://polls.example/api"), "iraq"),
            r#"aw-poll:["https://polls.example/api","iraq"]"#
        );
        assert_eq!(vote_storage_key(None, "iraq"), r#"aw-poll:["","iraq"]"#);
        assert_ne!(
            vote_storage_key(Some("https://a/b"), "c\",\"d"),
            vote_storage_key(Some("https://a/b\",\"c"), "d")
        );
    }

    #[test]
    fn round_trips_in_the_documented_format() {
        let vote = StoredVote {
            options: vec!["yes".into()],
            status: VoteStatus::Pending,
            cast_at_ms: 1_721_642_400_000,
        };
        assert_eq!(
            vote.to_json(),
            r#"{"cast_at":1721642400000,"options":["yes"],"status":"pending","v":1}"#
        );
        assert_eq!(StoredVote::from_json(&vote.to_json()), Some(vote.clone()));
        for status in [VoteStatus::Confirmed, VoteStatus::Local, VoteStatus::Voided] {
            let other = StoredVote {
                status,
                ..vote.clone()
            };
            assert_eq!(StoredVote::from_json(&other.to_json()), Some(other));
        }
        let hand_written = r#"{"v":1,"options":["a","b"],"status":"confirmed"}"#;
        assert_eq!(
            StoredVote::from_json(hand_written).map(|v| v.options),
            Some(vec!["a".to_owned(), "b".to_owned()])
        );
    }

    #[test]
    fn ignores_other_versions_and_damaged_values() {
        for bad in [
            "",
            "null",
            "{}",
            r#"{"v":2,"options":["yes"],"status":"pending"}"#,
            r#"{"v":1,"options":[],"status":"pending"}"#,
            r#"{"v":1,"options":[1],"status":"pending"}"#,
            r#"{"v":1,"options":["yes"],"status":"maybe"}"#,
            r#"{"v":1,"options":"yes","status":"pending"}"#,
        ] {
            assert_eq!(StoredVote::from_json(bad), None, "{bad}");
        }
    }
}
