//! The same storage tests against SQLite and PostgreSQL.

#[macro_use]
mod common;

use std::sync::Arc;

use common::{poll, strings, VOTER, VOTER2};
use poll_server::poll::{Ballot, Vote};
use poll_server::store::{Store, VoteOutcome};

fn vote(voter: &str, options: &[&str]) -> Vote {
    Vote {
        voter: voter.to_string(),
        options: strings(options),
    }
}

/// A ballot that counts.
fn counted(options: &[&str]) -> Option<Ballot> {
    Some(Ballot {
        options: strings(options),
        voided: false,
    })
}

fn recorded(outcome: VoteOutcome) -> poll_server::poll::Counts {
    match outcome {
        VoteOutcome::Recorded(counts) => counts,
        other => panic!("expected Recorded, got {other:?}"),
    }
}

async fn definitions_round_trip_and_updates_keep_counts(store: Arc<dyn Store>) {
    assert_eq!(store.get_poll("p").await.unwrap(), None);
    let first = poll("p", &["a", "b"], false, Some("2031-05-06T07:08:09Z"));
    store.put_poll(&first).await.unwrap();
    assert_eq!(*store.get_poll("p").await.unwrap().unwrap(), first);
    store.cast_vote("p", vote(VOTER, &["a"])).await.unwrap();

    let second = poll("p", &["a", "b", "c"], true, None);
    store.put_poll(&second).await.unwrap();
    assert_eq!(*store.get_poll("p").await.unwrap().unwrap(), second);
    let counts = recorded(
        store
            .cast_vote("p", vote(VOTER2, &["a", "c"]))
            .await
            .unwrap(),
    );
    assert_eq!(counts.per_option["a"], 2);
    assert_eq!(counts.per_option["b"], 0);
    assert_eq!(counts.per_option["c"], 1);
    assert_eq!(counts.total, 2);
}

async fn a_vote_is_counted_once_and_retries_are_idempotent(store: Arc<dyn Store>) {
    store
        .put_poll(&poll("p", &["yes", "no"], false, None))
        .await
        .unwrap();
    for _ in 0..3 {
        let counts = recorded(store.cast_vote("p", vote(VOTER, &["yes"])).await.unwrap());
        assert_eq!(counts.per_option["yes"], 1);
        assert_eq!(counts.total, 1);
    }
    let (counts, ballot) = store.counts("p", Some(VOTER)).await.unwrap();
    assert_eq!((counts.per_option["yes"], counts.per_option["no"]), (1, 0));
    assert_eq!(ballot, counted(&["yes"]));
    assert_eq!(store.counts("p", Some(VOTER2)).await.unwrap().1, None);
}

async fn a_different_vote_conflicts_and_returns_the_recorded_one(store: Arc<dyn Store>) {
    store
        .put_poll(&poll("p", &["yes", "no"], false, None))
        .await
        .unwrap();
    store.cast_vote("p", vote(VOTER, &["yes"])).await.unwrap();
    match store.cast_vote("p", vote(VOTER, &["no"])).await.unwrap() {
        VoteOutcome::Conflict { counts, recorded } => {
            assert_eq!(recorded, strings(&["yes"]));
            assert_eq!(
                (
                    counts.per_option["yes"],
                    counts.per_option["no"],
                    counts.total
                ),
                (1, 0, 1)
            );
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn multiple_choice_counts_options_and_voters(store: Arc<dyn Store>) {
    store
        .put_poll(&poll("m", &["a", "b", "c"], true, None))
        .await
        .unwrap();
    store
        .cast_vote("m", vote(VOTER, &["a", "b"]))
        .await
        .unwrap();
    let counts = recorded(store.cast_vote("m", vote(VOTER2, &["b"])).await.unwrap());
    assert_eq!(
        (
            counts.per_option["a"],
            counts.per_option["b"],
            counts.per_option["c"]
        ),
        (1, 2, 0)
    );
    assert_eq!(counts.total, 2);
}

async fn voters_are_per_poll(store: Arc<dyn Store>) {
    store
        .put_poll(&poll("p1", &["a", "b"], false, None))
        .await
        .unwrap();
    store
        .put_poll(&poll("p2", &["a", "b"], false, None))
        .await
        .unwrap();
    store.cast_vote("p1", vote(VOTER, &["a"])).await.unwrap();
    let counts = recorded(store.cast_vote("p2", vote(VOTER, &["b"])).await.unwrap());
    assert_eq!((counts.per_option["b"], counts.total), (1, 1));
    assert_eq!(store.counts("p1", None).await.unwrap().0.per_option["a"], 1);
}

async fn text_with_sql_metacharacters_is_stored_as_text(store: Arc<dyn Store>) {
    let mut tricky = poll("q", &["a", "b"], false, None);
    tricky.question = "Robert'); DROP TABLE votes; -- \"quoted\" \\ % _ ; ?".into();
    tricky.options[0].label = "' OR '1'='1".into();
    store.put_poll(&tricky).await.unwrap();
    assert_eq!(*store.get_poll("q").await.unwrap().unwrap(), tricky);
    store
        .cast_vote("q", vote("x'--;DROP-TABLE_", &["a"]))
        .await
        .unwrap();
    assert_eq!(store.counts("q", None).await.unwrap().0.total, 1);
}

/// Many voters at once, each also retrying: every ballot counted exactly once.
async fn concurrent_votes_count_exactly(store: Arc<dyn Store>) {
    store
        .put_poll(&poll("c", &["a", "b", "c"], false, None))
        .await
        .unwrap();
    let voters = 1_500;
    let mut tasks = Vec::new();
    for i in 0..voters * 2 {
        let store = store.clone();
        let n = i % voters;
        tasks.push(tokio::spawn(async move {
            let option = ["a", "b", "c"][n % 3];
            store
                .cast_vote("c", vote(&format!("concurrent-{n:08}"), &[option]))
                .await
        }));
    }
    for task in tasks {
        assert!(matches!(
            task.await.unwrap().unwrap(),
            VoteOutcome::Recorded(_)
        ));
    }
    let (counts, _) = store.counts("c", None).await.unwrap();
    assert_eq!(counts.total, voters as i64);
    for option in ["a", "b", "c"] {
        assert_eq!(counts.per_option[option], voters as i64 / 3, "{option}");
    }
}

async fn unknown_polls_have_no_definition_and_zero_counts(store: Arc<dyn Store>) {
    assert!(store.get_poll("nothing").await.unwrap().is_none());
    let (counts, ballot) = store.counts("nothing", Some(VOTER)).await.unwrap();
    assert_eq!(
        (counts.total, counts.per_option.len(), ballot),
        (0, 0, None)
    );
}

for_each_backend!(
    definitions_round_trip_and_updates_keep_counts,
    a_vote_is_counted_once_and_retries_are_idempotent,
    a_different_vote_conflicts_and_returns_the_recorded_one,
    multiple_choice_counts_options_and_voters,
    voters_are_per_poll,
    text_with_sql_metacharacters_is_stored_as_text,
    concurrent_votes_count_exactly,
    unknown_polls_have_no_definition_and_zero_counts,
);

#[tokio::test]
async fn sqlite_votes_survive_a_reopen() {
    let (_dir, url) = common::sqlite_url();
    {
        let store = poll_server::store::open(&url).await.unwrap();
        store
            .put_poll(&poll("p", &["a", "b"], false, None))
            .await
            .unwrap();
        store.cast_vote("p", vote(VOTER, &["b"])).await.unwrap();
    }
    let store = poll_server::store::open(&url).await.unwrap();
    assert!(store.get_poll("p").await.unwrap().is_some());
    let (counts, ballot) = store.counts("p", Some(VOTER)).await.unwrap();
    assert_eq!((counts.per_option["b"], counts.total), (1, 1));
    assert_eq!(ballot, counted(&["b"]));
}
