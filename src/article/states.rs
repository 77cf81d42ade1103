use leptos::prelude::*;

use super::load::LoadError;
use super::WidgetContext;

/// Grey placeholders shaped like an article, so the page does not jump when it arrives.
#[component]
pub fn LoadingSkeleton() -> impl IntoView {
    let m = WidgetContext::get().messages;
    view! {
        <div class="aw-skeleton" role="status" aria-live="polite">
            <span class="aw-visually-hidden">{m.loading}</span>
            <div class="aw-skeleton__title" aria-hidden="true"></div>
            <div class="aw-skeleton__line" aria-hidden="true"></div>
            <div class="aw-skeleton__line" aria-hidden="true"></div>
            <div class="aw-skeleton__line aw-skeleton__line--short" aria-hidden="true"></div>
        </div>
    }
}

/// What went wrong, in words a reader understands, and a way to try again.
#[component]
pub fn ErrorBox(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let m = WidgetContext::get().messages;
    view! {
        <div class="aw-error" role="alert">
            <p class="aw-error__title">{m.error_title}</p>
            <p class="aw-error__detail">{error.message(m)}</p>
            <button type="button" class="aw-button" on:click=move |_| retry.run(())>
                {m.retry}
            </button>
        </div>
    }
}
