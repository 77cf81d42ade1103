//! Reading a tally, and creating or updating a poll definition.

use std::sync::LazyLock;

use article_model::poll::VOTER_HEADER;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Admin, AppJson, AppPath, AppQuery};
use crate::{
    error::AppError,
    poll::{check_voter, now_ms, Poll, PollInput, Reader, TallyBody},
    AppState,
};

/// The request header that carries the reader's voter token on a tally read.
pub static POLL_VOTER: LazyLock<HeaderName> =
    LazyLock::new(|| HeaderName::from_bytes(VOTER_HEADER.as_bytes()).expect("a valid header name"));

#[derive(Deserialize)]
pub struct TallyQuery {
    voter: Option<String>,
}

pub async fn polls_show(
    State(state): State<AppState>,
    AppPath(poll_id): AppPath<String>,
    AppQuery(query): AppQuery<TallyQuery>,
    headers: HeaderMap,
) -> Result<AppJson<TallyBody>, AppError> {
    // The header is preferred (it stays out of access logs); the query is
    // kept for older clients.
    let voter = match headers.get(&*POLL_VOTER) {
        Some(value) => Some(
            value
                .to_str()
                .map_err(|_| AppError::BadRequest("Poll-Voter: expected a token".into()))?
                .to_string(),
        ),
        None => query.voter,
    };
    if let Some(voter) = &voter {
        check_voter(voter).map_err(AppError::BadRequest)?;
    }
    let poll = state.find_poll(&poll_id).await?;
    let (counts, ballot) = state.store.counts(&poll.id, voter.as_deref()).await?;
    let reader = match voter {
        Some(_) => Reader::from(ballot),
        None => Reader::NotAsked,
    };
    Ok(AppJson(poll.tally(&counts, now_ms(), reader)))
}

pub async fn polls_update(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(poll_id): AppPath<String>,
    AppJson(input): AppJson<PollInput>,
) -> Result<Response, AppError> {
    let poll = Poll::from_input(&poll_id, input).map_err(AppError::BadRequest)?;
    state.store.put_poll(&poll).await?;
    tracing::info!(poll_id = %poll.id, "poll definition stored");
    Ok(AppJson(poll.view()).into_response())
}
