//! Fetching an article document, with every way it can fail named.

use article_model::{read, Article, DocError, Format, MAX_DOCUMENT_BYTES};
use gloo_net::http::Request;
use web_sys::{AbortController, AbortSignal};

use crate::fetch::{cancel_body, read_body, BodyError};
use crate::i18n::{fill, Messages};

/// How long a document may take to arrive.
const TIMEOUT_MS: u32 = 15_000;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// No answer at all: offline, refused, a redirect loop.
    Network,
    /// The answer began but broke off before the document was complete.
    Interrupted,
    Timeout,
    Http(u16),
    /// 429 or 503 with a `Retry-After` in seconds.
    Busy {
        status: u16,
        retry_after_seconds: u32,
    },
    Document(DocError),
}

impl LoadError {
    /// A sentence a reader can act on.
    pub fn message(&self, m: &Messages) -> String {
        match self {
            LoadError::Network => m.error_network.to_owned(),
            LoadError::Interrupted => m.error_interrupted.to_owned(),
            LoadError::Timeout => m.error_timeout.to_owned(),
            LoadError::Busy {
                status,
                retry_after_seconds,
            } => fill(
                &fill(m.error_busy, "status", &status.to_string()),
                "minutes",
                &retry_after_seconds.div_ceil(60).max(1).to_string(),
            ),
            LoadError::Http(404 | 410) => fill(m.error_not_found, "status", &self.status()),
            LoadError::Http(_) => fill(m.error_http, "status", &self.status()),
            LoadError::Document(DocError::NotJson { .. }) => m.error_not_json.to_owned(),
            LoadError::Document(DocError::Unsupported { format }) => {
                fill(m.error_unsupported, "format", format)
            }
            LoadError::Document(
                e @ (DocError::TooLarge { .. } | DocError::TooManyParts { .. }),
            ) => fill(m.error_too_large, "detail", &e.to_string()),
            LoadError::Document(e @ DocError::Schema { .. }) => {
                fill(m.error_schema, "detail", &e.to_string())
            }
        }
    }

    /// The document server's HTTP status, when it answered with an error.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            LoadError::Http(status) | LoadError::Busy { status, .. } => Some(*status),
            _ => None,
        }
    }

    fn status(&self) -> String {
        match self {
            LoadError::Http(status) => status.to_string(),
            _ => String::new(),
        }
    }
}

/// The page-relative `src` made absolute, so the document's own relative URLs
/// can be resolved against it.
pub fn absolute_url(src: &str) -> String {
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(src, &page)
        .map(|u| u.href())
        .unwrap_or_else(|_| src.to_owned())
}

/// Fetches and reads the document at `url` (absolute), in any format the
/// model reads, with the format it was in; `item` chooses a feed's item.
/// What the reader skipped goes to the console. `abort` cancels it.
pub async fn load_article(
    url: &str,
    item: Option<&str>,
    abort: &AbortController,
) -> Result<(Format, Article), LoadError> {
    let timeout = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let signal = AbortSignal::any(&js_sys::Array::of2(&abort.signal(), &timeout));
    // Which error a failed read is: our clock ran out, or the network let us down.
    let failed = |broke_off: LoadError| {
        if timeout.aborted() {
            LoadError::Timeout
        } else {
            broke_off
        }
    };
    let response = Request::get(url)
        .header("Accept", "application/json, application/feed+json")
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|_| failed(LoadError::Network))?;
    if !response.ok() {
        let status = response.status();
        let retry_after = response
            .headers()
            .get("Retry-After")
            .and_then(|v| retry_after_seconds(&v));
        cancel_body(&response);
        return Err(match retry_after {
            Some(retry_after_seconds) if matches!(status, 429 | 503) => LoadError::Busy {
                status,
                retry_after_seconds,
            },
            _ => LoadError::Http(status),
        });
    }
    let declared = response
        .headers()
        .get("Content-Length")
        .and_then(|n| n.parse::<usize>().ok());
    if let Some(bytes) = declared.filter(|&n| n > MAX_DOCUMENT_BYTES) {
        cancel_body(&response);
        return Err(LoadError::Document(DocError::TooLarge { bytes }));
    }
    let body = read_body(&response, MAX_DOCUMENT_BYTES)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge { bytes } => LoadError::Document(DocError::TooLarge { bytes }),
            BodyError::BrokeOff => failed(LoadError::Interrupted),
        })?;
    let reading = read(&body, url, item).map_err(LoadError::Document)?;
    for warning in &reading.warnings {
        web_sys::console::warn_1(&format!("article widget: {warning}").into());
    }
    Ok((reading.format, reading.article))
}

/// `Retry-After` as whole seconds; only the delay form (`120`), not a date.
fn retry_after_seconds(value: &str) -> Option<u32> {
    value.trim().parse().ok()
}
