use std::fmt;

/// Why a document could not be turned into an [`crate::Article`].
///
/// Every variant is safe to show to a reader: it carries no HTML and names
/// the JSON path of the offending value where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocError {
    /// The document is larger than [`crate::MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize },
    /// More sections, blocks or spans than [`crate::MAX_SECTIONS`],
    /// [`crate::MAX_BLOCKS`] or [`crate::MAX_SPANS`].
    /// `count` is exact for a native document; an HTML body is refused as
    /// soon as it passes the limit, so it is the count at which reading stopped.
    TooManyParts {
        what: &'static str,
        count: usize,
        limit: usize,
    },
    /// The body is not JSON at all (for example an HTML error page).
    NotJson { detail: String },
    /// A `format` this widget does not read, such as `article/2`.
    Unsupported { format: String },
    /// The JSON breaks a rule of the format, at `path`.
    Schema { path: String, message: String },
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::TooLarge { bytes } => write!(
                f,
                "the document is {bytes} bytes, over the limit of {} bytes",
                crate::MAX_DOCUMENT_BYTES
            ),
            DocError::TooManyParts { what, limit, .. } => {
                write!(f, "the document has more than {limit} {what}")
            }
            DocError::NotJson { detail } => write!(f, "the document is not JSON ({detail})"),
            DocError::Unsupported { format } => write!(f, "unsupported format \"{format}\""),
            DocError::Schema { path, message } if path.is_empty() => f.write_str(message),
            DocError::Schema { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for DocError {}
