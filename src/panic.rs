//! A panic must not leave a dead, blank widget. With `panic = "abort"` the
//! WebAssembly instance stops at the first panic, and every widget on the
//! page shares it (see README, "Hardening"). Before the abort the hook, with
//! DOM calls only, puts an error box with a restart button into every
//! widget; the loader then restarts the widgets in a fresh instance.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use web_sys::{Document, HtmlElement};

/// Set by the first panic. The instance is dead from then on: a later panic
/// (a leftover timer or listener calling in) must not touch the page, whose
/// widgets may be running in a fresh instance by then.
static PANICKED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Elements that hold a mounted widget, so a panic can put an error box in each.
    static HOSTS: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
}

/// `host` now holds a widget (`embed::mount`).
pub fn track_host(host: &HtmlElement) {
    HOSTS.with(|hosts| hosts.borrow_mut().push(host.clone()));
}

/// `host`'s widget was unmounted.
pub fn forget_host(host: &HtmlElement) {
    HOSTS.with(|hosts| hosts.borrow_mut().retain(|h| h != host));
}

pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            if PANICKED.swap(true, Ordering::Relaxed) {
                return;
            }
            web_sys::console::error_1(&format!("article widget: {info}").into());
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                HOSTS.with(|hosts| {
                    if let Ok(hosts) = hosts.try_borrow() {
                        hosts
                            .iter()
                            .for_each(|host| show_error_box(&document, host));
                    }
                });
            }
        }))
    });
}

fn show_error_box(document: &Document, host: &HtmlElement) {
    // The widget's root keeps its theme, language and direction.
    let root = match host.first_element_child() {
        Some(root) => root,
        None => match document.create_element("div") {
            Ok(root) => {
                root.set_class_name("aw-root");
                root
            }
            Err(_) => return,
        },
    };
    let messages = crate::i18n::messages(root.get_attribute("lang").as_deref());
    let Ok(error_box) = document.create_element("div") else {
        return;
    };
    error_box.set_class_name("aw-error aw-crash");
    error_box.set_attribute("role", "alert").ok();
    error_box.set_text_content(Some(messages.widget_crashed));
    // The loader makes it restart the widget in a fresh instance.
    if let Ok(restart) = document.create_element("button") {
        restart.set_attribute("type", "button").ok();
        restart.set_class_name("aw-button");
        restart.set_text_content(Some(messages.restart_widget));
        error_box.append_child(&restart).ok();
    }
    root.replace_children_with_node_1(&error_box);
    host.replace_children_with_node_1(&root);
}

/// For the browser tests' build only (feature `test-hooks`): the next click
/// on a section heading panics.
#[cfg(feature = "test-hooks")]
pub mod test_trigger {
    use std::sync::atomic::{AtomicBool, Ordering};

    use wasm_bindgen::prelude::*;

    static PANIC_ON_NEXT_TOGGLE: AtomicBool = AtomicBool::new(false);

    // `//`: a doc comment would be copied into widget.js.
    #[wasm_bindgen(js_name = panicOnNextToggleForTests)]
    pub fn panic_on_next_toggle() {
        PANIC_ON_NEXT_TOGGLE.store(true, Ordering::Relaxed);
    }

    /// Called where a section heading is toggled.
    pub fn on_toggle() {
        if PANIC_ON_NEXT_TOGGLE.swap(false, Ordering::Relaxed) {
            panic!("requested by the browser tests");
        }
    }
}
