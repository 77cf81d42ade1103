//! The WebAssembly side of embedding: one exported `mount` per widget.
//! The loader (`article-widget.js`) finds widgets on the page, reads their
//! options from attributes and calls it; each call is an independent Leptos
//! root, so one module instance serves every widget on the page.

use std::any::Any;

use js_sys::Reflect;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use web_sys::{Element, FocusOptions, HtmlElement};

use crate::article::ArticleWidget;
use crate::events::WidgetEvents;
use crate::options::WidgetOptions;

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
        crate::panic::forget_host(&self.host);
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
    crate::panic::track_host(&host);
    let handle = match prerendered_root(&host) {
        Some(prerendered) => take_over(&host, prerendered, options),
        None => {
            let container = host.clone();
            Box::new(leptos::mount::mount_to(host.clone(), move || {
                WidgetEvents::provide(&container, false);
                view! { <ArticleWidget options /> }
            })) as Box<dyn Any>
        }
    };
    MountedWidget {
        host,
        handle: Some(handle),
    }
}

/// The root of markup prerendered by `article-render` (or the server) in `host`.
fn prerendered_root(host: &HtmlElement) -> Option<Element> {
    host.query_selector(":scope > .aw-root[data-prerendered]")
        .ok()
        .flatten()
}

/// Takes prerendered markup over: the live widget renders from the document
/// into a detached element and replaces the prerendered root in one frame,
/// once its article is ready. The markup is the same (the same components
/// made it), so nothing moves; the sections the reader opened stay open and
/// focus goes to the same place. Until then, and if loading fails, the
/// prerendered article stays.
fn take_over(host: &HtmlElement, prerendered: Element, mut options: WidgetOptions) -> Box<dyn Any> {
    // Open: the loader's heading clicks, or find-in-page, showed the panel.
    let sections = prerendered.query_selector_all(".aw-section");
    options.open_sections = Some(
        sections
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
                    .filter(|section| {
                        section
                            .query_selector(".aw-section__panel")
                            .ok()
                            .flatten()
                            .is_some_and(|panel| !panel.has_attribute("hidden"))
                    })
                    .filter_map(|section| section.get_attribute("data-section-id"))
                    .collect()
            })
            .unwrap_or_default(),
    );
    let Ok(detached) = document().create_element("div") else {
        return Box::new(());
    };
    let detached: HtmlElement = detached.unchecked_into();
    let nodes = SendWrapper::new((host.clone(), prerendered, detached.clone()));
    let on_ready = Callback::new(move |_: ()| {
        let (host, prerendered, target) = &*nodes;
        let Some(live) = target.first_element_child() else {
            return;
        };
        if !prerendered.is_connected() {
            return;
        }
        let focus_path = prerendered
            .query_selector(":focus")
            .ok()
            .flatten()
            .map(|focused| element_path(prerendered, &focused));
        host.replace_children_with_node_1(&live);
        if let Some(element) = focus_path.and_then(|path: Vec<u32>| element_at(&live, &path)) {
            let options = FocusOptions::new();
            options.set_prevent_scroll(true);
            element.focus_with_options(&options).ok();
        }
    });
    let container = host.clone();
    Box::new(leptos::mount::mount_to(detached, move || {
        WidgetEvents::provide(&container, true);
        view! { <ArticleWidget options on_ready /> }
    }))
}

/// Positions among element children from `root` down to `element`.
fn element_path(root: &Element, element: &Element) -> Vec<u32> {
    let mut path = Vec::new();
    let mut current = element.clone();
    while &current != root {
        let Some(parent) = current.parent_element() else {
            return Vec::new();
        };
        let index = (0..parent.children().length())
            .position(|i| parent.children().item(i).as_ref() == Some(&current))
            .unwrap_or(0);
        path.push(index as u32);
        current = parent;
    }
    path.reverse();
    path
}

fn element_at(root: &Element, path: &[u32]) -> Option<HtmlElement> {
    let mut current = root.clone();
    for &index in path {
        current = current.children().item(index)?;
    }
    current.dyn_into().ok()
}
