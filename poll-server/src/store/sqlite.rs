//! SQLite backend: one writer thread doing group commit, a few reader connections.
//!
//! The file is opened in WAL mode with `synchronous = FULL`, so a commit has
//! reached the disk (fsync of the WAL) before any vote in it is acknowledged:
//! an acknowledged vote survives a SIGKILL and a power cut. The cost of the
//! fsync is shared by every vote in the batch. One process owns the file, so
//! the poll definitions are cached in memory and updated by the writer.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use async_trait::async_trait;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use tokio::sync::{mpsc, oneshot};

use super::{
    shared_error, Audit, NetworkVotes, Store, StoreError, VoidFilter, VoteOutcome, MAX_BATCH,
};
use crate::integrity::{check_caps, Admission, WindowCount, CAP_WINDOW_MS};
use crate::poll::{decode_options, encode_options, now_ms, Ballot, Counts, Poll, PollOption, Vote};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS polls (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    options TEXT NOT NULL,
    multiple INTEGER NOT NULL,
    closes_at_ms INTEGER,
    voters INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tallies (
    poll_id TEXT NOT NULL,
    option_id TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (poll_id, option_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS votes (
    poll_id TEXT NOT NULL,
    voter TEXT NOT NULL,
    options TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    PRIMARY KEY (poll_id, voter)
) WITHOUT ROWID;
";

/// The integrity columns (added to databases made before them) and their indexes.
const INTEGRITY_COLUMNS: [&str; 3] = [
    "ALTER TABLE votes ADD COLUMN network TEXT",
    "ALTER TABLE votes ADD COLUMN prefix TEXT",
    "ALTER TABLE votes ADD COLUMN voided INTEGER NOT NULL DEFAULT 0",
];
const INTEGRITY_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS votes_by_network ON votes (poll_id, network, created_at_ms)
    WHERE network IS NOT NULL;
CREATE INDEX IF NOT EXISTS votes_by_prefix ON votes (poll_id, prefix, created_at_ms);
CREATE INDEX IF NOT EXISTS votes_network_expiry ON votes (created_at_ms)
    WHERE network IS NOT NULL;
";

/// How often the writer clears networks older than the cap's window.
const SWEEP_EVERY_MS: i64 = 60_000;

const IDLE_READERS: usize = 8;

type PollCache = Arc<RwLock<HashMap<String, Arc<Poll>>>>;

enum Command {
    Vote {
        poll_id: String,
        vote: Vote,
        admission: Option<Admission>,
        reply: oneshot::Sender<Result<VoteOutcome, StoreError>>,
    },
    Void {
        poll_id: String,
        filter: VoidFilter,
        reply: oneshot::Sender<Result<Counts, StoreError>>,
    },
    /// Sent every minute so the writer clears old networks even when no vote comes.
    Tick,
    PutPoll {
        poll: Poll,
        reply: oneshot::Sender<Result<(), StoreError>>,
    },
}

pub struct SqliteStore {
    polls: PollCache,
    writer: mpsc::Sender<Command>,
    readers: Arc<Readers>,
}

impl SqliteStore {
    pub async fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let path = path.to_path_buf();
        let (conn, polls) = tokio::task::spawn_blocking({
            let path = path.clone();
            move || -> Result<_, StoreError> {
                let conn = Connection::open(&path)?;
                let mode: String =
                    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
                if !mode.eq_ignore_ascii_case("wal") {
                    return Err(StoreError::Other(format!(
                        "could not put {} in WAL mode (got {mode})",
                        path.display()
                    )));
                }
                conn.pragma_update(None, "synchronous", "FULL")?;
                conn.busy_timeout(std::time::Duration::from_secs(5))?;
                conn.execute_batch(SCHEMA)?;
                add_integrity_columns(&conn)?;
                let polls = load_polls(&conn)?;
                Ok((conn, polls))
            }
        })
        .await
        .map_err(|e| StoreError::Other(e.to_string()))??;

        let polls: PollCache = Arc::new(RwLock::new(polls));
        let (tx, rx) = mpsc::channel(MAX_BATCH * 8);
        let cache = polls.clone();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer_loop(conn, rx, cache))
            .map_err(|e| StoreError::Other(e.to_string()))?;
        let writer = tx.downgrade();
        tokio::spawn(async move {
            let mut every =
                tokio::time::interval(std::time::Duration::from_millis(SWEEP_EVERY_MS as u64));
            loop {
                every.tick().await;
                // The store is gone when no strong sender is left.
                let Some(writer) = writer.upgrade() else {
                    break;
                };
                let _ = writer.send(Command::Tick).await;
            }
        });
        Ok(SqliteStore {
            polls,
            writer: tx,
            readers: Arc::new(Readers {
                path,
                idle: Mutex::new(Vec::new()),
            }),
        })
    }

    async fn send<T>(
        &self,
        make: impl FnOnce(oneshot::Sender<Result<T, StoreError>>) -> Command,
    ) -> Result<T, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.writer
            .send(make(reply))
            .await
            .map_err(|_| StoreError::WriterGone)?;
        answer.await.map_err(|_| StoreError::WriterGone)?
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn put_poll(&self, poll: &Poll) -> Result<(), StoreError> {
        let poll = poll.clone();
        self.send(|reply| Command::PutPoll { poll, reply }).await
    }

    async fn get_poll(&self, id: &str) -> Result<Option<Arc<Poll>>, StoreError> {
        Ok(self.polls.read().expect("poll cache lock").get(id).cloned())
    }

    async fn counts(
        &self,
        poll_id: &str,
        voter: Option<&str>,
    ) -> Result<(Counts, Option<Ballot>), StoreError> {
        let readers = self.readers.clone();
        let poll_id = poll_id.to_string();
        let voter = voter.map(str::to_string);
        tokio::task::spawn_blocking(move || {
            readers.with(|conn| {
                let tx = conn.unchecked_transaction()?;
                let counts = read_counts(&tx, &poll_id)?;
                let ballot = match voter {
                    Some(voter) => read_ballot(&tx, &poll_id, &voter)?,
                    None => None,
                };
                tx.finish()?;
                Ok((counts, ballot))
            })
        })
        .await
        .map_err(|e| StoreError::Other(e.to_string()))?
    }

    async fn cast_vote_from(
        &self,
        poll_id: &str,
        vote: Vote,
        admission: Option<Admission>,
    ) -> Result<VoteOutcome, StoreError> {
        let poll_id = poll_id.to_string();
        self.send(|reply| Command::Vote {
            poll_id,
            vote,
            admission,
            reply,
        })
        .await
    }

    /// The writer is running and the file can be opened and read afresh (a
    /// pooled connection would still read a file deleted from under it).
    async fn health(&self) -> Result<(), StoreError> {
        if self.writer.is_closed() {
            return Err(StoreError::WriterGone);
        }
        let path = self.readers.path.clone();
        tokio::task::spawn_blocking(move || {
            let conn = Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_timeout(std::time::Duration::from_secs(2))?;
            conn.query_row("SELECT count(*) FROM polls WHERE 0", [], |_| Ok(()))?;
            Ok(())
        })
        .await
        .map_err(|e| StoreError::Other(e.to_string()))?
    }

    async fn audit(&self, poll_id: &str) -> Result<Audit, StoreError> {
        let poll_id = poll_id.to_string();
        self.read(move |conn| {
            let networks = conn
                .prepare_cached(
                    "SELECT prefix, count(*) AS n, min(created_at_ms), max(created_at_ms)
                     FROM votes WHERE poll_id = ?1 AND prefix IS NOT NULL
                     GROUP BY prefix ORDER BY n DESC, prefix",
                )?
                .query_map(params![poll_id], |row| {
                    Ok(NetworkVotes {
                        prefix: row.get(0)?,
                        votes: row.get(1)?,
                        first_ms: row.get(2)?,
                        last_ms: row.get(3)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
            let per_minute = conn
                .prepare_cached(
                    "SELECT created_at_ms / 60000 * 60000 AS minute, count(*) FROM votes
                     WHERE poll_id = ?1 GROUP BY minute ORDER BY minute",
                )?
                .query_map(params![poll_id], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<Result<_, _>>()?;
            Ok(Audit {
                networks,
                per_minute,
            })
        })
        .await
    }

    async fn void(&self, poll_id: &str, filter: VoidFilter) -> Result<Counts, StoreError> {
        let poll_id = poll_id.to_string();
        self.send(|reply| Command::Void {
            poll_id,
            filter,
            reply,
        })
        .await
    }

    async fn export(&self, poll_id: &str) -> Result<Vec<(String, String, i64)>, StoreError> {
        let poll_id = poll_id.to_string();
        self.read(move |conn| {
            conn.prepare_cached(
                "SELECT date(v.created_at_ms / 1000, 'unixepoch') AS day, o.value AS option, count(*)
                 FROM votes v, json_each(v.options) o
                 WHERE v.poll_id = ?1 AND v.voided = 0
                 GROUP BY day, option ORDER BY day, option",
            )?
            .query_map(params![poll_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect()
        })
        .await
    }
}

impl SqliteStore {
    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, rusqlite::Error> + Send + 'static,
    ) -> Result<T, StoreError> {
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || readers.with(f))
            .await
            .map_err(|e| StoreError::Other(e.to_string()))?
    }
}

fn add_integrity_columns(conn: &Connection) -> Result<(), rusqlite::Error> {
    let has_prefix: bool = conn
        .prepare("SELECT 1 FROM pragma_table_info('votes') WHERE name = 'prefix'")?
        .exists([])?;
    if !has_prefix {
        for statement in INTEGRITY_COLUMNS {
            conn.execute(statement, [])?;
        }
    }
    conn.execute_batch(INTEGRITY_INDEXES)
}

/// Reader connections, opened on demand and kept for reuse.
struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Readers {
    fn with<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, rusqlite::Error>,
    ) -> Result<T, StoreError> {
        let idle = self.idle.lock().expect("reader pool lock").pop();
        let conn = match idle {
            Some(conn) => conn,
            None => {
                let conn = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.busy_timeout(std::time::Duration::from_secs(5))?;
                conn
            }
        };
        let result = f(&conn);
        let mut idle = self.idle.lock().expect("reader pool lock");
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
        Ok(result?)
    }
}

fn writer_loop(mut conn: Connection, mut rx: mpsc::Receiver<Command>, polls: PollCache) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut last_sweep_ms = 0;
    while let Some(first) = rx.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(command) => batch.push(command),
                Err(_) => break,
            }
        }
        let now = now_ms();
        if now - last_sweep_ms >= SWEEP_EVERY_MS {
            last_sweep_ms = now;
            if let Err(error) = clear_old_networks(&conn, now) {
                tracing::warn!(%error, "could not clear old networks");
            }
        }
        match apply_batch(&mut conn, &batch) {
            Ok(outcomes) => {
                for (command, outcome) in batch.drain(..).zip(outcomes) {
                    match (command, outcome) {
                        (Command::Vote { reply, .. }, Applied::Vote(outcome)) => {
                            let _ = reply.send(Ok(outcome));
                        }
                        (Command::Void { reply, .. }, Applied::Void(counts)) => {
                            let _ = reply.send(Ok(counts));
                        }
                        (Command::Tick, _) => {}
                        (Command::PutPoll { poll, reply }, Applied::Put) => {
                            polls
                                .write()
                                .expect("poll cache lock")
                                .insert(poll.id.clone(), Arc::new(poll));
                            let _ = reply.send(Ok(()));
                        }
                        _ => unreachable!("outcomes follow the batch order"),
                    }
                }
            }
            Err(error) => {
                tracing::error!(%error, votes = batch.len(), "sqlite batch failed, rolled back");
                let error = StoreError::Sqlite(error);
                for command in batch.drain(..) {
                    let error = shared_error(&error);
                    match command {
                        Command::Vote { reply, .. } => drop(reply.send(Err(error))),
                        Command::PutPoll { reply, .. } => drop(reply.send(Err(error))),
                        Command::Void { reply, .. } => drop(reply.send(Err(error))),
                        Command::Tick => {}
                    }
                }
            }
        }
    }
    tracing::debug!("sqlite writer stopped");
}

enum Applied {
    Vote(VoteOutcome),
    Put,
    Void(Counts),
}

/// The retention the README states: a vote's network (IPv4 address, IPv6 /64)
/// is kept only while the cap needs it.
fn clear_old_networks(conn: &Connection, now: i64) -> Result<usize, rusqlite::Error> {
    conn.prepare_cached(
        "UPDATE votes SET network = NULL WHERE network IS NOT NULL AND created_at_ms <= ?1",
    )?
    .execute(params![now - CAP_WINDOW_MS])
}

/// New voters from `column` = `key` on `poll_id` within the cap's window.
fn window_count(
    conn: &Connection,
    column: &str,
    poll_id: &str,
    key: &str,
    now: i64,
) -> Result<WindowCount, rusqlite::Error> {
    let sql = format!(
        "SELECT count(*), min(created_at_ms) FROM votes
         WHERE poll_id = ?1 AND {column} = ?2 AND created_at_ms > ?3"
    );
    conn.prepare_cached(&sql)?
        .query_row(params![poll_id, key, now - CAP_WINDOW_MS], |row| {
            Ok(WindowCount {
                votes: row.get(0)?,
                oldest_ms: row.get(1)?,
            })
        })
}

fn apply_bumps(
    tx: &Connection,
    option_bumps: &mut HashMap<(&str, &str), i64>,
    voter_bumps: &mut HashMap<&str, i64>,
) -> Result<(), rusqlite::Error> {
    let mut bump = tx.prepare_cached(
        "UPDATE tallies SET count = count + ?3 WHERE poll_id = ?1 AND option_id = ?2",
    )?;
    for ((poll_id, option), n) in option_bumps.drain() {
        bump.execute(params![poll_id, option, n])?;
    }
    let mut bump = tx.prepare_cached("UPDATE polls SET voters = voters + ?2 WHERE id = ?1")?;
    for (poll_id, n) in voter_bumps.drain() {
        bump.execute(params![poll_id, n])?;
    }
    Ok(())
}

/// Marks the matching votes voided and recounts the poll from its counted votes.
fn void_votes(tx: &Connection, poll_id: &str, filter: &VoidFilter) -> Result<(), rusqlite::Error> {
    tx.prepare_cached(
        "UPDATE votes SET voided = 1 WHERE poll_id = ?1 AND prefix = ?2 AND voided = 0
         AND created_at_ms >= coalesce(?3, created_at_ms) AND created_at_ms <= coalesce(?4, created_at_ms)",
    )?
    .execute(params![poll_id, filter.prefix, filter.from_ms, filter.to_ms])?;
    tx.prepare_cached(
        "UPDATE tallies SET count = (SELECT count(*) FROM votes v, json_each(v.options) o
             WHERE v.poll_id = tallies.poll_id AND v.voided = 0 AND o.value = tallies.option_id)
         WHERE poll_id = ?1",
    )?
    .execute(params![poll_id])?;
    tx.prepare_cached(
        "UPDATE polls SET voters = (SELECT count(*) FROM votes WHERE poll_id = ?1 AND voided = 0)
         WHERE id = ?1",
    )?
    .execute(params![poll_id])?;
    Ok(())
}

/// Runs a whole batch in one transaction; on any error nothing of it is kept.
fn apply_batch(conn: &mut Connection, batch: &[Command]) -> Result<Vec<Applied>, rusqlite::Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = now_ms();
    // Per command: what to answer once the batch is committed.
    enum Answer {
        /// The recorded ballot and whether it conflicts with the request.
        Existing(Vec<String>, bool),
        /// The voter's ballot was voided.
        Voided,
        OverCap(VoteOutcome),
        Void(Counts),
        None,
    }
    let mut answers = Vec::with_capacity(batch.len());
    // Counter increments are summed over the batch and written once each.
    let mut option_bumps: HashMap<(&str, &str), i64> = HashMap::new();
    let mut voter_bumps: HashMap<&str, i64> = HashMap::new();
    for command in batch {
        match command {
            Command::Vote {
                poll_id,
                vote,
                admission,
                ..
            } => {
                // A voter already recorded is answered from their ballot; the
                // caps apply only to new voters.
                if let Some(recorded) = read_ballot(&tx, poll_id, &vote.voter)? {
                    answers.push(if recorded.voided {
                        Answer::Voided
                    } else {
                        let conflict = recorded.options != vote.options;
                        Answer::Existing(recorded.options, conflict)
                    });
                    continue;
                }
                if let Some(Admission { from, caps }) =
                    admission.as_ref().filter(|a| !a.caps.is_off())
                {
                    let network = window_count(&tx, "network", poll_id, &from.network, now)?;
                    let prefix = window_count(&tx, "prefix", poll_id, &from.prefix, now)?;
                    if let Err((scope, retry_after_secs)) = check_caps(*caps, network, prefix, now)
                    {
                        answers.push(Answer::OverCap(VoteOutcome::OverCap {
                            scope,
                            retry_after_secs,
                        }));
                        continue;
                    }
                }
                let (network, prefix) = match admission {
                    Some(a) => (Some(a.from.network.as_str()), Some(a.from.prefix.as_str())),
                    None => (None, None),
                };
                let options = encode_options(&vote.options);
                tx.prepare_cached(
                    "INSERT INTO votes (poll_id, voter, options, created_at_ms, network, prefix)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![poll_id, vote.voter, options, now, network, prefix])?;
                for option in &vote.options {
                    *option_bumps.entry((poll_id, option)).or_default() += 1;
                }
                *voter_bumps.entry(poll_id).or_default() += 1;
                answers.push(Answer::Existing(vote.options.clone(), false));
            }
            Command::PutPoll { poll, .. } => {
                write_poll(&tx, poll)?;
                answers.push(Answer::None);
            }
            Command::Tick => answers.push(Answer::None),
            Command::Void {
                poll_id, filter, ..
            } => {
                // Counts bumped so far in this batch go in first, so the
                // recount is not added to again at the end.
                apply_bumps(&tx, &mut option_bumps, &mut voter_bumps)?;
                void_votes(&tx, poll_id, filter)?;
                answers.push(Answer::Void(read_counts(&tx, poll_id)?));
            }
        }
    }
    apply_bumps(&tx, &mut option_bumps, &mut voter_bumps)?;
    // Read before the commit: an error here rolls the batch back instead of
    // failing votes that are already durable.
    let mut counts: HashMap<&str, Counts> = HashMap::new();
    for command in batch {
        if let Command::Vote { poll_id, .. } = command {
            if !counts.contains_key(poll_id.as_str()) {
                counts.insert(poll_id, read_counts(&tx, poll_id)?);
            }
        }
    }
    tx.commit()?;

    Ok(batch
        .iter()
        .zip(answers)
        .map(|(command, answer)| match (command, answer) {
            (Command::Vote { poll_id, .. }, Answer::Voided) => {
                Applied::Vote(VoteOutcome::Voided(counts[poll_id.as_str()].clone()))
            }
            (Command::Vote { poll_id, .. }, Answer::Existing(recorded, conflict)) => {
                let counts = counts[poll_id.as_str()].clone();
                Applied::Vote(if conflict {
                    VoteOutcome::Conflict { counts, recorded }
                } else {
                    VoteOutcome::Recorded(counts)
                })
            }
            (_, Answer::OverCap(outcome)) => Applied::Vote(outcome),
            (_, Answer::Void(counts)) => Applied::Void(counts),
            _ => Applied::Put,
        })
        .collect())
}

fn write_poll(conn: &Connection, poll: &Poll) -> Result<(), rusqlite::Error> {
    let options = serde_json::to_string(&poll.options).expect("options serialise");
    conn.prepare_cached(
        "INSERT INTO polls (id, question, options, multiple, closes_at_ms) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET question = excluded.question, options = excluded.options,
             multiple = excluded.multiple, closes_at_ms = excluded.closes_at_ms",
    )?
    .execute(params![poll.id, poll.question, options, poll.multiple, poll.closes_at_ms])?;
    let mut add = conn.prepare_cached(
        "INSERT INTO tallies (poll_id, option_id, count) VALUES (?1, ?2, 0) ON CONFLICT DO NOTHING",
    )?;
    for option in &poll.options {
        add.execute(params![poll.id, option.id])?;
    }
    Ok(())
}

fn load_polls(conn: &Connection) -> Result<HashMap<String, Arc<Poll>>, rusqlite::Error> {
    let mut statement =
        conn.prepare("SELECT id, question, options, multiple, closes_at_ms FROM polls")?;
    let rows = statement.query_map([], |row| {
        let options: String = row.get(2)?;
        Ok(Poll {
            id: row.get(0)?,
            question: row.get(1)?,
            options: serde_json::from_str::<Vec<PollOption>>(&options).unwrap_or_default(),
            multiple: row.get(3)?,
            closes_at_ms: row.get(4)?,
        })
    })?;
    rows.map(|poll| poll.map(|p| (p.id.clone(), Arc::new(p))))
        .collect()
}

fn read_counts(conn: &Connection, poll_id: &str) -> Result<Counts, rusqlite::Error> {
    let mut statement =
        conn.prepare_cached("SELECT option_id, count FROM tallies WHERE poll_id = ?1")?;
    let per_option = statement
        .query_map(params![poll_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let total = conn
        .prepare_cached("SELECT voters FROM polls WHERE id = ?1")?
        .query_row(params![poll_id], |row| row.get(0))
        .optional()?
        .unwrap_or(0);
    Ok(Counts { per_option, total })
}

/// The voter's recorded ballot, voided or not.
fn read_ballot(
    conn: &Connection,
    poll_id: &str,
    voter: &str,
) -> Result<Option<Ballot>, rusqlite::Error> {
    conn.prepare_cached("SELECT options, voided FROM votes WHERE poll_id = ?1 AND voter = ?2")?
        .query_row(params![poll_id, voter], |row| {
            Ok(Ballot {
                options: decode_options(&row.get::<_, String>(0)?),
                voided: row.get(1)?,
            })
        })
        .optional()
}
