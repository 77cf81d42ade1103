//! Casting a vote.

use axum::extract::State;
use serde::Deserialize;

use super::{AppJson, AppPath};
use crate::{
    error::AppError,
    poll::{now_ms, TallyBody},
    store::VoteOutcome,
    AppState,
};

#[derive(Deserialize)]
pub struct VoteBody {
    options: Vec<String>,
    voter: String,
}

pub async fn votes_create(
    State(state): State<AppState>,
    AppPath(poll_id): AppPath<String>,
    AppJson(body): AppJson<VoteBody>,
) -> Result<AppJson<TallyBody>, AppError> {
    let poll = state.find_poll(&poll_id).await?;
    let vote = poll
        .check_vote(&body.voter, &body.options)
        .map_err(AppError::BadRequest)?;
    let now = now_ms();
    if poll.is_closed(now) {
        let (counts, ballot) = state.store.counts(&poll.id, Some(&vote.voter)).await?;
        return Err(AppError::Closed(poll.tally(&counts, now, Some(ballot))));
    }
    let chosen = vote.options.clone();
    match state.store.cast_vote(&poll.id, vote).await? {
        VoteOutcome::Recorded(counts) => Ok(AppJson(poll.tally(&counts, now, Some(Some(chosen))))),
        VoteOutcome::Conflict { counts, recorded } => Err(AppError::Conflict(poll.tally(
            &counts,
            now,
            Some(Some(recorded)),
        ))),
    }
}
