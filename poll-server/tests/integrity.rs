//! Vote integrity and the admin calls (poll-api.md, "Integrity" and "Admin"),
//! on both backends: the new-voter caps per network, audit, void, export.

#[macro_use]
mod common;
#[path = "common/raw_http.rs"]
mod raw_http;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderName, Method, Request, StatusCode};
use axum::Router;
use common::{poll, Server};
use http_body_util::BodyExt;
use poll_server::integrity::VoterCaps;
use poll_server::poll::parse_rfc3339_ms;
use poll_server::{app, store::Store, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

/// At least 32 characters, as the server will require.
const ADMIN: &str = "admin-token-0123456789-abcdefghijklmnop";

async fn setup(store: Arc<dyn Store>, per_network: u32, per_prefix: u32) -> Router {
    for id in ["p", "other"] {
        store
            .put_poll(&poll(id, &["yes", "no"], false, None))
            .await
            .unwrap();
    }
    app(AppState {
        admin_token: Some(ADMIN.into()),
        client_ip_header: Some(HeaderName::from_static("x-forwarded-for")),
        voter_caps: VoterCaps {
            per_network,
            per_prefix,
        },
        ..AppState::new(store)
    })
}

struct Answer {
    status: StatusCode,
    retry_after: Option<String>,
    content_type: Option<String>,
    text: String,
    json: Value,
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let header = |name| {
        headers
            .get(name)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string())
    };
    let retry_after = header(header::RETRY_AFTER);
    let content_type = header(header::CONTENT_TYPE);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Answer {
        status,
        retry_after,
        content_type,
        json: serde_json::from_str(&text).unwrap_or(Value::Null),
        text,
    }
}

/// A fresh token for voter number `n`.
fn token(n: usize) -> String {
    format!("stuffing_voter_{n:08}")
}

async fn vote_from(app: &Router, poll_id: &str, ip: &str, voter: &str, option: &str) -> Answer {
    let body = json!({ "options": [option], "voter": voter }).to_string();
    let request = Request::post(format!("/api/polls/{poll_id}/votes"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", format!("10.9.8.7, {ip}"))
        .body(Body::from(body))
        .unwrap();
    send(app, request).await
}

fn admin(method: Method, uri: &str, body: Option<Value>) -> Request<Body> {
    let builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {ADMIN}"));
    match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    }
}

async fn tally(app: &Router, poll_id: &str) -> Value {
    send(
        app,
        Request::get(format!("/api/polls/{poll_id}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .json
}

fn assert_over_cap(answer: &Answer, reason: &str) {
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.text
    );
    assert_eq!(answer.json["reason"], reason, "{}", answer.text);
    assert!(answer.json["error"].as_str().unwrap().contains("network"));
    let retry: u64 = answer.retry_after.as_deref().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry), "{retry}");
}

/// One address, a fresh token per request, 8 at a time: the cap is counted, the rest refused.
async fn stuffing_from_one_address_counts_at_most_the_cap(store: Arc<dyn Store>) {
    let app = setup(store, 25, 250).await;
    let tasks: Vec<_> = (0..8)
        .map(|connection| {
            let app = app.clone();
            tokio::spawn(async move {
                let mut statuses = Vec::new();
                for i in 0..10 {
                    let voter = token(connection * 100 + i);
                    let answer = vote_from(&app, "p", "198.51.100.7", &voter, "yes").await;
                    if answer.status == StatusCode::TOO_MANY_REQUESTS {
                        assert_over_cap(&answer, "network_cap");
                    }
                    statuses.push((voter, answer.status));
                }
                statuses
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.extend(task.await.unwrap());
    }
    let counted: Vec<&String> = results
        .iter()
        .filter(|(_, s)| *s == StatusCode::OK)
        .map(|(v, _)| v)
        .collect();
    let refused = results
        .iter()
        .filter(|(_, s)| *s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((counted.len(), refused), (25, 55));
    assert_eq!(tally(&app, "p").await["total"], 25);

    // Retries of counted votes are never refused; other polls and networks are free.
    for voter in counted.iter().take(5) {
        let retry = vote_from(&app, "p", "198.51.100.7", voter, "yes").await;
        assert_eq!(retry.status, StatusCode::OK, "{}", retry.text);
    }
    let other_poll = vote_from(&app, "other", "198.51.100.7", &token(9_999), "no").await;
    assert_eq!(other_poll.status, StatusCode::OK);
    let other_net = vote_from(&app, "p", "192.0.2.1", &token(9_998), "no").await;
    assert_eq!(other_net.status, StatusCode::OK);
    assert_eq!(tally(&app, "p").await["total"], 26);
}

/// IPv6 clients count per /64 and per /48; IPv4 per address and per /24.
async fn networks_aggregate_by_prefix(store: Arc<dyn Store>) {
    let app = setup(store, 2, 5).await;
    let mut n = 0;
    let mut vote = |ip: &'static str| {
        n += 1;
        let voter = token(n);
        let app = app.clone();
        async move { vote_from(&app, "p", ip, &voter, "yes").await }
    };
    // Two addresses in one /64 are one network.
    assert_eq!(vote("2001:db8:1:1::1").await.status, StatusCode::OK);
    assert_eq!(vote("2001:db8:1:1::2").await.status, StatusCode::OK);
    assert_over_cap(&vote("2001:db8:1:1:ffff::3").await, "network_cap");
    // Other /64s of the same /48 fill the /48's cap of 5.
    assert_eq!(vote("2001:db8:1:2::1").await.status, StatusCode::OK);
    assert_eq!(vote("2001:db8:1:2::2").await.status, StatusCode::OK);
    assert_eq!(vote("2001:db8:1:3::1").await.status, StatusCode::OK);
    assert_over_cap(&vote("2001:db8:1:4::1").await, "prefix_cap");
    // Another /48 is free.
    assert_eq!(vote("2001:db8:2:1::1").await.status, StatusCode::OK);

    // IPv4: each address up to 2, the /24 up to 5.
    assert_eq!(vote("203.0.113.1").await.status, StatusCode::OK);
    assert_eq!(vote("203.0.113.1").await.status, StatusCode::OK);
    assert_over_cap(&vote("203.0.113.1").await, "network_cap");
    assert_eq!(vote("203.0.113.2").await.status, StatusCode::OK);
    assert_eq!(vote("203.0.113.2").await.status, StatusCode::OK);
    assert_eq!(vote("203.0.113.3").await.status, StatusCode::OK);
    assert_over_cap(&vote("203.0.113.4").await, "prefix_cap");
    assert_eq!(vote("203.0.114.4").await.status, StatusCode::OK);
    // IPv4-mapped IPv6 is the IPv4 client.
    assert_over_cap(&vote("::ffff:203.0.113.9").await, "prefix_cap");

    let audit = send(&app, admin(Method::GET, "/api/polls/p/audit", None)).await;
    assert_eq!(audit.status, StatusCode::OK, "{}", audit.text);
    let networks: Vec<(String, i64)> = audit.json["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["network"].as_str().unwrap().to_string(),
                n["votes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        networks,
        [
            ("2001:db8:1::/48".to_string(), 5),
            ("203.0.113.0/24".to_string(), 5),
            ("2001:db8:2::/48".to_string(), 1),
            ("203.0.114.0/24".to_string(), 1),
        ]
    );
}

/// The audit finds a flood, void removes it (recounted, idempotent), the voided
/// voters cannot vote again, and the export has the counted votes per day.
async fn audit_void_and_export(store: Arc<dyn Store>) {
    let app = setup(store, 100, 1000).await;
    for i in 0..12 {
        let answer = vote_from(&app, "p", "198.51.100.20", &token(i), "yes").await;
        assert_eq!(answer.status, StatusCode::OK);
    }
    for (i, ip) in ["192.0.2.1", "192.0.2.2", "2001:db8:9::1"]
        .iter()
        .enumerate()
    {
        let answer = vote_from(&app, "p", ip, &token(100 + i), "no").await;
        assert_eq!(answer.status, StatusCode::OK);
    }

    // Each admin call needs the token.
    for uri in ["/api/polls/p/audit", "/api/polls/p/export.csv"] {
        let answer = send(&app, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let no_token = Request::post("/api/polls/p/void")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"network":"198.51.100.0/24"}"#))
        .unwrap();
    assert_eq!(send(&app, no_token).await.status, StatusCode::UNAUTHORIZED);

    let audit = send(&app, admin(Method::GET, "/api/polls/p/audit", None)).await;
    assert_eq!(audit.status, StatusCode::OK);
    let first = &audit.json["networks"][0];
    assert_eq!(first["network"], "198.51.100.0/24");
    assert_eq!(first["votes"], 12);
    let at = |field: &str| parse_rfc3339_ms(first[field].as_str().unwrap()).unwrap();
    assert!(at("first") <= at("last"));
    assert_eq!(audit.json["networks"][1]["network"], "192.0.2.0/24");
    assert_eq!(audit.json["networks"][1]["votes"], 2);
    let per_minute: i64 = audit.json["per_minute"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            assert!(m["minute"].as_str().unwrap().ends_with(":00Z"), "{m}");
            m["votes"].as_i64().unwrap()
        })
        .sum();
    assert_eq!(per_minute, 15);

    let void = json!({ "network": "198.51.100.0/24" });
    let voided = send(
        &app,
        admin(Method::POST, "/api/polls/p/void", Some(void.clone())),
    )
    .await;
    assert_eq!(voided.status, StatusCode::OK, "{}", voided.text);
    assert_eq!(voided.json["counts"], json!({"yes": 0, "no": 3}));
    assert_eq!(voided.json["total"], 3);
    assert_eq!(tally(&app, "p").await["total"], 3);
    let again = send(&app, admin(Method::POST, "/api/polls/p/void", Some(void))).await;
    assert_eq!(again.json, voided.json, "voiding twice changes nothing");

    // A voided voter's token cannot vote again, whatever it chooses.
    for option in ["yes", "no"] {
        let answer = vote_from(&app, "p", "192.0.2.50", &token(3), option).await;
        assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.text);
        assert_eq!(answer.json["reason"], "voided", "{}", answer.text);
    }
    assert_eq!(tally(&app, "p").await["total"], 3);

    // A time range that matches nothing voids nothing; an IPv6 /48 is voided by its prefix.
    let none = json!({ "network": "192.0.2.0/24", "to": "2000-01-01T00:00:00Z" });
    let answer = send(&app, admin(Method::POST, "/api/polls/p/void", Some(none))).await;
    assert_eq!(answer.json["total"], 3);
    let v6 = json!({ "network": "2001:db8:9::/48", "from": "2000-01-01T00:00:00Z",
                     "to": "2999-01-01T00:00:00+02:00" });
    let answer = send(&app, admin(Method::POST, "/api/polls/p/void", Some(v6))).await;
    assert_eq!(answer.json["counts"], json!({"yes": 0, "no": 2}));

    for bad in [
        json!({ "network": "198.51.100.0/16" }),
        json!({ "network": "198.51.100.7" }),
        json!({ "network": "192.0.2.0/24", "from": "yesterday" }),
        json!({ "prefix": "192.0.2.0/24" }),
    ] {
        let answer = send(&app, admin(Method::POST, "/api/polls/p/void", Some(bad))).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    }
    let unknown = json!({ "network": "192.0.2.0/24" });
    let answer = send(
        &app,
        admin(Method::POST, "/api/polls/nope/void", Some(unknown)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);

    let csv = send(&app, admin(Method::GET, "/api/polls/p/export.csv", None)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type.unwrap().starts_with("text/csv"));
    let today = time::OffsetDateTime::now_utc().date().to_string();
    assert_eq!(
        csv.text,
        format!("day,option_id,votes\r\n{today},yes,0\r\n{today},no,2\r\n")
    );
}

async fn tally_for(app: &Router, poll_id: &str, voter: &str) -> Answer {
    let request = Request::get(format!("/api/polls/{poll_id}"))
        .header("Poll-Voter", voter)
        .body(Body::empty())
        .unwrap();
    send(app, request).await
}

/// A voided voter is told so, never that their vote counts: the tally has
/// `"voided": true` and no `your_vote`; a vote again, even the identical one,
/// is `409` with `"reason": "voided"`; others' tallies and conflicts are as before.
async fn a_voided_voter_is_told_so(store: Arc<dyn Store>) {
    let app = setup(store, 100, 1000).await;
    let (flooder, reader) = (token(1), token(2));
    assert_eq!(
        vote_from(&app, "p", "198.51.100.20", &flooder, "yes")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        vote_from(&app, "p", "192.0.2.1", &reader, "no")
            .await
            .status,
        StatusCode::OK
    );
    let void = json!({ "network": "198.51.100.0/24" });
    let answer = send(&app, admin(Method::POST, "/api/polls/p/void", Some(void))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert!(
        answer.json.get("voided").is_none(),
        "the admin's tally has no reader"
    );

    let voided = tally_for(&app, "p", &flooder).await;
    assert_eq!(voided.status, StatusCode::OK);
    assert_eq!(
        voided.json,
        json!({"poll_id": "p", "counts": {"yes": 0, "no": 1}, "total": 1,
               "closed": false, "voided": true})
    );
    let counted = tally_for(&app, "p", &reader).await;
    assert_eq!(counted.json["your_vote"], json!(["no"]));
    assert!(counted.json.get("voided").is_none(), "{}", counted.text);
    let newcomer = tally_for(&app, "p", &token(3)).await;
    assert_eq!(newcomer.json["your_vote"], Value::Null);
    assert!(newcomer.json.get("voided").is_none(), "{}", newcomer.text);

    // The identical retry (a queued vote sent again) and another choice alike.
    for option in ["yes", "no"] {
        let again = vote_from(&app, "p", "192.0.2.9", &flooder, option).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text);
        assert_eq!(again.json["reason"], "voided", "{}", again.text);
        assert_eq!(again.json["voided"], true);
        assert!(again.json.get("your_vote").is_none(), "{}", again.text);
        assert!(again.json["error"].is_string());
        assert_eq!(again.json["total"], 1, "not counted");
    }
    // A plain conflict has no reason and shows the vote that stands.
    let conflict = vote_from(&app, "p", "192.0.2.1", &reader, "yes").await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert!(conflict.json.get("reason").is_none(), "{}", conflict.text);
    assert!(conflict.json.get("voided").is_none(), "{}", conflict.text);
    assert_eq!(conflict.json["your_vote"], json!(["no"]));

    // Once the poll has closed, its 410 says the same.
    let closed = json!({ "question": "Q?", "options": [{"id": "yes", "label": "Yes"},
                         {"id": "no", "label": "No"}], "closes_at": "2000-01-01T00:00:00Z" });
    let answer = send(&app, admin(Method::PUT, "/api/polls/p", Some(closed))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let late = vote_from(&app, "p", "192.0.2.9", &flooder, "yes").await;
    assert_eq!(late.status, StatusCode::GONE);
    assert_eq!(late.json["voided"], true);
    assert!(late.json.get("your_vote").is_none(), "{}", late.text);
    let late = vote_from(&app, "p", "192.0.2.1", &reader, "no").await;
    assert_eq!(late.status, StatusCode::GONE);
    assert_eq!(late.json["your_vote"], json!(["no"]));
}

/// The tally read takes the voter token from the Poll-Voter header (and still from ?voter=).
async fn the_voter_token_goes_in_a_header(store: Arc<dyn Store>) {
    let app = setup(store, 100, 1000).await;
    let voter = token(1);
    assert_eq!(
        vote_from(&app, "p", "192.0.2.1", &voter, "no").await.status,
        StatusCode::OK
    );
    let by_header = send(
        &app,
        Request::get("/api/polls/p")
            .header("Poll-Voter", &voter)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(by_header.json["your_vote"], json!(["no"]));
    let by_query = send(
        &app,
        Request::get(format!("/api/polls/p?voter={voter}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(by_query.json, by_header.json);
    let bad = send(
        &app,
        Request::get("/api/polls/p")
            .header("Poll-Voter", "short")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

for_each_backend!(
    stuffing_from_one_address_counts_at_most_the_cap,
    networks_aggregate_by_prefix,
    audit_void_and_export,
    a_voided_voter_is_told_so,
    the_voter_token_goes_in_a_header,
);

// Real server processes: the cap lives in the database, not in one process.

const CAP: usize = 20;

async fn start(url: &str) -> Server {
    Server::start(
        url,
        &[
            "--client-ip-header",
            "X-Forwarded-For",
            "--voters-per-network",
            &CAP.to_string(),
            "--admin-token",
            ADMIN,
        ],
    )
    .await
}

async fn put_poll(server: &Server) {
    let mut connection = raw_http::Connection::open(server.addr).await.unwrap();
    let body = json!({"question": "Q?", "options": [{"id": "yes", "label": "Yes"},
                      {"id": "no", "label": "No"}]})
    .to_string();
    let auth = format!("Authorization: Bearer {ADMIN}");
    let reply = connection
        .request("PUT", "/api/polls/p", &[&auth], &body)
        .await
        .unwrap();
    assert_eq!(reply.status, 200, "{}", reply.body);
}

/// `attempts` fresh voters from one address spread over `servers`, 8 connections each.
async fn stuff(servers: &[&Server], first: usize, attempts: usize) -> (usize, usize) {
    let per_connection = attempts / (8 * servers.len());
    let mut tasks = Vec::new();
    for (s, server) in servers.iter().enumerate() {
        for c in 0..8 {
            let addr = server.addr;
            tasks.push(tokio::spawn(async move {
                let mut connection = raw_http::Connection::open(addr).await.unwrap();
                let (mut counted, mut refused) = (0, 0);
                for i in 0..per_connection {
                    let voter = token(first + (s * 8 + c) * 10_000 + i);
                    let reply = connection
                        .vote("p", &voter, &["yes"], Some("198.51.100.7"))
                        .await
                        .unwrap();
                    match reply.status {
                        200 => counted += 1,
                        429 => {
                            assert!(reply.header("retry-after").is_some());
                            refused += 1;
                        }
                        other => panic!("unexpected {other}: {}", reply.body),
                    }
                }
                (counted, refused)
            }));
        }
    }
    let mut totals = (0, 0);
    for task in tasks {
        let (c, r) = task.await.unwrap();
        totals.0 += c;
        totals.1 += r;
    }
    totals
}

async fn total(server: &Server) -> i64 {
    let mut connection = raw_http::Connection::open(server.addr).await.unwrap();
    let reply = connection
        .request("GET", "/api/polls/p", &[], "")
        .await
        .unwrap();
    serde_json::from_str::<Value>(&reply.body).unwrap()["total"]
        .as_i64()
        .unwrap()
}

async fn a_restart_between_votes_keeps_the_cap(url: String) {
    let mut server = start(&url).await;
    put_poll(&server).await;
    assert_eq!(stuff(&[&server], 0, 16).await, (16, 0));
    server.kill().await;
    let server = start(&url).await;
    assert_eq!(
        stuff(&[&server], 1_000_000, 16).await,
        (CAP - 16, 16 - (CAP - 16))
    );
    assert_eq!(total(&server).await, CAP as i64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_restart_between_votes_keeps_the_cap() {
    let (_dir, url) = common::sqlite_url();
    a_restart_between_votes_keeps_the_cap(url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_restart_between_votes_keeps_the_cap() {
    if let Some(url) = common::postgres_url().await {
        a_restart_between_votes_keeps_the_cap(url).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_two_instances_share_the_cap() {
    let Some(url) = common::postgres_url().await else {
        return;
    };
    let one = start(&url).await;
    let two = start(&url).await;
    put_poll(&one).await;
    let (counted, refused) = stuff(&[&one, &two], 0, 160).await;
    assert_eq!((counted, refused), (CAP, 160 - CAP));
    assert_eq!(total(&one).await, CAP as i64);
    assert_eq!(total(&two).await, CAP as i64);
}
