//! Soak benchmark (not a test): how long a reader's vote takes while one
//! address holds N idle or trickling sockets open, before (plain
//! `axum::serve`, as the server was) and after (`poll_server::serve_with`
//! and its connection limits). Each server runs as a child process with an
//! open-file limit of 1,024 (`ulimit -n`, soft and hard), as on many hosts.
//!
//!   cargo run --profile server -p poll-server --example hostile -- [--sockets 2000] [--votes 40]

#[path = "../tests/common/polls.rs"]
mod polls;

use std::net::{IpAddr, SocketAddr};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use poll_server::connections::{raise_fd_limit, ConnectionLimits};
use poll_server::{app, store, AppState};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpSocket, TcpStream};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--serve") {
        return serve(&args[at + 1], &args[at + 2]);
    }
    let flag = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|at| args.get(at + 1))
            .map(|v| v.parse().expect("a number"))
            .unwrap_or(default)
    };
    let sockets = flag("--sockets", 2_000);
    let votes = flag("--votes", 40);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        println!("{sockets} hostile sockets from 127.0.0.1 (half idle, half trickling a request head); {votes} votes from 127.0.0.2, one connection each; server fd limit 1024");
        for mode in ["before", "after"] {
            run(mode, sockets, votes).await;
        }
    });
}

async fn run(mode: &str, sockets: usize, votes: usize) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hostile.db");
    let mut child = tokio::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 1024 && exec \"$0\" \"$@\"")
        .arg(std::env::current_exe().unwrap())
        .args(["--serve", mode, db.to_str().unwrap()])
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = lines.next_line().await.unwrap().unwrap();
    let addr: SocketAddr = line.rsplit("http://").next().unwrap().parse().unwrap();

    let (quiet, quiet_failed) = time_votes(addr, votes, "quiet").await;
    // All at once, each given 2 s to connect: a server that stopped
    // accepting leaves connects hanging in the kernel's queue.
    let connected = Arc::new(AtomicUsize::new(0));
    let hostile: Vec<_> = (0..sockets)
        .map(|i| {
            let connected = connected.clone();
            tokio::spawn(async move {
                let connect = connect_from([127, 0, 0, 1], addr);
                if let Ok(Ok(stream)) = tokio::time::timeout(Duration::from_secs(2), connect).await
                {
                    connected.fetch_add(1, Ordering::Relaxed);
                    hold(stream, i % 2 == 1).await;
                }
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let refused = sockets - connected.load(Ordering::Relaxed);
    let (busy, busy_failed) = time_votes(addr, votes, "busy").await;
    let still_open = hostile.iter().filter(|t| !t.is_finished()).count();
    println!(
        "{mode:6} ({}): no hostile sockets: vote p50 {:>8.2} ms, max {:>8.2} ms, {quiet_failed} failed | \
         {sockets} hostile ({refused} not connected within 2 s, {still_open} still open at the end): \
         vote p50 {:>8.2} ms, max {:>8.2} ms, {busy_failed} of {votes} failed (no answer in 5 s or not 200)",
        if mode == "before" { "axum::serve" } else { "serve_with + limits" },
        ms(percentile(&quiet, 0.5)),
        ms(percentile(&quiet, 1.0)),
        ms(percentile(&busy, 0.5)),
        ms(percentile(&busy, 1.0)),
    );
    for task in hostile {
        task.abort();
    }
    let _ = child.kill().await;
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Votes one after another; the sorted times of those answered 200, and the failures.
async fn time_votes(addr: SocketAddr, votes: usize, tag: &str) -> (Vec<Duration>, usize) {
    let mut times = Vec::new();
    let mut failed = 0;
    for i in 0..votes {
        let body = format!(r#"{{"options":["a"],"voter":"hostile_{tag}_{i:08}"}}"#);
        let request = format!(
            "POST /api/polls/hostile/votes HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let started = Instant::now();
        let answer = tokio::time::timeout(Duration::from_secs(5), async {
            let mut stream = connect_from([127, 0, 0, 2], addr).await?;
            stream.write_all(request.as_bytes()).await?;
            let mut answer = Vec::new();
            stream.read_to_end(&mut answer).await?;
            std::io::Result::Ok(answer)
        })
        .await;
        match answer {
            Ok(Ok(answer)) if answer.starts_with(b"HTTP/1.1 200") => times.push(started.elapsed()),
            _ => failed += 1,
        }
    }
    times.sort();
    (times, failed)
}

async fn connect_from(from: [u8; 4], to: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(IpAddr::from(from), 0))?;
    socket.connect(to).await
}

/// Holds a socket open: idle (reading until closed), or sending a request
/// head one byte every half second.
async fn hold(mut stream: TcpStream, trickle: bool) {
    if trickle {
        for byte in b"POST /api/polls/hostile/votes HTTP/1.1\r\nHost: h\r\n"
            .iter()
            .cycle()
        {
            if stream.write_all(&[*byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    } else {
        let mut buf = [0u8; 256];
        while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
    }
}

/// The child: one server on SQLite, `before` or `after`.
fn serve(mode: &str, db: &str) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let store = store::open(&format!("sqlite://{db}")).await.unwrap();
        store
            .put_poll(&polls::poll("hostile", &["a", "b"], false, None))
            .await
            .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let state = AppState::new(store);
        if mode == "before" {
            println!("listening on http://{}", listener.local_addr().unwrap());
            axum::serve(
                listener,
                app(state).into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        } else {
            let limits = ConnectionLimits::default().fit_fd_limit(raise_fd_limit());
            poll_server::serve_with(listener, state, limits, std::future::pending())
                .await
                .unwrap();
        }
    });
}
