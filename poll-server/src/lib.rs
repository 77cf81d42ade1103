//! The poll server: poll API v1 (see `shared/spec/poll-api.md`) under `/api`,
//! over SQLite or PostgreSQL.

pub mod admin_token;
pub mod articles;
pub mod config;
pub mod connections;
pub mod error;
pub mod integrity;
pub mod oembed;
pub mod poll;
mod rate_limit;
mod routes;
pub mod store;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::{
    extract::DefaultBodyLimit,
    http::{header, HeaderName, HeaderValue, Method},
    middleware,
    routing::get,
    Router,
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
    connections::ConnectionLimits,
    error::AppError,
    integrity::VoterCaps,
    poll::{check_id, Poll},
    rate_limit::RateLimiter,
    store::Store,
};

/// Shared by all handlers; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub admin_token: Option<Arc<str>>,
    /// Reads' budget per client.
    pub rate_limiter: Option<Arc<RateLimiter>>,
    /// Votes' (and other writes') budget per client, apart from reads'.
    pub vote_rate_limiter: Option<Arc<RateLimiter>>,
    /// From a request's head to its answer; past it, `408`.
    pub request_timeout: Duration,
    pub client_ip_header: Option<HeaderName>,
    pub allow_origins: Vec<HeaderValue>,
    pub static_dir: Option<PathBuf>,
    pub max_body_bytes: usize,
    pub voter_caps: VoterCaps,
    /// The articles `GET /oembed` describes.
    pub oembed: Arc<oembed::ArticleIndex>,
}

impl AppState {
    /// No admin token, no rate limit, no CORS origins, no static files.
    pub fn new(store: Arc<dyn Store>) -> AppState {
        AppState {
            store,
            admin_token: None,
            rate_limiter: None,
            vote_rate_limiter: None,
            request_timeout: Duration::from_secs(10),
            client_ip_header: None,
            allow_origins: Vec::new(),
            static_dir: None,
            max_body_bytes: 16 * 1024,
            voter_caps: VoterCaps {
                per_network: 0,
                per_prefix: 0,
            },
            oembed: Arc::new(oembed::ArticleIndex::new(oembed::Provider {
                public_url: url::Url::parse("http://localhost/").expect("a valid URL"),
                widget_base: url::Url::parse("http://localhost/").expect("a valid URL"),
                name: "localhost".into(),
            })),
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
        Ok(AppState {
            admin_token: admin_token::from_config(config)?,
            rate_limiter: RateLimiter::new(config.rate_limit, config.rate_burst).map(Arc::new),
            vote_rate_limiter: RateLimiter::new(config.vote_rate_limit, config.vote_rate_burst)
                .map(Arc::new),
            request_timeout: config.connection_limits()?.write_timeout,
            client_ip_header,
            allow_origins: config.allow_origin.clone(),
            static_dir: config.static_dir.clone(),
            max_body_bytes: config.max_body_bytes,
            voter_caps: VoterCaps {
                per_network: config.voters_per_network,
                per_prefix: config
                    .voters_per_prefix
                    .unwrap_or(config.voters_per_network.saturating_mul(10)),
            },
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
    let request_timeout = state.request_timeout;
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
        .route("/oembed", get(routes::oembed::oembed_show))
        .route("/embed.html", get(routes::oembed::embed_page));
    if let Some(dir) = &state.static_dir {
        router = router.fallback_service(ServeDir::new(dir));
    }
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(state.allow_origins.clone()))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, (*routes::POLL_VOTER).clone()])
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(24 * 3600));
    router
        .layer(cors)
        .layer(middleware::from_fn(move |request, next| {
            connections::request_deadline(request_timeout, request, next)
        }))
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
    // Checked before the database is touched, so a bad flag fails at once.
    let limits = config
        .connection_limits()?
        .fit_fd_limit(connections::raise_fd_limit());
    admin_token::from_config(&config)?;
    let scheme = config.database_url.split(':').next().unwrap_or_default();
    let store = store::open(&config.database_url).await?;
    tracing::info!(database = scheme, "storage opened");
    if let Some(dir) = &config.articles_dir {
        let polls = articles::load_dir(&*store, dir).await?;
        tracing::info!(polls, dir = %dir.display(), "polls loaded from articles");
    }
    let mut state = AppState::from_config(store, &config)?;
    let listener = TcpListener::bind(config.listen).await?;
    let provider = config.oembed_provider(listener.local_addr()?)?;
    if let Some(dir) = &config.articles_dir {
        let index = oembed::ArticleIndex::load(provider, dir, config.static_dir.as_deref());
        tracing::info!(articles = index.len(), "articles known to oEmbed");
        state.oembed = Arc::new(index);
    }
    serve_with(listener, state, limits, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Serves `app(state)` on `listener` with the default connection limits
/// until `shutdown` resolves, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, ConnectionLimits::default(), shutdown).await
}

/// [`serve`] with the given connection limits (see `connections`).
pub async fn serve_with(
    listener: TcpListener,
    state: AppState,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    println!("poll-server listening on http://{addr}");
    tracing::info!(%addr, ?limits, "listening; API base is /api");
    connections::serve(listener, app(state), limits, shutdown).await
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
