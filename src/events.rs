//! DOM events for the host page (`article-widget:ready`, …): what each holds
//! is `article_model::events`; this module only dispatches them on the
//! widget's host element (the placeholder, or the `<article-widget>` around the
//! shadow root), `bubbles` and `composed`.
//!
//! Dispatch waits for a microtask, so a host page's listener runs with none
//! of the widget's own code on the stack (it may even unmount the widget),
//! and an event emitted while a view is being built arrives once that view
//! is in the page: `ready` is emitted from the render of the article, not
//! where the document arrives (Leptos applies a signal's change in a task of
//! its own, which would run after the microtask). A listener that throws is
//! reported by the browser (`window.onerror`) and never reaches the widget.

use article_model::events::{LinkPlace, WidgetEvent};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element, EventTarget, HtmlElement, ShadowRoot};

/// One widget's event target, in its context; copied into handlers.
#[derive(Clone, Copy)]
pub struct WidgetEvents {
    target: StoredValue<Option<EventTarget>, LocalStorage>,
    /// The widget took over prerendered markup (`.aw-root[data-prerendered]`).
    pub prerendered: bool,
}

impl WidgetEvents {
    /// Provides the events of the widget mounted for `container`: dispatched
    /// on the shadow root's host when `container` is in one, else on
    /// `container`. `prerendered`: it takes over prerendered markup.
    pub fn provide(container: &HtmlElement, prerendered: bool) {
        let target: EventTarget = match container.get_root_node().dyn_into::<ShadowRoot>() {
            Ok(shadow) => shadow.host().into(),
            Err(_) => container.clone().into(),
        };
        provide_context(WidgetEvents {
            target: StoredValue::new_local(Some(target)),
            prerendered,
        });
    }

    /// This widget's events; one that dispatches nothing outside a mounted widget.
    pub fn get() -> WidgetEvents {
        use_context().unwrap_or(WidgetEvents {
            target: StoredValue::new_local(None),
            prerendered: false,
        })
    }

    /// Dispatches `event` on the host element after the current task.
    pub fn emit(self, event: &WidgetEvent) {
        let Some(Some(target)) = self.target.try_get_value() else {
            return;
        };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&js_sys::JSON::parse(&event.detail()).unwrap_or(JsValue::NULL));
        let Ok(dom_event) = CustomEvent::new_with_event_init_dict(event.name(), &init) else {
            return;
        };
        let dispatch = Closure::once_into_js(move || {
            let _ = target.dispatch_event(&dom_event);
        });
        window().queue_microtask(dispatch.unchecked_ref());
    }

    /// A click anywhere in the widget: `link-click` when it follows a link.
    /// One delegated listener on the widget's root serves every link.
    pub fn on_click(self, event: &web_sys::MouseEvent) {
        // Only the buttons that follow a link: the main one, or the middle (new tab).
        if event.button() > 1 {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let Some(url) = js_sys::Reflect::get(&link, &"href".into())
            .ok()
            .and_then(|href| href.as_string())
        else {
            return;
        };
        let slide = link.closest(".aw-carousel__slide").ok().flatten();
        let place = match slide.and_then(|s| s.get_attribute("data-index")?.parse::<usize>().ok()) {
            Some(index) => LinkPlace::Related {
                position: index + 1,
            },
            None => LinkPlace::Body,
        };
        self.emit(&WidgetEvent::LinkClick { url: &url, place });
    }
}
