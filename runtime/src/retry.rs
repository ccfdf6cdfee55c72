//! [`RetryPolicy`]: how often and how patiently failed calls are retried.
//!
//! A failed attempt is retried when the error [is retryable](crate::Error::is_retryable)
//! (transport errors, attempt timeouts, HTTP 429/502/503/504, `RetCode` ≥ 2000), the
//! action is read-only (see [`is_read_only`](crate::action::is_read_only)) or
//! the caller opted in to retrying mutating actions, attempts remain, and the backoff
//! delay still fits in the call's overall timeout. Every attempt is signed afresh and
//! carries a fresh `U-Timestamp-Ms` header.

use std::time::Duration;

/// Retry settings. The default makes at most 3 attempts with jittered exponential
/// backoff starting at 200 ms and capped at 5 s, never retries mutating actions, and has
/// no per-attempt timeout (only the call's overall timeout applies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    retry_mutating: bool,
    attempt_timeout: Option<Duration>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            retry_mutating: false,
            attempt_timeout: None,
        }
    }
}

impl RetryPolicy {
    /// The default policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// A policy that never retries (a single attempt).
    pub fn no_retry() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Sets the total number of attempts, including the first (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the delay before the first retry; later retries double it (with jitter).
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Sets the longest delay between two attempts.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Whether actions that are not read-only may be retried too. Off by default: a
    /// create whose response was lost may have succeeded, and repeating it could create
    /// a second resource.
    pub fn with_retry_mutating(mut self, retry: bool) -> Self {
        self.retry_mutating = retry;
        self
    }

    /// Sets a timeout for each attempt (in addition to the call's overall timeout); an
    /// attempt that exceeds it counts as a retryable failure.
    pub fn with_attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// Total number of attempts, including the first.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Delay before the first retry.
    pub fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// Longest delay between two attempts.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Whether mutating actions are retried.
    pub fn retry_mutating(&self) -> bool {
        self.retry_mutating
    }

    /// Timeout of a single attempt, if any.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// Delay before retry number `retry` (0 for the first retry): `base × 2^retry`
    /// capped at the maximum, of which the upper half is random ("equal jitter").
    pub fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << retry.min(31))
            .min(self.max_delay);
        let half = exp / 2;
        let jitter_ns = fastrand::u64(0..=u64::try_from(half.as_nanos()).unwrap_or(u64::MAX));
        half + Duration::from_nanos(jitter_ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::new()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_secs(1));
        for _ in 0..100 {
            let d0 = p.backoff(0);
            assert!(
                d0 >= Duration::from_millis(50) && d0 <= Duration::from_millis(100),
                "{d0:?}"
            );
            let d2 = p.backoff(2);
            assert!(
                d2 >= Duration::from_millis(200) && d2 <= Duration::from_millis(400),
                "{d2:?}"
            );
            let d40 = p.backoff(40);
            assert!(
                d40 >= Duration::from_millis(500) && d40 <= Duration::from_secs(1),
                "{d40:?}"
            );
        }
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryPolicy::new().with_max_attempts(0).max_attempts(), 1);
        assert_eq!(RetryPolicy::no_retry().max_attempts(), 1);
        assert_eq!(RetryPolicy::default().max_attempts(), 3);
    }
}
