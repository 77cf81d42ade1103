//! Vote throughput benchmark on loopback (not a test).
//!
//!   cargo run --profile server -p poll-server --example bench -- [--votes N] [--concurrency C]
//!       [--seconds S] [--backend sqlite|postgres|both]
//!
//! Starts the server in this process (its own 2-thread runtime), fills one
//! poll with distinct voters over C keep-alive connections until N votes or S
//! seconds, and prints acknowledged votes/s and latency percentiles. PostgreSQL
//! runs when DATABASE_URL_PG is set (e.g. under scripts/with-postgres.sh).

use std::time::Duration;

#[path = "../tests/common/loadgen.rs"]
#[allow(dead_code)]
mod loadgen;
#[path = "../tests/common/polls.rs"]
mod polls;

use loadgen::LoadConfig;
use poll_server::{store, AppState};

struct Args {
    votes: usize,
    concurrency: usize,
    seconds: u64,
    backend: String,
}

fn parse_args() -> Args {
    let mut args = Args {
        votes: 200_000,
        concurrency: 64,
        seconds: 20,
        backend: "both".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--votes" => args.votes = value.parse().expect("--votes N"),
            "--concurrency" => args.concurrency = value.parse().expect("--concurrency C"),
            "--seconds" => args.seconds = value.parse().expect("--seconds S"),
            "--backend" => args.backend = value,
            _ => panic!("unknown flag {flag}"),
        }
    }
    args
}

fn main() {
    let args = parse_args();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut urls = Vec::new();
    if args.backend != "postgres" {
        let path = dir.path().join("bench.db");
        urls.push(("sqlite", format!("sqlite://{}", path.display())));
    }
    if args.backend != "sqlite" {
        match std::env::var("DATABASE_URL_PG") {
            Ok(url) => urls.push(("postgres", url)),
            Err(_) => eprintln!("DATABASE_URL_PG not set: PostgreSQL skipped"),
        }
    }
    for (backend, url) in urls {
        bench(backend, &url, &args);
    }
}

fn bench(backend: &str, url: &str, args: &Args) {
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("server runtime");
    let poll_id = format!("bench-{}-{}", std::process::id(), backend);
    let (addr, stop) = server.block_on(async {
        let store = store::open(url).await.expect("open store");
        store
            .put_poll(&polls::poll(&poll_id, &["a", "b", "c", "d"], false, None))
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(poll_server::serve(listener, AppState::new(store), async {
            let _ = stopped.await;
        }));
        (addr, stop)
    });

    let client = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("client runtime");
    let config = LoadConfig {
        addr,
        base: "/api".into(),
        poll_id,
        options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        votes: args.votes,
        concurrency: args.concurrency,
        time_limit: Duration::from_secs(args.seconds),
        voter_prefix: format!("bench-{backend}-"),
    };
    let report = client.block_on(loadgen::run(config));
    let _ = stop.send(());
    server.shutdown_timeout(Duration::from_secs(5));

    println!(
        "{backend:8} {:>7} votes acknowledged in {:.2} s: {:>8.0} votes/s, p50 {:.2} ms, p99 {:.2} ms, \
         {} connections, statuses {:?}, {} failed",
        report.acked.len(),
        report.elapsed.as_secs_f64(),
        report.acked_per_second(),
        report.percentile(0.50).as_secs_f64() * 1e3,
        report.percentile(0.99).as_secs_f64() * 1e3,
        args.concurrency,
        report.statuses,
        report.failed,
    );
}
