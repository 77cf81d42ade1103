//! The HTTP API, all routes in one place.

mod extract;
pub mod oembed;
mod polls;
mod votes;

use axum::{
    http::StatusCode,
    routing::{get, post},
    Router,
};

use crate::{error::AppError, AppState};

pub use extract::{Admin, AppJson, AppPath, AppQuery};

/// The API, to be nested under `/api`.
pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route(
            "/polls/{poll_id}",
            get(polls::polls_show).put(polls::polls_update),
        )
        .route("/polls/{poll_id}/votes", post(votes::votes_create))
        .fallback(|| async { AppError::NotFound("no such API route") })
        .method_not_allowed_fallback(|| async {
            (
                StatusCode::METHOD_NOT_ALLOWED,
                axum::Json(serde_json::json!({ "error": "method not allowed" })),
            )
        })
}

async fn health() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({ "status": "ok" }))
}
