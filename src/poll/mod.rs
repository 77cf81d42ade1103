//! The inline reader poll. For now: the question and its options as text.

use article_model::Poll;
use leptos::prelude::*;

use crate::article::WidgetContext;

#[component]
pub fn InlinePoll(poll: Poll) -> impl IntoView {
    let m = expect_context::<WidgetContext>().messages;
    view! {
        <aside class="aw-poll" aria-label=m.poll_label>
            <p class="aw-poll__question">{poll.question}</p>
            <ul class="aw-poll__options">
                {poll.options.into_iter().map(|o| view! { <li>{o.label}</li> }).collect_view()}
            </ul>
        </aside>
    }
}
