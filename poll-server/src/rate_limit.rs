//! Per-client token buckets for the API.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{error::AppError, AppState};

/// Past this many tracked clients, idle buckets are dropped; past it again, all are.
const MAX_CLIENTS: usize = 100_000;

pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// `None` when `per_second` is 0 (no limit).
    pub fn new(per_second: u32, burst: u32) -> Option<RateLimiter> {
        (per_second > 0).then(|| RateLimiter {
            per_second: f64::from(per_second),
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        })
    }

    /// Takes one token for `client`, or says how many seconds until one is free.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().expect("rate limiter lock");
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&client) {
            buckets.retain(|_, b| self.refill(*b, now).tokens < self.burst);
            if buckets.len() >= MAX_CLIENTS {
                buckets.clear();
            }
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        *bucket = self.refill(*bucket, now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.per_second).ceil().max(1.0) as u64)
        }
    }

    fn refill(&self, bucket: Bucket, now: Instant) -> Bucket {
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        Bucket {
            tokens: (bucket.tokens + elapsed * self.per_second).min(self.burst),
            at: now,
        }
    }
}

/// Reads and writes draw on separate budgets, so readers behind one shared
/// address refreshing tallies cannot use up each other's right to vote.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let reads = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let limiter = if reads {
        &state.rate_limiter
    } else {
        &state.vote_rate_limiter
    };
    let Some(limiter) = limiter else {
        return next.run(request).await;
    };
    let client = client_key(&state, &request);
    match limiter.check(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(retry_after_secs) => AppError::TooManyRequests { retry_after_secs }.into_response(),
    }
}

/// The client's address: from the configured proxy header, else the socket.
/// Keyed by network (`integrity::network_of`).
fn client_key(state: &AppState, request: &Request) -> IpAddr {
    crate::integrity::network_of(crate::integrity::client_ip(
        state.client_ip_header.as_ref(),
        request.headers(),
        request.extensions(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn bucket_refills_at_the_rate() {
        let limiter = RateLimiter::new(2, 3).unwrap();
        let client = IpAddr::from([10, 0, 0, 1]);
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check(client, start).is_ok());
        }
        assert_eq!(limiter.check(client, start), Err(1));
        assert!(limiter.check(IpAddr::from([10, 0, 0, 2]), start).is_ok());
        assert!(limiter
            .check(client, start + Duration::from_millis(500))
            .is_ok());
        assert!(limiter
            .check(client, start + Duration::from_millis(500))
            .is_err());
        assert!(RateLimiter::new(0, 10).is_none());
    }
}
