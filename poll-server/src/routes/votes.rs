//! Casting a vote.

use article_model::poll::VoteRequest;
use axum::extract::State;

use super::{AppJson, AppPath, ClientNet};
use crate::{
    error::AppError,
    integrity::Admission,
    poll::{now_ms, Reader, TallyBody},
    store::VoteOutcome,
    AppState,
};

pub async fn votes_create(
    State(state): State<AppState>,
    AppPath(poll_id): AppPath<String>,
    ClientNet(from): ClientNet,
    AppJson(body): AppJson<VoteRequest>,
) -> Result<AppJson<TallyBody>, AppError> {
    let poll = state.find_poll(&poll_id).await?;
    let vote = poll
        .check_vote(&body.voter, &body.options)
        .map_err(AppError::BadRequest)?;
    let now = now_ms();
    if poll.is_closed(now) {
        let (counts, ballot) = state.store.counts(&poll.id, Some(&vote.voter)).await?;
        return Err(AppError::Closed(poll.tally(&counts, now, ballot.into())));
    }
    let chosen = vote.options.clone();
    let admission = Admission {
        from,
        caps: state.voter_caps,
    };
    match state
        .store
        .cast_vote_from(&poll.id, vote, Some(admission))
        .await?
    {
        VoteOutcome::Recorded(counts) => {
            Ok(AppJson(poll.tally(&counts, now, Reader::Counted(chosen))))
        }
        VoteOutcome::Conflict { counts, recorded } => Err(AppError::Conflict(poll.tally(
            &counts,
            now,
            Reader::Counted(recorded),
        ))),
        VoteOutcome::Voided(counts) => {
            Err(AppError::Voided(poll.tally(&counts, now, Reader::Voided)))
        }
        VoteOutcome::OverCap {
            scope,
            retry_after_secs,
        } => {
            tracing::info!(poll_id = %poll.id, ?scope, "new voter over the network cap");
            Err(AppError::OverVoterCap {
                scope,
                retry_after_secs,
            })
        }
    }
}
