//! Reading a tally, and creating or updating a poll definition.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Admin, AppJson, AppPath, AppQuery};
use crate::{
    error::AppError,
    poll::{check_voter, now_ms, Poll, PollInput, TallyBody},
    AppState,
};

#[derive(Deserialize)]
pub struct TallyQuery {
    voter: Option<String>,
}

pub async fn polls_show(
    State(state): State<AppState>,
    AppPath(poll_id): AppPath<String>,
    AppQuery(query): AppQuery<TallyQuery>,
) -> Result<AppJson<TallyBody>, AppError> {
    if let Some(voter) = &query.voter {
        check_voter(voter).map_err(AppError::BadRequest)?;
    }
    let poll = state.find_poll(&poll_id).await?;
    let (counts, ballot) = state.store.counts(&poll.id, query.voter.as_deref()).await?;
    let your_vote = query.voter.is_some().then_some(ballot);
    Ok(AppJson(poll.tally(&counts, now_ms(), your_vote)))
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
