//! PostgreSQL going away under load and coming back: votes are answered 503
//! within a few seconds, `/api/health` says 503, nothing acknowledged is
//! lost, and service resumes by itself. Needs scripts/with-postgres.sh
//! (WITH_POSTGRES_CTL stops and starts its cluster), so this file holds one
//! test: no other test shares the cluster while it is down.

mod common;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::loadgen::{self, HttpClient, LoadConfig};
use common::Server;

/// One vote with a new voter on a new connection: (status, time to answer);
/// status 0 when no answer came within 10 s.
async fn probe(addr: SocketAddr, path: &str, body: Option<String>) -> (u16, Duration) {
    let started = Instant::now();
    let attempt = async {
        let mut client = HttpClient::connect(addr).await?;
        let method = if body.is_some() {
            hyper::Method::POST
        } else {
            hyper::Method::GET
        };
        client.send(method, path, body).await
    };
    match tokio::time::timeout(Duration::from_secs(10), attempt).await {
        Ok(Ok((status, _))) => (status, started.elapsed()),
        _ => (0, started.elapsed()),
    }
}

fn ctl(action: &str) {
    let script = std::env::var("WITH_POSTGRES_CTL").expect("run under scripts/with-postgres.sh");
    let status = std::process::Command::new(script)
        .arg(action)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "cluster {action} failed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_outage_is_503_loses_nothing_and_heals() {
    let Some(url) = common::postgres_url().await else {
        return;
    };
    if std::env::var("WITH_POSTGRES_CTL").is_err() {
        panic!("WITH_POSTGRES_CTL is not set: run through scripts/with-postgres.sh");
    }
    let articles = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let server = Server::start(&url, &["--articles-dir", articles.to_str().unwrap()]).await;
    let addr = server.addr;
    let config = LoadConfig {
        addr,
        base: "/api".into(),
        poll_id: "demo-single".into(),
        options: vec!["yes".into(), "no".into(), "unsure".into()],
        votes: 1_000_000,
        concurrency: 16,
        time_limit: Duration::from_secs(14),
        voter_prefix: "outage-".into(),
    };
    let load = tokio::spawn(loadgen::run(config.clone()));
    tokio::time::sleep(Duration::from_secs(2)).await;

    let vote = |i: usize| {
        Some(format!(
            r#"{{"options":["yes"],"voter":"outage_probe_{i:06}"}}"#
        ))
    };
    let votes_path = "/api/polls/demo-single/votes";
    assert_eq!(probe(addr, votes_path, vote(0)).await.0, 200);

    ctl("stop");
    let stopped = Instant::now();
    let mut first_503 = None;
    let mut slowest_answer = Duration::ZERO;
    for i in 1..=20 {
        let (status, took) = probe(addr, votes_path, vote(i)).await;
        assert!(
            matches!(status, 200 | 503),
            "vote answered {status} during the outage"
        );
        assert!(
            took < Duration::from_secs(7),
            "a vote took {took:?} during the outage"
        );
        slowest_answer = slowest_answer.max(took);
        if status == 503 && first_503.is_none() {
            first_503 = Some(stopped.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let first_503 = first_503.expect("no vote was answered 503 while the database was down");
    assert!(first_503 < Duration::from_secs(5), "{first_503:?}");
    assert_eq!(probe(addr, "/api/health", None).await.0, 503);

    ctl("start");
    let restarted = Instant::now();
    let mut recovered = None;
    for i in 100.. {
        let (status, _) = probe(addr, votes_path, vote(i)).await;
        if status == 200 {
            recovered = Some(restarted.elapsed());
            break;
        }
        if restarted.elapsed() > Duration::from_secs(20) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recovered =
        recovered.expect("votes were not accepted within 20 s of the database's return");
    assert_eq!(probe(addr, "/api/health", None).await.0, 200);

    let report = load.await.unwrap();
    // Every vote acknowledged under load is stored, with its option.
    let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let rows = client
        .query(
            "SELECT voter, options FROM votes WHERE poll_id = 'demo-single' AND voter LIKE 'outage-%'",
            &[],
        )
        .await
        .unwrap();
    let stored: std::collections::HashMap<String, String> =
        rows.iter().map(|row| (row.get(0), row.get(1))).collect();
    for &i in &report.acked {
        assert_eq!(
            stored.get(&config.voter(i)),
            Some(&format!("[\"{}\"]", config.option(i))),
            "vote {i} was acknowledged but is not stored"
        );
    }
    let total: i64 = client
        .query_one("SELECT voters FROM polls WHERE id = 'demo-single'", &[])
        .await
        .unwrap()
        .get(0);
    let all: i64 = client
        .query_one(
            "SELECT count(*) FROM votes WHERE poll_id = 'demo-single'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(total, all, "the counter disagrees with the stored ballots");
    eprintln!(
        "outage: first 503 {first_503:?} after the stop, slowest answer while down {slowest_answer:?}, \
         votes accepted again {recovered:?} after the restart; load: {} acknowledged, {} stored, \
         statuses {:?}",
        report.acked.len(),
        stored.len(),
        report.statuses
    );
}
