//! `GET /oembed` and the discovery link on `/embed.html`, through `app()`.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use poll_server::oembed::{ArticleIndex, Provider};
use poll_server::{app, store, AppState};
use serde_json::Value;
use tower::ServiceExt;
use url::Url;

const ARTICLE: &str = r#"{
  "format": "article/1", "id": "talks", "title": "Talks & \"quotes\" <b>",
  "url": "https://news.example/2026/talks",
  "authors": [{ "name": "Ann Writer" }, { "name": "Bo Reporter" }],
  "sections": []
}"#;

/// A static folder holding embed.html and articles/talks.json, and the app serving it.
async fn server() -> (tempfile::TempDir, axum::Router) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/talks.json"), ARTICLE).unwrap();
    std::fs::write(dir.path().join("articles/broken.json"), "{").unwrap();
    std::fs::write(
        dir.path().join("embed.html"),
        "<!doctype html>\n<html>\n  <head>\n    <title>Article</title>\n  </head>\n  <body></body>\n</html>\n",
    )
    .unwrap();
    let provider = Provider {
        public_url: Url::parse("https://widgets.example/").unwrap(),
        widget_base: Url::parse("https://cdn.example/widget/").unwrap(),
        name: "News Example".into(),
    };
    let index = ArticleIndex::load(provider, &dir.path().join("articles"), Some(dir.path()));
    assert_eq!(index.len(), 1, "the broken document is skipped");
    let db = format!("sqlite://{}", dir.path().join("poll.db").display());
    let store = store::open(&db).await.unwrap();
    let mut state = AppState::new(store);
    state.static_dir = Some(dir.path().to_path_buf());
    state.oembed = Arc::new(index);
    (dir, app(state))
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

fn query(url: &str) -> String {
    url::form_urlencoded::byte_serialize(url.as_bytes()).collect()
}

#[tokio::test]
async fn answers_by_canonical_and_by_document_url() {
    let (_dir, app) = server().await;
    for url in [
        "https://news.example/2026/talks",
        "HTTPS://NEWS.example/2026/talks#comments",
        "https://widgets.example/articles/talks.json",
    ] {
        let (status, body) = get(&app, &format!("/oembed?url={}&format=json", query(url))).await;
        assert_eq!(status, StatusCode::OK, "{url}: {body}");
        let answer: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(answer["type"], "rich");
        assert_eq!(answer["version"], "1.0");
        assert_eq!(answer["title"], "Talks & \"quotes\" <b>");
        assert_eq!(answer["author_name"], "Ann Writer, Bo Reporter");
        assert_eq!(answer["provider_name"], "News Example");
        assert_eq!(answer["width"], 640);
        assert_eq!(answer["height"], 900);
        let html = answer["html"].as_str().unwrap();
        assert_eq!(
            html,
            "<iframe data-article-widget-frame title=\"Talks &amp; &quot;quotes&quot; &lt;b&gt;\" \
             src=\"https://cdn.example/widget/embed.html?src=https%3A%2F%2Fwidgets.example%2Farticles%2Ftalks.json\" \
             width=\"640\" height=\"900\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>\n\
             <script src=\"https://cdn.example/widget/article-widget-frame.js\" defer></script>"
        );
    }
}

#[tokio::test]
async fn honours_maxwidth_and_maxheight() {
    let (_dir, app) = server().await;
    let url = query("https://news.example/2026/talks");
    let (status, body) = get(
        &app,
        &format!("/oembed?url={url}&maxwidth=320&maxheight=2000"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (answer["width"].as_u64(), answer["height"].as_u64()),
        (Some(320), Some(900))
    );
    assert!(answer["html"]
        .as_str()
        .unwrap()
        .contains("width=\"320\" height=\"900\""));
    let (_, body) = get(&app, &format!("/oembed?url={url}&maxheight=400")).await;
    let answer: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (answer["width"].as_u64(), answer["height"].as_u64()),
        (Some(640), Some(400))
    );
}

#[tokio::test]
async fn errors() {
    let (_dir, app) = server().await;
    let known = query("https://news.example/2026/talks");
    let cases = [
        (
            format!("/oembed?url={}", query("https://news.example/other")),
            StatusCode::NOT_FOUND,
        ),
        (
            format!("/oembed?url={known}&format=xml"),
            StatusCode::NOT_IMPLEMENTED,
        ),
        ("/oembed".to_owned(), StatusCode::BAD_REQUEST),
        ("/oembed?url=".to_owned(), StatusCode::BAD_REQUEST),
        (
            "/oembed?url=not%20a%20url".to_owned(),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/oembed?url={}", query("ftp://news.example/x")),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/oembed?url={known}&format=yaml"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/oembed?url={known}&maxwidth=wide"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/oembed?url={known}&maxheight=0"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/oembed?url={known}&maxwidth=-5"),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (uri, expected) in cases {
        let (status, body) = get(&app, &uri).await;
        assert_eq!(status, expected, "{uri}: {body}");
        let error: Value = serde_json::from_str(&body).unwrap();
        assert!(error["error"].is_string(), "{uri}: {body}");
    }
}

#[tokio::test]
async fn embed_page_carries_the_discovery_link_for_known_documents() {
    let (_dir, app) = server().await;
    let (status, page) = get(&app, "/embed.html?src=/articles/talks.json").await;
    assert_eq!(status, StatusCode::OK);
    let link = "<link rel=\"alternate\" type=\"application/json+oembed\" \
        href=\"https://widgets.example/oembed?url=https%3A%2F%2Fnews.example%2F2026%2Ftalks&amp;format=json\" \
        title=\"Talks &amp; &quot;quotes&quot; &lt;b&gt;\" />";
    assert!(page.contains(link), "{page}");
    assert!(page.find(link).unwrap() < page.find("</head>").unwrap());

    for uri in ["/embed.html?src=/articles/unknown.json", "/embed.html"] {
        let (status, page) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("json+oembed"), "{uri}");
    }
}
