//! The reader's one opening. Every document the widget shows and the server
//! reads comes through [`read`]: the size limit, the JSON parse, the format
//! (by shape, [`detect`]), that format's adapter (`formats::native` for
//! `article/1`, `formats::json_feed`, `formats::wordpress`) and the limits on
//! sections and blocks. The adapters only turn a JSON value into an
//! [`Article`].

use serde_json::Value;

use crate::formats::{self, detect, Format};
use crate::{Article, DocError};

/// Documents larger than this are refused before parsing (5 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_SECTIONS: usize = 10_000;
pub const MAX_BLOCKS: usize = 100_000;

/// A document read: the checked article, the format it was in, and what was
/// left out on the way (for the console, never shown to readers).
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub format: Format,
    pub article: Article,
    /// Things skipped while reading (unknown block types, bad related
    /// links, malformed dates in another format), each naming its JSON path.
    pub warnings: Vec<String>,
}

/// Reads a document in any format the widget reads: `article/1`, a JSON
/// Feed or one of its items, a WordPress post or list of posts.
/// `document_url` is the absolute URL the document was fetched from;
/// relative URLs resolve against it. `item` chooses a feed's item or a
/// list's post by its `id` (or, failing that, by its position counted from
/// 1); the first when `None`.
pub fn read(text: &str, document_url: &str, item: Option<&str>) -> Result<Reading, DocError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(DocError::TooLarge { bytes: text.len() });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| DocError::NotJson {
        detail: e.to_string(),
    })?;
    read_value(&value, document_url, item)
}

/// Like [`read`], for a document already parsed as JSON.
pub fn read_value(
    value: &Value,
    document_url: &str,
    item: Option<&str>,
) -> Result<Reading, DocError> {
    let format = detect(value);
    let mut warnings = Vec::new();
    let article = formats::read_as(format, value, document_url, item, &mut warnings)?;
    check_counts(article.sections.len(), article.blocks().count())?;
    Ok(Reading {
        format,
        article,
        warnings,
    })
}

/// The limits on an article's parts. Native documents are also checked
/// before any of their content is read, HTML bodies as they are reduced.
pub(crate) fn check_counts(sections: usize, blocks: usize) -> Result<(), DocError> {
    if sections > MAX_SECTIONS {
        return Err(DocError::TooManyParts {
            what: "sections",
            count: sections,
            limit: MAX_SECTIONS,
        });
    }
    if blocks > MAX_BLOCKS {
        return Err(DocError::TooManyParts {
            what: "blocks",
            count: blocks,
            limit: MAX_BLOCKS,
        });
    }
    Ok(())
}
