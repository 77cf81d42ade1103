//! What the poll keeps in `localStorage` (model/src/poll/storage.rs): any
//! stored text reads as nothing or as a valid vote, and never panics; a vote
//! written reads back equal; storage keys never collide; a stored vote of
//! any shape gives the poll a consistent state.
#![no_main]

use arbitrary::Arbitrary;
use article_model::poll::{
    is_voter_token, vote_storage_key, voter_token_from_bytes, Phase, PollState, StoredVote,
    VoteStatus,
};
use article_model::{Poll, PollOption};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Status {
    Pending,
    Confirmed,
    Local,
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// Whatever another version, an extension or a damaged profile left there.
    stored_text: String,
    options: Vec<String>,
    status: Status,
    cast_at_ms: u64,
    keys: [(Option<String>, String); 2],
    token_bytes: [u8; 24],
    multiple: bool,
    has_endpoint: bool,
    closed: bool,
}

fuzz_target!(|input: Input| {
    // Arbitrary stored text: nothing, or a vote that reads back the same.
    if let Some(vote) = StoredVote::from_json(&input.stored_text) {
        assert!(!vote.options.is_empty());
        assert_eq!(StoredVote::from_json(&vote.to_json()), Some(vote));
    }
    // Any vote the widget writes reads back equal (the state never keeps an
    // empty choice).
    let status = match input.status {
        Status::Pending => VoteStatus::Pending,
        Status::Confirmed => VoteStatus::Confirmed,
        Status::Local => VoteStatus::Local,
    };
    let vote = StoredVote {
        options: input.options.clone(),
        status,
        cast_at_ms: input.cast_at_ms,
    };
    let read = StoredVote::from_json(&vote.to_json());
    if input.options.is_empty() {
        assert_eq!(read, None);
    } else {
        assert_eq!(read, Some(vote.clone()));
    }
    // Keys: different (endpoint, poll) pairs never share a key.
    let [(e1, p1), (e2, p2)] = &input.keys;
    let k1 = vote_storage_key(e1.as_deref(), p1);
    let k2 = vote_storage_key(e2.as_deref(), p2);
    let same = e1.as_deref().unwrap_or("") == e2.as_deref().unwrap_or("") && p1 == p2;
    assert_eq!(k1 == k2, same, "{k1} / {k2}");
    // A fresh voter token is one the widget accepts when it reads it back;
    // stored text is accepted only when it has the token's shape.
    assert!(is_voter_token(&voter_token_from_bytes(&input.token_bytes)));
    if is_voter_token(&input.stored_text) {
        assert!(input
            .stored_text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }
    // A poll starting from whatever was stored: a consistent state.
    let poll = Poll {
        id: "p".into(),
        question: "Q?".into(),
        options: ["a", "b", "c"]
            .iter()
            .map(|id| PollOption {
                id: (*id).into(),
                label: id.to_uppercase(),
            })
            .collect(),
        multiple: input.multiple,
        closes_at: None,
        endpoint: None,
        results: None,
    };
    let stored = StoredVote::from_json(&input.stored_text).or(Some(vote));
    let state = PollState::new(&poll, input.has_endpoint, input.closed, stored);
    if let Some(chosen) = state.vote() {
        assert!(!chosen.is_empty());
        assert!(chosen
            .iter()
            .all(|id| poll.options.iter().any(|o| &o.id == id)));
        assert!(input.multiple || chosen.len() == 1);
    }
    if input.closed {
        assert_eq!(state.phase(), Phase::Closed);
    }
    let again = state.stored_vote();
    if let Some(again) = &again {
        assert_eq!(
            StoredVote::from_json(&again.to_json()).as_ref(),
            Some(again)
        );
    }
    let _ = state.results();
});
