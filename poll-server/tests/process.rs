//! A real server process on loopback: crash durability, exact counting under
//! concurrency, graceful shutdown, and hostile traffic.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::loadgen::{self, HttpClient, LoadConfig, LoadReport};
use common::Server;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ADMIN: &str = "admin-token-0123456789abcdefghijklm";

fn articles_dir() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles")
        .display()
        .to_string()
}

fn load(server: &Server, prefix: &str, votes: usize) -> LoadConfig {
    LoadConfig {
        addr: server.addr,
        base: "/api".into(),
        poll_id: "demo-single".into(),
        options: vec!["yes".into(), "no".into(), "unsure".into()],
        votes,
        concurrency: 32,
        time_limit: Duration::from_secs(120),
        voter_prefix: prefix.into(),
    }
}

async fn tally(client: &mut HttpClient, query: &str) -> Value {
    let (status, body) = client
        .send(
            hyper::Method::GET,
            &format!("/api/polls/demo-single{query}"),
            None,
        )
        .await
        .expect("GET tally");
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The ballots stored for the load's poll, read straight from the database:
/// voter token -> options as stored (a JSON list).
async fn stored_ballots(url: &str) -> HashMap<String, String> {
    let query = "SELECT voter, options FROM votes WHERE poll_id = 'demo-single'";
    if let Some(path) = url.strip_prefix("sqlite://") {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut statement = conn.prepare(query).unwrap();
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    } else {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(connection);
        client
            .query(query, &[])
            .await
            .unwrap()
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect()
    }
}

/// Every vote answered 200 is stored with the right option, none twice, and
/// the served tally agrees with the stored ballots.
async fn check_counted(server: &Server, url: &str, config: &LoadConfig, report: &LoadReport) {
    let mut client = HttpClient::connect(server.addr).await.unwrap();
    let served = tally(&mut client, "").await;
    let total = served["total"].as_i64().unwrap();
    assert!(
        total >= report.acked.len() as i64,
        "{served} < {} acknowledged",
        report.acked.len()
    );
    assert!(
        total <= report.sent as i64,
        "{served} > {} sent",
        report.sent
    );

    let ballots = stored_ballots(url).await;
    assert_eq!(ballots.len() as i64, total, "{served}");
    let mut recounted: BTreeMap<String, i64> = BTreeMap::new();
    for options in ballots.values() {
        let options: Vec<String> = serde_json::from_str(options).unwrap();
        for option in options {
            *recounted.entry(option).or_default() += 1;
        }
    }
    for (option, n) in served["counts"].as_object().unwrap() {
        let stored = recounted.get(option).copied().unwrap_or(0);
        assert_eq!(n.as_i64().unwrap(), stored, "{option}: {served}");
    }

    for &i in &report.acked {
        let expected = format!("[\"{}\"]", config.option(i));
        assert_eq!(
            ballots.get(&config.voter(i)),
            Some(&expected),
            "vote {i} was acknowledged but is not stored"
        );
    }
    // And through the API, for a sample.
    for &i in report.acked.iter().step_by(report.acked.len() / 50 + 1) {
        let mine = tally(&mut client, &format!("?voter={}", config.voter(i))).await;
        assert_eq!(mine["your_vote"], Value::from(vec![config.option(i)]));
    }
}

async fn acknowledged_votes_survive_sigkill(url: String) {
    let articles = articles_dir();
    let mut server = Server::start(&url, &["--articles-dir", &articles]).await;
    let config = load(&server, "killtest-", 100_000);
    let running = tokio::spawn(loadgen::run(config.clone()));

    // Kill while votes are streaming in, once a good number are acknowledged.
    let mut watcher = HttpClient::connect(server.addr).await.unwrap();
    let started = Instant::now();
    while tally(&mut watcher, "").await["total"].as_i64().unwrap() < 1_500 {
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "votes are not coming in"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The tally moves only at commits: a kill right after seeing it would
    // always land just after a commit. Let a few more batches go first.
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
        % 30;
    tokio::time::sleep(Duration::from_millis(5 + u64::from(jitter))).await;
    server.kill().await;
    let report = running.await.unwrap();
    assert!(report.acked.len() >= 1_000, "{report:?}");
    assert!(
        report.sent < config.votes,
        "the load finished before the kill"
    );

    eprintln!(
        "killed: {} acknowledged, {} sent, {} unanswered",
        report.acked.len(),
        report.sent,
        report.failed
    );
    let server = Server::start(&url, &["--articles-dir", &articles]).await;
    check_counted(&server, &url, &config, &report).await;
}

async fn concurrent_http_votes_count_exactly(url: String) {
    let server = Server::start(&url, &["--articles-dir", &articles_dir()]).await;
    let config = LoadConfig {
        // Bounded by the count; the deadline only guards against a hang.
        time_limit: Duration::from_secs(180),
        ..load(&server, "concurrent-", 2_100)
    };
    let report = loadgen::run(config.clone()).await;
    assert_eq!(report.acked.len(), 2_100, "{:?}", report.statuses);
    // A second round with the same voters: all idempotent, nothing added.
    let again = loadgen::run(config.clone()).await;
    assert_eq!(again.acked.len(), 2_100, "{:?}", again.statuses);
    let mut client = HttpClient::connect(server.addr).await.unwrap();
    let tally = tally(&mut client, "").await;
    assert_eq!(tally["total"], 2_100);
    assert_eq!(
        tally["counts"],
        serde_json::json!({"yes": 700, "no": 700, "unsure": 700})
    );
    check_counted(&server, &url, &config, &report).await;
}

macro_rules! for_each_url {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let (_dir, url) = crate::common::sqlite_url();
                    super::$test(url).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    if let Some(url) = crate::common::postgres_url().await {
                        super::$test(url).await;
                    }
                }
            )*
        }
    };
}

for_each_url!(
    acknowledged_votes_survive_sigkill,
    concurrent_http_votes_count_exactly
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_in_flight_requests_and_exits_cleanly() {
    let (_dir, url) = common::sqlite_url();
    let mut server = Server::start(&url, &["--articles-dir", &articles_dir()]).await;
    let config = load(&server, "sigterm-", 100_000);
    let running = tokio::spawn(loadgen::run(config.clone()));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = server.child.id().unwrap().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = tokio::time::timeout(Duration::from_secs(10), server.child.wait())
        .await
        .expect("poll-server did not stop within 10 s of SIGTERM")
        .unwrap();
    assert!(status.success(), "{status}");
    let report = running.await.unwrap();
    assert!(!report.acked.is_empty());
    assert!(
        report.statuses.keys().all(|&s| s == 200),
        "{:?}",
        report.statuses
    );

    let server = Server::start(&url, &["--articles-dir", &articles_dir()]).await;
    check_counted(&server, &url, &config, &report).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_traffic_gets_clear_errors_and_the_server_stays_up() {
    let (_dir, url) = common::sqlite_url();
    let mut server = Server::start(
        &url,
        &["--articles-dir", &articles_dir(), "--admin-token", ADMIN],
    )
    .await;
    let addr = server.addr;
    // An oversized body. The server answers 413 as soon as the limit is passed
    // and closes, so a client still sending may see its write fail: the answer
    // is read from the socket whatever became of the rest of the body.
    let huge = format!(r#"{{"options":["yes"],"voter":"{}"}}"#, "x".repeat(2 << 20));
    let mut raw = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/polls/demo-single/votes HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        huge.len()
    );
    let _ = raw.write_all(head.as_bytes()).await;
    let _ = raw.write_all(huge.as_bytes()).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), raw.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    // Garbage that is not HTTP at all.
    for garbage in [&b"\x00\x01\x02 not http\r\n\r\n"[..], &[0xffu8; 70_000][..]] {
        let mut raw = tokio::net::TcpStream::connect(addr).await.unwrap();
        let _ = raw.write_all(garbage).await;
    }

    // Many unknown polls, ids of every shape, SQL in every field.
    let mut client = HttpClient::connect(addr).await.unwrap();
    for i in 0..2_000 {
        let path = match i % 4 {
            0 => format!("/api/polls/unknown-{i}"),
            1 => format!("/api/polls/{}", "z".repeat(5_000)),
            2 => "/api/polls/x%27%3B%20DROP%20TABLE%20votes%3B--".to_string(),
            _ => format!("/api/polls/unknown-{i}/votes"),
        };
        let (status, body) = if i % 4 == 3 {
            let vote = r#"{"options":["' OR 1=1 --"],"voter":"'; DROP TABLE votes;--"}"#;
            client
                .send(hyper::Method::POST, &path, Some(vote.into()))
                .await
                .unwrap()
        } else {
            client.send(hyper::Method::GET, &path, None).await.unwrap()
        };
        assert_eq!(status, 404, "{path}: {body}");
        assert!(serde_json::from_str::<Value>(&body).unwrap()["error"].is_string());
    }
    for body in [
        "{",
        "[]",
        r#"{"options":["yes"],"voter":"short"}"#,
        r#"{"options":["nope"],"voter":"abcdefghijklmnop"}"#,
    ] {
        let (status, _) = client
            .send(
                hyper::Method::POST,
                "/api/polls/demo-single/votes",
                Some(body.into()),
            )
            .await
            .unwrap();
        assert_eq!(status, 400, "{body}");
    }

    // A great many polls, created by an admin.
    let tasks: Vec<_> = (0..8)
        .map(|worker| {
            tokio::spawn(async move {
                let mut client = HttpClient::connect(addr).await.unwrap();
                for i in (worker..2_000).step_by(8) {
                    let definition = format!(
                        r#"{{"question":"Poll {i}?","options":[{{"id":"a","label":"A"}},{{"id":"b","label":"B"}}]}}"#
                    );
                    let request = hyper::Request::put(format!("/api/polls/many-{i}"))
                        .header("host", addr.to_string())
                        .header("content-type", "application/json")
                        .header("authorization", format!("Bearer {ADMIN}"))
                        .body(definition)
                        .unwrap();
                    let (status, body) = client.send_request(request).await.unwrap();
                    assert_eq!(status, 200, "{body}");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }

    // Still up and still counting.
    let mut client = HttpClient::connect(addr).await.unwrap();
    let (status, body) = client
        .send(
            hyper::Method::POST,
            "/api/polls/many-1999/votes",
            Some(r#"{"options":["b"],"voter":"after_the_storm_01"}"#.into()),
        )
        .await
        .unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "poll-server exited"
    );
}
