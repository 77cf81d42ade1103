//! Fetching an article document, with every way it can fail named.

use article_model::{parse_document, Article, DocError, MAX_DOCUMENT_BYTES};
use gloo_net::http::Request;
use web_sys::{AbortController, AbortSignal};

use crate::i18n::{fill, Messages};

/// How long a document may take to arrive.
const TIMEOUT_MS: u32 = 15_000;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Network,
    Timeout,
    Http(u16),
    Document(DocError),
}

impl LoadError {
    /// A sentence a reader can act on.
    pub fn message(&self, m: &Messages) -> String {
        match self {
            LoadError::Network => m.error_network.to_owned(),
            LoadError::Timeout => m.error_timeout.to_owned(),
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
/// model reads; `item` chooses a feed's item. `abort` cancels it.
pub async fn load_article(
    url: &str,
    item: Option<&str>,
    abort: &AbortController,
) -> Result<Article, LoadError> {
    let timeout = AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let signal = AbortSignal::any(&js_sys::Array::of2(&abort.signal(), &timeout));
    let response = Request::get(url)
        .header("Accept", "application/json, application/feed+json")
        .abort_signal(Some(&signal))
        .send()
        .await
        .map_err(|_| {
            if timeout.aborted() {
                LoadError::Timeout
            } else {
                LoadError::Network
            }
        })?;
    if !response.ok() {
        return Err(LoadError::Http(response.status()));
    }
    let declared = response
        .headers()
        .get("Content-Length")
        .and_then(|n| n.parse::<usize>().ok());
    if let Some(bytes) = declared.filter(|&n| n > MAX_DOCUMENT_BYTES) {
        return Err(LoadError::Document(DocError::TooLarge { bytes }));
    }
    let body = response.text().await.map_err(|_| {
        if timeout.aborted() {
            LoadError::Timeout
        } else {
            LoadError::Network
        }
    })?;
    parse_document(&body, url, item).map_err(LoadError::Document)
}
