//! A small HTTP/1.1 vote load generator for loopback, shared by the tests and
//! the benchmarks (`examples/` include this file); not part of the server. Every loop is bounded by a vote count and a deadline.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::{header, Method, Request};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One keep-alive HTTP/1.1 connection.
pub struct HttpClient {
    addr: SocketAddr,
    sender: SendRequest<Full<Bytes>>,
}

impl HttpClient {
    pub async fn connect(addr: SocketAddr) -> Result<HttpClient, String> {
        let stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(connection);
        Ok(HttpClient { addr, sender })
    }

    /// Sends one request and reads the whole answer: (status, body).
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<(u16, String), String> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, self.addr.to_string());
        if body.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        let request = request
            .body(body.unwrap_or_default())
            .map_err(|e| e.to_string())?;
        self.send_request(request).await
    }

    /// Sends a request built by the caller (who sets `Host` and the rest).
    pub async fn send_request(
        &mut self,
        request: Request<String>,
    ) -> Result<(u16, String), String> {
        self.sender.ready().await.map_err(|e| e.to_string())?;
        let response = self
            .sender
            .send_request(request.map(|body| Full::new(Bytes::from(body))))
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}

#[derive(Debug, Clone)]
pub struct LoadConfig {
    pub addr: SocketAddr,
    /// Path of the API base, e.g. `/api`.
    pub base: String,
    pub poll_id: String,
    pub options: Vec<String>,
    /// Votes to send at most, one new voter each.
    pub votes: usize,
    pub concurrency: usize,
    pub time_limit: Duration,
    /// Voter tokens are this prefix and the vote's number.
    pub voter_prefix: String,
}

impl LoadConfig {
    pub fn voter(&self, i: usize) -> String {
        format!("{}{i:012}", self.voter_prefix)
    }

    pub fn option(&self, i: usize) -> &str {
        &self.options[i % self.options.len()]
    }
}

#[derive(Debug, Default)]
pub struct LoadReport {
    /// Numbers of the votes answered 200.
    pub acked: Vec<usize>,
    /// Requests sent, answered or not.
    pub sent: usize,
    /// Requests that got no answer (connection refused or dropped).
    pub failed: usize,
    pub statuses: BTreeMap<u16, usize>,
    /// Latency of each answered request, sorted.
    pub latencies: Vec<Duration>,
    pub elapsed: Duration,
}

impl LoadReport {
    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let at = ((self.latencies.len() - 1) as f64 * p).round() as usize;
        self.latencies[at]
    }

    pub fn acked_per_second(&self) -> f64 {
        self.acked.len() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Votes with `concurrency` connections until `votes` are sent or the time is up.
/// A worker whose connection fails reconnects once, then gives up.
pub async fn run(config: LoadConfig) -> LoadReport {
    let config = Arc::new(config);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = start + config.time_limit;
    let workers: Vec<_> = (0..config.concurrency)
        .map(|_| tokio::spawn(worker(config.clone(), next.clone(), deadline)))
        .collect();
    let mut report = LoadReport::default();
    for worker in workers {
        let part = worker.await.expect("load worker panicked");
        report.acked.extend(part.acked);
        report.sent += part.sent;
        report.failed += part.failed;
        report.latencies.extend(part.latencies);
        for (status, n) in part.statuses {
            *report.statuses.entry(status).or_default() += n;
        }
    }
    report.elapsed = start.elapsed();
    report.acked.sort_unstable();
    report.latencies.sort_unstable();
    report
}

async fn worker(config: Arc<LoadConfig>, next: Arc<AtomicUsize>, deadline: Instant) -> LoadReport {
    let mut report = LoadReport::default();
    let path = format!("{}/polls/{}/votes", config.base, config.poll_id);
    let mut connection = None;
    let mut reconnects = 0;
    while Instant::now() < deadline {
        if connection.is_none() {
            match VoteConnection::connect(config.addr).await {
                Ok(c) => connection = Some(c),
                Err(_) => break,
            }
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= config.votes {
            break;
        }
        let body = format!(
            r#"{{"options":["{}"],"voter":"{}"}}"#,
            config.option(i),
            config.voter(i)
        );
        let sent_at = Instant::now();
        report.sent += 1;
        let answer = connection
            .as_mut()
            .expect("connected above")
            .post(&path, &body)
            .await;
        match answer {
            Ok(status) => {
                report.latencies.push(sent_at.elapsed());
                *report.statuses.entry(status).or_default() += 1;
                if status == 200 {
                    report.acked.push(i);
                }
            }
            Err(_) => {
                report.failed += 1;
                connection = None;
                reconnects += 1;
                if reconnects > 1 {
                    break;
                }
            }
        }
    }
    report
}

/// A bare HTTP/1.1 keep-alive connection for the load: one write per
/// request, and only the status and `Content-Length` read from the answer,
/// so that the generator takes as little of the machine as it can.
struct VoteConnection {
    stream: TcpStream,
    host: String,
    request: Vec<u8>,
    answer: Vec<u8>,
}

impl VoteConnection {
    async fn connect(addr: SocketAddr) -> io::Result<VoteConnection> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(VoteConnection {
            stream,
            host: addr.to_string(),
            request: Vec::with_capacity(512),
            answer: Vec::with_capacity(1024),
        })
    }

    async fn post(&mut self, path: &str, body: &str) -> io::Result<u16> {
        self.request.clear();
        write!(
            self.request,
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.host,
            body.len()
        )?;
        self.stream.write_all(&self.request).await?;

        self.answer.clear();
        let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
        loop {
            if let Some(end) = self.answer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = std::str::from_utf8(&self.answer[..end]).map_err(|_| bad("head"))?;
                let status = head
                    .get(9..12)
                    .and_then(|code| code.parse().ok())
                    .ok_or_else(|| bad("status line"))?;
                let length: usize = head
                    .lines()
                    .filter_map(|line| line.split_once(':'))
                    .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, value)| value.trim().parse().ok())
                    .ok_or_else(|| bad("content-length"))?;
                while self.answer.len() < end + 4 + length {
                    self.read_more().await?;
                }
                return Ok(status);
            }
            self.read_more().await?;
        }
    }

    async fn read_more(&mut self) -> io::Result<()> {
        let mut chunk = [0u8; 2048];
        let n = self.stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        self.answer.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}
