//! The WebAssembly side of embedding: one exported `mount` per widget.
//! The loader (`article-widget.js`) finds widgets on the page, reads their
//! options from attributes and calls it; each call is an independent Leptos
//! root, so one module instance serves every widget on the page.

use std::any::Any;
use std::cell::RefCell;

use js_sys::Reflect;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::article::ArticleWidget;
use crate::options::WidgetOptions;

thread_local! {
    /// Elements that hold a mounted widget, so a panic can put an error box in each.
    static HOSTS: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
}

/// Calls `f` with every element currently holding a widget.
pub(crate) fn for_each_host(f: impl Fn(&HtmlElement)) {
    HOSTS.with(|hosts| {
        if let Ok(hosts) = hosts.try_borrow() {
            hosts.iter().for_each(f);
        }
    });
}

/// A widget on the page; `unmount()` removes it with everything it started
/// (requests, timers, listeners, observers).
#[wasm_bindgen]
pub struct MountedWidget {
    host: HtmlElement,
    handle: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl MountedWidget {
    pub fn unmount(&mut self) {
        self.handle.take();
        HOSTS.with(|hosts| hosts.borrow_mut().retain(|h| h != &self.host));
    }
}

/// Mounts a widget into `host`. `options` is a plain object with the
/// embedding options (`src`, `poll-endpoint`, `sections`, `theme`, `lang`);
/// missing ones take their defaults.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, options: &JsValue) -> MountedWidget {
    crate::panic::install_hook();
    let options = WidgetOptions::from_lookup(|name| {
        Reflect::get(options, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    });
    HOSTS.with(|hosts| hosts.borrow_mut().push(host.clone()));
    let container = host.clone();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        crate::events::WidgetEvents::provide(&container);
        view! { <ArticleWidget options /> }
    });
    MountedWidget {
        host,
        handle: Some(Box::new(handle)),
    }
}
