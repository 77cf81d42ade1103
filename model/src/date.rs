//! RFC 3339 date-time checking. Formatting is the browser's job (`Intl`).

/// True for `2024-07-22T10:00:00Z`, `2024-07-22t10:00:00.5+03:00` and the like.
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 {
        return false;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(range)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let date_ok = matches!(
        (num(0..4), b[4], num(5..7), b[7], num(8..10)),
        (Some(_), b'-', Some(1..=12), b'-', Some(1..=31))
    );
    let time_ok = matches!(b[10], b'T' | b't' | b' ')
        && matches!(
            (num(11..13), b[13], num(14..16), b[16], num(17..19)),
            (Some(0..=23), b':', Some(0..=59), b':', Some(0..=60))
        );
    if !date_ok || !time_ok {
        return false;
    }
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
                && (h1 - b'0') * 10 + (h2 - b'0') <= 23
                && (m1 - b'0') * 10 + (m2 - b'0') <= 59
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_rfc3339;

    #[test]
    fn accepts_and_refuses() {
        for ok in [
            "2024-07-22T10:00:00Z",
            "2024-07-22t10:00:00.123+03:00",
            "2024-12-31 23:59:60-05:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2024-07-22",
            "2024-13-01T00:00:00Z",
            "2024-07-22T10:00:00",
            "yesterday",
            "2024-07-22T10:00:00.Z",
            "2024-07-22T24:00:00Z",
            "２０２４-07-22T10:00:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
