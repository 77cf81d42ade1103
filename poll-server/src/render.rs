//! `GET /render/{article-id}`: the articles of `--articles-dir` as the
//! widget's prerendered embed markup (the same as `article-render`'s), for
//! edge or server-side includes. 404 for an unknown id, 422 with the widget's
//! message for a document that does not validate; never a half page.

use std::collections::HashMap;
use std::path::Path;

use axum::{
    extract::{Path as UrlPath, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;
use widget::prerender::{render_embed, EmbedMode, EmbedOptions};
use widget::WidgetOptions;

use crate::AppState;

/// The article documents the server knows, by their `id`.
#[derive(Debug, Default)]
pub struct Documents {
    by_id: HashMap<String, Document>,
}

#[derive(Debug)]
struct Document {
    file_name: String,
    text: String,
}

impl Documents {
    /// Reads every `*.json` file directly in `dir`. A document is known by
    /// its `id` (the file's stem when it has none), valid or not: one that
    /// does not validate is answered with 422 and its error.
    pub fn load(dir: &Path) -> Result<Documents, String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read articles dir {}: {e}", dir.display()))?;
        let mut by_id = HashMap::new();
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let file_name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let stem = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let id = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v.get("id").and_then(|id| id.as_str().map(str::to_owned)))
                .unwrap_or(stem);
            by_id.insert(id, Document { file_name, text });
        }
        Ok(Documents { by_id })
    }
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

pub async fn render_article(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(document) = state.documents.as_ref().and_then(|d| d.by_id.get(&id)) else {
        return error(StatusCode::NOT_FOUND, "unknown article");
    };
    let mode = match query.get("mode").map(String::as_str) {
        None | Some("placeholder") => EmbedMode::Placeholder,
        Some("element") => EmbedMode::Element,
        Some(_) => return error(StatusCode::BAD_REQUEST, "mode: placeholder or element"),
    };
    // Where the documents are served by default: /articles/<file> on this host.
    let src = query.get("src").cloned().unwrap_or_else(|| {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        format!("http://{host}/articles/{}", document.file_name)
    });
    if !(src.starts_with("http://") || src.starts_with("https://")) {
        return error(StatusCode::BAD_REQUEST, "src: an absolute http(s) URL");
    }
    let widget = WidgetOptions::from_lookup(|name| match name {
        "src" => Some(src.clone()),
        other => query.get(other).cloned(),
    });
    let options = EmbedOptions {
        widget,
        mode,
        widget_base: query
            .get("widget-base")
            .cloned()
            .unwrap_or_else(|| "/".into()),
    };
    match render_embed(&document.text, &options) {
        Ok(html) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            html,
        )
            .into_response(),
        Err(message) => error(StatusCode::UNPROCESSABLE_ENTITY, &message),
    }
}

/// The iframe mode's page (`embed.html`) with the article prerendered into
/// it when `src` names a document of `--articles-dir` (by file name); the
/// page as it is otherwise.
pub fn prerender_embed_page(
    state: &AppState,
    page: String,
    query: &HashMap<String, String>,
    headers: &HeaderMap,
) -> String {
    const SLOT: &str = "<div id=\"widget\"></div>";
    let src = query.get("src").cloned().unwrap_or_default();
    let file_name = src
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit('/')
        .next();
    let document = state.documents.as_ref().and_then(|documents| {
        documents
            .by_id
            .values()
            .find(|d| Some(d.file_name.as_str()) == file_name)
    });
    let (Some(document), true) = (document, page.contains(SLOT)) else {
        return page;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    // Only this server's own copy: the same file name on another origin is another document.
    let own = format!("http://{host}/");
    let absolute = if src.starts_with("http://") || src.starts_with("https://") {
        src.clone()
    } else {
        format!("{own}{}", src.trim_start_matches('/'))
    };
    if !absolute.starts_with(&own) {
        return page;
    }
    let widget = WidgetOptions::from_lookup(|name| match name {
        "src" => Some(absolute.clone()),
        other => query.get(other).cloned(),
    });
    let Ok(article) =
        article_model::read(&document.text, &absolute, widget.item.as_deref()).map(|r| r.article)
    else {
        return page;
    };
    let markup = format!(
        "<link rel=\"stylesheet\" href=\"article-widget.css\"><noscript><link rel=\"stylesheet\" href=\"article-widget-noscript.css\"></noscript><div id=\"widget\">{}</div><script type=\"application/ld+json\">{}</script>",
        widget::prerender::render_widget(&article, &widget),
        widget::prerender::json_ld(&article),
    );
    page.replacen(SLOT, &markup, 1)
}
