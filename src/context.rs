//! What every part of one widget reads: its options and its words. Provided
//! by the article root once the document is read; every capability uses it.

use std::sync::Arc;

use crate::i18n::Messages;
use crate::options::WidgetOptions;

/// Settings every part of one widget reads.
#[derive(Clone)]
pub struct WidgetContext {
    pub options: Arc<WidgetOptions>,
    pub messages: &'static Messages,
}
