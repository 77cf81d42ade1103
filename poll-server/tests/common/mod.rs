//! Helpers shared by the integration tests.
#![allow(dead_code, unused_macros, unused_imports)]

pub mod loadgen;
pub mod polls;

pub use polls::poll;

use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use poll_server::store::{self, Store};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub const VOTER: &str = "voter_token_0001";
pub const VOTER2: &str = "voter_token_0002";

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A database URL for a fresh SQLite file; the folder lives as long as the guard.
pub fn sqlite_url() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("poll.db").display());
    (dir, url)
}

/// A URL for a new, empty PostgreSQL database on the server named by
/// DATABASE_URL_PG. Without it the test fails, unless POLL_SERVER_SKIP_PG=1
/// says to skip PostgreSQL (then `None`).
pub async fn postgres_url() -> Option<String> {
    let Ok(base) = std::env::var("DATABASE_URL_PG") else {
        if std::env::var("POLL_SERVER_SKIP_PG").as_deref() == Ok("1") {
            eprintln!("POLL_SERVER_SKIP_PG=1: PostgreSQL test skipped");
            return None;
        }
        panic!(
            "DATABASE_URL_PG is not set. Run the tests through scripts/with-postgres.sh, \
             or set POLL_SERVER_SKIP_PG=1 to skip the PostgreSQL tests."
        );
    };
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "poll_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let (client, connection) = tokio_postgres::connect(&base, tokio_postgres::NoTls)
        .await
        .expect("connect to DATABASE_URL_PG");
    tokio::spawn(connection);
    for statement in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        client
            .batch_execute(&statement)
            .await
            .expect("create test database");
    }
    Some(with_dbname(&base, &name))
}

/// Replaces the database name in a postgres:// URL.
fn with_dbname(url: &str, name: &str) -> String {
    let (without_query, query) = match url.split_once('?') {
        Some((u, q)) => (u, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority_end = without_query["postgres://".len()..]
        .find('/')
        .map(|i| i + "postgres://".len())
        .unwrap_or(without_query.len());
    format!("{}/{name}{query}", &without_query[..authority_end])
}

pub async fn sqlite_store() -> (tempfile::TempDir, Arc<dyn Store>) {
    let (dir, url) = sqlite_url();
    let store = store::open(&url).await.expect("open sqlite store");
    (dir, store)
}

pub async fn postgres_store() -> Option<Arc<dyn Store>> {
    let url = postgres_url().await?;
    Some(store::open(&url).await.expect("open postgres store"))
}

/// The test servers' flags: a free loopback port, no rate limits, then `extra`.
pub fn server_args(database_url: &str, extra: &[&str]) -> Vec<String> {
    ["--listen", "127.0.0.1:0", "--database-url", database_url]
        .into_iter()
        .chain(["--rate-limit", "0", "--vote-rate-limit", "0"])
        .chain(extra.iter().copied())
        .map(str::to_string)
        .collect()
}

/// A poll-server process, killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
}

impl Server {
    pub async fn start(database_url: &str, extra: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_poll-server"));
        command.args(server_args(database_url, extra));
        Server::start_command(command).await
    }

    /// Starts the server as `command` runs it (e.g. under `sh -c 'ulimit ...'`).
    pub async fn start_command(mut command: Command) -> Server {
        let mut child = command
            .env("RUST_LOG", "warn")
            // Load tests vote from one address; the caps' own tests pass the flag.
            .env("POLL_VOTERS_PER_NETWORK", "0")
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("start poll-server");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
            .await
            .expect("poll-server did not start within 30 s")
            .expect("read stdout")
            .expect("poll-server exited before listening");
        let addr = line
            .strip_prefix("poll-server listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .parse()
            .expect("listening address");
        Server { child, addr }
    }

    pub async fn kill(&mut self) {
        self.child.kill().await.expect("SIGKILL poll-server");
    }
}

/// Runs each `async fn(Arc<dyn Store>)` named against SQLite and PostgreSQL.
macro_rules! for_each_backend {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let (_dir, store) = crate::common::sqlite_store().await;
                    super::$test(store).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    if let Some(store) = crate::common::postgres_store().await {
                        super::$test(store).await;
                    }
                }
            )*
        }
    };
}
