//! Related links ("More from Around the Web") as a carousel: the WAI-ARIA
//! APG carousel pattern on a track that scrolls natively and snaps to cards,
//! so touch, trackpad and wheel work as they do everywhere else. No cloned
//! slides, no autoplay. The paging arithmetic lives in
//! `article_model::carousel`; this module measures the DOM, calls it and renders.

mod card;
mod controls;
mod dom;

use article_model::carousel::{card_for_key, Cards, CarouselState, Page};
use article_model::events::WidgetEvent;
use article_model::Related;
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use web_sys::KeyboardEvent;

use crate::context::WidgetContext;
use crate::events::WidgetEvents;
use crate::i18n::{fill, Messages};
use card::RelatedCard;
use controls::{PageButtons, PageDots};

#[component]
pub fn RelatedLinks(
    /// The document's related block (its items already have safe URLs).
    related: Related,
) -> impl IntoView {
    let m = WidgetContext::get().messages;
    (!related.items.is_empty()).then(|| {
        let title = related.title.unwrap_or_else(|| m.related_default_title.to_owned());
        let label = title.clone();
        let carousel = Carousel::new(m, related.items.len());
        let total = related.items.len().to_string();
        let slides = related.items.into_iter().enumerate().map(|(index, item)| {
            let label = fill(&fill(m.slide_label, "index", &(index + 1).to_string()), "total", &total);
            view! {
                <div class="aw-carousel__slide" role="group" aria-roledescription=m.slide_roledescription
                    aria-label=label data-index=index>
                    <RelatedCard item />
                </div>
            }
        });
        view! {
            <section class="aw-related aw-carousel" aria-roledescription=m.carousel_roledescription
                aria-label=label>
                <div class="aw-carousel__head">
                    <h3 class="aw-related__title">{title}</h3>
                    <PageButtons carousel />
                </div>
                <div class="aw-carousel__track" id=carousel.track_id() node_ref=carousel.scroller
                    on:scroll=move |_| carousel.on_scroll()
                    on:scrollend=move |_| {
                        carousel.on_scroll();
                        carousel.tell_page();
                    }
                    on:wheel=move |_| carousel.state.update(CarouselState::reader_scrolls)
                    on:pointerdown=move |_| carousel.state.update(CarouselState::reader_scrolls)
                    on:keydown=move |event| carousel.on_keydown(&event)>
                    {slides.collect_view()}
                </div>
                <PageDots carousel />
                <div class="aw-visually-hidden" aria-live="polite" aria-atomic="true">
                    {move || carousel.announcement()}
                </div>
            </section>
        }
    })
}

/// One carousel's state, shared by its parts: one signal, fed with
/// measurements from the DOM (`dom`); the decisions are the model's
/// `CarouselState`.
#[derive(Clone, Copy)]
struct Carousel {
    messages: &'static Messages,
    /// How many cards there are.
    total: usize,
    /// Tells this carousel's element ids from other widgets' on the page.
    number: usize,
    /// The scrolling track.
    scroller: NodeRef<html::Div>,
    state: RwSignal<CarouselState>,
    /// Bumped when a measurement changes the pages: what shows the pages
    /// follows it rather than the state, which changes on every scroll. (A
    /// memo of the pages would cost the wasm 1 KB more.)
    layout: RwSignal<usize>,
    events: WidgetEvents,
}

impl Carousel {
    fn new(messages: &'static Messages, total: usize) -> Self {
        let number = if cfg!(feature = "ssr") {
            crate::ids::next_number()
        } else {
            crate::ids::next_instance_number() as usize
        };
        let state = RwSignal::new(CarouselState::default());
        let carousel = Carousel {
            messages,
            total,
            number,
            scroller: NodeRef::new(),
            state,
            layout: RwSignal::new(0),
            events: WidgetEvents::get(),
        };
        // The card width follows the track's width (container queries), so
        // measure again whenever that changes; the observer also fires once at the start.
        // (Nothing to measure in prerendered markup, nor a browser to ask.)
        let watch = (!cfg!(feature = "ssr"))
            .then(|| dom::ResizeWatch::new(move || carousel.measure()))
            .flatten();
        if let Some(watch) = &watch {
            let observer = watch.observer.clone();
            carousel
                .scroller
                .on_load(move |scroller| observer.observe(&scroller));
        }
        // Held by the cleanup, which drops (disconnects) it on unmount.
        let watch = SendWrapper::new(watch);
        on_cleanup(move || drop(watch));
        carousel
    }

    /// The track's id, for the controls' `aria-controls`.
    fn track_id(self) -> String {
        format!("aw-carousel-{}", self.number)
    }

    fn measure(self) {
        let Some(scroller) = self.scroller.get_untracked() else {
            return;
        };
        let direction = dom::direction_of(&scroller);
        let track = dom::measure(&scroller, direction);
        let scroll = dom::scroll_offset(&scroller, direction);
        if self
            .state
            .try_update(|s| s.measured(direction, track, scroll))
            == Some(true)
        {
            self.layout.update(|n| *n += 1);
        }
    }

    /// The pages, as of the last measurement; tracked by measurement only.
    fn pages(self) -> Vec<Page> {
        self.layout.track();
        self.state.with_untracked(|s| s.pages().to_vec())
    }

    /// `carousel-page` once a scroll has settled on other cards than before.
    /// (A tracked update: an untracked one would cost the wasm 270 B, more
    /// than the views' re-check of an unchanged state is worth.)
    fn tell_page(self) {
        if let Some((first, last)) = self.state.try_update(CarouselState::settled).flatten() {
            self.events.emit(&WidgetEvent::CarouselPage {
                first: first + 1,
                last: last + 1,
                total: self.total,
            });
        }
    }

    fn on_scroll(self) {
        if let Some(scroller) = self.scroller.get_untracked() {
            let direction = self.state.with_untracked(CarouselState::direction);
            let offset = dom::scroll_offset(&scroller, direction);
            self.state.update(|s| s.scrolled(offset));
        }
    }

    /// Scrolls to page `index`; the live region says which cards it shows.
    fn show_page(self, index: usize) {
        let Some(offset) = self.state.try_update(|s| s.head_to_page(index)).flatten() else {
            return;
        };
        if let Some(scroller) = self.scroller.get_untracked() {
            let direction = self.state.with_untracked(CarouselState::direction);
            dom::scroll_to(&scroller, direction, offset);
        }
    }

    fn next_page(self) -> Option<usize> {
        self.state.with(CarouselState::next_page)
    }

    fn previous_page(self) -> Option<usize> {
        self.state.with(CarouselState::previous_page)
    }

    fn current_page(self) -> usize {
        self.state.with(CarouselState::current_page)
    }

    /// What the live region says: the cards the last page press showed.
    fn announcement(self) -> String {
        self.state
            .with(CarouselState::announced)
            .map(|cards| fill(self.messages.cards_showing, "cards", &self.describe(cards)))
            .unwrap_or_default()
    }

    /// Arrow keys (and Home/End) move focus between cards, scrolling as needed.
    fn on_keydown(self, event: &KeyboardEvent) {
        if event.alt_key() || event.ctrl_key() || event.meta_key() || event.shift_key() {
            return;
        }
        let direction = self.state.with_untracked(CarouselState::direction);
        let Some(target) = dom::slide_index(event.target())
            .and_then(|current| card_for_key(&event.key(), direction, current, self.total))
        else {
            return;
        };
        event.prevent_default();
        let Some(scroller) = self.scroller.get_untracked() else {
            return;
        };
        dom::focus_card(&scroller, target);
        let offset = self
            .state
            .try_update(|s| s.head_to_card(target))
            .unwrap_or_default();
        dom::scroll_to(&scroller, direction, offset);
    }

    /// "cards 4 to 6 of 8" for the cards `first..=last` (0-based).
    fn describe(self, (first, last): Cards) -> String {
        let m = self.messages;
        let template = if first == last {
            m.cards_one
        } else {
            m.cards_many
        };
        let text = fill(template, "first", &(first + 1).to_string());
        let text = fill(&text, "last", &(last + 1).to_string());
        fill(&text, "total", &self.total.to_string())
    }
}
