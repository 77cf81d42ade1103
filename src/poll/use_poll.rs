//! `use_poll`: one poll's state wired to the browser: the kept vote in
//! storage, sending and retrying, coming back online, live results while
//! the poll is seen, and what the live region says. What each reply means
//! is decided by `article_model::poll::PollState`.

use std::time::Duration;

use article_model::poll::{vote_storage_key, Phase, PollState, StoredVote};
use article_model::Poll;
use leptos::ev;
use leptos::html::Aside;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::live::refresh_while;
use super::results::announcement;
use super::service::{resolve_endpoint, PollService};
use super::storage;
use crate::i18n::Messages;
use crate::seen::{use_seen, UseSeenOptions};

pub struct UsePollOptions<'a> {
    /// The poll service the embedding page configured, over the document's.
    pub endpoint: Option<&'a str>,
    /// False when prerendering: the poll shows the form as a first visit
    /// would, without the browser's storage, clock or service.
    pub live: bool,
    /// The words of the announcements.
    pub messages: &'static Messages,
}

pub struct UsePoll {
    pub state: RwSignal<PollState>,
    pub phase: Memo<Phase>,
    /// What the polite live region says when the phase changes.
    pub spoken: ReadSignal<String>,
}

/// `poll`'s state; `element` is the poll's box, watched for live results.
pub fn use_poll(poll: &Poll, element: NodeRef<Aside>, options: UsePollOptions) -> UsePoll {
    let live = options.live;
    let endpoint = live.then(|| resolve_endpoint(options.endpoint, poll.endpoint.as_deref()));
    let service = endpoint.flatten().and_then(|endpoint| {
        Some(PollService {
            voter: storage::voter_token(&endpoint)?,
            endpoint,
            poll_id: poll.id.clone(),
        })
    });
    let storage_key = vote_storage_key(service.as_ref().map(|s| s.endpoint.as_str()), &poll.id);
    let closes_at_ms = poll
        .closes_at
        .as_deref()
        .filter(|_| live)
        .map(js_sys::Date::parse)
        .filter(|ms| !ms.is_nan());
    let past_closing = move || closes_at_ms.is_some_and(|ms| js_sys::Date::now() >= ms);

    let state = RwSignal::new(PollState::new(
        poll,
        service.is_some(),
        past_closing(),
        live.then(|| storage::load_vote(&storage_key)).flatten(),
    ));
    let service = StoredValue::new(service);

    // Keep the vote whenever what is to be kept changes (not on mere refreshes,
    // so a second widget showing the same poll never overwrites the first's vote).
    let kept = Memo::new(move |_| state.with(PollState::stored_vote));
    Effect::watch(
        move || kept.get(),
        move |vote: &Option<StoredVote>, _, _| storage::save_vote(&storage_key, vote.as_ref()),
        false,
    );

    let phase = Memo::new(move |_| state.with(PollState::phase));
    crate::events::report_votes(poll.id.clone(), phase, state);
    send_when_pending(state, phase, service);

    if live {
        let online = window_event_listener(ev::online, move |_| state.update(PollState::resend));
        on_cleanup(move || online.remove());
        let seen = use_seen(element, UseSeenOptions::default());
        refresh_while(seen, move || {
            // Closing by date is noticed while the poll is seen.
            if past_closing() && state.with_untracked(|s| s.phase() != Phase::Closed) {
                state.update(PollState::close);
            }
            let Some(service) = service.get_value() else {
                return;
            };
            spawn_local(async move {
                let reply = service.tally().await;
                state.try_update(|s| s.on_tally_reply(reply));
            });
        });
    }

    // Said politely when the poll's phase changes (never on a mere refresh).
    let (spoken, say) = signal(String::new());
    let m = options.messages;
    Effect::watch(
        move || phase.get(),
        move |_, _, _| say.set(state.with_untracked(|s| announcement(s, m))),
        false,
    );
    UsePoll {
        state,
        phase,
        spoken,
    }
}

/// A vote becomes Pending when cast, when its retry is due, when the browser
/// comes back online, or on a page load that found it unsent: send it then;
/// a Queued vote is retried after the model's delay.
fn send_when_pending(
    state: RwSignal<PollState>,
    phase: Memo<Phase>,
    service: StoredValue<Option<PollService>>,
) {
    let sending = StoredValue::new(false);
    let retry_timer = StoredValue::new_local(None::<TimeoutHandle>);
    let cancel_retry = move || {
        if let Some(handle) = retry_timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    Effect::new(move |_| {
        cancel_retry();
        match phase.get() {
            Phase::Pending if !sending.get_value() => {
                let Some(service) = service.get_value() else {
                    return;
                };
                let options = state.with_untracked(|s| s.vote().map(<[String]>::to_vec));
                sending.set_value(true);
                spawn_local(async move {
                    let reply = service.vote(&options.unwrap_or_default()).await;
                    sending.try_set_value(false);
                    state.try_update(|s| s.on_vote_reply(reply));
                });
            }
            Phase::Queued => {
                let delay = state.with_untracked(|s| s.retry_delay_ms(js_sys::Math::random()));
                let retry = move || state.update(PollState::resend);
                retry_timer
                    .set_value(set_timeout_with_handle(retry, Duration::from_millis(delay)).ok());
            }
            _ => {}
        }
    });
    on_cleanup(cancel_retry);
}
