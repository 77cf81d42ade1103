//! Prerendering (feature `ssr`): the widget's own components rendered to
//! HTML natively, wrapped in the embed markup a host page carries, with the
//! article's schema.org `NewsArticle` JSON-LD. `article-render` and the
//! server's `/render` route call [`render_embed`]; the browser build takes
//! the markup over (README, "Prerendered embeds").

mod ids;

#[cfg(feature = "ssr")]
mod render;
pub(crate) use ids::{id_prefix, next_id, next_number};
#[cfg(feature = "ssr")]
pub use render::*;
