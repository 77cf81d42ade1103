//! The inline reader poll: a form, then live results. The rules (what a reply
//! means, what is kept, when to retry) live in `article_model::poll`;
//! `use_poll` wires them to the browser (storage, requests, timers, events);
//! the components here render.

mod form;
mod live;
mod results;
mod service;
mod storage;
mod use_poll;

use article_model::poll::PollState;
use article_model::Poll;
use leptos::html::Aside;
use leptos::prelude::*;

use crate::context::WidgetContext;
use form::PollForm;
use results::PollResults;
use use_poll::{use_poll, UsePoll, UsePollOptions};

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
    let context = WidgetContext::get();
    let m = context.messages;
    let uid = next_instance_id();
    // The prerendered poll shows the form as a first visit would, without
    // the browser's storage, clock or service.
    let live = !cfg!(feature = "ssr");

    let element = NodeRef::<Aside>::new();
    let UsePoll { state, spoken } = use_poll(
        &poll,
        element,
        UsePollOptions {
            endpoint: context.options.poll_endpoint.as_deref(),
            live,
            messages: m,
        },
    );
    let question = poll.question.clone();

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
            data-phase=move || state.with(PollState::phase).name()
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
            <p class="aw-visually-hidden" aria-live="polite">{spoken}</p>
        </aside>
    }
}
