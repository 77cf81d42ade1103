//! Accepting and serving connections so that slow or hostile clients cannot
//! wear the server down: caps on open connections (per client address and in
//! total), a header-read timeout, an idle keep-alive timeout, a stalled-write
//! timeout, and a shutdown with a deadline. (`axum::serve` has none of these.)
//!
//! HTTP/1.1 only: browsers speak HTTP/2 only over TLS, which a proxy in
//! front of this server terminates.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt;

use crate::integrity::network_of;

/// Limits on connections; see the README's flag table for the defaults' reasons.
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// Open connections at most, from everyone together.
    pub max_connections: usize,
    /// Open connections at most from one client address (IPv6: one /64);
    /// `None` for no per-address cap (behind a proxy, every client is the proxy).
    pub max_connections_per_client: Option<usize>,
    /// From the first byte of a request to the end of its head.
    pub header_read_timeout: Duration,
    /// A kept-alive connection with no request under way is closed after this.
    pub idle_timeout: Duration,
    /// A response the client does not read for this long ends the connection.
    pub write_timeout: Duration,
    /// After the shutdown signal, connections get this long to finish.
    pub shutdown_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            max_connections: 4096,
            max_connections_per_client: Some(256),
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(20),
            write_timeout: Duration::from_secs(10),
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

/// Raises the soft limit on open files to the hard limit and returns it, so
/// the connection cap can be checked against what the process may open.
pub fn raise_fd_limit() -> Option<u64> {
    // SAFETY: getrlimit/setrlimit only read and write the struct given.
    unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
        Some(limit.rlim_cur)
    }
}

/// File descriptors kept free of connections: the database, SQLite readers, logs.
const RESERVED_FDS: u64 = 64;

impl ConnectionLimits {
    /// Lowers `max_connections` to what the open-file limit allows, with a warning.
    pub fn fit_fd_limit(mut self, fd_limit: Option<u64>) -> ConnectionLimits {
        if let Some(limit) = fd_limit {
            let room = limit.saturating_sub(RESERVED_FDS).max(16) as usize;
            if self.max_connections > room {
                tracing::warn!(
                    max_connections = self.max_connections,
                    fd_limit = limit,
                    "the open-file limit is too low for --max-connections; capping at {room} (raise `ulimit -n`)"
                );
                self.max_connections = room;
            }
        }
        self
    }
}

/// Serves `router` on `listener` until `shutdown` resolves; then stops
/// accepting, lets connections finish their requests for at most
/// `shutdown_timeout`, and closes whatever is left.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let limits = Arc::new(limits);
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let per_client = Arc::new(PerClient::default());
    let (stage_tx, stage) = watch::channel(Stage::Running);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            () = &mut shutdown => break,
            permit = slots.clone().acquire_owned() => permit.expect("never closed"),
        };
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Out of file descriptors, or a connection reset before we took
                // it: wait a little rather than spin.
                tracing::warn!(%error, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some(claim) = per_client.claim(peer.ip(), limits.max_connections_per_client) else {
            // Over this address's cap: say so, and close at once.
            let _ = stream.try_write(TOO_MANY_CONNECTIONS);
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(serve_one(
            stream,
            peer,
            router.clone(),
            limits.clone(),
            stage.clone(),
            (permit, claim),
        ));
    }
    drop(listener);
    let open = limits.max_connections - slots.available_permits();
    tracing::info!(open, "no longer accepting; letting open connections finish");
    let _ = stage_tx.send(Stage::Draining);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    if tokio::time::timeout(limits.shutdown_timeout, slots.acquire_many(all))
        .await
        .is_err()
    {
        let open = limits.max_connections - slots.available_permits();
        tracing::warn!(
            open,
            "shutdown deadline passed; closing the remaining connections"
        );
        let _ = stage_tx.send(Stage::Closing);
        // Give the tasks a moment to drop their sockets.
        let _ = tokio::time::timeout(Duration::from_millis(200), slots.acquire_many(all)).await;
    }
    Ok(())
}

const TOO_MANY_CONNECTIONS: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\
Retry-After: 1\r\nContent-Type: application/json\r\nContent-Length: 42\r\n\r\n\
{\"error\":\"too many connections from here\"}";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Running,
    Draining,
    Closing,
}

async fn serve_one(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: Arc<ConnectionLimits>,
    mut stage: watch::Receiver<Stage>,
    _held: (OwnedSemaphorePermit, ClientClaim),
) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
    });
    let service = {
        let activity = activity.clone();
        hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            let request_done = activity.begin_request();
            request.extensions_mut().insert(ConnectInfo(peer));
            let router = router.clone();
            async move {
                let response = router
                    .oneshot(request.map(axum::body::Body::new))
                    .await
                    .unwrap_or_else(|never: Infallible| match never {});
                // The request is over when hyper drops the response body, written.
                Ok::<_, Infallible>(response.map(|body| TrackedBody {
                    inner: body,
                    _done: request_done,
                }))
            }
        })
    };
    let connection = hyper::server::conn::http1::Builder::new()
        .max_buf_size(64 * 1024)
        .serve_connection(io, service);
    tokio::pin!(connection);
    let mut draining = false;
    loop {
        if !draining && *stage.borrow() != Stage::Running {
            draining = true;
            connection.as_mut().graceful_shutdown();
        }
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            changed = stage.changed() => {
                if changed.is_err() || *stage.borrow() == Stage::Closing {
                    return;
                }
            }
            reason = activity.expired(&limits) => {
                tracing::debug!(%peer, reason, "closing connection");
                return;
            }
        }
    }
}

/// The whole-request timeout: a request whose body trickles in, or whose
/// handling hangs, is answered `408` once `timeout` has passed since its head.
pub async fn request_deadline(
    timeout: Duration,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => (
            axum::http::StatusCode::REQUEST_TIMEOUT,
            [(axum::http::header::CONNECTION, "close")],
            axum::Json(serde_json::json!({ "error": "the request took too long" })),
        )
            .into_response(),
    }
}

/// What the watchdog needs to know about one connection.
struct Activity {
    state: Mutex<ActivityState>,
    changed: Notify,
}

struct ActivityState {
    requests: usize,
    /// When the connection was opened or its last request ended.
    idle_since: Instant,
    /// When the first byte of the next request arrived (no request under way).
    head_since: Option<Instant>,
    /// Since when a write has been waiting for the client to read.
    write_blocked_since: Option<Instant>,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            state: Mutex::new(ActivityState {
                requests: 0,
                idle_since: Instant::now(),
                head_since: None,
                write_blocked_since: None,
            }),
            changed: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ActivityState> {
        self.state.lock().expect("activity lock")
    }

    fn begin_request(self: &Arc<Self>) -> RequestDone {
        let mut state = self.lock();
        state.requests += 1;
        state.head_since = None;
        drop(state);
        self.changed.notify_one();
        RequestDone(self.clone())
    }

    fn read_bytes(&self) {
        let mut state = self.lock();
        if state.requests == 0 && state.head_since.is_none() {
            state.head_since = Some(Instant::now());
            drop(state);
            self.changed.notify_one();
        }
    }

    fn write_blocked(&self, blocked: bool) {
        let mut state = self.lock();
        match (blocked, state.write_blocked_since) {
            (true, None) => {
                state.write_blocked_since = Some(Instant::now());
                drop(state);
                self.changed.notify_one();
            }
            (false, Some(_)) => state.write_blocked_since = None,
            _ => {}
        }
    }

    /// Resolves, naming the timeout, once one has run out.
    async fn expired(&self, limits: &ConnectionLimits) -> &'static str {
        loop {
            let (deadline, reason) = {
                let state = self.lock();
                match (state.write_blocked_since, state.requests, state.head_since) {
                    (Some(since), _, _) => (since + limits.write_timeout, "write timeout"),
                    // A request under way is bounded by the request timeout.
                    (None, 1.., _) => (Instant::now() + Duration::from_secs(3600), ""),
                    (None, 0, Some(since)) => {
                        (since + limits.header_read_timeout, "header read timeout")
                    }
                    (None, 0, None) => (state.idle_since + limits.idle_timeout, "idle timeout"),
                }
            };
            tokio::select! {
                () = tokio::time::sleep_until(deadline) => {
                    if !reason.is_empty() {
                        return reason;
                    }
                }
                () = self.changed.notified() => {}
            }
        }
    }
}

/// Ends a request when dropped.
struct RequestDone(Arc<Activity>);

impl Drop for RequestDone {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.requests -= 1;
        state.idle_since = Instant::now();
        drop(state);
        self.0.changed.notify_one();
    }
}

/// A response body that ends its request when hyper is done with it.
struct TrackedBody {
    inner: axum::body::Body,
    _done: RequestDone,
}

impl hyper::body::Body for TrackedBody {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.inner.size_hint()
    }
}

/// The socket, telling the watchdog when bytes arrive and when writes stall.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(result, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.read_bytes();
        }
        result
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.activity.write_blocked(result.is_pending());
        result
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.activity.write_blocked(result.is_pending());
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Open connections per client address.
#[derive(Default)]
struct PerClient {
    open: Mutex<HashMap<IpAddr, usize>>,
    tracked: AtomicUsize,
}

/// One open connection counted against its address; uncounted when dropped.
struct ClientClaim {
    owner: Option<(Arc<PerClient>, IpAddr)>,
}

impl PerClient {
    fn claim(self: &Arc<Self>, ip: IpAddr, cap: Option<usize>) -> Option<ClientClaim> {
        let Some(cap) = cap else {
            return Some(ClientClaim { owner: None });
        };
        let key = network_of(ip);
        let mut open = self.open.lock().expect("per-client lock");
        let count = open.entry(key).or_default();
        if *count >= cap {
            return None;
        }
        *count += 1;
        self.tracked.store(open.len(), Ordering::Relaxed);
        Some(ClientClaim {
            owner: Some((self.clone(), key)),
        })
    }
}

impl Drop for ClientClaim {
    fn drop(&mut self) {
        if let Some((per_client, key)) = self.owner.take() {
            let mut open = per_client.open.lock().expect("per-client lock");
            if let Some(count) = open.get_mut(&key) {
                *count -= 1;
                if *count == 0 {
                    open.remove(&key);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_client_caps_count_and_release() {
        let per_client = Arc::new(PerClient::default());
        let a = IpAddr::from([10, 0, 0, 1]);
        let first = per_client.claim(a, Some(2)).unwrap();
        let _second = per_client.claim(a, Some(2)).unwrap();
        assert!(per_client.claim(a, Some(2)).is_none());
        assert!(per_client
            .claim(IpAddr::from([10, 0, 0, 2]), Some(2))
            .is_some());
        drop(first);
        assert!(per_client.claim(a, Some(2)).is_some());
        assert!(per_client.claim(a, None).is_some());
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let two: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        assert_eq!(network_of(one), network_of(two));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(network_of(mapped), IpAddr::from([192, 0, 2, 7]));
    }
}
