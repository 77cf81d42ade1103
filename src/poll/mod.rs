//! The inline reader poll: a form, then live results. The rules (what a reply
//! means, what is kept, when to retry) live in `article_model::poll`; this
//! component wires them to the browser: storage, requests, timers, events.

mod form;
mod live;
mod results;
mod service;
mod storage;

use std::time::Duration;

use article_model::poll::{vote_storage_key, Phase, PollState, StoredVote};
use article_model::Poll;
use leptos::ev;
use leptos::html::Aside;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::WidgetContext;
use form::PollForm;
use results::{announcement, PollResults};
use service::{resolve_endpoint, PollService};

/// Gives each poll on the page its own element ids and radio group name.
fn next_instance_id() -> String {
    if cfg!(feature = "ssr") {
        return crate::ids::next_id("poll");
    }
    format!("aw-poll-{}", crate::ids::next_instance_number())
}

#[component]
pub fn InlinePoll(
    /// The document's poll block.
    poll: Poll,
) -> impl IntoView {
    let context = expect_context::<WidgetContext>();
    let m = context.messages;
    let uid = next_instance_id();
    // The prerendered poll shows the form as a first visit would, without
    // the browser's storage, clock or service.
    let live = !cfg!(feature = "ssr");

    let endpoint = live.then(|| {
        resolve_endpoint(
            context.options.poll_endpoint.as_deref(),
            poll.endpoint.as_deref(),
        )
    });
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
        &poll,
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

    // Sending: a vote becomes Pending when cast, when its retry is due, when
    // the browser comes back online, or on a page load that found it unsent.
    let phase = Memo::new(move |_| state.with(PollState::phase));
    crate::events::report_votes(poll.id.clone(), phase, state);
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
    let element = NodeRef::<Aside>::new();
    if live {
        let online = window_event_listener(ev::online, move |_| state.update(PollState::resend));
        on_cleanup(move || {
            online.remove();
            cancel_retry();
        });
        refresh_while_seen(element, state, service, past_closing);
    }

    // Said politely when the poll's phase changes (never on a mere refresh).
    let spoken = RwSignal::new(String::new());
    let question = poll.question.clone();
    Effect::watch(
        move || phase.get(),
        move |_, _, _| spoken.set(state.with_untracked(|s| announcement(s, m))),
        false,
    );

    let show_results = Memo::new(move |_| state.with(PollState::shows_results));
    let multiple = poll.multiple;
    let closes_at = poll.closes_at.clone();
    let question_id = format!("{uid}-question");
    // Without script, the document's results snapshot beside the form.
    let snapshot = (!live && poll.results.is_some()).then(|| {
        view! {
            <div class="aw-noscript-only aw-poll__snapshot">
                <PollResults
                    state
                    question=question.clone()
                    multiple
                    question_id=format!("{uid}-snapshot")
                    closes_at=None
                />
            </div>
        }
    });
    view! {
        <aside
            class="aw-poll"
            aria-label=m.poll_label
            data-phase=move || phase.get().name()
            node_ref=element
        >
            {move || {
                if show_results.get() {
                    view! {
                        <PollResults
                            state
                            question=question.clone()
                            multiple
                            question_id=question_id.clone()
                            closes_at=closes_at.clone()
                        />
                    }
                    .into_any()
                } else {
                    view! {
                        <PollForm
                            state
                            poll=poll.clone()
                            uid=uid.clone()
                            question_id=question_id.clone()
                        />
                    }
                    .into_any()
                }
            }}
            {snapshot}
            <p class="aw-visually-hidden" aria-live="polite">{move || spoken.get()}</p>
        </aside>
    }
}

/// Live results while the poll is seen; closing by date is noticed then too.
fn refresh_while_seen(
    element: NodeRef<Aside>,
    state: RwSignal<PollState>,
    service: StoredValue<Option<PollService>>,
    past_closing: impl Fn() -> bool + Clone + 'static,
) {
    live::refresh_while_seen(element, move || {
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
