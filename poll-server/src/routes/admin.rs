//! The publisher's view of a poll (admin token): where its votes came from,
//! voiding a flood, and the tally per day as CSV.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::{Admin, AppJson, AppPath};
use crate::{
    error::AppError,
    integrity::parse_prefix,
    poll::{format_rfc3339_ms, now_ms, parse_rfc3339_ms, Reader, TallyBody},
    store::VoidFilter,
    AppState,
};

#[derive(Serialize)]
pub struct AuditBody {
    poll_id: String,
    networks: Vec<NetworkBody>,
    per_minute: Vec<MinuteBody>,
}

#[derive(Serialize)]
struct NetworkBody {
    network: String,
    votes: i64,
    first: String,
    last: String,
}

#[derive(Serialize)]
struct MinuteBody {
    minute: String,
    votes: i64,
}

pub async fn audit(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(poll_id): AppPath<String>,
) -> Result<AppJson<AuditBody>, AppError> {
    let poll = state.find_poll(&poll_id).await?;
    let audit = state.store.audit(&poll.id).await?;
    Ok(AppJson(AuditBody {
        poll_id: poll.id.clone(),
        networks: audit
            .networks
            .into_iter()
            .map(|n| NetworkBody {
                network: n.prefix,
                votes: n.votes,
                first: format_rfc3339_ms(n.first_ms),
                last: format_rfc3339_ms(n.last_ms),
            })
            .collect(),
        per_minute: audit
            .per_minute
            .into_iter()
            .map(|(minute, votes)| MinuteBody {
                minute: format_rfc3339_ms(minute),
                votes,
            })
            .collect(),
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoidBody {
    network: String,
    from: Option<String>,
    to: Option<String>,
}

pub async fn void(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(poll_id): AppPath<String>,
    AppJson(body): AppJson<VoidBody>,
) -> Result<AppJson<TallyBody>, AppError> {
    let poll = state.find_poll(&poll_id).await?;
    let prefix = parse_prefix(&body.network).map_err(AppError::BadRequest)?;
    let time = |field: &str, text: Option<String>| match text {
        None => Ok(None),
        Some(text) => parse_rfc3339_ms(&text).map(Some).ok_or_else(|| {
            AppError::BadRequest(format!("{field}: expected an RFC 3339 date-time"))
        }),
    };
    let filter = VoidFilter {
        prefix,
        from_ms: time("from", body.from)?,
        to_ms: time("to", body.to)?,
    };
    let counts = state.store.void(&poll.id, filter.clone()).await?;
    tracing::info!(poll_id = %poll.id, network = %filter.prefix, "votes voided");
    Ok(AppJson(poll.tally(&counts, now_ms(), Reader::NotAsked)))
}

pub async fn export_csv(
    State(state): State<AppState>,
    _admin: Admin,
    AppPath(poll_id): AppPath<String>,
) -> Result<Response, AppError> {
    let poll = state.find_poll(&poll_id).await?;
    // Every option on every day that has votes, zeros included, in the poll's order.
    let mut days: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for (day, option, votes) in state.store.export(&poll.id).await? {
        days.entry(day).or_default().insert(option, votes);
    }
    let mut csv = String::from("day,option_id,votes\r\n");
    for (day, votes) in &days {
        for option in &poll.options {
            let n = votes.get(&option.id).copied().unwrap_or(0);
            // Ids are from A-Z a-z 0-9 _ - . : (check_id): nothing to quote.
            csv.push_str(&format!("{day},{},{n}\r\n", option.id));
        }
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"poll.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}
