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

use super::{
    shared_error, Audit, NetworkVotes, Store, StoreError, VoidFilter, VoteOutcome, MAX_BATCH,
};
use crate::integrity::{check_caps, Admission, WindowCount, CAP_WINDOW_MS};
use crate::poll::{decode_options, encode_options, Ballot, Counts, Poll, PollOption, Vote};

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
ALTER TABLE votes ADD COLUMN IF NOT EXISTS network TEXT;
ALTER TABLE votes ADD COLUMN IF NOT EXISTS prefix TEXT;
ALTER TABLE votes ADD COLUMN IF NOT EXISTS voided BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS votes_by_network ON votes (poll_id, network, created_at)
    WHERE network IS NOT NULL;
CREATE INDEX IF NOT EXISTS votes_by_prefix ON votes (poll_id, prefix, created_at);
CREATE INDEX IF NOT EXISTS votes_network_expiry ON votes (created_at)
    WHERE network IS NOT NULL;
";

/// Advisory lock classes (the first key of `pg_advisory_xact_lock(int, int)`).
/// Vote batches take each poll's lock shared and each (poll, prefix) lock
/// exclusively, so two instances never count the same prefix's window at
/// once; a void takes its poll's lock exclusively, so its recount sees every
/// vote committed before it and none is bumped under it.
const LOCK_POLL: i32 = 7_471_002;
const LOCK_PREFIX: i32 = 7_471_003;

/// How often a writer clears networks older than the cap's window.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

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
    admission: Option<Admission>,
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
        tokio::spawn(sweep_loop(pool.clone()));
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
    ) -> Result<(Counts, Option<Ballot>), StoreError> {
        within_deadline(self.read_counts_and_ballot(poll_id, voter)).await
    }

    async fn cast_vote_from(
        &self,
        poll_id: &str,
        vote: Vote,
        admission: Option<Admission>,
    ) -> Result<VoteOutcome, StoreError> {
        let (reply, answer) = oneshot::channel();
        let command = VoteCommand {
            poll_id: poll_id.to_string(),
            vote,
            admission,
            reply,
        };
        self.writer
            .send(command)
            .await
            .map_err(|_| StoreError::WriterGone)?;
        answer.await.map_err(|_| StoreError::WriterGone)?
    }

    async fn audit(&self, poll_id: &str) -> Result<Audit, StoreError> {
        within_deadline(async {
            let client = self.pool.get().await?;
            let networks = client
                .query(
                    "SELECT prefix, count(*) AS n,
                            (extract(epoch FROM min(created_at)) * 1000)::int8,
                            (extract(epoch FROM max(created_at)) * 1000)::int8
                     FROM votes WHERE poll_id = $1 AND prefix IS NOT NULL
                     GROUP BY prefix ORDER BY n DESC, prefix",
                    &[&poll_id],
                )
                .await?
                .into_iter()
                .map(|row| NetworkVotes {
                    prefix: row.get(0),
                    votes: row.get(1),
                    first_ms: row.get(2),
                    last_ms: row.get(3),
                })
                .collect();
            let per_minute = client
                .query(
                    "SELECT (extract(epoch FROM date_trunc('minute', created_at)) * 1000)::int8 AS m,
                            count(*)
                     FROM votes WHERE poll_id = $1 GROUP BY m ORDER BY m",
                    &[&poll_id],
                )
                .await?
                .into_iter()
                .map(|row| (row.get(0), row.get(1)))
                .collect();
            Ok(Audit {
                networks,
                per_minute,
            })
        })
        .await
    }

    async fn void(&self, poll_id: &str, filter: VoidFilter) -> Result<Counts, StoreError> {
        within_deadline(async {
            let mut client = self.pool.get().await?;
            let tx = client.transaction().await?;
            tx.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext($2))",
                &[&LOCK_POLL, &poll_id],
            )
            .await?;
            let ms = |at: Option<i64>| at.map(|ms| ms as f64 / 1000.0);
            tx.execute(
                "UPDATE votes SET voided = true WHERE poll_id = $1 AND prefix = $2 AND NOT voided
                 AND ($3::float8 IS NULL OR created_at >= to_timestamp($3::float8))
                 AND ($4::float8 IS NULL OR created_at <= to_timestamp($4::float8))",
                &[
                    &poll_id,
                    &filter.prefix,
                    &ms(filter.from_ms),
                    &ms(filter.to_ms),
                ],
            )
            .await?;
            tx.execute(
                "UPDATE tallies t SET count = (SELECT count(*) FROM votes v,
                     json_array_elements_text(v.options::json) o(value)
                     WHERE v.poll_id = t.poll_id AND NOT v.voided AND o.value = t.option_id)
                 WHERE t.poll_id = $1",
                &[&poll_id],
            )
            .await?;
            tx.execute(
                "UPDATE polls SET voters = (SELECT count(*) FROM votes WHERE poll_id = $1 AND NOT voided)
                 WHERE id = $1",
                &[&poll_id],
            )
            .await?;
            let counts = read_counts(&tx, &[poll_id])
                .await?
                .remove(poll_id)
                .unwrap_or_default();
            tx.commit().await?;
            Ok(counts)
        })
        .await
    }

    async fn export(&self, poll_id: &str) -> Result<Vec<(String, String, i64)>, StoreError> {
        within_deadline(async {
            let client = self.pool.get().await?;
            Ok(client
                .query(
                    "SELECT to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
                            o.value AS option, count(*)
                     FROM votes v, json_array_elements_text(v.options::json) o(value)
                     WHERE v.poll_id = $1 AND NOT v.voided
                     GROUP BY day, option ORDER BY day, option",
                    &[&poll_id],
                )
                .await?
                .into_iter()
                .map(|row| (row.get(0), row.get(1), row.get(2)))
                .collect())
        })
        .await
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
    ) -> Result<(Counts, Option<Ballot>), StoreError> {
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
                    .prepare_cached(
                        "SELECT options, voided FROM votes WHERE poll_id = $1 AND voter = $2",
                    )
                    .await?;
                tx.query_opt(&statement, &[&poll_id, &voter])
                    .await?
                    .map(|row| Ballot {
                        options: decode_options(row.get(0)),
                        voided: row.get(1),
                    })
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

/// Every minute, forgets the networks the caps no longer need (the retention
/// the README states), whether or not votes arrive.
async fn sweep_loop(pool: Pool) {
    let mut every = tokio::time::interval(SWEEP_EVERY);
    loop {
        every.tick().await;
        if let Err(error) = clear_old_networks(&pool).await {
            tracing::warn!(%error, "could not clear old networks");
        }
    }
}

/// Clears the network (IPv4 address, IPv6 /64) of votes older than the cap's window.
async fn clear_old_networks(pool: &Pool) -> Result<u64, StoreError> {
    let client = pool.get().await?;
    Ok(client
        .execute(
            "UPDATE votes SET network = NULL WHERE network IS NOT NULL
             AND created_at <= now() - make_interval(secs => $1::float8)",
            &[&(CAP_WINDOW_MS as f64 / 1000.0)],
        )
        .await?)
}

/// New voters per (poll, key) in the cap's window, `column` being `network` or `prefix`.
/// The command's admission, if its caps are on.
fn capped(command: &VoteCommand) -> Option<&Admission> {
    command
        .admission
        .as_ref()
        .filter(|admission| !admission.caps.is_off())
}

async fn window_counts(
    tx: &Transaction<'_>,
    column: &str,
    keys: &[(&str, &str)],
) -> Result<HashMap<(String, String), WindowCount>, StoreError> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let (polls, values): (Vec<&str>, Vec<&str>) = keys.iter().copied().unzip();
    let sql = format!(
        "SELECT k.poll_id, k.key, count(v.poll_id),
                (extract(epoch FROM min(v.created_at)) * 1000)::int8
         FROM unnest($1::text[], $2::text[]) AS k(poll_id, key)
         LEFT JOIN votes v ON v.poll_id = k.poll_id AND v.{column} = k.key
             AND v.created_at > now() - make_interval(secs => $3::float8)
         GROUP BY k.poll_id, k.key"
    );
    let statement = tx.prepare_cached(&sql).await?;
    let rows = tx
        .query(
            &statement,
            &[&polls, &values, &(CAP_WINDOW_MS as f64 / 1000.0)],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let count = WindowCount {
                votes: row.get(2),
                oldest_ms: row.get(3),
            };
            ((row.get(0), row.get(1)), count)
        })
        .collect())
}

/// One transaction for the whole batch: look up the voters already recorded,
/// check the new ones against their network's caps, insert those admitted,
/// add them to the counters.
async fn apply_batch(pool: &Pool, batch: &[VoteCommand]) -> Result<Vec<VoteOutcome>, StoreError> {
    // The first request for a (poll, voter) key in the batch is the one
    // inserted; later ones in the same batch are answered against it.
    let mut first: HashMap<(&str, &str), usize> = HashMap::new();
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for (i, command) in batch.iter().enumerate() {
        let key = (command.poll_id.as_str(), command.vote.voter.as_str());
        if let std::collections::hash_map::Entry::Vacant(entry) = first.entry(key) {
            entry.insert(i);
            keys.push(key);
        }
    }

    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    // Durability and lock waits must not depend on the database's settings.
    tx.batch_execute(&format!(
        "SET LOCAL synchronous_commit = on; SET LOCAL lock_timeout = {LOCK_TIMEOUT_MS}"
    ))
    .await?;

    // Locks first, in one sorted order on every instance.
    let mut lock_polls: Vec<&str> = keys.iter().map(|k| k.0).collect();
    lock_polls.sort_unstable();
    lock_polls.dedup();
    let mut lock_prefixes: Vec<String> = batch
        .iter()
        .filter_map(|c| capped(c).map(|a| format!("{} {}", c.poll_id, a.from.prefix)))
        .collect();
    lock_prefixes.sort_unstable();
    lock_prefixes.dedup();
    let lock = tx
        .prepare_cached(
            "SELECT pg_advisory_xact_lock_shared($1, hashtext(p.k)) FROM unnest($2::text[])
                 WITH ORDINALITY AS p(k, i) ORDER BY p.i;
             ",
        )
        .await?;
    tx.execute(&lock, &[&LOCK_POLL, &lock_polls]).await?;
    if !lock_prefixes.is_empty() {
        let lock = tx
            .prepare_cached(
                "SELECT pg_advisory_xact_lock($1, hashtext(p.k)) FROM unnest($2::text[])
                     WITH ORDINALITY AS p(k, i) ORDER BY p.i",
            )
            .await?;
        tx.execute(&lock, &[&LOCK_PREFIX, &lock_prefixes]).await?;
    }

    // (options, voided) of every voter already recorded.
    let mut recorded: HashMap<(String, String), (Vec<String>, bool)> = HashMap::new();
    let select = tx
        .prepare_cached(
            "SELECT v.poll_id, v.voter, v.options, v.voided FROM votes v
             JOIN unnest($1::text[], $2::text[]) AS k(poll_id, voter)
               ON v.poll_id = k.poll_id AND v.voter = k.voter",
        )
        .await?;
    let (key_polls, key_voters): (Vec<&str>, Vec<&str>) = keys.iter().copied().unzip();
    for row in tx.query(&select, &[&key_polls, &key_voters]).await? {
        recorded.insert(
            (row.get(0), row.get(1)),
            (decode_options(row.get(2)), row.get(3)),
        );
    }
    let is_new =
        |key: &(&str, &str)| !recorded.contains_key(&(key.0.to_string(), key.1.to_string()));
    let new_keys: Vec<(&str, &str)> = keys.iter().copied().filter(is_new).collect();

    // The caps, decided in arrival order against the window and the batch.
    let mut refused: HashMap<(&str, &str), VoteOutcome> = HashMap::new();
    let new_capped: Vec<(&(&str, &str), &Admission)> = new_keys
        .iter()
        .filter_map(|key| capped(&batch[first[key]]).map(|a| (key, a)))
        .collect();
    if !new_capped.is_empty() {
        let now: i64 = tx
            .query_one("SELECT (extract(epoch FROM now()) * 1000)::int8", &[])
            .await?
            .get(0);
        let mut network_keys: Vec<(&str, &str)> = new_capped
            .iter()
            .map(|(key, a)| (key.0, a.from.network.as_str()))
            .collect();
        network_keys.sort_unstable();
        network_keys.dedup();
        let mut prefix_keys: Vec<(&str, &str)> = new_capped
            .iter()
            .map(|(key, a)| (key.0, a.from.prefix.as_str()))
            .collect();
        prefix_keys.sort_unstable();
        prefix_keys.dedup();
        let mut networks = window_counts(&tx, "network", &network_keys).await?;
        let mut prefixes = window_counts(&tx, "prefix", &prefix_keys).await?;
        for (key, admission) in new_capped {
            let network_key = (key.0.to_string(), admission.from.network.clone());
            let prefix_key = (key.0.to_string(), admission.from.prefix.clone());
            let network = networks.get(&network_key).copied().unwrap_or_default();
            let prefix = prefixes.get(&prefix_key).copied().unwrap_or_default();
            match check_caps(admission.caps, network, prefix, now) {
                Ok(()) => {
                    for (counts, key) in [(&mut networks, network_key), (&mut prefixes, prefix_key)]
                    {
                        let count = counts.entry(key).or_default();
                        count.votes += 1;
                        count.oldest_ms.get_or_insert(now);
                    }
                }
                Err((scope, retry_after_secs)) => {
                    refused.insert(
                        *key,
                        VoteOutcome::OverCap {
                            scope,
                            retry_after_secs,
                        },
                    );
                }
            }
        }
    }

    let (mut polls, mut voters, mut ballots, mut networks, mut prefixes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Inserted sorted by poll, then voter: every instance takes the new rows'
    // locks in the same order, so two batches cannot deadlock.
    let mut admitted: Vec<&(&str, &str)> = new_keys
        .iter()
        .filter(|key| !refused.contains_key(*key))
        .collect();
    admitted.sort_unstable();
    for key in admitted {
        let command = &batch[first[key]];
        polls.push(key.0);
        voters.push(key.1);
        ballots.push(encode_options(&command.vote.options));
        networks.push(command.admission.as_ref().map(|a| a.from.network.as_str()));
        prefixes.push(command.admission.as_ref().map(|a| a.from.prefix.as_str()));
    }
    let mut option_bumps: BTreeMap<(&str, &str), i64> = BTreeMap::new();
    let mut voter_bumps: BTreeMap<&str, i64> = BTreeMap::new();
    if !polls.is_empty() {
        let insert = tx
            .prepare_cached(
                "INSERT INTO votes (poll_id, voter, options, network, prefix)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                 ON CONFLICT DO NOTHING RETURNING poll_id, voter",
            )
            .await?;
        let inserted = tx
            .query(&insert, &[&polls, &voters, &ballots, &networks, &prefixes])
            .await?;
        for row in &inserted {
            let key: (String, String) = (row.get(0), row.get(1));
            let command = &batch[first[&(key.0.as_str(), key.1.as_str())]];
            for option in &command.vote.options {
                *option_bumps
                    .entry((command.poll_id.as_str(), option.as_str()))
                    .or_default() += 1;
            }
            *voter_bumps.entry(command.poll_id.as_str()).or_default() += 1;
            recorded.insert(key, (command.vote.options.clone(), false));
        }
        if inserted.len() < polls.len() {
            // Another instance recorded some of these voters meanwhile.
            for row in tx.query(&select, &[&polls, &voters]).await? {
                recorded
                    .entry((row.get(0), row.get(1)))
                    .or_insert_with(|| (decode_options(row.get(2)), row.get(3)));
            }
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
            if let Some(outcome) =
                refused.get(&(command.poll_id.as_str(), command.vote.voter.as_str()))
            {
                return Ok(outcome.clone());
            }
            let key = (command.poll_id.clone(), command.vote.voter.clone());
            let (ballot, voided) = recorded
                .get(&key)
                .cloned()
                .ok_or_else(|| StoreError::Other("a vote was neither inserted nor found".into()))?;
            let counts = counts.get(&command.poll_id).cloned().unwrap_or_default();
            Ok(if voided {
                VoteOutcome::Voided(counts)
            } else if ballot == command.vote.options {
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
