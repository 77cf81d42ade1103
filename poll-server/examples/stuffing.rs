//! The ballot-stuffing scenario of issue 16 (not a test): one script on one
//! address, a fresh voter token per request, 8 keep-alive connections, for S
//! seconds, against a server with its default settings.
//!
//!   cargo run --release -p poll-server --example stuffing -- [--seconds S]
//!       [--backend sqlite|postgres|both]
//!
//! Prints, per backend, the votes counted and refused without the new-voter
//! caps (`--voters-per-network 0`: "before") and with the defaults ("after"),
//! and on PostgreSQL also two instances sharing the database, the script
//! spreading its connections over both. PostgreSQL runs when DATABASE_URL_PG
//! is set (e.g. under scripts/with-postgres.sh); each run gets a fresh poll.

#[path = "../tests/common/raw_http.rs"]
mod raw_http;

#[path = "../tests/common/polls.rs"]
mod polls;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use poll_server::config::Config;
use poll_server::{store, AppState};

const CONNECTIONS: usize = 8;

fn main() {
    let mut seconds = 15;
    let mut backend = "both".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--seconds" => seconds = value.parse().expect("--seconds S"),
            "--backend" => backend = value,
            _ => panic!("unknown flag {flag}"),
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut urls = Vec::new();
    if backend != "postgres" {
        urls.push((
            "sqlite",
            format!("sqlite://{}", dir.path().join("stuffing.db").display()),
        ));
    }
    if backend != "sqlite" {
        match std::env::var("DATABASE_URL_PG") {
            Ok(url) => urls.push(("postgres", url)),
            Err(_) => eprintln!("DATABASE_URL_PG not set: PostgreSQL skipped"),
        }
    }
    let duration = Duration::from_secs(seconds);
    println!("{seconds} s, one address, a fresh token per request, {CONNECTIONS} connections:");
    for (name, url) in urls {
        runtime.block_on(async {
            for (label, flags, instances) in [
                ("before (no caps)", &["--voters-per-network", "0"][..], 1),
                ("after (defaults)", &[][..], 1),
                ("before, 2 instances", &["--voters-per-network", "0"][..], 2),
                ("after, 2 instances", &[][..], 2),
            ] {
                if instances == 2 && name == "sqlite" {
                    continue; // one process owns an SQLite file
                }
                let (counted, refused, other) = scenario(&url, flags, instances, duration).await;
                println!(
                    "{name:8} {label:20} counted {counted:5}, refused 429 {refused:6}, other {other}"
                );
            }
        });
    }
}

/// Starts `instances` servers on one database, creates a fresh poll, and
/// stuffs it for `duration`; returns (counted, 429s, other answers).
async fn scenario(
    url: &str,
    flags: &[&str],
    instances: usize,
    duration: Duration,
) -> (usize, usize, usize) {
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let run = RUN.fetch_add(1, Ordering::Relaxed);
    let poll_id = format!("stuffing-{}-{run}", std::process::id());
    let mut args = vec!["--listen", "127.0.0.1:0"];
    args.extend_from_slice(flags);
    let config = Config::try_parse_from_args(&args);
    let mut addrs: Vec<SocketAddr> = Vec::new();
    let mut stops = Vec::new();
    for i in 0..instances {
        let store = store::open(url).await.expect("open store");
        if i == 0 {
            store
                .put_poll(&polls::poll(&poll_id, &["yes", "no"], false, None))
                .await
                .unwrap();
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        addrs.push(listener.local_addr().unwrap());
        let state = AppState::from_config(store, &config).expect("state");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        stops.push(stop);
        tokio::spawn(poll_server::serve(listener, state, async {
            let _ = stopped.await;
        }));
    }
    let counted = Arc::new(AtomicUsize::new(0));
    let refused = Arc::new(AtomicUsize::new(0));
    let other = Arc::new(AtomicUsize::new(0));
    let end = Instant::now() + duration;
    let tasks: Vec<_> = (0..CONNECTIONS)
        .map(|c| {
            let addr = addrs[c % addrs.len()];
            let (poll_id, counted, refused, other) = (
                poll_id.clone(),
                counted.clone(),
                refused.clone(),
                other.clone(),
            );
            tokio::spawn(async move {
                let mut connection = raw_http::Connection::open(addr).await.unwrap();
                let mut i = 0;
                while Instant::now() < end {
                    i += 1;
                    let voter = format!("stuff_{c:02}_{i:010}");
                    match connection.vote(&poll_id, &voter, &["yes"], None).await {
                        Ok(reply) if reply.status == 200 => counted.fetch_add(1, Ordering::Relaxed),
                        Ok(reply) if reply.status == 429 => refused.fetch_add(1, Ordering::Relaxed),
                        _ => other.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    for stop in stops {
        let _ = stop.send(());
    }
    (
        counted.load(Ordering::Relaxed),
        refused.load(Ordering::Relaxed),
        other.load(Ordering::Relaxed),
    )
}
