//! Voter tokens: the opaque id one browser votes under (poll-api.md: 16–64
//! characters of `A-Z a-z 0-9 _ -`), one per poll-service origin, so no
//! service learns the token used with another.

/// Random bytes in a new token; 24 bytes make 32 characters, 192 bits.
pub const VOTER_TOKEN_BYTES: usize = 24;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a voter token is refused, for a message after the field's name.
pub const VOTER_TOKEN_RULE: &str = "expected a token of 16 to 64 characters from A-Z a-z 0-9 _ -";

/// True when the poll API accepts `token` as a voter token.
pub fn is_voter_token(token: &str) -> bool {
    (16..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A token from random bytes (the caller's `crypto.getRandomValues`), written as
/// unpadded base64url so every character is one the API accepts.
pub fn voter_token_from_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// Which origin the token under `VOTER_TOKEN_KEY` (the old one shared by
/// every service) belongs to, once one has claimed it.
pub const LEGACY_TOKEN_OWNER_KEY: &str = "aw-poll:voter-origin";

/// Where the voter token for one poll-service origin is kept.
pub fn voter_token_key(origin: &str) -> String {
    format!("aw-poll:voter@{origin}")
}

/// `scheme://host[:port]` of an absolute http(s) URL, lower-cased, without
/// credentials or a default port; `None` for anything else.
pub fn service_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.to_ascii_lowercase();
    let host = host.strip_suffix(default_port).unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    Some(format!("{scheme}://{host}"))
}

/// What to do for a service origin's token, given what storage holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenChoice {
    /// The origin's own token.
    Kept(String),
    /// The old shared token, unclaimed or already this origin's: the caller
    /// records the origin as its owner and keeps it as the origin's own.
    ClaimLegacy(String),
    /// Nothing usable: make a new token.
    New,
}

/// The token for `origin`: its own, else the old shared one if no other
/// origin has claimed it (a reader's existing token stays with the service it
/// was first used for), else a new one.
pub fn choose_voter_token(
    origin: &str,
    own: Option<&str>,
    legacy: Option<&str>,
    legacy_owner: Option<&str>,
) -> TokenChoice {
    if let Some(own) = own.filter(|t| is_voter_token(t)) {
        return TokenChoice::Kept(own.to_owned());
    }
    match legacy.filter(|t| is_voter_token(t)) {
        Some(legacy) if legacy_owner.is_none_or(|owner| owner == origin) => {
            TokenChoice::ClaimLegacy(legacy.to_owned())
        }
        _ => TokenChoice::New,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_of_service_urls() {
        for (url, origin) in [
            ("https://Polls.Example/api", Some("https://polls.example")),
            (
                "https://polls.example:443/api",
                Some("https://polls.example"),
            ),
            (
                "http://127.0.0.1:8787/api?x#y",
                Some("http://127.0.0.1:8787"),
            ),
            (
                "https://user:pw@polls.example/",
                Some("https://polls.example"),
            ),
            ("http://[::1]:80/api", Some("http://[::1]")),
            ("ftp://polls.example/", None),
            ("/api", None),
            ("https:///api", None),
        ] {
            assert_eq!(service_origin(url).as_deref(), origin, "{url}");
        }
    }

    #[test]
    fn each_origin_gets_its_own_token_and_the_old_one_stays_with_its_first_user() {
        let a = "https://a.example";
        let b = "https://b.example";
        let old = "old_shared_token_0001";
        let mine = "own_token_of_a_00001";
        assert_eq!(
            choose_voter_token(a, Some(mine), Some(old), None),
            TokenChoice::Kept(mine.into())
        );
        assert_eq!(
            choose_voter_token(a, None, Some(old), None),
            TokenChoice::ClaimLegacy(old.into()),
            "first origin to use the old token keeps it"
        );
        assert_eq!(
            choose_voter_token(a, None, Some(old), Some(a)),
            TokenChoice::ClaimLegacy(old.into())
        );
        assert_eq!(
            choose_voter_token(b, None, Some(old), Some(a)),
            TokenChoice::New,
            "another origin never gets it"
        );
        assert_eq!(
            choose_voter_token(a, Some("bad"), Some("bad too"), None),
            TokenChoice::New
        );
    }

    #[test]
    fn tokens_from_bytes_are_base64url() {
        assert_eq!(voter_token_from_bytes(b""), "");
        assert_eq!(voter_token_from_bytes(b"f"), "Zg");
        assert_eq!(voter_token_from_bytes(b"fo"), "Zm8");
        assert_eq!(voter_token_from_bytes(b"foo"), "Zm9v");
        assert_eq!(voter_token_from_bytes(&[0xfb, 0xff, 0xfe]), "-__-");
        let token = voter_token_from_bytes(&[0xa5; VOTER_TOKEN_BYTES]);
        assert_eq!(token.len(), 32);
        assert!(is_voter_token(&token));
    }

    #[test]
    fn token_format() {
        for ok in [
            "a".repeat(16),
            "Z_-9".repeat(16),
            "abcdefghijklmnopQRST".into(),
        ] {
            assert!(is_voter_token(&ok), "{ok}");
        }
        for bad in [
            "a".repeat(15),
            "a".repeat(65),
            "abcdefghijklmnop=".into(),
            "abcdefghijklmnop q".into(),
            "abcdefghijklmnopé".into(),
            String::new(),
        ] {
            assert!(!is_voter_token(&bad), "{bad}");
        }
    }
}
