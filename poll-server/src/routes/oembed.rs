//! `GET /oembed` (oEmbed 1.0) and `GET /embed.html` with its discovery link.
//! The answers themselves are built in `crate::oembed`.

use std::collections::HashMap;

use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Response},
    Json,
};
use serde_json::json;

use crate::{oembed::OEmbedError, AppState};

/// `GET /oembed?url=URL&format=json[&maxwidth=N][&maxheight=N]`.
pub async fn oembed_show(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let error = |status: StatusCode, message: &str| {
        (status, Json(json!({ "error": message }))).into_response()
    };
    match state.oembed.answer(&params) {
        Ok(answer) => (
            [(header::CACHE_CONTROL, "public, max-age=3600")],
            Json(answer),
        )
            .into_response(),
        Err(OEmbedError::BadRequest(message)) => error(StatusCode::BAD_REQUEST, &message),
        Err(OEmbedError::NotFound) => error(StatusCode::NOT_FOUND, "no article at this url"),
        Err(OEmbedError::NotImplemented) => error(
            StatusCode::NOT_IMPLEMENTED,
            "only format=json is implemented",
        ),
    }
}

/// `GET /embed.html?src=…`: the static file, with the article prerendered
/// into it and the oEmbed discovery link in its head when `src` is a
/// document this server knows.
pub async fn embed_page(
    State(state): State<AppState>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Some(dir) = &state.static_dir else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(page) = tokio::fs::read_to_string(dir.join("embed.html")).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let page = crate::render::prerender_embed_page(&state, page, &params, &headers);
    let index = &state.oembed;
    let known = params
        .get("src")
        .and_then(|src| index.provider.public_url.join(src).ok())
        .and_then(|src| index.find(src.as_str()));
    let page = match known {
        Some(article) => crate::oembed::with_discovery_link(&page, &index.discovery_link(article)),
        None => page,
    };
    ([(header::CACHE_CONTROL, "no-cache")], Html(page)).into_response()
}
