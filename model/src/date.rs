//! RFC 3339 date-time checking. Formatting is the browser's job (`Intl`).

/// True for `2024-07-22T10:00:00Z`, `2024-07-22t10:00:00.5+03:00` and the like.
pub fn is_rfc3339(s: &str) -> bool {
    rfc3339_to_unix_ms(s).is_some()
}

/// An RFC 3339 date-time as Unix milliseconds (a leap second counts as the
/// next second's start); `None` unless it is one. The widget and the poll
/// server both read dates with this, so they accept the same ones.
pub fn rfc3339_to_unix_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || !s.is_char_boundary(19) {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(range)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let separators = b[4] == b'-' && b[7] == b'-' && b[13] == b':' && b[16] == b':';
    if !separators
        || !matches!(b[10], b'T' | b't' | b' ')
        || !(1..=12).contains(&month)
        || !(1..=days_in_month(year, month)).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &s[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        millis =
            fraction[..digits.min(3)].parse::<i64>().ok()? * 10_i64.pow(3 - digits.min(3) as u32);
        rest = &fraction[digits..];
    }
    let offset_minutes = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
        {
            let hours = i64::from((h1 - b'0') * 10 + (h2 - b'0'));
            let minutes = i64::from((m1 - b'0') * 10 + (m2 - b'0'));
            if hours > 23 || minutes > 59 {
                return None;
            }
            let sign = if *sign == b'-' { -1 } else { 1 };
            sign * (hours * 60 + minutes)
        }
        _ => return None,
    };
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second
        - offset_minutes * 60;
    Some(seconds * 1_000 + millis)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::{is_rfc3339, rfc3339_to_unix_ms};

    #[test]
    fn unix_milliseconds() {
        for (text, ms) in [
            ("1970-01-01T00:00:00Z", 0),
            ("2024-07-22T10:00:00Z", 1_721_642_400_000),
            ("2024-07-22T13:00:00.5+03:00", 1_721_642_400_500),
            ("2024-07-22t04:30:00.123456-05:30", 1_721_642_400_123),
            ("2000-02-29T00:00:00Z", 951_782_400_000),
            ("1969-12-31T23:59:59Z", -1_000),
        ] {
            assert_eq!(rfc3339_to_unix_ms(text), Some(ms), "{text}");
        }
        for bad in [
            "2023-02-29T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-07-22T10:00:00+24:00",
        ] {
            assert_eq!(rfc3339_to_unix_ms(bad), None, "{bad}");
        }
    }

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
