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

use crate::poll::{Counts, Poll, Vote};

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
    #[error("{0}")]
    Other(String),
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
    ) -> Result<(Counts, Option<Vec<String>>), StoreError>;
    /// Records a ballot already checked against `poll`; returns once it is durable.
    async fn cast_vote(&self, poll_id: &str, vote: Vote) -> Result<VoteOutcome, StoreError>;
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
