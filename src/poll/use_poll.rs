//! `use_poll`: one poll's state wired to the browser: the kept vote in
//! storage, sending and retrying, coming back online, live results while
//! the poll is seen, what the live region says and the host page's `vote`
//! events. What each reply means is decided by `article_model::poll::PollState`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use article_model::events::{VoteReporter, WidgetEvent};
use article_model::poll::{vote_storage_key, Phase, PollState};
use article_model::Poll;
use leptos::ev;
use leptos::html::Aside;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::live::refresh_while;
use super::results::announcement;
use super::service::{resolve_endpoint, PollService};
use super::storage;
use crate::events::WidgetEvents;
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
    /// What the polite live region says when the phase changes.
    pub spoken: RwSignal<String>,
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
    let spoken = RwSignal::new(String::new());

    // Every change of the state goes through one reaction (an effect costs
    // the wasm about 1.5 KB before compression): the vote is kept when what
    // is to be kept changes (not on mere refreshes, so a second widget
    // showing the same poll never overwrites the first's vote); a new phase
    // is said politely, reported to the host page, and sends or queues the
    // vote. The first run only does what the loaded state asks (a vote found
    // unsent is sent).
    let m = options.messages;
    let events = WidgetEvents::get();
    let poll_id = poll.id.clone();
    let mut kept = state.with_untracked(PollState::stored_vote);
    let mut phase = state.with_untracked(PollState::phase);
    let mut reporter = VoteReporter::new(phase);
    let mut first_run = true;
    let sender = Sender::new(state, service.clone());
    let retry_timer = sender.retry_timer;
    Effect::new(move || {
        let (vote, now) = state.with(|s| (s.stored_vote(), s.phase()));
        if vote != kept {
            storage::save_vote(&storage_key, vote.as_ref());
            kept = vote;
        }
        if !std::mem::take(&mut first_run) {
            if now == phase {
                return;
            }
            spoken.set(state.with_untracked(|s| announcement(s, m)));
            if let Some(outcome) = reporter.on_phase(now) {
                state.with_untracked(|s| {
                    events.emit(&WidgetEvent::Vote {
                        poll: &poll_id,
                        options: s.vote().unwrap_or_default(),
                        outcome,
                    })
                });
            }
        }
        phase = now;
        sender.on_phase(now);
    });
    on_cleanup(move || cancel(retry_timer));

    if live {
        let online = window_event_listener(ev::online, move |_| state.update(PollState::resend));
        on_cleanup(move || online.remove());
        let seen = use_seen(element, UseSeenOptions::default());
        refresh_while(seen, move || {
            // Closing by date is noticed while the poll is seen.
            if past_closing() && state.with_untracked(|s| s.phase() != Phase::Closed) {
                state.update(PollState::close);
            }
            let Some(service) = service.clone() else {
                return;
            };
            spawn_local(async move {
                let reply = service.tally().await;
                state.try_update(|s| s.on_tally_reply(reply));
            });
        });
    }

    UsePoll { state, spoken }
}

/// Sends the vote. A vote becomes Pending when cast, when its retry is due,
/// when the browser comes back online, or on a page load that found it
/// unsent: it is sent then; a Queued vote is retried after the model's delay.
/// (A cell rather than a stored value where only this hook's closures share
/// it: each stored value type costs the wasm a few hundred bytes.)
struct Sender {
    state: RwSignal<PollState>,
    service: Option<PollService>,
    sending: Rc<Cell<bool>>,
    /// Cleared on unmount too, so it is a stored value.
    retry_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
}

fn cancel(retry_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>) {
    if let Some(handle) = retry_timer.try_update_value(Option::take).flatten() {
        handle.clear();
    }
}

impl Sender {
    fn new(state: RwSignal<PollState>, service: Option<PollService>) -> Self {
        Sender {
            state,
            service,
            sending: Rc::default(),
            retry_timer: StoredValue::new_local(None),
        }
    }

    fn on_phase(&self, phase: Phase) {
        cancel(self.retry_timer);
        let state = self.state;
        match phase {
            Phase::Pending if !self.sending.get() => {
                let Some(service) = self.service.clone() else {
                    return;
                };
                let options = state.with_untracked(|s| s.vote().map(<[String]>::to_vec));
                self.sending.set(true);
                let sending = self.sending.clone();
                spawn_local(async move {
                    let reply = service.vote(&options.unwrap_or_default()).await;
                    sending.set(false);
                    state.try_update(|s| s.on_vote_reply(reply));
                });
            }
            Phase::Queued => {
                let delay = state.with_untracked(|s| s.retry_delay_ms(js_sys::Math::random()));
                let retry = move || state.update(PollState::resend);
                self.retry_timer
                    .set_value(set_timeout_with_handle(retry, Duration::from_millis(delay)).ok());
            }
            _ => {}
        }
    }
}
