//! The article widget: fetches an article document and renders it.
//!
//! One folder per capability; the pure logic lives in the `article-model` crate.
//! Pages reach the widget through `embed` (the exported `mount` function), which
//! the loader script `article-widget.js` calls for each widget on a page.

mod article;
mod carousel;
mod embed;
mod events;
mod i18n;
mod ids;
mod options;
mod panic;
mod poll;
mod sections;

pub use embed::{mount, MountedWidget};
pub use options::WidgetOptions;
