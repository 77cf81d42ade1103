//! The carousel's controls: previous/next buttons and the position indicators.

use leptos::prelude::*;

use super::Carousel;
use crate::i18n::fill;

/// Previous and next buttons. At either end the button stays focusable but
/// says it is disabled (`aria-disabled`), so focus is never dropped on the page.
#[component]
pub fn PageButtons(
    /// The carousel the buttons move.
    carousel: Carousel,
) -> impl IntoView {
    let m = carousel.messages;
    let single_page = move || carousel.pages().len() < 2;
    let at_start = move || carousel.previous_page().is_none();
    let at_end = move || carousel.next_page().is_none();
    view! {
        <div class="aw-carousel__buttons" hidden=single_page>
            <button type="button" class="aw-carousel__button aw-carousel__button--previous"
                aria-controls=carousel.track_id() aria-disabled=move || at_start().to_string()
                on:click=move |_| {
                    if let Some(page) = carousel.previous_page() {
                        carousel.show_page(page);
                    }
                }>
                <Chevron />
                <span class="aw-visually-hidden">{m.previous_cards}</span>
            </button>
            <button type="button" class="aw-carousel__button aw-carousel__button--next"
                aria-controls=carousel.track_id() aria-disabled=move || at_end().to_string()
                on:click=move |_| {
                    if let Some(page) = carousel.next_page() {
                        carousel.show_page(page);
                    }
                }>
                <Chevron />
                <span class="aw-visually-hidden">{m.next_cards}</span>
            </button>
        </div>
    }
}

/// An arrow pointing towards the inline end; the stylesheet turns it round
/// for "previous" and for right-to-left text.
#[component]
fn Chevron() -> impl IntoView {
    view! {
        <svg class="aw-carousel__chevron" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 5l7 7-7 7" />
        </svg>
    }
}

/// One clickable dot per page; the current page's is marked `aria-current`.
#[component]
pub fn PageDots(
    /// The carousel the dots show and move.
    carousel: Carousel,
) -> impl IntoView {
    let m = carousel.messages;
    let dots = move || {
        carousel
            .pages()
            .into_iter()
            .enumerate()
            .map(|(index, page)| {
                let label = fill(
                    m.cards_show,
                    "cards",
                    &carousel.describe((page.first, page.last)),
                );
                let current = move || (carousel.current_page() == index).then_some("true");
                view! {
                    <button type="button" class="aw-carousel__dot" aria-label=label
                        aria-controls=carousel.track_id() aria-current=current
                        on:click=move |_| carousel.show_page(index)></button>
                }
            })
            .collect_view()
    };
    view! {
        <div class="aw-carousel__dots" role="group" aria-label=m.card_pages
            hidden=move || carousel.pages().len() < 2>
            {dots}
        </div>
    }
}
