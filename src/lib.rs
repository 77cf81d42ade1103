// The native (`ssr`) build renders without `erase_components`, so its view
// types nest deeper than the compiler's default limit.
#![recursion_limit = "256"]
//! The article widget: fetches an article document and renders it.
//!
//! One folder per capability; the pure logic lives in the `article-model` crate.
//! Pages reach the widget through `embed` (the exported `mount` function), which
//! the loader script `article-widget.js` calls for each widget on a page.

mod article;
mod carousel;
mod content;
mod context;
mod dates;
mod embed;
mod events;
mod fetch;
mod i18n;
mod ids;
mod options;
mod panic;
mod poll;
pub mod prerender;
mod sections;
mod seen;

pub use embed::{mount, MountedWidget};
pub use options::{Theme, WidgetOptions};
