//! The widget's pure core: the article model, its reading and validation
//! ([`read`], the one entry point), URL safety and section anchors. No
//! browser APIs; `cargo test` runs it natively.

pub mod carousel;
mod date;
mod document;
mod error;
pub mod events;
mod formats;
#[doc(hidden)]
pub mod hostile;
mod json;
mod json_path;
pub mod poll;
mod read;
pub mod samples;
pub mod sections;
pub mod slug;
pub mod url;

pub use date::{is_rfc3339, rfc3339_to_unix_ms};
pub use document::*;
pub use error::DocError;
pub use formats::{detect, escape_html, html_body, html_text, Body, Format};
pub use read::{
    read, read_value, Reading, MAX_BLOCKS, MAX_DOCUMENT_BYTES, MAX_SECTIONS, MAX_SPANS,
};
