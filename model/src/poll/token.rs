//! Voter tokens: the opaque id one browser votes under (poll-api.md: 16–64
//! characters of `A-Z a-z 0-9 _ -`).

/// Random bytes in a new token; 24 bytes make 32 characters, 192 bits.
pub const VOTER_TOKEN_BYTES: usize = 24;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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

#[cfg(test)]
mod tests {
    use super::*;

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
