//! Every error the API returns, as `{"error": "..."}` (or a tally for 409/410).

use axum::{
    extract::rejection::{JsonRejection, PathRejection, QueryRejection},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

use crate::{integrity::CapScope, poll::TallyBody, store::StoreError};

#[derive(Debug)]
pub enum AppError {
    BadRequest(String),
    PayloadTooLarge,
    Unauthorized,
    Forbidden,
    NotFound(&'static str),
    /// The voter already cast a different ballot; the tally carries it.
    Conflict(TallyBody),
    /// The voter's ballot was voided, so no vote of theirs is taken:
    /// `409` with `"reason": "voided"`.
    Voided(TallyBody),
    Closed(TallyBody),
    TooManyRequests {
        retry_after_secs: u64,
    },
    /// The database cannot be reached right now: `503` with `Retry-After`.
    Unavailable(String),
    /// A new voter over their network's new-voter cap for this poll.
    OverVoterCap {
        scope: CapScope,
        retry_after_secs: u64,
    },
    Internal(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::BadRequest(message) => (StatusCode::BAD_REQUEST, error_body(&message)),
            AppError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                error_body("request body is too large"),
            ),
            AppError::Unauthorized => {
                let mut response =
                    (StatusCode::UNAUTHORIZED, error_body("missing bearer token")).into_response();
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                return response;
            }
            AppError::Forbidden => (StatusCode::FORBIDDEN, error_body("not allowed")),
            AppError::NotFound(what) => (StatusCode::NOT_FOUND, error_body(what)),
            AppError::Conflict(tally) => (
                StatusCode::CONFLICT,
                tally_with_error(tally, "this voter has already voted differently"),
            ),
            AppError::Voided(tally) => {
                let mut body = tally_with_error(tally, "this voter's vote was voided");
                body["reason"] = json!("voided");
                (StatusCode::CONFLICT, body)
            }
            AppError::Closed(tally) => (
                StatusCode::GONE,
                tally_with_error(tally, "the poll is closed"),
            ),
            AppError::TooManyRequests { retry_after_secs } => {
                let mut response = (
                    StatusCode::TOO_MANY_REQUESTS,
                    error_body("too many requests, slow down"),
                )
                    .into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
                return response;
            }
            AppError::Unavailable(detail) => {
                tracing::warn!(%detail, "storage unavailable");
                let mut response = (
                    StatusCode::SERVICE_UNAVAILABLE,
                    error_body("the poll service is unavailable, try again shortly"),
                )
                    .into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(2u32));
                return response;
            }
            AppError::OverVoterCap {
                scope,
                retry_after_secs,
            } => {
                let (message, reason) = match scope {
                    CapScope::Network => (
                        "too many new voters from your network on this poll in the last hour; try again later",
                        "network_cap",
                    ),
                    CapScope::Prefix => (
                        "too many new voters from your network's address block on this poll in the last hour; try again later",
                        "prefix_cap",
                    ),
                };
                let mut response = (
                    StatusCode::TOO_MANY_REQUESTS,
                    Json(json!({ "error": message, "reason": reason })),
                )
                    .into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
                return response;
            }
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    error_body("internal error"),
                )
            }
        };
        (status, body).into_response()
    }
}

fn error_body(message: &str) -> Json<serde_json::Value> {
    Json(json!({ "error": message }))
}

fn tally_with_error(tally: TallyBody, message: &str) -> Json<serde_json::Value> {
    let mut value = serde_json::to_value(tally).expect("a tally serialises");
    value["error"] = json!(message);
    Json(value)
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        if error.is_unavailable() {
            AppError::Unavailable(error.to_string())
        } else {
            AppError::Internal(error.to_string())
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return AppError::PayloadTooLarge;
        }
        match rejection {
            JsonRejection::MissingJsonContentType(_) => {
                AppError::BadRequest("expected Content-Type: application/json".into())
            }
            // serde's message says which field and where, without echoing the body.
            other => AppError::BadRequest(other.body_text()),
        }
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
}
