//! One set of poll rules: every poll the widget accepts (reading a document's
//! `poll` block with the model), the server accepts (`Poll::from_input`, as
//! for `PUT` and article polls), and the other way round; and the bodies the
//! widget writes and reads (with `serde_json::Value`) are the ones the server
//! reads and writes (with the model's serde types).

use article_model::poll::{vote_body, Tally, VoteRequest};
use poll_server::poll::{Counts, Poll, PollInput, Reader};
use serde_json::{json, Value};

fn base() -> Value {
    json!({ "question": "Q?", "options": [{ "id": "yes", "label": "Yes" }, { "id": "no", "label": "No" }] })
}

fn with(field: &str, value: Value) -> (String, Value) {
    let mut poll = base();
    poll[field] = value;
    ("p".into(), poll)
}

fn options(ids: &[&str]) -> Value {
    Value::Array(
        ids.iter()
            .map(|id| json!({ "id": id, "label": format!("Label {id}") }))
            .collect(),
    )
}

fn label(text: &str) -> Value {
    json!([{ "id": "a", "label": text }, { "id": "b", "label": "B" }])
}

/// Does the widget's reader accept this poll (in a minimal article)?
fn widget_accepts(id: &str, poll: &Value) -> bool {
    let mut block = poll.clone();
    block["type"] = json!("poll");
    block["id"] = json!(id);
    let doc = json!({ "id": "a1", "title": "Title", "sections": [], "lead": [block] });
    article_model::read(&doc.to_string(), "https://news.example/a1", None).is_ok()
}

/// Does the server accept it as a definition (the body of a `PUT`)?
fn server_accepts(id: &str, poll: &Value) -> bool {
    let Ok(input) = serde_json::from_value::<PollInput>(poll.clone()) else {
        return false;
    };
    Poll::from_input(id, input).is_ok()
}

#[test]
fn the_widget_and_the_server_accept_the_same_polls() {
    let long_id = "x".repeat(128);
    let too_long_id = "x".repeat(129);
    let mut cases: Vec<(String, Value)> = vec![("p".into(), base())];
    for id in [
        "iraq-2024.poll:1",
        "A_b",
        &long_id,
        &too_long_id,
        "a b",
        "a/b",
        "a#b",
        "é",
        "a?b",
        "p%20",
        &"y".repeat(101),
    ] {
        cases.push((id.to_string(), base()));
    }
    for ids in [
        &["a"][..],
        &["a", "b"],
        &["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
        &["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"],
        &["a", "a"],
        &["a", "b c"],
        &["a", ""],
        &["a", "b/c"],
        &["a", &too_long_id],
        &["a", &long_id],
    ] {
        cases.push(with("options", options(ids)));
    }
    for text in [
        "Yes",
        "  padded  ",
        "",
        "   ",
        "tab\there",
        "line\nbreak",
        &"l".repeat(500),
        &"l".repeat(501),
        &"é".repeat(500),
    ] {
        cases.push(with("options", label(text)));
        cases.push(with("question", json!(text)));
    }
    cases.push(with("question", json!("q".repeat(1_000))));
    cases.push(with("question", json!("q".repeat(1_001))));
    for date in [
        "2030-01-02T03:04:05Z",
        "2030-01-02t03:04:05.250+01:00",
        "2030-01-02 03:04:05Z",
        "2030-12-31T23:59:60Z",
        "2030-02-29T00:00:00Z",
        "2028-02-29T00:00:00Z",
        "2030-04-31T00:00:00Z",
        "2030-01-02T03:04:05",
        "2030-01-02",
        "tomorrow",
        "2030-01-02T24:00:00Z",
        "2030-01-02T03:04:05+24:00",
    ] {
        cases.push(with("closes_at", json!(date)));
    }
    cases.push(with("multiple", json!(true)));

    let mut accepted = 0;
    for (id, poll) in &cases {
        let widget = widget_accepts(id, poll);
        let server = server_accepts(id, poll);
        assert_eq!(
            widget, server,
            "id {id:?}, poll {poll}: widget {widget}, server {server}"
        );
        accepted += usize::from(widget);
    }
    // Both outcomes are exercised.
    assert!(
        accepted > 10 && accepted < cases.len() - 10,
        "{accepted} of {}",
        cases.len()
    );
}

#[test]
fn the_vote_the_widget_sends_is_the_one_the_server_reads() {
    let options = vec!["b".to_string(), "a".to_string()];
    let body: VoteRequest = serde_json::from_str(&vote_body(&options, "abcdefghijklmnop")).unwrap();
    assert_eq!(
        body,
        VoteRequest {
            options,
            voter: "abcdefghijklmnop".into()
        }
    );
}

#[test]
fn the_tally_the_server_sends_is_the_one_the_widget_reads() {
    let input: PollInput = serde_json::from_value(base()).unwrap();
    let poll = Poll::from_input("p", input).unwrap();
    let counts = Counts {
        per_option: [("yes".to_string(), 3), ("no".to_string(), 1)].into(),
        total: 4,
    };
    let mine = vec!["yes".to_string()];
    for (reader, your_vote, voided) in [
        (Reader::NotAsked, None, false),
        (Reader::NoBallot, None, false),
        (Reader::Counted(mine.clone()), Some(mine.clone()), false),
        // A voided ballot is not the reader's vote in the counts.
        (Reader::Voided, None, true),
    ] {
        let body = serde_json::to_string(&poll.tally(&counts, 0, reader)).unwrap();
        let tally = Tally::from_json(&body).unwrap();
        assert_eq!(
            tally,
            Tally {
                counts: [("yes".to_string(), 3), ("no".to_string(), 1)].into(),
                total: 4,
                closed: false,
                your_vote,
                voided,
            },
            "{body}"
        );
    }
}
