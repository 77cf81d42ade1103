//! The widget's pure core: the article model, its reading and validation,
//! URL safety and section anchors. No browser APIs; `cargo test` runs it natively.

pub mod carousel;
mod date;
mod document;
mod error;
pub mod events;
mod formats;
#[doc(hidden)]
pub mod hostile;
mod json_path;
mod parse;
pub mod poll;
pub mod samples;
pub mod sections;
pub mod slug;
pub mod url;

pub use date::{is_rfc3339, rfc3339_to_unix_ms};
pub use document::*;
pub use error::DocError;
pub use formats::{
    detect, html_body, html_text, parse_document, parse_document_as, read_document, Body, Format,
};
pub use parse::{parse_article, read_article};

/// Documents larger than this are refused before parsing (5 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_SECTIONS: usize = 10_000;
pub const MAX_BLOCKS: usize = 100_000;
