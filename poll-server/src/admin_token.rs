//! The admin bearer token: from `--admin-token`, or (so that it stays out of
//! the process list) from the file `--admin-token-file` names; refused when
//! it is short or a value from the documentation.

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;

/// Shortest token accepted: 32 characters, e.g. `openssl rand -base64 24`.
pub const MIN_LENGTH: usize = 32;

/// Example values printed in the README; a server must never run with one.
const EXAMPLES: &[&str] = &[
    "change-me-to-something-long",
    "change-me-to-a-long-random-token-0123456789",
];

/// The configured token, `None` when the admin API is off.
pub fn from_config(config: &Config) -> Result<Option<Arc<str>>, String> {
    let (token, source) = match (&config.admin_token, &config.admin_token_file) {
        (Some(_), Some(_)) => {
            return Err("give --admin-token or --admin-token-file, not both".into())
        }
        (Some(token), None) => (token.clone(), "--admin-token".to_string()),
        (None, Some(path)) => (
            read_file(path)?,
            format!("--admin-token-file {}", path.display()),
        ),
        (None, None) => return Ok(None),
    };
    check(token.trim(), &source).map(|token| Some(Arc::from(token)))
}

fn read_file(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("--admin-token-file {}: {e}", path.display()))
}

fn check<'a>(token: &'a str, source: &str) -> Result<&'a str, String> {
    if EXAMPLES.contains(&token) {
        return Err(format!(
            "{source}: that is the README's example token; generate one, e.g. `openssl rand -base64 24`"
        ));
    }
    if token.chars().count() < MIN_LENGTH {
        return Err(format!(
            "{source}: the admin token must be at least {MIN_LENGTH} characters (e.g. `openssl rand -base64 24`)"
        ));
    }
    if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{source}: the admin token may not contain spaces or control characters"
        ));
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Config {
        Config::try_parse_from_args(args)
    }

    #[test]
    fn short_and_example_tokens_are_refused() {
        let long = "a".repeat(32);
        assert_eq!(
            from_config(&config(&["--admin-token", &long]))
                .unwrap()
                .as_deref(),
            Some(long.as_str())
        );
        for bad in [
            "short-token",
            &"b".repeat(31),
            "change-me-to-something-long",
            "has space in the middle of it 0123456789",
        ] {
            let error = from_config(&config(&["--admin-token", bad])).unwrap_err();
            assert!(error.starts_with("--admin-token"), "{error}");
        }
        assert_eq!(from_config(&config(&[])).unwrap(), None);
    }

    #[test]
    fn the_token_can_come_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        let token = "0123456789abcdef0123456789abcdef";
        std::fs::write(&path, format!("{token}\n")).unwrap();
        let file = path.to_str().unwrap();
        assert_eq!(
            from_config(&config(&["--admin-token-file", file]))
                .unwrap()
                .as_deref(),
            Some(token)
        );
        std::fs::write(&path, "short\n").unwrap();
        assert!(from_config(&config(&["--admin-token-file", file]))
            .unwrap_err()
            .contains("at least 32"));
        let missing = dir.path().join("missing");
        assert!(from_config(&config(&["--admin-token-file", missing.to_str().unwrap()])).is_err());
    }
}
