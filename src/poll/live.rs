//! Live results: refresh while the poll is seen.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

/// How often shown results are refreshed.
pub const REFRESH_EVERY: Duration = Duration::from_secs(15);
/// Scrolling in and out again refreshes at most this often.
const MIN_GAP_MS: f64 = 5_000.0;

/// Calls `refresh` when `seen` becomes true, then every [`REFRESH_EVERY`]
/// while it stays true. The timer stops when `seen` changes and on cleanup.
pub fn refresh_while(seen: Memo<bool>, refresh: impl Fn() + Clone + 'static) {
    // Shared by the effect and the timer's ticks only (cells, not stored
    // values: each stored value type costs the wasm a few hundred bytes).
    let last_refresh = Rc::new(Cell::new(f64::NEG_INFINITY));
    // Bumped on every change of `seen`: a tick from an older timer does
    // nothing, even where clearing it failed.
    let generation = Rc::new(Cell::new(0u64));

    Effect::new(move |_| {
        let active = seen.get();
        let current = generation.get() + 1;
        generation.set(current);
        if !active {
            return;
        }
        let tick = {
            let refresh = refresh.clone();
            let generation = generation.clone();
            let last_refresh = last_refresh.clone();
            move || {
                if generation.get() != current {
                    return;
                }
                last_refresh.set(js_sys::Date::now());
                refresh();
            }
        };
        if js_sys::Date::now() - last_refresh.get() >= MIN_GAP_MS {
            tick();
        }
        // An effect's cleanups run before its next run and when it is disposed.
        if let Ok(timer) = set_interval_with_handle(tick, REFRESH_EVERY) {
            on_cleanup(move || timer.clear());
        }
    });
}
