use super::*;
use crate::PollOption;

fn poll(multiple: bool) -> Poll {
    Poll {
        id: "p".into(),
        question: "Q?".into(),
        options: ["yes", "no", "unsure"]
            .iter()
            .map(|id| PollOption {
                id: (*id).into(),
                label: id.to_uppercase(),
            })
            .collect(),
        multiple,
        closes_at: None,
        endpoint: Some("https://polls.example/api".into()),
        results: Some(vec![("yes".into(), 2), ("no".into(), 1)]),
    }
}

fn ids(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| (*s).into()).collect()
}

fn tally(yes: u64, no: u64, your_vote: Option<&[&str]>) -> Tally {
    Tally {
        counts: vec![("yes".into(), yes), ("no".into(), no)],
        total: yes + no,
        closed: false,
        your_vote: your_vote.map(ids),
        voided: false,
    }
}

/// A tally read by a reader whose vote was voided (`"voided": true`, no `your_vote`).
fn voided_tally(yes: u64, no: u64) -> Tally {
    Tally {
        voided: true,
        ..tally(yes, no, None)
    }
}

fn counts(state: &PollState) -> Vec<(u64, u32, bool)> {
    let results = state.results();
    results
        .rows
        .iter()
        .map(|r| (r.count, r.percent, r.mine))
        .collect()
}

fn live() -> PollState {
    PollState::new(&poll(false), true, false, None)
}

#[test]
fn idle_then_pending_then_confirmed() {
    let mut state = live();
    assert_eq!(state.phase(), Phase::Idle);
    assert!(!state.shows_results());
    assert_eq!(state.stored_vote(), None);

    state.submit(ids(&["no"]), 42).unwrap();
    assert_eq!(state.phase(), Phase::Pending);
    assert!(state.has_unsent_vote());
    // Optimistic: the snapshot plus the reader's vote.
    assert_eq!(
        counts(&state),
        [(2, 50, false), (2, 50, true), (0, 0, false)]
    );
    let stored = state.stored_vote().unwrap();
    assert_eq!(
        (stored.status, stored.cast_at_ms),
        (VoteStatus::Pending, 42)
    );

    state.on_vote_reply(VoteReply::Counted(tally(12, 8, Some(&["no"]))));
    assert_eq!(state.phase(), Phase::Confirmed);
    assert!(state.is_live());
    assert_eq!(
        counts(&state),
        [(12, 60, false), (8, 40, true), (0, 0, false)]
    );
    assert_eq!(state.stored_vote().unwrap().status, VoteStatus::Confirmed);
}

#[test]
fn failures_queue_the_vote_with_backoff_until_it_is_counted() {
    let mut state = live();
    state.on_tally(tally(5, 5, None));
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Failed {
        retry_after_secs: None,
    });
    assert_eq!(state.phase(), Phase::Queued);
    assert_eq!(state.stored_vote().unwrap().status, VoteStatus::Pending);
    assert_eq!(counts(&state)[0], (6, 55, true), "still shown, counted in");
    assert_eq!(state.retry_delay_ms(0.0), 1_000);
    state.resend();
    assert_eq!(state.phase(), Phase::Pending);
    state.on_vote_reply(VoteReply::Failed {
        retry_after_secs: Some(30),
    });
    assert_eq!(state.retry_delay_ms(0.0), 30_000, "429 Retry-After");
    state.resend();
    state.on_vote_reply(VoteReply::Failed {
        retry_after_secs: None,
    });
    assert_eq!(state.retry_delay_ms(0.0), 4_000);
    state.resend();
    state.on_vote_reply(VoteReply::Counted(tally(6, 5, Some(&["yes"]))));
    assert_eq!(state.phase(), Phase::Confirmed);
    assert_eq!(counts(&state)[0], (6, 55, true), "counted once");
}

#[test]
fn over_the_network_cap_the_vote_waits_is_explained_and_counted_once() {
    let mut state = live();
    state.on_tally(tally(5, 5, None));
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::OverNetworkCap {
        retry_after_secs: Some(30),
    });
    assert_eq!(state.phase(), Phase::Queued);
    assert!(state.is_over_network_cap());
    assert!(!state.is_unavailable(), "the service answered");
    assert_eq!(state.stored_vote().unwrap().status, VoteStatus::Pending);
    assert_eq!(state.retry_delay_ms(0.0), 30_000, "Retry-After is a floor");
    state.resend();
    state.on_vote_reply(VoteReply::Counted(tally(6, 5, Some(&["yes"]))));
    assert_eq!(state.phase(), Phase::Confirmed);
    assert!(!state.is_over_network_cap());
    assert_eq!(counts(&state)[0], (6, 55, true), "counted once");
}

#[test]
fn a_service_down_at_load_is_said_and_voting_still_works() {
    let mut state = live();
    state.on_tally_reply(TallyReply::Unavailable);
    assert!(state.is_unavailable());
    assert_eq!(state.phase(), Phase::Idle, "the form stays usable");
    state.submit(ids(&["no"]), 7).unwrap();
    assert_eq!(state.phase(), Phase::Pending);
    assert_eq!(state.stored_vote().unwrap().status, VoteStatus::Pending);
    state.on_vote_reply(VoteReply::Failed {
        retry_after_secs: None,
    });
    assert!(state.is_unavailable());
    assert_eq!(state.phase(), Phase::Queued);
    state.resend();
    state.on_vote_reply(VoteReply::Counted(tally(1, 1, Some(&["no"]))));
    assert!(!state.is_unavailable());
    assert_eq!(state.phase(), Phase::Confirmed);
    assert_eq!(counts(&state)[1], (1, 50, true), "counted once");

    // Back before the reader votes: the next tally clears the message.
    let mut state = live();
    state.on_tally_reply(TallyReply::Unavailable);
    state.on_tally_reply(TallyReply::Tally(tally(1, 0, None)));
    assert!(!state.is_unavailable());
    assert!(state.is_live());
    // Without a service there is nothing to be unavailable.
    let mut local = PollState::new(&poll(false), false, false, None);
    local.on_tally_reply(TallyReply::Unavailable);
    assert!(!local.is_unavailable());
}

#[test]
fn a_refresh_settles_a_vote_whose_answer_was_lost() {
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Failed {
        retry_after_secs: None,
    });
    state.on_tally(tally(3, 1, Some(&["yes"])));
    assert_eq!(state.phase(), Phase::Confirmed);
    assert_eq!(counts(&state)[0], (3, 75, true));
    // The retry's late answer changes nothing.
    state.on_vote_reply(VoteReply::Counted(tally(3, 1, Some(&["yes"]))));
    assert_eq!(state.phase(), Phase::Confirmed);
}

#[test]
fn conflict_shows_the_recorded_vote() {
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Conflict(tally(4, 4, Some(&["no"]))));
    assert_eq!(state.phase(), Phase::Conflict);
    assert_eq!(state.vote(), Some(&ids(&["no"])[..]));
    assert_eq!(
        counts(&state),
        [(4, 50, false), (4, 50, true), (0, 0, false)]
    );
    assert_eq!(state.stored_vote().unwrap().options, ids(&["no"]));

    // Found by a refresh instead of the answer: the same.
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_tally(tally(4, 4, Some(&["no"])));
    assert_eq!(state.phase(), Phase::Conflict);
}

#[test]
fn a_voided_vote_is_said_so_and_never_shown_as_counted() {
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Counted(tally(6, 5, Some(&["yes"]))));
    assert_eq!(state.phase(), Phase::Confirmed);

    // The moderators void it; the next refresh says so.
    state.on_tally(voided_tally(5, 5));
    assert_eq!(state.phase(), Phase::Voided);
    assert_eq!(state.phase().name(), "voided");
    assert!(state.shows_results(), "no form: no vote is taken");
    assert!(!state.has_unsent_vote());
    assert_eq!(
        counts(&state),
        [(5, 50, false), (5, 50, false), (0, 0, false)],
        "not counted in, not marked as the reader's"
    );
    let stored = state.stored_vote().unwrap();
    assert_eq!(
        (stored.status, stored.options),
        (VoteStatus::Voided, ids(&["yes"]))
    );
    // A refresh that says nothing of the reader keeps it; a late 409 too.
    state.on_tally(tally(5, 6, None));
    state.on_vote_reply(VoteReply::Voided(voided_tally(5, 6)));
    assert_eq!(state.phase(), Phase::Voided);
    // Only the service counting a vote of the reader again undoes it.
    let mut recounted = state.clone();
    recounted.on_tally(tally(6, 6, Some(&["yes"])));
    assert_eq!(recounted.phase(), Phase::Confirmed);

    // After a reload: voided from storage, before any tally, with the snapshot.
    let stored = StoredVote {
        options: ids(&["yes"]),
        status: VoteStatus::Voided,
        cast_at_ms: 1,
    };
    let reloaded = PollState::new(&poll(false), true, false, Some(stored.clone()));
    assert_eq!(reloaded.phase(), Phase::Voided);
    assert!(!reloaded.has_unsent_vote(), "not sent again");
    assert_eq!(
        counts(&reloaded),
        [(2, 67, false), (1, 33, false), (0, 0, false)],
        "the snapshot, without the voided vote"
    );
    // A reader whose storage was cleared learns it from the first tally.
    let mut cleared = live();
    cleared.on_tally(voided_tally(5, 5));
    assert_eq!(cleared.phase(), Phase::Voided);
    assert_eq!(cleared.stored_vote(), None, "no choice of theirs to keep");
}

#[test]
fn a_voided_readers_queued_vote_is_voided_not_a_conflict() {
    let mut state = live();
    state.submit(ids(&["no"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Failed {
        retry_after_secs: None,
    });
    state.resend();
    state.on_vote_reply(VoteReply::Voided(voided_tally(3, 1)));
    assert_eq!(state.phase(), Phase::Voided);
    assert!(!state.has_unsent_vote(), "never sent again");
    assert!(!state.is_unavailable());
    assert_eq!(state.stored_vote().unwrap().status, VoteStatus::Voided);
    assert_eq!(
        counts(&state),
        [(3, 75, false), (1, 25, false), (0, 0, false)]
    );

    // Told by a refresh while the vote is on its way: the same, and its answer after.
    let mut state = live();
    state.submit(ids(&["no"]), 1).unwrap();
    state.on_tally(voided_tally(3, 1));
    assert_eq!(state.phase(), Phase::Voided);
    state.on_vote_reply(VoteReply::Voided(voided_tally(3, 1)));
    assert_eq!(state.phase(), Phase::Voided);

    // A reader with a conflict on record learns the vote that stood is voided.
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Conflict(tally(4, 4, Some(&["no"]))));
    state.on_tally(voided_tally(4, 3));
    assert_eq!(state.phase(), Phase::Voided);
}

#[test]
fn a_voided_vote_on_a_closed_poll_is_not_marked() {
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Voided(voided_tally(3, 1)));
    state.on_vote_reply(VoteReply::Closed(Tally {
        closed: true,
        ..voided_tally(3, 1)
    }));
    state.on_tally(Tally {
        closed: true,
        ..voided_tally(3, 1)
    });
    assert_eq!((state.phase(), state.vote()), (Phase::Closed, None));
    assert_eq!(counts(&state)[0], (3, 75, false));

    let stored = StoredVote {
        options: ids(&["yes"]),
        status: VoteStatus::Voided,
        cast_at_ms: 1,
    };
    let by_date = PollState::new(&poll(false), true, true, Some(stored));
    assert_eq!((by_date.phase(), by_date.vote()), (Phase::Closed, None));

    // Closed before the reader learnt it: the tally says voided.
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Counted(tally(4, 1, Some(&["yes"]))));
    state.close();
    state.on_tally(Tally {
        closed: true,
        ..voided_tally(3, 1)
    });
    assert_eq!((state.phase(), state.vote()), (Phase::Closed, None));
}

#[test]
fn closed_polls_show_results_only() {
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    let mut closed = tally(9, 1, None);
    closed.closed = true;
    state.on_vote_reply(VoteReply::Closed(closed.clone()));
    assert_eq!(state.phase(), Phase::Closed);
    assert_eq!(
        state.vote(),
        None,
        "an uncounted vote is not shown as counted"
    );
    assert_eq!(counts(&state)[0], (9, 90, false));

    let by_date = PollState::new(&poll(false), true, true, None);
    assert_eq!(by_date.phase(), Phase::Closed);
    assert!(by_date.shows_results());

    let mut returning = live();
    returning.on_tally(Tally {
        closed: true,
        ..tally(9, 1, Some(&["no"]))
    });
    assert_eq!(returning.phase(), Phase::Closed);
    assert_eq!(returning.vote(), Some(&ids(&["no"])[..]));
}

#[test]
fn refused_votes_bring_the_form_back() {
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Refused);
    assert_eq!(state.phase(), Phase::Idle);
    assert!(state.was_refused());
    assert_eq!(state.stored_vote(), None);
    state.submit(ids(&["no"]), 2).unwrap();
    assert!(!state.was_refused());
}

#[test]
fn without_a_service_the_vote_is_local_against_the_snapshot() {
    let mut state = PollState::new(&poll(false), false, false, None);
    state.submit(ids(&["unsure"]), 7).unwrap();
    assert_eq!(state.phase(), Phase::Local);
    assert!(!state.is_live() && !state.has_unsent_vote());
    assert_eq!(
        counts(&state),
        [(2, 50, false), (1, 25, false), (1, 25, true)]
    );
    assert_eq!(state.stored_vote().unwrap().status, VoteStatus::Local);
    state.on_tally(tally(100, 100, None));
    assert!(!state.is_live(), "no service, no live tally");

    // A service that does not know the poll: the same.
    let mut state = live();
    state.submit(ids(&["yes"]), 1).unwrap();
    state.on_vote_reply(VoteReply::UnknownPoll);
    assert_eq!(state.phase(), Phase::Local);
    assert_eq!(counts(&state)[0], (3, 75, true));
}

#[test]
fn returning_readers_start_from_storage() {
    let stored = |status| StoredVote {
        options: ids(&["no"]),
        status,
        cast_at_ms: 5,
    };
    let pending = PollState::new(&poll(false), true, false, Some(stored(VoteStatus::Pending)));
    assert_eq!(pending.phase(), Phase::Pending);
    assert!(pending.has_unsent_vote());
    let confirmed = PollState::new(
        &poll(false),
        true,
        false,
        Some(stored(VoteStatus::Confirmed)),
    );
    assert_eq!(confirmed.phase(), Phase::Confirmed);
    assert_eq!(confirmed.vote(), Some(&ids(&["no"])[..]));
    let local = PollState::new(&poll(false), false, false, Some(stored(VoteStatus::Local)));
    assert_eq!(local.phase(), Phase::Local);
    // A vote kept before a service was configured is sent to it.
    let upgraded = PollState::new(&poll(false), true, false, Some(stored(VoteStatus::Local)));
    assert_eq!(upgraded.phase(), Phase::Pending);
    // A stored vote naming an option the poll no longer has is dropped.
    let stale = StoredVote {
        options: ids(&["maybe"]),
        ..stored(VoteStatus::Confirmed)
    };
    assert_eq!(
        PollState::new(&poll(false), true, false, Some(stale)).phase(),
        Phase::Idle
    );
    // A pending vote on a poll that has since closed is not shown as counted.
    let late = PollState::new(&poll(false), true, true, Some(stored(VoteStatus::Pending)));
    assert_eq!((late.phase(), late.vote()), (Phase::Closed, None));

    // A vote made in another tab or browser shows up with a refresh.
    let mut state = live();
    state.on_tally(tally(1, 0, Some(&["yes"])));
    assert_eq!(state.phase(), Phase::Confirmed);
}

#[test]
fn choices_are_checked() {
    let single = live();
    assert_eq!(single.check_choice(vec![]), Err(ChoiceError::Empty));
    assert_eq!(
        single.check_choice(ids(&["yes", "no"])),
        Err(ChoiceError::TooMany)
    );
    assert_eq!(
        single.check_choice(ids(&["maybe"])),
        Err(ChoiceError::UnknownOption)
    );
    assert_eq!(single.check_choice(ids(&["yes", "yes"])), Ok(ids(&["yes"])));
    let multiple = PollState::new(&poll(true), true, false, None);
    assert_eq!(
        multiple.check_choice(ids(&["unsure", "no", "unsure"])),
        Ok(ids(&["no", "unsure"]))
    );
    let mut state = multiple;
    state.submit(ids(&["yes", "no"]), 1).unwrap();
    state.on_vote_reply(VoteReply::Counted(Tally {
        counts: vec![("yes".into(), 2), ("no".into(), 1)],
        total: 2,
        closed: false,
        your_vote: Some(ids(&["yes", "no"])),
        voided: false,
    }));
    assert_eq!(
        counts(&state),
        [(2, 100, true), (1, 50, true), (0, 0, false)]
    );
}

#[test]
fn votes_are_sorted_without_repeats() {
    let ids = |list: &[&str]| list.iter().map(|&s| s.to_owned()).collect::<Vec<_>>();
    assert_eq!(
        sorted(&ids(&["no", "maybe", "no", "yes", "maybe"])),
        ids(&["maybe", "no", "yes"])
    );
    assert_eq!(sorted(&[]), Vec::<String>::new());
    let many: Vec<String> = (0..=MAX_COUNTS).map(|i| format!("o{i}")).collect();
    let state = PollState::new(&poll(true), true, false, None);
    assert_eq!(state.check_choice(many), Err(ChoiceError::TooMany));
}
