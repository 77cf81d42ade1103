//! The carousel's only contact with the DOM: measuring the track, scrolling
//! it, moving focus between cards and watching its size. Everything it
//! measures goes to `article_model::carousel` for the arithmetic.

use article_model::carousel::{Direction, Edges, Slot, Track};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, FocusOptions, HtmlElement, ResizeObserver, ScrollToOptions};

/// Attribute on each slide holding its index among the cards.
pub const INDEX_ATTRIBUTE: &str = "data-index";

/// The direction the track runs in, as laid out (this settles `dir="auto"`).
pub fn direction_of(element: &Element) -> Direction {
    web_sys::window()
        .and_then(|window| window.get_computed_style(element).ok().flatten())
        .and_then(|style| style.get_property_value("direction").ok())
        .map_or(Direction::Ltr, |direction| Direction::from_css(&direction))
}

fn edges(element: &Element) -> Edges {
    let rect = element.get_bounding_client_rect();
    Edges {
        left: rect.left(),
        right: rect.right(),
    }
}

/// How far `scroller` is scrolled from its start edge.
pub fn scroll_offset(scroller: &Element, direction: Direction) -> f64 {
    direction.logical_scroll(f64::from(scroller.scroll_left()))
}

/// Where each slide (each child of `scroller`) sits, and how far it scrolls.
pub fn measure(scroller: &Element, direction: Direction) -> Track {
    let scroll = scroll_offset(scroller, direction);
    let viewport = edges(scroller);
    let slides = scroller.children();
    let cards = (0..slides.length())
        .filter_map(|i| slides.item(i))
        .map(|slide| {
            let card = edges(&slide);
            Slot {
                start: direction.start_offset(viewport, card) + scroll,
                size: card.right - card.left,
            }
        })
        .collect();
    Track {
        viewport: f64::from(scroller.client_width()),
        max_scroll: f64::from(scroller.scroll_width() - scroller.client_width()),
        cards,
    }
}

/// Scrolls `scroller` to `offset` from its start edge. The stylesheet's
/// `scroll-behavior` decides whether that is smooth (it is not when the
/// reader prefers reduced motion).
pub fn scroll_to(scroller: &Element, direction: Direction, offset: f64) {
    let options = ScrollToOptions::new();
    options.set_left(direction.scroll_left(offset));
    scroller.scroll_to_with_scroll_to_options(&options);
}

/// The index of the slide an event happened in.
pub fn slide_index(target: Option<EventTarget>) -> Option<usize> {
    let element = target?.dyn_into::<Element>().ok()?;
    let slide = element.closest(&format!("[{INDEX_ATTRIBUTE}]")).ok()??;
    slide.get_attribute(INDEX_ATTRIBUTE)?.parse().ok()
}

/// Moves focus to the link in slide `index` without the browser's own
/// jump, so the carousel can scroll there its own way.
pub fn focus_card(scroller: &Element, index: usize) {
    let selector = format!("[{INDEX_ATTRIBUTE}=\"{index}\"] a");
    let Some(link) = scroller
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|link| link.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let options = FocusOptions::new();
    options.set_prevent_scroll(true);
    link.focus_with_options(&options).ok();
}

/// Calls a function whenever an element changes size (and once at the start),
/// until dropped.
pub struct ResizeWatch {
    /// Watches the elements it is asked to `observe`.
    pub observer: ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl ResizeWatch {
    /// Calls `on_resize` whenever an observed element changes size (and
    /// once when it starts to be observed).
    pub fn new(on_resize: impl FnMut() + 'static) -> Option<Self> {
        let callback = Closure::<dyn FnMut()>::new(on_resize);
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        Some(ResizeWatch {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for ResizeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
