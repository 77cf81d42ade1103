//! Handler tests: the API contract, through `app().oneshot(...)`, on both backends.

#[macro_use]
mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use common::{poll, VOTER, VOTER2};
use http_body_util::BodyExt;
use poll_server::{app, store::Store, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

const ADMIN: &str = "admin-token-0123456789abcdefghijklm";

async fn setup(store: Arc<dyn Store>) -> Router {
    store
        .put_poll(&poll("single", &["yes", "no"], false, None))
        .await
        .unwrap();
    store
        .put_poll(&poll("multi", &["a", "b", "c"], true, None))
        .await
        .unwrap();
    store
        .put_poll(&poll(
            "closed",
            &["yes", "no"],
            false,
            Some("2020-01-01T00:00:00Z"),
        ))
        .await
        .unwrap();
    app(AppState {
        admin_token: Some(ADMIN.into()),
        ..AppState::new(store)
    })
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    json: Value,
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        json,
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn json_request(method: Method, uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap()
}

async fn vote(app: &Router, poll_id: &str, voter: &str, options: &[&str]) -> Answer {
    let body = json!({ "options": options, "voter": voter }).to_string();
    send(
        app,
        json_request(Method::POST, &format!("/api/polls/{poll_id}/votes"), body),
    )
    .await
}

fn assert_error(answer: &Answer, status: StatusCode) {
    assert_eq!(answer.status, status, "{}", answer.json);
    assert!(
        answer.json["error"].as_str().is_some_and(|m| !m.is_empty()),
        "{}",
        answer.json
    );
}

async fn tally_lists_every_option(store: Arc<dyn Store>) {
    let app = setup(store).await;
    let answer = get(&app, "/api/polls/single").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.json,
        json!({"poll_id": "single", "counts": {"yes": 0, "no": 0}, "total": 0, "closed": false})
    );
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
    let answer = get(&app, &format!("/api/polls/single?voter={VOTER}")).await;
    assert_eq!(answer.json["your_vote"], Value::Null);
    assert!(answer.json.as_object().unwrap().contains_key("your_vote"));
}

async fn vote_then_retry_then_conflict(store: Arc<dyn Store>) {
    let app = setup(store).await;
    let first = vote(&app, "single", VOTER, &["yes"]).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(
        first.json,
        json!({"poll_id": "single", "counts": {"yes": 1, "no": 0}, "total": 1,
               "closed": false, "your_vote": ["yes"]})
    );
    let retry = vote(&app, "single", VOTER, &["yes"]).await;
    assert_eq!((retry.status, &retry.json), (StatusCode::OK, &first.json));

    let conflict = vote(&app, "single", VOTER, &["no"]).await;
    assert_error(&conflict, StatusCode::CONFLICT);
    assert_eq!(conflict.json["your_vote"], json!(["yes"]));
    assert_eq!(conflict.json["counts"], json!({"yes": 1, "no": 0}));

    vote(&app, "single", VOTER2, &["no"]).await;
    let tally = get(&app, &format!("/api/polls/single?voter={VOTER}")).await;
    assert_eq!(tally.json["counts"], json!({"yes": 1, "no": 1}));
    assert_eq!(tally.json["total"], 2);
    assert_eq!(tally.json["your_vote"], json!(["yes"]));
}

async fn multiple_choice_accepts_several_options(store: Arc<dyn Store>) {
    let app = setup(store).await;
    let answer = vote(&app, "multi", VOTER, &["c", "a"]).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    assert_eq!(answer.json["counts"], json!({"a": 1, "b": 0, "c": 1}));
    assert_eq!(answer.json["your_vote"], json!(["a", "c"]));
    // The same set in another order is the same ballot.
    assert_eq!(
        vote(&app, "multi", VOTER, &["a", "c"]).await.status,
        StatusCode::OK
    );
    assert_eq!(
        vote(&app, "multi", VOTER, &["a"]).await.status,
        StatusCode::CONFLICT
    );
}

async fn closed_poll_answers_gone_with_the_tally(store: Arc<dyn Store>) {
    let app = setup(store).await;
    let answer = vote(&app, "closed", VOTER, &["yes"]).await;
    assert_error(&answer, StatusCode::GONE);
    assert_eq!(answer.json["counts"], json!({"yes": 0, "no": 0}));
    assert_eq!(answer.json["closed"], true);
    assert_eq!(get(&app, "/api/polls/closed").await.json["closed"], true);
}

async fn unknown_polls_are_not_found(store: Arc<dyn Store>) {
    let app = setup(store).await;
    assert_error(&get(&app, "/api/polls/nope").await, StatusCode::NOT_FOUND);
    assert_error(
        &vote(&app, "nope", VOTER, &["yes"]).await,
        StatusCode::NOT_FOUND,
    );
    assert_error(
        &get(&app, "/api/polls/%27%20OR%201%3D1").await,
        StatusCode::NOT_FOUND,
    );
    assert_error(&get(&app, "/api/nothing/here").await, StatusCode::NOT_FOUND);
    let health = get(&app, "/api/health").await;
    assert_eq!(
        (health.status, health.json),
        (StatusCode::OK, json!({"status": "ok"}))
    );
}

async fn bad_ballots_are_bad_requests(store: Arc<dyn Store>) {
    let app = setup(store).await;
    for (voter, options) in [
        (VOTER, &["maybe"][..]),
        (VOTER, &["yes", "no"][..]),
        (VOTER, &[][..]),
        ("short", &["yes"][..]),
        ("has spaces in the token", &["yes"][..]),
        ("'; DROP TABLE votes; --", &["yes"][..]),
        (&"x".repeat(65), &["yes"][..]),
    ] {
        assert_error(
            &vote(&app, "single", voter, options).await,
            StatusCode::BAD_REQUEST,
        );
    }
    assert_error(
        &vote(&app, "multi", VOTER, &["a", "a"]).await,
        StatusCode::BAD_REQUEST,
    );
    assert_error(
        &get(&app, "/api/polls/single?voter=bad").await,
        StatusCode::BAD_REQUEST,
    );
    // Nothing above was counted.
    assert_eq!(get(&app, "/api/polls/single").await.json["total"], 0);
}

async fn bad_bodies_are_bad_requests(store: Arc<dyn Store>) {
    let app = setup(store).await;
    let uri = "/api/polls/single/votes";
    for body in [
        "",
        "{",
        "null",
        "[]",
        r#"{"options": "yes", "voter": "voter_token_0001"}"#,
        r#"{"options": ["yes"]}"#,
        r#"{"options": [1], "voter": "voter_token_0001"}"#,
        r#"{"options": ["yes"], "voter": 12345678901234567890}"#,
        "\u{feff}\u{0}\u{1}garbage",
    ] {
        let answer = send(&app, json_request(Method::POST, uri, body)).await;
        assert_error(&answer, StatusCode::BAD_REQUEST);
    }
    let no_type = Request::post(uri)
        .body(Body::from(
            json!({"options": ["yes"], "voter": VOTER}).to_string(),
        ))
        .unwrap();
    assert_error(&send(&app, no_type).await, StatusCode::BAD_REQUEST);

    let huge = json!({"options": ["yes"], "voter": VOTER, "pad": "x".repeat(100_000)}).to_string();
    assert_error(
        &send(&app, json_request(Method::POST, uri, huge)).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    );
}

async fn admin_put_needs_the_token(store: Arc<dyn Store>) {
    let app = setup(store.clone()).await;
    let definition = json!({
        "question": "Tea or coffee?",
        "options": [{"id": "tea", "label": "Tea"}, {"id": "coffee", "label": "Coffee"}],
        "closes_at": "2099-01-01T00:00:00+02:00"
    })
    .to_string();
    let put = |token: Option<&str>, body: &str| {
        let mut request = json_request(Method::PUT, "/api/polls/drinks", body.to_string());
        if let Some(token) = token {
            request.headers_mut().insert(
                header::AUTHORIZATION,
                format!("Bearer {token}").parse().unwrap(),
            );
        }
        request
    };

    let answer = send(&app, put(None, &definition)).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.headers[header::WWW_AUTHENTICATE], "Bearer");
    assert_error(
        &send(
            &app,
            put(Some("wrong-token-0123456789abcdefghijklm"), &definition),
        )
        .await,
        StatusCode::FORBIDDEN,
    );
    // An unauthenticated request is refused before its body is looked at.
    assert_error(
        &send(&app, put(None, "{not json")).await,
        StatusCode::UNAUTHORIZED,
    );
    assert_error(&get(&app, "/api/polls/drinks").await, StatusCode::NOT_FOUND);

    let answer = send(&app, put(Some(ADMIN), &definition)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    assert_eq!(answer.json["closes_at"], "2098-12-31T22:00:00Z");
    assert_eq!(
        get(&app, "/api/polls/drinks").await.json["counts"],
        json!({"tea": 0, "coffee": 0})
    );

    let one_option = r#"{"question": "Q", "options": [{"id": "a", "label": "A"}]}"#;
    assert_error(
        &send(&app, put(Some(ADMIN), one_option)).await,
        StatusCode::BAD_REQUEST,
    );

    // Without a configured token the admin API is closed to everyone.
    let closed = poll_server::app(AppState::new(store));
    assert_error(
        &send(&closed, put(Some(ADMIN), &definition)).await,
        StatusCode::FORBIDDEN,
    );
}

for_each_backend!(
    tally_lists_every_option,
    vote_then_retry_then_conflict,
    multiple_choice_accepts_several_options,
    closed_poll_answers_gone_with_the_tally,
    unknown_polls_are_not_found,
    bad_ballots_are_bad_requests,
    bad_bodies_are_bad_requests,
    admin_put_needs_the_token,
);

#[tokio::test]
async fn too_many_requests_get_retry_after() {
    let (_dir, store) = common::sqlite_store().await;
    store
        .put_poll(&poll("single", &["yes", "no"], false, None))
        .await
        .unwrap();
    let config = poll_server::config::Config::try_parse_from_args(&[
        "--rate-limit",
        "1",
        "--rate-burst",
        "3",
    ]);
    let app = app(AppState::from_config(store, &config).unwrap());
    for _ in 0..3 {
        assert_eq!(get(&app, "/api/polls/single").await.status, StatusCode::OK);
    }
    let answer = get(&app, "/api/polls/single").await;
    assert_error(&answer, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.headers[header::RETRY_AFTER], "1");
}

#[tokio::test]
async fn cors_answers_only_allowed_origins() {
    let (_dir, store) = common::sqlite_store().await;
    store
        .put_poll(&poll("single", &["yes", "no"], false, None))
        .await
        .unwrap();
    let config = poll_server::config::Config::try_parse_from_args(&[
        "--allow-origin",
        "https://news.example,http://localhost:8080",
    ]);
    let app = app(AppState::from_config(store, &config).unwrap());
    let preflight = |origin: &str| {
        Request::builder()
            .method(Method::OPTIONS)
            .uri("/api/polls/single/votes")
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
            .body(Body::empty())
            .unwrap()
    };
    let allowed = send(&app, preflight("https://news.example")).await;
    assert_eq!(
        allowed.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://news.example"
    );
    for origin in [
        "https://evil.example",
        "https://news.example.evil.example",
        "null",
    ] {
        let answer = send(&app, preflight(origin)).await;
        assert!(
            !answer
                .headers
                .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "{origin}"
        );
    }
    let request = Request::get("/api/polls/single")
        .header(header::ORIGIN, "http://localhost:8080")
        .body(Body::empty())
        .unwrap();
    let answer = send(&app, request).await;
    assert_eq!(
        answer.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "http://localhost:8080"
    );
}

#[tokio::test]
async fn static_files_are_served_beside_the_api() {
    let (dir, store) = common::sqlite_store().await;
    store
        .put_poll(&poll("single", &["yes", "no"], false, None))
        .await
        .unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("index.html"), "<h1>widget</h1>").unwrap();
    let app = app(AppState {
        static_dir: Some(site),
        ..AppState::new(store)
    });
    let response = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], b"<h1>widget</h1>");
    assert_eq!(get(&app, "/api/polls/single").await.status, StatusCode::OK);
    let missing = app
        .oneshot(Request::get("/nope.js").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn article_polls_are_loaded_and_bad_documents_skipped() {
    let (_dir, store) = common::sqlite_store().await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    // demo.json has 3 polls (lead and sections); broken.json is not JSON,
    // one-option.json breaks the article rules, notes.txt is not *.json.
    let loaded = poll_server::articles::load_dir(&*store, &dir)
        .await
        .unwrap();
    assert_eq!(loaded, 3);
    let multi = store.get_poll("demo-multi").await.unwrap().unwrap();
    assert!(multi.multiple);
    assert_eq!(multi.options.len(), 3);
    assert!(store.get_poll("demo-single").await.unwrap().is_some());
    assert!(store.get_poll("lonely").await.unwrap().is_none());
}
