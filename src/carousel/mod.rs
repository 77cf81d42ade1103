//! Related links ("More from Around the Web") as a carousel: the WAI-ARIA
//! APG carousel pattern on a track that scrolls natively and snaps to cards,
//! so touch, trackpad and wheel work as they do everywhere else. No cloned
//! slides, no autoplay. The paging arithmetic lives in
//! `article_model::carousel`; this module measures the DOM, calls it and renders.

mod card;
mod controls;
mod dom;

use article_model::carousel::{card_for_key, Direction, Page, Track, TOLERANCE};
use article_model::events::WidgetEvent;
use article_model::Related;
use leptos::html;
use leptos::prelude::*;
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
    let m = expect_context::<WidgetContext>().messages;
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
                    on:wheel=move |_| carousel.heading_to.set(None)
                    on:pointerdown=move |_| carousel.heading_to.set(None)
                    on:keydown=move |event| carousel.on_keydown(&event)>
                    {slides.collect_view()}
                </div>
                <PageDots carousel />
                <div class="aw-visually-hidden" aria-live="polite" aria-atomic="true">
                    {move || carousel.announcement.get()}
                </div>
            </section>
        }
    })
}

/// One carousel's state, shared by its parts. Measurements come from the
/// DOM (`dom`), decisions from the model's `Track`.
#[derive(Clone, Copy)]
struct Carousel {
    messages: &'static Messages,
    /// How many cards there are.
    total: usize,
    /// Tells this carousel's element ids from other widgets' on the page.
    number: usize,
    /// The scrolling track.
    scroller: NodeRef<html::Div>,
    direction: RwSignal<Direction>,
    track: RwSignal<Track>,
    pages: Memo<Vec<Page>>,
    /// How far the track is scrolled from its start edge.
    scroll: RwSignal<f64>,
    /// Where a button press is still scrolling to: pressing again before
    /// the smooth scroll ends moves on from there, not from halfway. Cleared
    /// on arrival, on a new measurement, and when the reader scrolls by hand.
    heading_to: RwSignal<Option<f64>>,
    /// What the live region says.
    announcement: RwSignal<String>,
    /// The cards in view the host page last heard of (or saw at the start).
    told: StoredValue<Option<(usize, usize)>>,
    events: WidgetEvents,
}

impl Carousel {
    fn new(messages: &'static Messages, total: usize) -> Self {
        let number = if cfg!(feature = "ssr") {
            crate::ids::next_number()
        } else {
            crate::ids::next_instance_number() as usize
        };
        let track = RwSignal::new(Track::default());
        let carousel = Carousel {
            messages,
            total,
            number,
            scroller: NodeRef::new(),
            direction: RwSignal::new(Direction::Ltr),
            track,
            pages: Memo::new(move |_| track.with(Track::pages)),
            scroll: RwSignal::new(0.0),
            heading_to: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            told: StoredValue::new(None),
            events: WidgetEvents::get(),
        };
        // The card width follows the track's width (container queries), so
        // measure again whenever that changes; the observer also fires once at the start.
        let watch = StoredValue::new_local(None::<dom::ResizeWatch>);
        carousel.scroller.on_load(move |scroller| {
            watch.set_value(dom::ResizeWatch::new(&scroller, move || carousel.measure()));
        });
        on_cleanup(move || watch.set_value(None));
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
        self.direction.set(direction);
        self.heading_to.set(None);
        self.track.set(dom::measure(&scroller, direction));
        let scroll = dom::scroll_offset(&scroller, direction);
        self.scroll.set(scroll);
        // A new width shows other cards, but the reader did not page: no event.
        let in_view = self.track.with_untracked(|track| track.in_view(scroll));
        self.told.set_value(in_view);
    }

    /// `carousel-page` once a scroll has settled on other cards than before.
    fn tell_page(self) {
        let scroll = self.scroll.get_untracked();
        let in_view = self.track.with_untracked(|track| track.in_view(scroll));
        if in_view.is_none() || in_view == self.told.get_value() {
            return;
        }
        self.told.set_value(in_view);
        if let Some((first, last)) = in_view {
            self.events.emit(&WidgetEvent::CarouselPage {
                first: first + 1,
                last: last + 1,
                total: self.total,
            });
        }
    }

    fn on_scroll(self) {
        if let Some(scroller) = self.scroller.get_untracked() {
            let offset = dom::scroll_offset(&scroller, self.direction.get_untracked());
            self.scroll.set(offset);
            let arrived = self
                .heading_to
                .get_untracked()
                .is_some_and(|target| (target - offset).abs() <= TOLERANCE);
            if arrived {
                self.heading_to.set(None);
            }
        }
    }

    fn scroll_to(self, offset: f64) {
        if let Some(scroller) = self.scroller.get_untracked() {
            dom::scroll_to(&scroller, self.direction.get_untracked(), offset);
        }
    }

    /// Scrolls to page `index` and says which cards it shows.
    fn show_page(self, index: usize) {
        let Some(page) = self.pages.with_untracked(|pages| pages.get(index).copied()) else {
            return;
        };
        self.heading_to.set(Some(page.position));
        self.scroll_to(page.position);
        let in_view = self
            .track
            .with_untracked(|track| track.in_view(page.position))
            .unwrap_or((page.first, page.last));
        let text = fill(
            self.messages.cards_showing,
            "cards",
            &self.describe(in_view),
        );
        self.announcement.set(text);
    }

    /// Where the track is, or is about to be when a button press is still scrolling it.
    fn position(self) -> f64 {
        self.heading_to.get().unwrap_or_else(|| self.scroll.get())
    }

    fn next_page(self) -> Option<usize> {
        let scroll = self.position();
        self.track.with(|track| track.next_page(scroll))
    }

    fn previous_page(self) -> Option<usize> {
        let scroll = self.position();
        self.track.with(|track| track.previous_page(scroll))
    }

    fn current_page(self) -> usize {
        let scroll = self.position();
        self.track.with(|track| track.current_page(scroll))
    }

    /// Arrow keys (and Home/End) move focus between cards, scrolling as needed.
    fn on_keydown(self, event: &KeyboardEvent) {
        if event.alt_key() || event.ctrl_key() || event.meta_key() || event.shift_key() {
            return;
        }
        let direction = self.direction.get_untracked();
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
        let scroll = untrack(|| self.position());
        let offset = self
            .track
            .with_untracked(|track| track.reveal(scroll, target));
        self.heading_to.set(Some(offset));
        dom::scroll_to(&scroller, direction, offset);
    }

    /// "cards 4 to 6 of 8" for the cards `first..=last` (0-based).
    fn describe(self, (first, last): (usize, usize)) -> String {
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
