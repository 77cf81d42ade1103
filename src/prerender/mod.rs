//! Prerendering (feature `ssr`): the widget's own components rendered to
//! HTML natively, wrapped in the embed markup a host page carries, with the
//! article's schema.org `NewsArticle` JSON-LD. `article-render` and the
//! server's `/render` route call [`render_embed`]; the browser build takes
//! the markup over (README, "Prerendered embeds").

#[cfg(feature = "ssr")]
mod render;
#[cfg(feature = "ssr")]
pub use render::*;
