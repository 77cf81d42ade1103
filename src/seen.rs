//! `use_seen`: whether an element is near the viewport in a visible tab
//! (an IntersectionObserver and `visibilitychange`), as a signal.

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

pub struct UseSeenOptions {
    /// How far outside the viewport the element already counts as seen (CSS margin).
    pub root_margin: &'static str,
}

impl Default for UseSeenOptions {
    fn default() -> Self {
        UseSeenOptions {
            root_margin: "200px",
        }
    }
}

/// True while `target` is within the viewport (grown by the root margin)
/// and the tab is visible. The observer and listener go on cleanup.
pub fn use_seen<E>(target: NodeRef<E>, options: UseSeenOptions) -> Memo<bool>
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    let on_screen = RwSignal::new(false);
    let tab_visible = RwSignal::new(!document().hidden());

    let on_intersect = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries
            .iter()
            .last()
            .and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
        {
            on_screen.set(entry.is_intersecting());
        }
    });
    let on_visibility = Closure::<dyn Fn()>::new(move || tab_visible.set(!document().hidden()));
    document()
        .add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        )
        .ok();
    let init = IntersectionObserverInit::new();
    init.set_root_margin(options.root_margin);
    let observer =
        IntersectionObserver::new_with_options(on_intersect.as_ref().unchecked_ref(), &init).ok();

    if let Some(observer) = observer.clone() {
        target.on_load(move |element| observer.observe(element.unchecked_ref()));
    }
    // The callbacks live until the widget is unmounted, then are freed.
    // (Held by the cleanup itself: stored values would cost the wasm a
    // type each.)
    let kept = SendWrapper::new((observer, on_intersect, on_visibility));
    on_cleanup(move || {
        let (observer, _, on_visibility) = kept.take();
        if let Some(observer) = observer {
            observer.disconnect();
        }
        document()
            .remove_event_listener_with_callback(
                "visibilitychange",
                on_visibility.as_ref().unchecked_ref(),
            )
            .ok();
    });

    // A Memo rather than a derived Signal: the widget has Memo<bool> already,
    // and every signal type costs about 1 KB of wasm.
    Memo::new(move |_| on_screen.get() && tab_visible.get())
}
