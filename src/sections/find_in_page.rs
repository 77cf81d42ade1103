//! Find-in-page inside collapsed sections. Where the browser supports
//! `hidden="until-found"`, it searches collapsed panels itself and fires
//! `beforematch` on the one it opens. Elsewhere collapsed panels are plainly
//! hidden, so the find shortcut opens every section before the browser searches.

use leptos::ev;
use leptos::prelude::*;

use super::disclosures::Disclosures;

/// Whether this browser opens `hidden="until-found"` content for find-in-page.
pub fn supported() -> bool {
    document()
        .body()
        .is_some_and(|body| js_sys::Reflect::has(&body, &"onbeforematch".into()).unwrap_or(false))
}

/// The fallback: Ctrl+F / ⌘F opens every section of this widget.
pub fn open_all_on_find_shortcut(disclosures: Disclosures) {
    let handle = window_event_listener(ev::keydown, move |event| {
        let modifier = event.ctrl_key() || event.meta_key();
        if modifier && event.key().eq_ignore_ascii_case("f") {
            disclosures.set_all(true);
        }
    });
    on_cleanup(move || handle.remove());
}
