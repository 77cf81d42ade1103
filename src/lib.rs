//! The article widget: fetches an article document and renders it.
//!
//! One folder per capability; the pure logic lives in the `article-model` crate.

mod article;
mod carousel;
mod i18n;
mod options;
mod panic;
mod poll;
mod sections;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use options::WidgetOptions;

/// Class on every element a widget is mounted into; the panic box finds them by it.
pub(crate) const ROOT_CLASS: &str = "aw-host";

/// Mounts one widget into `host` and keeps it mounted.
pub fn mount_widget(host: web_sys::HtmlElement, options: WidgetOptions) {
    panic::install_hook();
    host.class_list().add_1(ROOT_CLASS).ok();
    leptos::mount::mount_to(host, move || view! { <article::ArticleWidget options /> }).forget();
}

/// The development page: one widget in `#widget`, options from the page's query string
/// (`?src=`, `?sections=`, `?poll-endpoint=`, `?theme=`, `?lang=`). Pages without a
/// `#widget` element are left alone.
pub fn mount_dev_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(host) = document
        .get_element_by_id("widget")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let query = document
        .location()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    mount_widget(host, WidgetOptions::from_query(&query));
}
