//! PostgreSQL backend, for several server instances sharing one database.
//!
//! Votes go through one batching writer task per instance: each batch is one
//! transaction of a few array statements, so the commit (and its WAL flush,
//! with the default `synchronous_commit = on`) is shared by the whole batch.
//! Poll definitions are cached for at most `POLL_CACHE_TTL`, so a `PUT` on
//! one instance is seen by all within that time.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Transaction};
use tokio::sync::{mpsc, oneshot};
use tokio_postgres::{error::SqlState, NoTls};

use super::{shared_error, Store, StoreError, VoteOutcome, MAX_BATCH};
use crate::poll::{decode_options, encode_options, Counts, Poll, PollOption, Vote};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS polls (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    options TEXT NOT NULL,
    multiple BOOLEAN NOT NULL,
    closes_at_ms BIGINT,
    voters BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tallies (
    poll_id TEXT NOT NULL,
    option_id TEXT NOT NULL,
    count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (poll_id, option_id)
);
CREATE TABLE IF NOT EXISTS votes (
    poll_id TEXT NOT NULL,
    voter TEXT NOT NULL,
    options TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (poll_id, voter)
);
";

/// Two instances whose batches touch the same tally rows can deadlock; the
/// loser's whole batch is retried.
const BATCH_ATTEMPTS: usize = 3;

const POLL_CACHE_TTL: Duration = Duration::from_secs(1);

/// Time to open a connection to the database.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// Time a request waits for a free pooled connection.
const POOL_WAIT_TIMEOUT: Duration = Duration::from_secs(2);
/// Server-side limits on every statement and on waiting for a row lock.
const STATEMENT_TIMEOUT_MS: u32 = 5_000;
const LOCK_TIMEOUT_MS: u32 = 2_000;
/// Client-side limit on one whole operation (a read, a vote batch), for a
/// database that stops answering without closing the connection.
const OPERATION_DEADLINE: Duration = Duration::from_secs(6);

/// Runs `operation` within [`OPERATION_DEADLINE`].
async fn within_deadline<T>(
    operation: impl std::future::Future<Output = Result<T, StoreError>>,
) -> Result<T, StoreError> {
    tokio::time::timeout(OPERATION_DEADLINE, operation)
        .await
        .unwrap_or(Err(StoreError::Timeout(OPERATION_DEADLINE)))
}
/// Only known polls are cached; past this many the cache starts over.
const POLL_CACHE_MAX: usize = 10_000;

struct VoteCommand {
    poll_id: String,
    vote: Vote,
    reply: oneshot::Sender<Result<VoteOutcome, StoreError>>,
}

pub struct PostgresStore {
    pool: Pool,
    writer: mpsc::Sender<VoteCommand>,
    polls: Mutex<HashMap<String, (Instant, Arc<Poll>)>>,
}

impl PostgresStore {
    pub async fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let mut config =
            tokio_postgres::Config::from_str(url).map_err(|e| StoreError::Url(e.to_string()))?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        // Notice a database host that vanished without closing the connection.
        config
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(10));
        let options = format!(
            "-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={LOCK_TIMEOUT_MS} {}",
            config.get_options().unwrap_or_default()
        );
        config.options(options.trim());
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(16)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(POOL_WAIT_TIMEOUT))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .recycle_timeout(Some(POOL_WAIT_TIMEOUT))
            .build()
            .map_err(|e| StoreError::Other(e.to_string()))?;

        let mut client = pool.get().await?;
        let tx = client.transaction().await?;
        // Instances starting together must not race on CREATE TABLE.
        tx.execute("SELECT pg_advisory_xact_lock(7471001)", &[])
            .await?;
        tx.batch_execute(SCHEMA).await?;
        tx.commit().await?;
        drop(client);

        let (writer, rx) = mpsc::channel(MAX_BATCH * 8);
        tokio::spawn(writer_loop(pool.clone(), rx));
        Ok(PostgresStore {
            pool,
            writer,
            polls: Mutex::new(HashMap::new()),
        })
    }
}

#[async_trait]
impl Store for PostgresStore {
    async fn put_poll(&self, poll: &Poll) -> Result<(), StoreError> {
        within_deadline(self.write_poll(poll)).await
    }

    async fn get_poll(&self, id: &str) -> Result<Option<Arc<Poll>>, StoreError> {
        if let Some((at, poll)) = self.polls.lock().expect("poll cache lock").get(id) {
            if at.elapsed() < POLL_CACHE_TTL {
                return Ok(Some(poll.clone()));
            }
        }
        within_deadline(self.read_poll(id)).await
    }

    async fn counts(
        &self,
        poll_id: &str,
        voter: Option<&str>,
    ) -> Result<(Counts, Option<Vec<String>>), StoreError> {
        within_deadline(self.read_counts_and_ballot(poll_id, voter)).await
    }

    async fn cast_vote(&self, poll_id: &str, vote: Vote) -> Result<VoteOutcome, StoreError> {
        let (reply, answer) = oneshot::channel();
        let command = VoteCommand {
            poll_id: poll_id.to_string(),
            vote,
            reply,
        };
        self.writer
            .send(command)
            .await
            .map_err(|_| StoreError::WriterGone)?;
        answer.await.map_err(|_| StoreError::WriterGone)?
    }

    async fn health(&self) -> Result<(), StoreError> {
        within_deadline(async {
            let client = self.pool.get().await?;
            client.simple_query("SELECT 1").await?;
            Ok(())
        })
        .await
    }
}

impl PostgresStore {
    async fn write_poll(&self, poll: &Poll) -> Result<(), StoreError> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let options = serde_json::to_string(&poll.options).expect("options serialise");
        tx.execute(
            "INSERT INTO polls (id, question, options, multiple, closes_at_ms) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET question = excluded.question, options = excluded.options,
                 multiple = excluded.multiple, closes_at_ms = excluded.closes_at_ms",
            &[&poll.id, &poll.question, &options, &poll.multiple, &poll.closes_at_ms],
        )
        .await?;
        let option_ids: Vec<&str> = poll.options.iter().map(|o| o.id.as_str()).collect();
        tx.execute(
            "INSERT INTO tallies (poll_id, option_id) SELECT $1, unnest($2::text[])
             ON CONFLICT DO NOTHING",
            &[&poll.id, &option_ids],
        )
        .await?;
        tx.commit().await?;
        self.polls.lock().expect("poll cache lock").remove(&poll.id);
        Ok(())
    }

    async fn read_poll(&self, id: &str) -> Result<Option<Arc<Poll>>, StoreError> {
        let client = self.pool.get().await?;
        let statement = client
            .prepare_cached(
                "SELECT id, question, options, multiple, closes_at_ms FROM polls WHERE id = $1",
            )
            .await?;
        let row = client.query_opt(&statement, &[&id]).await?;
        let poll = row.map(|row| {
            let options: String = row.get(2);
            Arc::new(Poll {
                id: row.get(0),
                question: row.get(1),
                options: serde_json::from_str::<Vec<PollOption>>(&options).unwrap_or_default(),
                multiple: row.get(3),
                closes_at_ms: row.get(4),
            })
        });
        if let Some(poll) = &poll {
            let mut cache = self.polls.lock().expect("poll cache lock");
            if cache.len() >= POLL_CACHE_MAX {
                cache.clear();
            }
            cache.insert(id.to_string(), (Instant::now(), poll.clone()));
        }
        Ok(poll)
    }

    async fn read_counts_and_ballot(
        &self,
        poll_id: &str,
        voter: Option<&str>,
    ) -> Result<(Counts, Option<Vec<String>>), StoreError> {
        let mut client = self.pool.get().await?;
        // One snapshot for the counts and the ballot.
        let tx = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let counts = read_counts(&tx, &[poll_id])
            .await?
            .remove(poll_id)
            .unwrap_or_default();
        let ballot = match voter {
            Some(voter) => {
                let statement = tx
                    .prepare_cached("SELECT options FROM votes WHERE poll_id = $1 AND voter = $2")
                    .await?;
                tx.query_opt(&statement, &[&poll_id, &voter])
                    .await?
                    .map(|row| decode_options(row.get(0)))
            }
            None => None,
        };
        tx.commit().await?;
        Ok((counts, ballot))
    }
}

async fn writer_loop(pool: Pool, mut rx: mpsc::Receiver<VoteCommand>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let mut result = within_deadline(apply_batch(&pool, &batch)).await;
        for _ in 1..BATCH_ATTEMPTS {
            match &result {
                Err(StoreError::Postgres(e))
                    if e.code() == Some(&SqlState::T_R_DEADLOCK_DETECTED)
                        || e.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE) =>
                {
                    result = within_deadline(apply_batch(&pool, &batch)).await;
                }
                _ => break,
            }
        }
        match result {
            Ok(outcomes) => {
                for (command, outcome) in batch.drain(..).zip(outcomes) {
                    let _ = command.reply.send(Ok(outcome));
                }
            }
            Err(error) => {
                tracing::error!(%error, votes = batch.len(), "postgres batch failed, rolled back");
                for command in batch.drain(..) {
                    let _ = command.reply.send(Err(shared_error(&error)));
                }
            }
        }
    }
    tracing::debug!("postgres writer stopped");
}

/// One transaction for the whole batch: insert the new ballots, look up the
/// ballots that were already there, add the new ones to the counters.
async fn apply_batch(pool: &Pool, batch: &[VoteCommand]) -> Result<Vec<VoteOutcome>, StoreError> {
    // The first request for a (poll, voter) key in the batch is the one
    // inserted; later ones in the same batch are answered against it.
    // Keys sorted by poll, then voter: every instance inserts (and so locks)
    // the rows in the same order, so two batches cannot deadlock.
    let mut first: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (i, command) in batch.iter().enumerate() {
        let key = (command.poll_id.as_str(), command.vote.voter.as_str());
        first.entry(key).or_insert(i);
    }
    let (mut polls, mut voters, mut ballots) = (Vec::new(), Vec::new(), Vec::new());
    for (&(poll, voter), &i) in &first {
        polls.push(poll);
        voters.push(voter);
        ballots.push(encode_options(&batch[i].vote.options));
    }

    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    // Durability and lock waits must not depend on the database's settings.
    tx.batch_execute(&format!(
        "SET LOCAL synchronous_commit = on; SET LOCAL lock_timeout = {LOCK_TIMEOUT_MS}"
    ))
    .await?;
    let insert = tx
        .prepare_cached(
            "INSERT INTO votes (poll_id, voter, options)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
             ON CONFLICT DO NOTHING RETURNING poll_id, voter",
        )
        .await?;
    let inserted = tx.query(&insert, &[&polls, &voters, &ballots]).await?;
    let mut recorded: HashMap<(String, String), Vec<String>> = HashMap::new();
    let mut option_bumps: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    let mut voter_bumps: BTreeMap<&str, i64> = BTreeMap::new();
    for row in &inserted {
        let key: (String, String) = (row.get(0), row.get(1));
        let command = &batch[first[&(key.0.as_str(), key.1.as_str())]];
        for option in &command.vote.options {
            *option_bumps
                .entry((command.poll_id.as_str(), option.as_str()))
                .or_default() += 1;
        }
        *voter_bumps.entry(command.poll_id.as_str()).or_default() += 1;
        recorded.insert(key, command.vote.options.clone());
    }

    if recorded.len() < polls.len() {
        let select = tx
            .prepare_cached(
                "SELECT v.poll_id, v.voter, v.options FROM votes v
                 JOIN unnest($1::text[], $2::text[]) AS k(poll_id, voter)
                   ON v.poll_id = k.poll_id AND v.voter = k.voter",
            )
            .await?;
        let existing = tx.query(&select, &[&polls, &voters]).await?;
        for row in existing {
            recorded
                .entry((row.get(0), row.get(1)))
                .or_insert_with(|| decode_options(row.get(2)));
        }
    }

    // Sorted keys: every instance takes the row locks in the same order.
    if !option_bumps.is_empty() {
        let (bump_polls, bump_options, bump_counts): (Vec<&str>, Vec<&str>, Vec<i64>) =
            option_bumps
                .iter()
                .map(|(&(poll, option), &n)| (poll, option, n))
                .fold((vec![], vec![], vec![]), |mut acc, (p, o, n)| {
                    acc.0.push(p);
                    acc.1.push(o);
                    acc.2.push(n);
                    acc
                });
        let bump = tx
            .prepare_cached(
                "UPDATE tallies t SET count = t.count + d.n
                 FROM unnest($1::text[], $2::text[], $3::int8[]) AS d(poll_id, option_id, n)
                 WHERE t.poll_id = d.poll_id AND t.option_id = d.option_id",
            )
            .await?;
        tx.execute(&bump, &[&bump_polls, &bump_options, &bump_counts])
            .await?;
        let (bump_polls, bump_voters): (Vec<&str>, Vec<i64>) = voter_bumps.into_iter().unzip();
        let bump = tx
            .prepare_cached(
                "UPDATE polls p SET voters = p.voters + d.n
                 FROM unnest($1::text[], $2::int8[]) AS d(id, n) WHERE p.id = d.id",
            )
            .await?;
        tx.execute(&bump, &[&bump_polls, &bump_voters]).await?;
    }

    let mut distinct_polls: Vec<&str> = batch.iter().map(|c| c.poll_id.as_str()).collect();
    distinct_polls.sort_unstable();
    distinct_polls.dedup();
    let counts = read_counts(&tx, &distinct_polls).await?;
    tx.commit().await?;

    batch
        .iter()
        .map(|command| {
            let key = (command.poll_id.clone(), command.vote.voter.clone());
            let ballot = recorded
                .get(&key)
                .cloned()
                .ok_or_else(|| StoreError::Other("a vote was neither inserted nor found".into()))?;
            let counts = counts.get(&command.poll_id).cloned().unwrap_or_default();
            Ok(if ballot == command.vote.options {
                VoteOutcome::Recorded(counts)
            } else {
                VoteOutcome::Conflict {
                    counts,
                    recorded: ballot,
                }
            })
        })
        .collect()
}

async fn read_counts(
    tx: &Transaction<'_>,
    poll_ids: &[&str],
) -> Result<HashMap<String, Counts>, StoreError> {
    let statement = tx
        .prepare_cached(
            "SELECT p.id, p.voters, t.option_id, t.count FROM polls p
             LEFT JOIN tallies t ON t.poll_id = p.id WHERE p.id = ANY($1)",
        )
        .await?;
    let mut counts: HashMap<String, Counts> = HashMap::new();
    for row in tx.query(&statement, &[&poll_ids]).await? {
        let entry = counts.entry(row.get(0)).or_default();
        entry.total = row.get(1);
        if let Some(option) = row.get::<_, Option<String>>(2) {
            entry.per_option.insert(option, row.get(3));
        }
    }
    Ok(counts)
}
