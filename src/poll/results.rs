//! After voting, for a returning reader, or once closed: every option's count,
//! percentage and bar, the total, the reader's choice marked, and where the
//! vote stands.

use article_model::poll::{Phase, PollState, Results};
use leptos::prelude::*;

use crate::context::WidgetContext;
use crate::dates::format_date_time;
use crate::i18n::{fill, Messages};

#[component]
pub fn PollResults(
    /// The poll's state, read for the figures and the vote's progress.
    state: RwSignal<PollState>,
    question: String,
    /// Multiple choice: the total counts voters, not votes.
    multiple: bool,
    /// Id for the question, which names the whole poll.
    question_id: String,
    /// The poll's `closes_at` (RFC 3339), shown once it has closed.
    closes_at: Option<String>,
) -> impl IntoView {
    let context = WidgetContext::get();
    let m = context.messages;
    // Worked out again for each figure: ten options at most, and a memo
    // would cost the wasm more than the arithmetic costs the reader.
    let results = move || state.with(PollState::results);
    let phase = move || state.with(PollState::phase);

    // One row per option, kept across refreshes so the bars move rather than blink.
    let rows = state.with_untracked(PollState::results).rows;
    let rows = (0..rows.len())
        .map(|i| {
            let row = move || results().rows.swap_remove(i);
            let label = rows[i].label.clone();
            view! {
                <li class="aw-poll__result" class:aw-poll__result--mine=move || row().mine>
                    <span class="aw-poll__label">
                        {label}
                        {move || row().mine.then(|| view! {
                            <span class="aw-poll__mine">{m.poll_your_choice}</span>
                        })}
                    </span>
                    <span class="aw-poll__figures">
                        <span class="aw-poll__percent">{move || format!("{}%", row().percent)}</span>
                        " "
                        <span class="aw-poll__count">{move || votes(m, row().count)}</span>
                    </span>
                    <span class="aw-poll__bar" aria-hidden="true">
                        <span
                            class="aw-poll__fill"
                            style:inline-size=move || format!("{}%", row().percent)
                        ></span>
                    </span>
                </li>
            }
        })
        .collect_view();

    let locale = context.options.lang.clone();
    let closed_on = move || {
        let closes_at = closes_at.clone()?;
        let passed = js_sys::Date::parse(&closes_at) <= js_sys::Date::now();
        (phase() == Phase::Closed && passed).then(|| {
            let shown = format_date_time(&closes_at, locale.as_deref());
            view! { <p class="aw-poll__status">{m.poll_closed_on} " " <time datetime=closes_at>{shown}</time> "."</p> }
        })
    };
    let status = move || {
        let text = match phase() {
            Phase::Closed => {
                return closed_on().map(IntoAny::into_any).or_else(|| {
                    Some(view! { <p class="aw-poll__status">{m.poll_closed}</p> }.into_any())
                })
            }
            _ => state.with(|s| status_text(s, m))?,
        };
        Some(view! { <p class="aw-poll__status">{text}</p> }.into_any())
    };

    view! {
        <div class="aw-poll__results">
            <p class="aw-poll__question" id=question_id.clone()>{question}</p>
            <ul class="aw-poll__rows" aria-labelledby=question_id.clone()>{rows}</ul>
            <p class="aw-poll__total">
                {move || fill(m.poll_total, "total", &total(m, results().total, multiple))}
            </p>
            {status}
            {move || (!state.with(PollState::is_live)).then(|| view! {
                <p class="aw-poll__not-live">{m.poll_not_live}</p>
            })}
        </div>
    }
}

/// Where the reader's vote stands, for every phase but Closed (which says when).
fn status_text(state: &PollState, m: &'static Messages) -> Option<&'static str> {
    match state.phase() {
        Phase::Idle | Phase::Closed => None,
        Phase::Pending => Some(m.poll_pending),
        Phase::Queued if state.is_over_network_cap() => Some(m.poll_network_cap),
        Phase::Queued => Some(m.poll_queued),
        Phase::Confirmed => Some(m.poll_confirmed),
        Phase::Conflict => Some(m.poll_conflict),
        Phase::Voided => Some(m.poll_voided),
        Phase::Local => Some(m.poll_local),
    }
}

fn votes(m: &Messages, count: u64) -> String {
    match count {
        1 => m.poll_one_vote.to_owned(),
        n => fill(m.poll_votes, "count", &n.to_string()),
    }
}

fn total(m: &Messages, count: u64, voters: bool) -> String {
    match (count, voters) {
        (1, true) => m.poll_one_voter.to_owned(),
        (n, true) => fill(m.poll_voters, "count", &n.to_string()),
        (n, false) => votes(m, n),
    }
}

/// What a screen reader is told when the poll's phase changes: where the vote
/// stands, then the results in words.
pub fn announcement(state: &PollState, m: &'static Messages) -> String {
    if state.phase() == Phase::Idle {
        return if state.was_refused() {
            m.poll_refused.to_owned()
        } else {
            String::new()
        };
    }
    let Results {
        rows,
        total: voters,
    } = state.results();
    let figures: Vec<String> = rows
        .iter()
        .map(|row| format!("{}: {}%", row.label, row.percent))
        .collect();
    let lead = status_text(state, m).unwrap_or(m.poll_closed);
    format!(
        "{lead} {}. {}",
        figures.join(", "),
        fill(m.poll_total, "total", &votes(m, voters))
    )
}
