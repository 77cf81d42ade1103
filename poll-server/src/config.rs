//! Command-line flags, each also readable from an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::http::HeaderValue;
use clap::Parser;
use url::Url;

use crate::oembed::Provider;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "poll-server",
    version,
    about = "Poll service for the article widget (poll API v1 under /api)"
)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port (the real one is printed).
    #[arg(long, env = "POLL_LISTEN", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// sqlite://PATH (a file, created if missing) or postgres://user:pass@host/db.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://poll.db")]
    pub database_url: String,

    /// Folder of article JSON documents whose `poll` blocks are loaded (upserted) at start.
    #[arg(long, env = "POLL_ARTICLES_DIR")]
    pub articles_dir: Option<PathBuf>,

    /// Origin allowed to call the API from a browser, e.g. https://news.example
    /// (repeat the flag, or separate with commas). Exact matches only; no `*`.
    #[arg(long, env = "POLL_ALLOW_ORIGIN", value_delimiter = ',', value_parser = parse_origin)]
    pub allow_origin: Vec<HeaderValue>,

    /// Bearer token for the admin API (at least 32 characters); without it the
    /// admin API is disabled. Prefer --admin-token-file: flags show in `ps`.
    #[arg(long, env = "POLL_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,

    /// File holding the admin token (surrounding whitespace ignored).
    #[arg(long, env = "POLL_ADMIN_TOKEN_FILE", conflicts_with = "admin_token")]
    pub admin_token_file: Option<PathBuf>,

    /// Folder of static files (built widget, article documents) served at `/`.
    #[arg(long, env = "POLL_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,

    /// Reads (GET) per second each client may make to the API, sustained; 0 turns limiting off.
    #[arg(long, env = "POLL_RATE_LIMIT", default_value_t = 10)]
    pub rate_limit: u32,

    /// Bucket size: reads a client may make at once before the sustained rate applies.
    #[arg(long, env = "POLL_RATE_BURST", default_value_t = 50)]
    pub rate_burst: u32,

    /// Votes (and other writes) per second each client may make, sustained, from a
    /// budget of its own so that reads never use it up; 0 turns limiting off.
    #[arg(long, env = "POLL_VOTE_RATE_LIMIT", default_value_t = 5)]
    pub vote_rate_limit: u32,

    /// Bucket size for votes.
    #[arg(long, env = "POLL_VOTE_RATE_BURST", default_value_t = 50)]
    pub vote_rate_burst: u32,

    /// Open connections at most, in total (lowered to fit the open-file limit).
    #[arg(long, env = "POLL_MAX_CONNECTIONS", default_value_t = 4096)]
    pub max_connections: usize,

    /// Open connections at most per client address (IPv6: per /64); 0 for no cap.
    /// Default 256, or no cap with --client-ip-header (every client is the proxy).
    #[arg(long, env = "POLL_MAX_CONNECTIONS_PER_CLIENT")]
    pub max_connections_per_client: Option<usize>,

    /// Seconds from a request's first byte to the end of its head.
    #[arg(long, env = "POLL_HEADER_READ_TIMEOUT", default_value_t = 10.0)]
    pub header_read_timeout: f64,

    /// Seconds from a request's head to its answer (body read and handling).
    #[arg(long, env = "POLL_REQUEST_TIMEOUT", default_value_t = 10.0)]
    pub request_timeout: f64,

    /// Seconds a kept-alive connection may wait for its next request.
    #[arg(long, env = "POLL_IDLE_TIMEOUT", default_value_t = 20.0)]
    pub idle_timeout: f64,

    /// Seconds after SIGTERM for requests in flight to finish before connections are closed.
    #[arg(long, env = "POLL_SHUTDOWN_TIMEOUT", default_value_t = 10.0)]
    pub shutdown_timeout: f64,

    /// Header holding the client address when behind a proxy or CDN (e.g.
    /// X-Forwarded-For; its last address is used). Only set it behind a proxy that writes it.
    #[arg(long, env = "POLL_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,

    /// New voters one network (an IPv4 address or an IPv6 /64) may add to one
    /// poll per hour; 0 turns the cap off.
    #[arg(long, env = "POLL_VOTERS_PER_NETWORK", default_value_t = 100)]
    pub voters_per_network: u32,

    /// New voters one IPv4 /24 or IPv6 /48 may add to one poll per hour
    /// (default 10 times --voters-per-network); 0 turns this cap off.
    #[arg(long, env = "POLL_VOTERS_PER_PREFIX")]
    pub voters_per_prefix: Option<u32>,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "POLL_MAX_BODY_BYTES", default_value_t = 16 * 1024)]
    pub max_body_bytes: usize,

    /// This server's address as browsers reach it (e.g. https://widgets.example/):
    /// the base of the document addresses oEmbed knows. Default: the listening address.
    #[arg(long, env = "POLL_PUBLIC_URL", value_parser = parse_base_url)]
    pub public_url: Option<Url>,

    /// Where the built widget is served (the folder of embed.html and
    /// article-widget-frame.js), for the embeds oEmbed answers. Default: --public-url.
    #[arg(long, env = "POLL_WIDGET_BASE", value_parser = parse_base_url)]
    pub widget_base: Option<Url>,

    /// `provider_name` in oEmbed answers (the publication). Default: the public URL's host.
    #[arg(long, env = "POLL_PROVIDER_NAME")]
    pub provider_name: Option<String>,

    /// Log format: `text` or `json`. Levels come from RUST_LOG (default info).
    #[arg(long, env = "POLL_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub log_format: String,
}

impl Config {
    /// The connection limits these flags give.
    pub fn connection_limits(&self) -> Result<crate::connections::ConnectionLimits, String> {
        let seconds = |flag: &str, value: f64| {
            if value.is_finite() && value > 0.0 && value <= 86_400.0 {
                Ok(std::time::Duration::from_secs_f64(value))
            } else {
                Err(format!("--{flag}: give a number of seconds above 0"))
            }
        };
        let per_client = match self.max_connections_per_client {
            Some(0) => None,
            Some(n) => Some(n),
            None if self.client_ip_header.is_some() => None,
            None => Some(256),
        };
        if self.max_connections == 0 {
            return Err("--max-connections: give at least 1".into());
        }
        let header = seconds("header-read-timeout", self.header_read_timeout)?;
        Ok(crate::connections::ConnectionLimits {
            max_connections: self.max_connections,
            max_connections_per_client: per_client,
            header_read_timeout: header,
            idle_timeout: seconds("idle-timeout", self.idle_timeout)?,
            write_timeout: seconds("request-timeout", self.request_timeout)?,
            shutdown_timeout: seconds("shutdown-timeout", self.shutdown_timeout)?,
        })
    }

    /// Who provides the oEmbed embeds, once the server knows where it listens.
    pub fn oembed_provider(&self, listening: SocketAddr) -> Result<Provider, String> {
        let public_url = match &self.public_url {
            Some(url) => url.clone(),
            None => parse_base_url(&format!("http://{listening}/"))?,
        };
        Ok(Provider {
            widget_base: self
                .widget_base
                .clone()
                .unwrap_or_else(|| public_url.clone()),
            name: self
                .provider_name
                .clone()
                .unwrap_or_else(|| public_url.host_str().unwrap_or_default().to_owned()),
            public_url,
        })
    }

    /// Parses the given flags (environment variables still apply); for tests and tools.
    pub fn try_parse_from_args(args: &[&str]) -> Config {
        Config::try_parse_from(std::iter::once("poll-server").chain(args.iter().copied()))
            .expect("valid flags")
    }
}

/// An absolute http(s) folder URL: a path that ends with `/`, so files join onto it.
fn parse_base_url(text: &str) -> Result<Url, String> {
    let mut url = Url::parse(text.trim()).map_err(|e| format!("{text:?}: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.query().is_some() {
        return Err(format!(
            "{text:?} is not an http(s) address without a query"
        ));
    }
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// An origin is `scheme://host[:port]`, compared byte for byte with the browser's `Origin`.
fn parse_origin(text: &str) -> Result<HeaderValue, String> {
    let text = text.trim().trim_end_matches('/');
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("an origin starts with http:// or https://")?;
    if rest.is_empty() || rest.contains(['/', '*', '?', '#', ' ', '@']) {
        return Err(format!(
            "{text:?} is not an origin like https://news.example (no path, no wildcard)"
        ));
    }
    HeaderValue::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_exact() {
        assert!(parse_origin("https://news.example").is_ok());
        assert_eq!(
            parse_origin("http://localhost:8080/").unwrap(),
            "http://localhost:8080"
        );
        for bad in [
            "*",
            "https://*.example",
            "news.example",
            "https://a.example/page",
            "ftp://x",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn flags_parse() {
        let config = Config::try_parse_from([
            "poll-server",
            "--allow-origin",
            "https://a.example,https://b.example",
            "--allow-origin=http://localhost:8080",
            "--listen",
            "127.0.0.1:0",
        ])
        .unwrap();
        assert_eq!(config.allow_origin.len(), 3);
        assert_eq!(config.listen.port(), 0);
        assert_eq!(config.database_url, "sqlite://poll.db");
    }
}
