//! Live results: refresh while the poll is on screen and the tab is visible.

use std::time::Duration;

use leptos::html::Aside;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// How often shown results are refreshed.
pub const REFRESH_EVERY: Duration = Duration::from_secs(15);
/// Scrolling in and out again refreshes at most this often.
const MIN_GAP_MS: f64 = 5_000.0;

/// Calls `refresh` when `target` comes near the viewport in a visible tab, then
/// every [`REFRESH_EVERY`] while both stay true. Everything stops on cleanup.
pub fn refresh_while_seen(target: NodeRef<Aside>, refresh: impl Fn() + Clone + 'static) {
    let on_screen = RwSignal::new(false);
    let tab_visible = RwSignal::new(!document().hidden());
    let last_refresh = StoredValue::new(f64::NEG_INFINITY);
    let timer = StoredValue::new_local(None::<IntervalHandle>);
    // Bumped whenever the timer stops: a tick from an older timer does nothing,
    // even where clearing it failed.
    let generation = StoredValue::new(0u64);
    let observer = StoredValue::new_local(None::<IntersectionObserver>);

    // Kept for as long as the widget is mounted; dropped (freed) on cleanup.
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
    let callbacks = StoredValue::new_local(Some((on_intersect, on_visibility)));

    target.on_load(move |element| {
        let options = IntersectionObserverInit::new();
        options.set_root_margin("200px");
        let created = callbacks.with_value(|c| {
            let (on_intersect, _) = c.as_ref()?;
            IntersectionObserver::new_with_options(on_intersect.as_ref().unchecked_ref(), &options)
                .ok()
        });
        if let Some(created) = created {
            created.observe(&element);
            observer.set_value(Some(created));
        }
    });

    Effect::new(move |_| {
        let active = on_screen.get() && tab_visible.get();
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        generation.update_value(|g| *g += 1);
        if !active {
            return;
        }
        let current = generation.get_value();
        let tick = {
            let refresh = refresh.clone();
            move || {
                if generation.try_get_value() != Some(current) {
                    return;
                }
                last_refresh.set_value(js_sys::Date::now());
                refresh();
            }
        };
        if js_sys::Date::now() - last_refresh.get_value() >= MIN_GAP_MS {
            tick();
        }
        timer.set_value(set_interval_with_handle(tick, REFRESH_EVERY).ok());
    });

    on_cleanup(move || {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if let Some(observer) = observer.try_update_value(Option::take).flatten() {
            observer.disconnect();
        }
        if let Some((_, on_visibility)) = callbacks.try_update_value(Option::take).flatten() {
            document()
                .remove_event_listener_with_callback(
                    "visibilitychange",
                    on_visibility.as_ref().unchecked_ref(),
                )
                .ok();
        }
    });
}
