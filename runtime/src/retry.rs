//! [`RetryPolicy`]: how often and how patiently failed calls are retried.
//!
//! A failed attempt is retried when the error [is retryable](crate::Error::is_retryable)
//! (transport errors, attempt timeouts, HTTP 429/502/503/504, `RetCode` ≥ 2000, a 2xx body
//! cut short or not JSON), the action is read-only (see
//! [`Action::is_read_only`](crate::Action::is_read_only)) or the caller opted in to retrying
//! mutating actions, attempts remain, and the backoff delay still fits in the call's
//! overall timeout. Every attempt is signed afresh and carries a fresh `U-Timestamp-Ms`
//! header.
//!
//! # Attempt timeouts
//!
//! By default an attempt that may be retried gets an equal share of the call's timeout
//! (the timeout divided by the attempts, 10 s of the default 30 s and 3 attempts), so a
//! stalled attempt is abandoned and retried while the call still has time; the last
//! attempt gets what is left. An attempt that cannot be retried (a mutating action without
//! the opt-in, or the only attempt of [`RetryPolicy::no_retry`]) gets the whole call
//! timeout: cutting it short would only turn a slow success into a failure.
//! [`RetryPolicy::with_attempt_timeout`] sets a fixed timeout for every attempt instead
//! (for mutating actions too), or none.

use std::time::Duration;

/// Retry settings. The default makes at most 3 attempts with jittered exponential
/// backoff starting at 200 ms and capped at 5 s, never retries mutating actions, and gives
/// each attempt that may be retried a third of the call's timeout (see the
/// [module](self) on attempt timeouts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    retry_mutating: bool,
    attempt_timeout: AttemptTimeout,
}

/// How long one attempt may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttemptTimeout {
    /// An equal share of the call's timeout, for attempts that may be retried.
    Share,
    /// This long, for every attempt.
    Fixed(Duration),
    /// Only the call's timeout.
    Off,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            retry_mutating: false,
            attempt_timeout: AttemptTimeout::Share,
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

    /// Sets a timeout for every attempt, mutating or not (within the call's overall
    /// timeout); an attempt that exceeds it counts as a retryable failure. `None` leaves
    /// attempts only the call's timeout. Without this, attempts that may be retried get an
    /// equal share of the call's timeout (see [`attempt_timeout_for`](Self::attempt_timeout_for)).
    pub fn with_attempt_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.attempt_timeout = match timeout {
            Some(timeout) => AttemptTimeout::Fixed(timeout),
            None => AttemptTimeout::Off,
        };
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

    /// The timeout set for every attempt with
    /// [`with_attempt_timeout`](Self::with_attempt_timeout), if any. `None` by default,
    /// when attempts that may be retried get a share of the call's timeout instead: see
    /// [`attempt_timeout_for`](Self::attempt_timeout_for).
    pub fn attempt_timeout(&self) -> Option<Duration> {
        match self.attempt_timeout {
            AttemptTimeout::Fixed(timeout) => Some(timeout),
            AttemptTimeout::Share | AttemptTimeout::Off => None,
        }
    }

    /// How long an attempt may take in a call whose overall timeout is `call_timeout`, if
    /// the attempt may be retried (`retryable`: the action is read-only or retrying mutating
    /// actions was opted in, and attempts remain after it). `None`: only the call's timeout.
    ///
    /// A fixed timeout ([`with_attempt_timeout`](Self::with_attempt_timeout)) applies to
    /// every attempt. By default an attempt that may be retried gets `call_timeout` divided
    /// by the number of attempts, and one that cannot gets no timeout of its own.
    pub fn attempt_timeout_for(&self, call_timeout: Duration, retryable: bool) -> Option<Duration> {
        match self.attempt_timeout {
            AttemptTimeout::Fixed(timeout) => Some(timeout),
            AttemptTimeout::Off => None,
            AttemptTimeout::Share if retryable && self.max_attempts > 1 => {
                Some(call_timeout / self.max_attempts)
            }
            AttemptTimeout::Share => None,
        }
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
    fn attempts_get_a_share_of_the_call_unless_told_otherwise() {
        let call = Duration::from_secs(30);
        let p = RetryPolicy::default();
        assert_eq!(p.attempt_timeout(), None);
        assert_eq!(
            p.attempt_timeout_for(call, true),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            p.attempt_timeout_for(call, false),
            None,
            "cannot be retried"
        );
        let single = RetryPolicy::no_retry();
        assert_eq!(single.attempt_timeout_for(call, true), None, "one attempt");
        let fixed = p.clone().with_attempt_timeout(Some(Duration::from_secs(2)));
        assert_eq!(fixed.attempt_timeout(), Some(Duration::from_secs(2)));
        assert_eq!(
            fixed.attempt_timeout_for(call, false),
            Some(Duration::from_secs(2))
        );
        let off = p.with_attempt_timeout(None);
        assert_eq!(off.attempt_timeout_for(call, true), None);
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryPolicy::new().with_max_attempts(0).max_attempts(), 1);
        assert_eq!(RetryPolicy::no_retry().max_attempts(), 1);
        assert_eq!(RetryPolicy::default().max_attempts(), 3);
    }
}
