//! What every part of one widget reads: its options and its words. Provided
//! by the article root once the document is read; every capability uses it.

use std::sync::Arc;

use leptos::prelude::use_context;

use crate::i18n::Messages;
use crate::options::WidgetOptions;

/// Settings every part of one widget reads.
#[derive(Clone)]
pub struct WidgetContext {
    pub options: Arc<WidgetOptions>,
    pub messages: &'static Messages,
}

impl WidgetContext {
    /// The context of the widget being rendered. (Not `expect_context`: its
    /// panic message formats the type's name with `Debug`, which brings
    /// string escaping and Unicode's printable tables into the wasm, 1 KB gzip.)
    pub fn get() -> WidgetContext {
        use_context().expect("rendered inside an ArticleWidget")
    }
}
