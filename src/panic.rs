//! A panic must not leave a dead, blank widget. With `panic = "abort"` the
//! WebAssembly instance stops, so the hook writes a plain error box into each
//! widget host with DOM calls only, before the abort.

use std::sync::Once;

use wasm_bindgen::JsCast;

use crate::ROOT_CLASS;

pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("article widget: {info}").into());
            show_error_boxes();
        }))
    });
}

fn show_error_boxes() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(hosts) = document.query_selector_all(&format!(".{ROOT_CLASS}")) else {
        return;
    };
    for i in 0..hosts.length() {
        let Some(host) = hosts
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let messages = crate::i18n::messages(None);
        let Ok(error_box) = document.create_element("div") else {
            continue;
        };
        error_box.set_class_name("aw-error");
        error_box.set_attribute("role", "alert").ok();
        error_box.set_text_content(Some(messages.widget_crashed));
        // A plain link reloads without any script, which is all that is left.
        if let Ok(reload) = document.create_element("a") {
            reload.set_attribute("href", "").ok();
            reload.set_class_name("aw-button");
            reload.set_text_content(Some(messages.reload_page));
            error_box.append_child(&reload).ok();
        }
        host.replace_children_with_node_1(&error_box);
    }
}
