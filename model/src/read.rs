//! The reader's one opening. Every document the widget shows and the server
//! reads comes through [`read`]: the size limit, the JSON parse, the format
//! (by shape, [`detect`]), that format's adapter (`formats::native` for
//! `article/1`, `formats::json_feed`, `formats::wordpress`) and the limits on
//! sections, blocks and spans. The adapters only turn a JSON value into an
//! [`Article`].

use crate::formats::{self, Format};
use crate::json::{Document, JsonError, Value};
use crate::{Article, DocError};

/// Documents larger than this are refused before parsing (5 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_SECTIONS: usize = 10_000;
pub const MAX_BLOCKS: usize = 100_000;
/// Spans (runs of text with the same marks and link) in the whole article.
/// The spec names no limit; two per block at the block limit. More is no
/// harder to read, but a browser takes seconds to lay out the million
/// elements 600,000 spans become, and the host page is frozen meanwhile.
pub const MAX_SPANS: usize = 200_000;

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
    let document = Document::parse(text).map_err(not_json)?;
    read_json(document.root(), document_url, item)
}

/// Like [`read`], for a document already parsed by `serde_json` (as the fuzz
/// targets build theirs): read as its text is, without the size limit.
pub fn read_value(
    value: &serde_json::Value,
    document_url: &str,
    item: Option<&str>,
) -> Result<Reading, DocError> {
    let text = value.to_string();
    let document = Document::parse(&text).map_err(not_json)?;
    read_json(document.root(), document_url, item)
}

fn not_json(error: JsonError) -> DocError {
    DocError::NotJson {
        detail: error.to_string(),
    }
}

fn read_json(value: Value, document_url: &str, item: Option<&str>) -> Result<Reading, DocError> {
    let format = formats::detect_json(value);
    let mut warnings = Vec::new();
    let article = formats::read_as(format, value, document_url, item, &mut warnings)?;
    // Spans are counted by the adapters as they read (and before, for a
    // native document), never more than the article ends up with.
    check_counts(PartCounts {
        sections: article.sections.len(),
        blocks: article.blocks().count(),
        spans: 0,
    })?;
    Ok(Reading {
        format,
        article,
        warnings,
    })
}

/// How many parts of each kind an article has (or has so far).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PartCounts {
    pub sections: usize,
    pub blocks: usize,
    pub spans: usize,
}

/// The limits on an article's parts. Native documents are also checked
/// before any of their content is read, HTML bodies as they are reduced.
pub(crate) fn check_counts(counts: PartCounts) -> Result<(), DocError> {
    let (what, count, limit) = if counts.sections > MAX_SECTIONS {
        ("sections", counts.sections, MAX_SECTIONS)
    } else if counts.blocks > MAX_BLOCKS {
        ("blocks", counts.blocks, MAX_BLOCKS)
    } else if counts.spans > MAX_SPANS {
        ("spans", counts.spans, MAX_SPANS)
    } else {
        return Ok(());
    };
    Err(DocError::TooManyParts { what, count, limit })
}
