//! A panic must not leave a dead, blank widget. With `panic = "abort"` the
//! WebAssembly instance stops, so the hook writes a plain error box into each
//! widget host with DOM calls only, before the abort.

use std::sync::Once;

use web_sys::{Document, HtmlElement};

pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("article widget: {info}").into());
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                crate::embed::for_each_host(|host| show_error_box(&document, host));
            }
        }))
    });
}

fn show_error_box(document: &Document, host: &HtmlElement) {
    let messages = crate::i18n::messages(None);
    let (Ok(root), Ok(error_box)) = (
        document.create_element("div"),
        document.create_element("div"),
    ) else {
        return;
    };
    root.set_class_name("aw-root");
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
    root.append_child(&error_box).ok();
    host.replace_children_with_node_1(&root);
}
