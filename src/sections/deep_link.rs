//! Deep links: `#section-id` in the page's address, on load and whenever it
//! changes, opens that section, scrolls to it and focuses its heading. The
//! page's own anchors cannot do this: the widget's element ids carry a
//! per-widget prefix, and the section may be collapsed or in a shadow root.

use std::cell::RefCell;

use article_model::events::ToggleCause;
use article_model::sections::SectionAnchors;
use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};

use super::chunks::{section_element, RenderedChunks};
use super::disclosures::Disclosures;

/// The page address's fragment, `#` included, if it has one.
pub fn current_fragment() -> Option<String> {
    window()
        .location()
        .hash()
        .ok()
        .filter(|hash| hash.len() > 1)
}

thread_local! {
    /// The last navigation whose scroll and focus a widget took: with several
    /// widgets holding the same section id, only the first one moves the page.
    static CLAIMED: RefCell<Option<(String, f64)>> = const { RefCell::new(None) };
}

/// True for the first widget to claim this fragment in this navigation
/// (`when`: the hashchange event's time, or 0 for the page load).
fn claim(fragment: &str, when: f64) -> bool {
    CLAIMED.with(|claimed| {
        let mut claimed = claimed.borrow_mut();
        let already = claimed
            .as_ref()
            .is_some_and(|(f, t)| f == fragment && *t == when);
        if !already {
            *claimed = Some((fragment.to_owned(), when));
        }
        !already
    })
}

/// Follows deep links for one widget: `on_load` is the section the address
/// named when the widget rendered (already open), and later changes of the
/// address are watched until the widget goes away.
pub fn follow(
    anchors: SectionAnchors,
    disclosures: Disclosures,
    chunks: RenderedChunks,
    list: NodeRef<Div>,
    on_load: Option<usize>,
) {
    if let Some(index) = on_load {
        let fragment = current_fragment().unwrap_or_default();
        // Runs once the list is in the page.
        Effect::new(move || {
            if let Some(list) = list.get() {
                if claim(&fragment, 0.0) {
                    request_animation_frame(move || bring_into_view(&list, index));
                }
            }
        });
    }
    let handle = window_event_listener(ev::hashchange, move |event| {
        let Some(fragment) = current_fragment() else {
            return;
        };
        let Some(index) = anchors.find(&fragment) else {
            return;
        };
        disclosures.set(index, true, ToggleCause::DeepLink);
        chunks.include(index);
        if let Some(list) = list.get_untracked() {
            if claim(&fragment, event.time_stamp()) {
                request_animation_frame(move || bring_into_view(&list, index));
            }
        }
    });
    on_cleanup(move || handle.remove());
}

/// Scrolls the section at `index` to the top of the view and focuses its heading button.
fn bring_into_view(list: &web_sys::HtmlDivElement, index: usize) {
    let Some(section) = section_element(list, index) else {
        return;
    };
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Start);
    section.scroll_into_view_with_scroll_into_view_options(&options);
    let button = section
        .query_selector(".aw-section__toggle")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<HtmlElement>().ok());
    if let Some(button) = button {
        let focus = FocusOptions::new();
        focus.set_prevent_scroll(true);
        button.focus_with_options(&focus).ok();
    }
}
