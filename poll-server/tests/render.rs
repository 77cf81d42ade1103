//! `GET /render/{article-id}`: the prerendered markup of the articles in
//! `--articles-dir`, and its error answers.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use poll_server::{app, render::Documents, AppState};
use tower::ServiceExt;

async fn get(uri: &str) -> (StatusCode, Option<String>, String) {
    let (_dir, store) = common::sqlite_store().await;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    // The repository's embed.html as the static folder's iframe page.
    let static_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let app = app(AppState {
        documents: Some(Arc::new(Documents::load(dir.as_ref()).unwrap())),
        static_dir: Some(static_dir.into()),
        ..AppState::new(store)
    });
    let request = Request::get(uri)
        .header(header::HOST, "news.example")
        .body(Body::empty())
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn renders_a_known_article_as_the_cli_does() {
    let (status, kind, html) = get("/render/demo?mode=element&sections=collapsed&theme=dark").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind.as_deref(), Some("text/html; charset=utf-8"));
    assert!(html.starts_with(
        "<article-widget src=\"http://news.example/articles/demo.json\" sections=\"collapsed\" theme=\"dark\"><template shadowrootmode=\"open\">"
    ));
    assert!(html.contains("A demo article with polls"));
    assert!(html.contains("application/ld+json"));
    let (_, _, again) = get("/render/demo?mode=element&sections=collapsed&theme=dark").await;
    assert_eq!(html, again, "byte for byte");

    let (status, _, html) = get("/render/demo?src=https://cdn.example/a/demo.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<div data-article-widget data-src=\"https://cdn.example/a/demo.json\">"));
}

#[tokio::test]
async fn unknown_refused_and_bad_requests_get_json_errors() {
    let (status, kind, body) = get("/render/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(kind.as_deref(), Some("application/json"));
    assert!(body.contains("unknown article"));

    for id in ["one-option", "broken"] {
        let (status, kind, body) = get(&format!("/render/{id}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{id}: {body}");
        assert_eq!(kind.as_deref(), Some("application/json"));
        let error: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(!error["error"].as_str().unwrap().is_empty());
    }
    let (status, _, _) = get("/render/demo?mode=frame").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = get("/render/demo?src=javascript:alert(1)").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_iframe_page_comes_prerendered_for_a_known_document() {
    let (status, _, html) = get("/embed.html?src=/articles/demo.json&theme=dark").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<div id=\"widget\"><div data-theme=\"dark\" data-prerendered"));
    assert!(html.contains("A demo article with polls"));
    assert!(html.contains("<script type=\"module\" src=\"embed-page.js\"></script>"));

    let (status, _, html) = get("/embed.html?src=/articles/unknown.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<div id=\"widget\"></div>"),
        "the page as it is"
    );
}
