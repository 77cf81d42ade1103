//! Before voting: the question and its options as one radio group (checkboxes
//! on a multiple-choice poll) in a fieldset, and a submit button.

use article_model::poll::{Ballot, ChoiceError, PollState};
use article_model::Poll;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::context::WidgetContext;

#[component]
pub fn PollForm(
    /// The poll's state; submitting the form casts the vote.
    state: RwSignal<PollState>,
    /// The document's poll block: question, options, single or multiple choice.
    poll: Poll,
    /// Unique on the page: the input group's name and the prefix of element ids.
    uid: String,
    /// Id for the question, which names the whole poll.
    question_id: String,
) -> impl IntoView {
    let m = WidgetContext::get().messages;
    let ballot = RwSignal::new(Ballot::default());
    let refused = move || state.with(PollState::was_refused);
    let unavailable = move || state.with(PollState::is_unavailable);

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let now = js_sys::Date::now() as u64;
        let mut submitted = ballot.get_untracked();
        state.update(|poll| submitted.submit(poll, now));
        ballot.set(submitted);
    };
    let problem = move || {
        ballot.with(Ballot::problem).map(|problem| match problem {
            ChoiceError::TooMany => m.poll_too_many,
            _ => m.poll_choose_first,
        })
    };

    let input_type = if poll.multiple { "checkbox" } else { "radio" };
    let hint_id = format!("{uid}-hint");
    let options = poll
        .options
        .into_iter()
        .map(|option| {
            let id = option.id;
            let value = id.clone();
            let on_change = move |event| {
                let checked = event_target_checked(&event);
                ballot.update(|ballot| ballot.tick(&id, checked, poll.multiple));
            };
            view! {
                <label class="aw-poll__option">
                    <input type=input_type name=uid.clone() value=value on:change=on_change />
                    <span>{option.label}</span>
                </label>
            }
        })
        .collect_view();

    let described_by = poll.multiple.then(|| hint_id.clone());
    view! {
        <form class="aw-poll__form" on:submit=on_submit novalidate>
            // Always in the page, so screen readers hear the note when it appears.
            <div role="status">
                {move || unavailable().then(|| view! {
                    <p class="aw-poll__note">{m.poll_unavailable}</p>
                })}
            </div>
            <fieldset
                class="aw-poll__fieldset"
                aria-describedby=described_by
            >
                <legend class="aw-poll__question" id=question_id>{poll.question}</legend>
                {poll.multiple.then(|| view! {
                    <p class="aw-poll__hint" id=hint_id>{m.poll_choose_many}</p>
                })}
                <div class="aw-poll__options">{options}</div>
            </fieldset>
            // Prerendered: visibly not ready until the widget is live (and no
            // form submission that would reload the page).
            <button type="submit" class="aw-button aw-poll__submit" disabled=cfg!(feature = "ssr")>
                {m.poll_vote}
            </button>
            {cfg!(feature = "ssr").then(|| view! {
                <p class="aw-poll__note aw-noscript-only">{m.poll_needs_script}</p>
            })}
            {move || problem().map(|text| view! {
                <p class="aw-poll__problem" role="alert">{text}</p>
            })}
            {move || refused().then(|| view! {
                <p class="aw-poll__problem" role="alert">{m.poll_refused}</p>
            })}
        </form>
    }
}
