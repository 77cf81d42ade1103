use std::io::IsTerminal;

use clap::Parser;
use poll_server::config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    let config = Config::parse();
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("poll_server=info,tower_http=info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    if config.log_format == "json" {
        logs.json().init();
    } else {
        logs.init();
    }
    if let Err(error) = poll_server::run(config).await {
        tracing::error!(%error, "poll-server failed");
        std::process::exit(1);
    }
}
