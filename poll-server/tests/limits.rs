//! The real server on loopback under slow and hostile clients: connection
//! caps, the header, request and idle timeouts, separate rate budgets for
//! reads and votes, the shutdown deadline, health, and the admin token rules.
//! Linux routes all of 127.0.0.0/8 to loopback, so 127.0.0.2 is "another reader".

mod common;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::Server;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::process::Command;

fn articles_dir() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles")
        .display()
        .to_string()
}

async fn connect_from(from: [u8; 4], to: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(IpAddr::from(from), 0))?;
    socket.connect(to).await
}

/// Sends `request` from `from` on a new connection; the status and the answer.
async fn request_from(from: [u8; 4], to: SocketAddr, request: &str) -> (u16, String) {
    let mut stream = connect_from(from, to).await.expect("connect");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer)
}

fn vote(voter: &str) -> String {
    let body = format!(r#"{{"options":["yes"],"voter":"{voter}"}}"#);
    format!(
        "POST /api/polls/demo-single/votes HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

const GET_TALLY: &str =
    "GET /api/polls/demo-single HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

/// Resolves when the server closes `stream` (or after `within`: `false`).
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_hostile_sockets_do_not_delay_other_readers_votes() {
    let (_dir, url) = common::sqlite_url();
    // A low open-file limit, as on many hosts: 2,000 sockets would exhaust it
    // without the per-address cap. `ulimit -n` sets the hard limit too.
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -n 1024 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_poll-server"))
        .args(common::server_args(
            &url,
            &["--articles-dir", &articles_dir()],
        ));
    let server = Server::start_command(command).await;
    let addr = server.addr;

    // 1,000 idle sockets and 1,000 sending a request head one byte at a time.
    let mut hostile = Vec::new();
    for i in 0..2_000 {
        let Ok(mut stream) = connect_from([127, 0, 0, 1], addr).await else {
            continue;
        };
        if i % 2 == 1 {
            hostile.push(tokio::spawn(async move {
                for byte in b"POST /api/polls/demo-single/votes HTTP/1.1\r\nHost: t\r\n"
                    .iter()
                    .cycle()
                {
                    if stream.write_all(&[*byte]).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }));
        } else {
            hostile.push(tokio::spawn(async move {
                let mut buf = [0u8; 256];
                while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
            }));
        }
    }
    assert!(
        hostile.len() >= 1_900,
        "only {} hostile sockets",
        hostile.len()
    );

    // Meanwhile other readers vote and read, each on a new connection.
    let mut slowest = Duration::ZERO;
    for i in 0..20 {
        let started = Instant::now();
        let (status, answer) =
            request_from([127, 0, 0, 2], addr, &vote(&format!("reader_vote_{i:06}"))).await;
        let took = started.elapsed();
        assert_eq!(status, 200, "{answer}");
        assert!(took < Duration::from_secs(1), "vote {i} took {took:?}");
        slowest = slowest.max(took);
        let (status, answer) = request_from([127, 0, 0, 3], addr, GET_TALLY).await;
        assert_eq!(status, 200, "{answer}");
    }
    eprintln!("slowest vote with 2,000 hostile sockets open: {slowest:?}");
    for task in hostile {
        task.abort();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_connections_are_closed() {
    let (_dir, url) = common::sqlite_url();
    let server = Server::start(
        &url,
        &[
            "--articles-dir",
            &articles_dir(),
            "--header-read-timeout",
            "1",
            "--idle-timeout",
            "1",
            "--request-timeout",
            "1",
        ],
    )
    .await;
    let addr = server.addr;

    // Idle from the start.
    let mut idle = connect_from([127, 0, 0, 1], addr).await.unwrap();
    // A head trickling in, a byte every 200 ms: activity does not extend the deadline.
    let mut trickle = connect_from([127, 0, 0, 1], addr).await.unwrap();
    let trickler = {
        let mut writer = connect_from([127, 0, 0, 1], addr).await.unwrap();
        tokio::spawn(async move {
            for byte in b"GET /api/polls/demo-single HTTP/1.1\r\nX-Slow: "
                .iter()
                .cycle()
            {
                if writer.write_all(&[*byte]).await.is_err() {
                    return true;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            false
        })
    };
    // A kept-alive connection after one answered request.
    let mut kept = connect_from([127, 0, 0, 1], addr).await.unwrap();
    kept.write_all(b"GET /api/health HTTP/1.1\r\nHost: t\r\n\r\n")
        .await
        .unwrap();
    let mut head = [0u8; 12];
    kept.read_exact(&mut head).await.unwrap();
    assert_eq!(&head[9..12], b"200");

    let started = Instant::now();
    assert!(
        closed_within(&mut idle, Duration::from_secs(4)).await,
        "idle socket kept open"
    );
    assert!(
        closed_within(&mut kept, Duration::from_secs(4)).await,
        "kept-alive socket kept open"
    );
    assert!(
        tokio::time::timeout(Duration::from_secs(4), trickler)
            .await
            .unwrap()
            .unwrap(),
        "trickling head kept open"
    );
    trickle.write_all(b"G").await.unwrap();
    assert!(closed_within(&mut trickle, Duration::from_secs(4)).await);
    eprintln!("slow sockets closed after {:?}", started.elapsed());

    // A body that trickles: 408 once the request timeout has passed.
    let mut body = connect_from([127, 0, 0, 1], addr).await.unwrap();
    body.write_all(
        b"POST /api/polls/demo-single/votes HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"opt",
    )
    .await
    .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), body.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_capped_per_address() {
    let (_dir, url) = common::sqlite_url();
    let server = Server::start(
        &url,
        &[
            "--articles-dir",
            &articles_dir(),
            "--max-connections-per-client",
            "4",
        ],
    )
    .await;
    let addr = server.addr;
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(connect_from([127, 0, 0, 1], addr).await.unwrap());
    }
    // Let the server accept those four first.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (status, answer) = request_from([127, 0, 0, 1], addr, GET_TALLY).await;
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("too many connections"), "{answer}");
    let (status, answer) = request_from([127, 0, 0, 2], addr, GET_TALLY).await;
    assert_eq!(status, 200, "{answer}");
    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (status, answer) = request_from([127, 0, 0, 1], addr, GET_TALLY).await;
    assert_eq!(status, 200, "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_and_votes_have_separate_rate_budgets() {
    let (_dir, url) = common::sqlite_url();
    let mut command = Command::new(env!("CARGO_BIN_EXE_poll-server"));
    command.args([
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &url,
        "--articles-dir",
        &articles_dir(),
        "--rate-limit",
        "1",
        "--rate-burst",
        "3",
        "--vote-rate-limit",
        "1",
        "--vote-rate-burst",
        "2",
    ]);
    let server = Server::start_command(command).await;
    let addr = server.addr;
    // Readers behind one address use up the reads' budget...
    for _ in 0..3 {
        assert_eq!(request_from([127, 0, 0, 1], addr, GET_TALLY).await.0, 200);
    }
    assert_eq!(request_from([127, 0, 0, 1], addr, GET_TALLY).await.0, 429);
    // ...and a reader behind it can still vote.
    assert_eq!(
        request_from([127, 0, 0, 1], addr, &vote("shared_address_01"))
            .await
            .0,
        200
    );
    assert_eq!(
        request_from([127, 0, 0, 1], addr, &vote("shared_address_02"))
            .await
            .0,
        200
    );
    let (status, answer) = request_from([127, 0, 0, 1], addr, &vote("shared_address_03")).await;
    assert_eq!(status, 429, "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 1"),
        "{answer}"
    );
    // Another address has budgets of its own.
    assert_eq!(request_from([127, 0, 0, 2], addr, GET_TALLY).await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_has_a_deadline_even_with_a_hanging_client() {
    let (_dir, url) = common::sqlite_url();
    let mut server = Server::start(
        &url,
        &[
            "--articles-dir",
            &articles_dir(),
            "--shutdown-timeout",
            "1",
            "--request-timeout",
            "60",
            "--header-read-timeout",
            "60",
        ],
    )
    .await;
    // A request in flight whose body never comes.
    let mut hanging = connect_from([127, 0, 0, 1], server.addr).await.unwrap();
    hanging
        .write_all(b"POST /api/polls/demo-single/votes HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let pid = server.child.id().unwrap().to_string();
    let started = Instant::now();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = tokio::time::timeout(Duration::from_secs(5), server.child.wait())
        .await
        .expect("poll-server did not stop within 5 s of SIGTERM")
        .unwrap();
    assert!(status.success(), "{status}");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(900),
        "stopped before the deadline: {took:?}"
    );
    eprintln!("stopped {took:?} after SIGTERM with a hanging client");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_is_503_when_the_sqlite_file_is_gone() {
    let (dir, url) = common::sqlite_url();
    let server = Server::start(&url, &["--articles-dir", &articles_dir()]).await;
    let health = "GET /api/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    assert_eq!(
        request_from([127, 0, 0, 1], server.addr, health).await.0,
        200
    );
    for name in ["poll.db", "poll.db-wal", "poll.db-shm"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    let (status, answer) = request_from([127, 0, 0, 1], server.addr, health).await;
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("unavailable"), "{answer}");
}

async fn start_fails(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_poll-server"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            "sqlite:///nonexistent/never-opened.db",
        ])
        .args(args)
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_token_must_be_long_and_can_come_from_a_file() {
    let error = start_fails(&["--admin-token", "e2e-admin-token-not-secret"]).await;
    assert!(error.contains("at least 32 characters"), "{error}");
    let error = start_fails(&["--admin-token", "change-me-to-something-long"]).await;
    assert!(error.contains("example"), "{error}");

    let (dir, url) = common::sqlite_url();
    let token = "file-token-0123456789abcdefghijklmnop";
    let file = dir.path().join("admin-token");
    std::fs::write(&file, format!("{token}\n")).unwrap();
    let server = Server::start(&url, &["--admin-token-file", file.to_str().unwrap()]).await;
    let body = r#"{"question":"Q?","options":[{"id":"a","label":"A"},{"id":"b","label":"B"}]}"#;
    let put = |token: &str| {
        format!(
            "PUT /api/polls/from-file HTTP/1.1\r\nHost: t\r\nConnection: close\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    assert_eq!(
        request_from([127, 0, 0, 1], server.addr, &put(token))
            .await
            .0,
        200
    );
    assert_eq!(
        request_from([127, 0, 0, 1], server.addr, &put("x".repeat(36).as_str()))
            .await
            .0,
        403
    );
    // The token is not in the process's command line.
    let pid = server.child.id().unwrap();
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(!String::from_utf8_lossy(&cmdline).contains(token));
}
