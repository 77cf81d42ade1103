//! The poll service's HTTP API (poll-api.md) as plain data: the URLs and body
//! the widget sends, and what each answer means for a vote. The bodies'
//! shapes are [`VoteRequest`] and [`TallyBody`]: serde types for the server
//! (feature `serde`); the widget writes them with `json::quote` and
//! `json::strings` and reads them with the model's JSON reader (`poll-server/tests/agreement.rs`
//! proves the two agree).

use std::collections::BTreeMap;

use super::state::{TallyReply, VoteReply};
use super::tally::Tally;
use crate::json::{quote, strings, Document, Value};
use crate::url::encode_component;

/// The request header that carries the voter token on a tally read (it
/// stays out of access logs, unlike the older `?voter=` query).
pub const VOTER_HEADER: &str = "Poll-Voter";

/// `GET {base}/polls/{poll_id}`, sent with the token in [`VOTER_HEADER`].
pub fn tally_url(base: &str, poll_id: &str) -> String {
    poll_url(base, poll_id)
}

/// `POST {base}/polls/{poll_id}/votes`.
pub fn votes_url(base: &str, poll_id: &str) -> String {
    format!("{}/votes", poll_url(base, poll_id))
}

/// The body of a vote, `POST {base}/polls/{poll_id}/votes`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VoteRequest {
    /// The chosen option ids.
    pub options: Vec<String>,
    /// The voter token (`token.rs`).
    pub voter: String,
}

/// A tally as the service sends it (`GET`, and the `200`, `409` and `410`
/// answers to a vote); the widget reads it with [`Tally::from_json`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TallyBody {
    pub poll_id: String,
    /// Every option's count, by option id.
    pub counts: BTreeMap<String, i64>,
    /// Voters (ballots).
    pub total: i64,
    pub closed: bool,
    /// The asking voter's ballot: `None` leaves the field out (no voter
    /// asked), `Some(None)` writes `null` (this voter has not voted).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub your_vote: Option<Option<Vec<String>>>,
    /// The asking voter's ballot was voided (then `your_vote` is left out):
    /// written only when true, so other tallies are as before.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "std::ops::Not::not"))]
    pub voided: bool,
}

/// The body of a vote: a [`VoteRequest`].
pub fn vote_body(options: &[String], voter: &str) -> String {
    format!(
        r#"{{"options":{},"voter":{}}}"#,
        strings(options),
        quote(voter)
    )
}

/// What an answer to a vote means. `retry_after` is the `Retry-After` header.
pub fn vote_reply(status: u16, body: &str, retry_after: Option<&str>) -> VoteReply {
    let tally = || Tally::from_json(body);
    let failed = VoteReply::Failed {
        retry_after_secs: None,
    };
    match status {
        200..=299 => tally().map_or(failed, VoteReply::Counted),
        // A voided voter's 409 says `"voided": true` (and `"reason": "voided"`).
        409 => tally().map_or(failed, |tally| {
            if tally.voided {
                VoteReply::Voided(tally)
            } else {
                VoteReply::Conflict(tally)
            }
        }),
        410 => VoteReply::Closed(tally().unwrap_or(Tally {
            closed: true,
            ..Tally::default()
        })),
        400 | 422 => VoteReply::Refused,
        404 => VoteReply::UnknownPoll,
        // Many new voters from the reader's network: kept, explained, sent later.
        429 if over_network_cap(body) => VoteReply::OverNetworkCap {
            retry_after_secs: retry_after.and_then(|s| s.trim().parse().ok()),
        },
        // 429, 5xx, 408 and anything unexpected: the vote is kept and sent again.
        _ => VoteReply::Failed {
            retry_after_secs: retry_after.and_then(|s| s.trim().parse().ok()),
        },
    }
}

/// The poll server names a new-voter cap in `reason` (poll-api.md, "Integrity").
fn over_network_cap(body: &str) -> bool {
    Document::parse(body).is_ok_and(|doc| {
        matches!(
            doc.root().get("reason").and_then(Value::as_str),
            Some("network_cap" | "prefix_cap")
        )
    })
}

/// What an answer to a tally request means.
pub fn tally_reply(status: u16, body: &str) -> TallyReply {
    match status {
        200..=299 => Tally::from_json(body).map_or(TallyReply::Unavailable, TallyReply::Tally),
        404 => TallyReply::UnknownPoll,
        _ => TallyReply::Unavailable,
    }
}

fn poll_url(base: &str, poll_id: &str) -> String {
    format!(
        "{}/polls/{}",
        base.trim_end_matches('/'),
        encode_component(poll_id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_body() {
        assert_eq!(
            tally_url("https://p.example/api/", "iraq"),
            "https://p.example/api/polls/iraq"
        );
        assert_eq!(
            votes_url("/api", "a b/c?d"),
            "/api/polls/a%20b%2Fc%3Fd/votes"
        );
        assert_eq!(
            vote_body(&["yes".into()], "t"),
            r#"{"options":["yes"],"voter":"t"}"#
        );
    }

    #[test]
    fn answers_mean_what_the_api_says() {
        let tally =
            r#"{"poll_id":"p","counts":{"yes":1},"total":1,"closed":false,"your_vote":["yes"]}"#;
        assert!(matches!(vote_reply(200, tally, None), VoteReply::Counted(t) if t.total == 1));
        assert!(matches!(
            vote_reply(409, tally, None),
            VoteReply::Conflict(_)
        ));
        assert!(matches!(vote_reply(410, tally, None), VoteReply::Closed(_)));
        // A voided vote, as the poll server answers it.
        let voided = r#"{"poll_id":"p","counts":{"yes":0},"total":0,"closed":false,
            "voided":true,"error":"this voter's vote was voided","reason":"voided"}"#;
        assert!(matches!(
            vote_reply(409, voided, None),
            VoteReply::Voided(t) if t.voided && t.your_vote.is_none() && t.total == 0
        ));
        assert_eq!(
            vote_reply(409, "<html>", None),
            VoteReply::Failed {
                retry_after_secs: None
            }
        );
        assert!(matches!(vote_reply(410, "", None), VoteReply::Closed(t) if t.closed));
        assert_eq!(
            vote_reply(400, r#"{"error":"x"}"#, None),
            VoteReply::Refused
        );
        assert_eq!(vote_reply(404, "", None), VoteReply::UnknownPoll);
        let failed = |s| VoteReply::Failed {
            retry_after_secs: s,
        };
        assert_eq!(vote_reply(429, "", Some(" 7 ")), failed(Some(7)));
        assert_eq!(
            vote_reply(429, "", Some("Wed, 21 Oct 2015 07:28:00 GMT")),
            failed(None)
        );
        assert_eq!(vote_reply(503, "", Some("2")), failed(Some(2)));
        assert_eq!(vote_reply(500, "", None), failed(None));
        let capped = r#"{"error":"too many new voters from your network","reason":"network_cap"}"#;
        assert_eq!(
            vote_reply(429, capped, Some("120")),
            VoteReply::OverNetworkCap {
                retry_after_secs: Some(120)
            }
        );
        assert_eq!(vote_reply(503, capped, None), failed(None));
        // A success whose body is not a tally (a captive portal…) is not trusted.
        assert_eq!(vote_reply(200, "<html>", None), failed(None));
    }

    #[test]
    fn tally_answers() {
        let tally = r#"{"poll_id":"p","counts":{"yes":1},"total":1,"closed":false}"#;
        assert!(matches!(tally_reply(200, tally), TallyReply::Tally(t) if t.total == 1));
        assert_eq!(tally_reply(404, ""), TallyReply::UnknownPoll);
        for (status, body) in [(502, "Bad gateway"), (503, ""), (429, ""), (200, "<html>")] {
            assert_eq!(
                tally_reply(status, body),
                TallyReply::Unavailable,
                "{status}"
            );
        }
    }
}
