//! Finding the first of a few bytes in a text eight bytes at a time, for
//! the scans that may cross megabytes (a JSON string, HTML text between
//! tags) yet are mostly short: faster than a byte loop on long texts, and
//! with nothing to set up, unlike `str::find`, on short ones.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Non-zero when one of the eight bytes of `word` is `byte`.
pub fn has(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Non-zero when one of the eight bytes of `word` is below `limit` (at most 0x80).
pub fn has_below(word: u64, limit: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS
}

/// The index of the first byte from `from` on for which `stop` holds (the
/// length if none does). `in_word` tells whether eight bytes hold one.
pub fn find(
    bytes: &[u8],
    mut from: usize,
    in_word: impl Fn(u64) -> bool,
    stop: impl Fn(u8) -> bool,
) -> usize {
    while let Some(eight) = bytes
        .get(from..from + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
    {
        if in_word(u64::from_ne_bytes(eight)) {
            break;
        }
        from += 8;
    }
    while from < bytes.len() && !stop(bytes[from]) {
        from += 1;
    }
    from
}

/// The index of the first `byte` in `bytes` (the length if there is none).
pub fn find_byte(bytes: &[u8], byte: u8) -> usize {
    find(bytes, 0, |word| has(word, byte) != 0, |b| b == byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_stop_byte_anywhere() {
        let stop = |b: u8| b == b'"' || b < 0x20;
        let in_word = |w: u64| has(w, b'"') | has_below(w, 0x20) != 0;
        for len in 0..40 {
            for at in 0..=len {
                for special in [b'"', 0, 0x1f] {
                    let mut bytes = vec![b'a'; len];
                    // Bytes that must not stop it: 0x20, 0x80 and above.
                    if len > 2 {
                        bytes[0] = 0x20;
                        bytes[len - 1] = 0xff;
                    }
                    if at < len {
                        bytes[at] = special;
                    }
                    let expected = bytes.iter().position(|&b| stop(b)).unwrap_or(len);
                    for from in 0..=expected.min(3) {
                        assert_eq!(find(&bytes, from, in_word, stop), expected, "{bytes:?}");
                    }
                }
            }
        }
    }
}
