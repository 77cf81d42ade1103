//! When to try sending a kept vote again.

/// The longest wait between two attempts, also when a server asks for more.
pub const MAX_RETRY_DELAY_MS: u64 = 60_000;
const FIRST_DELAY_MS: u64 = 1_000;

/// The wait before retry number `failures` (1 after the first failure):
/// 1 s, 2 s, 4 s, … doubling up to a minute, each shortened by up to half at
/// random (`jitter` in 0..1) so many readers cut off together don't return
/// together. A server's `Retry-After` (seconds) is a floor, within the cap.
pub fn retry_delay_ms(failures: u32, jitter: f64, retry_after_secs: Option<u64>) -> u64 {
    let doubled = FIRST_DELAY_MS.saturating_mul(1 << failures.saturating_sub(1).min(16));
    let base = doubled.min(MAX_RETRY_DELAY_MS);
    let jittered = base - (base as f64 * jitter.clamp(0.0, 1.0) / 2.0) as u64;
    let floor = retry_after_secs.map_or(0, |s| s.saturating_mul(1_000));
    jittered.max(floor).min(MAX_RETRY_DELAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_doubles_up_to_the_cap() {
        let schedule: Vec<u64> = (1..=9).map(|n| retry_delay_ms(n, 0.0, None)).collect();
        assert_eq!(
            schedule,
            [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]
        );
        assert_eq!(retry_delay_ms(0, 0.0, None), 1_000);
        assert_eq!(retry_delay_ms(u32::MAX, 0.0, None), MAX_RETRY_DELAY_MS);
    }

    #[test]
    fn jitter_shortens_by_at_most_half() {
        assert_eq!(retry_delay_ms(3, 1.0, None), 2_000);
        assert_eq!(retry_delay_ms(3, 0.5, None), 3_000);
        assert_eq!(retry_delay_ms(3, 7.0, None), 2_000);
        assert_eq!(retry_delay_ms(3, -1.0, None), 4_000);
    }

    #[test]
    fn retry_after_is_a_floor_within_the_cap() {
        assert_eq!(retry_delay_ms(1, 0.0, Some(5)), 5_000);
        assert_eq!(retry_delay_ms(5, 0.0, Some(1)), 16_000);
        assert_eq!(retry_delay_ms(1, 0.0, Some(3_600)), MAX_RETRY_DELAY_MS);
        assert_eq!(retry_delay_ms(1, 0.0, Some(u64::MAX)), MAX_RETRY_DELAY_MS);
    }
}
