//! Durable storage of poll definitions and votes, behind one small trait.
//!
//! Both backends write votes through a single batching writer: requests that
//! arrive while a transaction commits are gathered into the next one, so one
//! fsync acknowledges many votes (group commit) and no vote is answered before
//! its transaction is durable.

mod postgres;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;

use crate::integrity::{Admission, CapScope};
use crate::poll::{Ballot, Counts, Poll, Vote};

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// Most votes one writer transaction takes at once.
const MAX_BATCH: usize = 512;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(#[from] tokio_postgres::Error),
    #[error("postgres pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    #[error("bad database url: {0}")]
    Url(String),
    #[error("the storage writer has stopped")]
    WriterGone,
    #[error("the database did not answer within {0:?}")]
    Timeout(std::time::Duration),
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error("{0}")]
    Other(String),
}

impl StoreError {
    /// The database cannot be reached or is overloaded right now, so the
    /// request may succeed later (`503`), rather than a fault of ours (`500`).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Pool(_)
            | StoreError::WriterGone
            | StoreError::Timeout(_)
            | StoreError::Unavailable(_) => true,
            StoreError::Postgres(e) => {
                e.is_closed()
                    || match e.code() {
                        // No SQL state: the connection itself failed.
                        None => true,
                        Some(code) => {
                            let code = code.code();
                            // 08: connection exception; 57: operator intervention
                            // (shutdown, statement timeout); 53: out of resources;
                            // 55P03 lock not available; 40: serialization, deadlock.
                            ["08", "57", "53", "40"].iter().any(|c| code.starts_with(c))
                                || code == "55P03"
                        }
                    }
            }
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy
                    | rusqlite::ErrorCode::DatabaseLocked
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::DiskFull
            ),
            _ => false,
        }
    }
}

/// The same error for every request of a failed batch (errors are not `Clone`).
pub(crate) fn shared_error(error: &StoreError) -> StoreError {
    if error.is_unavailable() {
        StoreError::Unavailable(error.to_string())
    } else {
        StoreError::Other(error.to_string())
    }
}

/// What happened to a ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteOutcome {
    /// Counted now, or an identical retry of a ballot counted before.
    Recorded(Counts),
    /// The voter had already cast a different ballot, which is returned.
    Conflict {
        counts: Counts,
        recorded: Vec<String>,
    },
    /// The voter's ballot was voided: nothing of theirs counts, and they may
    /// not vote again, with the same options or others.
    Voided(Counts),
    /// A new voter over a new-voter cap of their network; nothing was stored.
    OverCap {
        scope: CapScope,
        retry_after_secs: u64,
    },
}

/// Votes from one network prefix, for the audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkVotes {
    pub prefix: String,
    pub votes: i64,
    pub first_ms: i64,
    pub last_ms: i64,
}

/// What the audit shows: networks largest first, votes per minute in time order.
/// Voided votes are included (they came in), so a flood stays visible after it is voided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audit {
    pub networks: Vec<NetworkVotes>,
    /// (start of the minute in Unix ms, votes)
    pub per_minute: Vec<(i64, i64)>,
}

/// Which votes a void applies to: one prefix, optionally a time range (inclusive, Unix ms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidFilter {
    pub prefix: String,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Creates or replaces a poll definition; its counts are kept.
    async fn put_poll(&self, poll: &Poll) -> Result<(), StoreError>;
    async fn get_poll(&self, id: &str) -> Result<Option<Arc<Poll>>, StoreError>;
    /// Counts for a poll, and the ballot of `voter` when one is given.
    async fn counts(
        &self,
        poll_id: &str,
        voter: Option<&str>,
    ) -> Result<(Counts, Option<Ballot>), StoreError>;
    /// Records a ballot already checked against `poll`; returns once it is durable.
    async fn cast_vote(&self, poll_id: &str, vote: Vote) -> Result<VoteOutcome, StoreError> {
        self.cast_vote_from(poll_id, vote, None).await
    }
    /// Records a ballot; a new voter is first checked against the caps of
    /// `admission` (in the same transaction), an existing one never is.
    async fn cast_vote_from(
        &self,
        poll_id: &str,
        vote: Vote,
        admission: Option<Admission>,
    ) -> Result<VoteOutcome, StoreError>;
    /// Votes per network prefix and per minute (voided ones included).
    async fn audit(&self, poll_id: &str) -> Result<Audit, StoreError>;
    /// Marks the matching votes voided and recounts the poll, in one
    /// transaction; returns the counts after. Voiding twice changes nothing.
    async fn void(&self, poll_id: &str, filter: VoidFilter) -> Result<Counts, StoreError>;
    /// Counted (not voided) votes per UTC day and option: (`YYYY-MM-DD`, option id, votes),
    /// by day then option.
    async fn export(&self, poll_id: &str) -> Result<Vec<(String, String, i64)>, StoreError>;
    /// Whether the database answers now (for `/api/health`).
    async fn health(&self) -> Result<(), StoreError>;
}

/// Opens the store a database URL names: `postgres://` or `postgresql://` for
/// PostgreSQL, `sqlite://PATH` or `sqlite:PATH` for an SQLite file.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::open(url).await?))
    } else if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() {
            return Err(StoreError::Url("sqlite URL without a file path".into()));
        }
        Ok(Arc::new(SqliteStore::open(path.as_ref()).await?))
    } else {
        Err(StoreError::Url(
            "expected sqlite://PATH or postgres://...".into(),
        ))
    }
}
