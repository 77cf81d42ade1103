//! The poll server: poll API v1 (see `shared/spec/poll-api.md`) under `/api`,
//! over SQLite or PostgreSQL.

pub mod articles;
pub mod config;
pub mod error;
pub mod loadgen;
pub mod poll;
mod rate_limit;
pub mod render;
mod routes;
pub mod store;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::{
    extract::DefaultBodyLimit,
    http::{header, HeaderName, HeaderValue, Method},
    middleware, Router,
};
use tokio::net::TcpListener;
use tower_http::{
    cors::{AllowOrigin, CorsLayer},
    services::ServeDir,
    set_header::SetResponseHeaderLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

use crate::{
    config::Config,
    error::AppError,
    poll::{check_id, Poll},
    rate_limit::RateLimiter,
    store::Store,
};

/// Shared by all handlers; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub admin_token: Option<Arc<str>>,
    pub rate_limiter: Option<Arc<RateLimiter>>,
    pub client_ip_header: Option<HeaderName>,
    pub allow_origins: Vec<HeaderValue>,
    pub static_dir: Option<PathBuf>,
    pub max_body_bytes: usize,
    /// The article documents `/render/{id}` prerenders (`--articles-dir`).
    pub documents: Option<Arc<render::Documents>>,
}

impl AppState {
    /// No admin token, no rate limit, no CORS origins, no static files.
    pub fn new(store: Arc<dyn Store>) -> AppState {
        AppState {
            store,
            admin_token: None,
            rate_limiter: None,
            client_ip_header: None,
            allow_origins: Vec::new(),
            static_dir: None,
            max_body_bytes: 16 * 1024,
            documents: None,
        }
    }

    pub fn from_config(store: Arc<dyn Store>, config: &Config) -> Result<AppState, String> {
        let client_ip_header = match &config.client_ip_header {
            Some(name) => Some(
                HeaderName::try_from(name.as_str())
                    .map_err(|e| format!("--client-ip-header: {e}"))?,
            ),
            None => None,
        };
        let admin_token = match config.admin_token.as_deref().map(str::trim) {
            Some(token) if token.len() < 16 => {
                return Err("--admin-token: use at least 16 characters".into())
            }
            token => token.map(Arc::from),
        };
        Ok(AppState {
            admin_token,
            rate_limiter: RateLimiter::new(config.rate_limit, config.rate_burst).map(Arc::new),
            client_ip_header,
            allow_origins: config.allow_origin.clone(),
            static_dir: config.static_dir.clone(),
            max_body_bytes: config.max_body_bytes,
            ..AppState::new(store)
        })
    }

    async fn find_poll(&self, id: &str) -> Result<Arc<Poll>, AppError> {
        if check_id("poll id", id).is_err() {
            return Err(AppError::NotFound("unknown poll"));
        }
        self.store
            .get_poll(id)
            .await?
            .ok_or(AppError::NotFound("unknown poll"))
    }
}

/// The whole service: the API under `/api`, static files (if any) at `/`.
pub fn app(state: AppState) -> Router {
    let api = routes::api()
        .layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit,
        ))
        .layer(DefaultBodyLimit::max(state.max_body_bytes))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let mut router = Router::new()
        .nest("/api", api)
        .route(
            "/render/{article_id}",
            axum::routing::get(render::render_article),
        )
        .route("/embed.html", axum::routing::get(render::embed_page));
    if let Some(dir) = &state.static_dir {
        router = router.fallback_service(ServeDir::new(dir));
    }
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(state.allow_origins.clone()))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(24 * 3600));
    router
        .layer(cors)
        .layer(
            TraceLayer::new_for_http()
                // The path only: queries carry voter tokens, which stay out of logs.
                .make_span_with(|request: &axum::extract::Request| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Opens the store, loads article polls, binds, prints the listening line
/// and serves until SIGTERM or Ctrl-C.
pub async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let scheme = config.database_url.split(':').next().unwrap_or_default();
    let store = store::open(&config.database_url).await?;
    tracing::info!(database = scheme, "storage opened");
    if let Some(dir) = &config.articles_dir {
        let polls = articles::load_dir(&*store, dir).await?;
        tracing::info!(polls, dir = %dir.display(), "polls loaded from articles");
    }
    let mut state = AppState::from_config(store, &config)?;
    if let Some(dir) = &config.articles_dir {
        state.documents = Some(Arc::new(render::Documents::load(dir)?));
    }
    let listener = TcpListener::bind(config.listen).await?;
    serve(listener, state, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Serves `app(state)` on `listener` until `shutdown` resolves, then lets
/// in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    println!("poll-server listening on http://{addr}");
    tracing::info!(%addr, "listening; API base is /api");
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}
