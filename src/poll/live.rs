//! Live results: refresh while the poll is seen.

use std::time::Duration;

use leptos::prelude::*;

/// How often shown results are refreshed.
pub const REFRESH_EVERY: Duration = Duration::from_secs(15);
/// Scrolling in and out again refreshes at most this often.
const MIN_GAP_MS: f64 = 5_000.0;

/// Calls `refresh` when `seen` becomes true, then every [`REFRESH_EVERY`]
/// while it stays true. The timer stops on cleanup.
pub fn refresh_while(seen: Memo<bool>, refresh: impl Fn() + Clone + 'static) {
    let last_refresh = StoredValue::new(f64::NEG_INFINITY);
    let timer = StoredValue::new_local(None::<IntervalHandle>);
    // Bumped whenever the timer stops: a tick from an older timer does nothing,
    // even where clearing it failed.
    let generation = StoredValue::new(0u64);
    let stop = move || {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };

    Effect::new(move |_| {
        let active = seen.get();
        stop();
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
    on_cleanup(stop);
}
