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

    /// Bearer token for `PUT /api/polls/{id}`; without it the admin API is disabled.
    #[arg(long, env = "POLL_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,

    /// Folder of static files (built widget, article documents) served at `/`.
    #[arg(long, env = "POLL_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,

    /// Requests per second each client may make to the API, sustained; 0 turns limiting off.
    #[arg(long, env = "POLL_RATE_LIMIT", default_value_t = 10)]
    pub rate_limit: u32,

    /// Bucket size: requests a client may make at once before the sustained rate applies.
    #[arg(long, env = "POLL_RATE_BURST", default_value_t = 50)]
    pub rate_burst: u32,

    /// Header holding the client address when behind a proxy or CDN (e.g.
    /// X-Forwarded-For; its last address is used). Only set it behind a proxy that writes it.
    #[arg(long, env = "POLL_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,

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
