//! The HTTP API, all routes in one place.

mod admin;
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

pub use extract::{Admin, AppJson, AppPath, AppQuery, ClientNet};
pub use polls::POLL_VOTER;

/// The API, to be nested under `/api`.
pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route(
            "/polls/{poll_id}",
            get(polls::polls_show).put(polls::polls_update),
        )
        .route("/polls/{poll_id}/votes", post(votes::votes_create))
        .route("/polls/{poll_id}/audit", get(admin::audit))
        .route("/polls/{poll_id}/void", post(admin::void))
        .route("/polls/{poll_id}/export.csv", get(admin::export_csv))
        .fallback(|| async { AppError::NotFound("no such API route") })
        .method_not_allowed_fallback(|| async {
            (
                StatusCode::METHOD_NOT_ALLOWED,
                axum::Json(serde_json::json!({ "error": "method not allowed" })),
            )
        })
}

/// `200 {"status": "ok"}` when the database answers, else `503`, so a load
/// balancer takes this instance out while its store is unreachable.
async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (StatusCode, axum::Json<serde_json::Value>) {
    match state.store.health().await {
        Ok(()) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({ "status": "ok" })),
        ),
        Err(error) => {
            tracing::warn!(%error, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({ "status": "unavailable" })),
            )
        }
    }
}
