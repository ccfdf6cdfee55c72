//! [`CachingProvider`]: credentials kept until shortly before they expire, refreshed by
//! one caller at a time.

use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Credentials, ProvideCredentials, ProvideCredentialsFuture, SharedCredentialsProvider};
use crate::{Error, Result};

/// How long before their expiry cached credentials are refreshed, by default: 5 minutes.
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// After a refresh ahead of expiry fails, the still-valid credentials are used for this
/// long before a refresh is tried again: 10 s.
pub const REFRESH_RETRY_DELAY: Duration = Duration::from_secs(10);

/// Caches the credentials of another provider and refreshes them ahead of expiry, with at
/// most one refresh in flight.
///
/// - Credentials without an expiry are fetched once and kept.
/// - Credentials with one are used until the *refresh time*: `margin` before expiry
///   ([`DEFAULT_REFRESH_MARGIN`]), or halfway through their lifetime if that comes later
///   (credentials that live less than twice the margin are not refreshed at every call).
/// - Between the refresh time and the expiry, the first caller refreshes and the others go
///   on with the still-valid credentials without waiting. If that refresh fails, the
///   failure is logged (`warn`), the caller too gets the still-valid credentials, and no
///   refresh is tried for [`REFRESH_RETRY_DELAY`].
/// - Without valid credentials (first use, or expired), callers wait for the single
///   refresh in flight and all get its outcome: the new credentials, or its error. A
///   failure is not cached: the next call tries again.
///
/// A refresh runs inside the call that started it; if that call is dropped (its timeout,
/// or the caller gave up), the refresh is abandoned and a waiting caller starts another.
/// Errors are [`Error::Credentials`]. Clones of a
/// [`SharedCredentialsProvider`] holding it share one cache.
pub struct CachingProvider {
    inner: SharedCredentialsProvider,
    margin: Duration,
    state: Mutex<State>,
    /// Held while a refresh is in flight.
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct State {
    current: Option<Cached>,
    /// Refreshes finished, successfully or not.
    generation: u64,
    /// The last refresh's failure, for the callers that waited for it.
    failure: Option<Error>,
    /// No refresh ahead of expiry before this (one has just failed).
    quiet_until: Option<SystemTime>,
}

struct Cached {
    credentials: Credentials,
    /// `None`: never (no expiry).
    refresh_at: Option<SystemTime>,
}

impl Cached {
    fn new(credentials: Credentials, fetched: SystemTime, margin: Duration) -> Self {
        let refresh_at = credentials.expiry().map(|expiry| {
            let lifetime = expiry.duration_since(fetched).unwrap_or_default();
            let lead = margin.min(lifetime / 2);
            expiry.checked_sub(lead).unwrap_or(UNIX_EPOCH)
        });
        Cached {
            credentials,
            refresh_at,
        }
    }

    fn fresh(&self, now: SystemTime) -> bool {
        self.refresh_at.is_none_or(|at| now < at)
    }

    fn valid(&self, now: SystemTime) -> bool {
        self.credentials.expiry().is_none_or(|expiry| now < expiry)
    }
}

/// What a caller does, decided under the state lock.
enum Plan {
    /// Use these credentials.
    Use(Credentials),
    /// Refresh if no one else is, else use these still-valid credentials.
    RefreshAhead(Credentials),
    /// Wait for a refresh (or make one): there are no valid credentials. Carries the
    /// generation seen.
    Wait(u64),
}

impl CachingProvider {
    /// Caches `inner`'s credentials with the [`DEFAULT_REFRESH_MARGIN`].
    pub fn new(inner: impl ProvideCredentials + 'static) -> Self {
        Self::shared(SharedCredentialsProvider::new(inner))
    }

    pub(crate) fn shared(inner: SharedCredentialsProvider) -> Self {
        CachingProvider {
            inner,
            margin: DEFAULT_REFRESH_MARGIN,
            state: Mutex::new(State::default()),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// Refreshes this long before expiry (at the latest halfway through the credentials'
    /// lifetime, see above).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The state is only assigned whole under the lock: a panic cannot leave it torn.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn plan(&self, now: SystemTime) -> Plan {
        let state = self.state();
        match &state.current {
            Some(c) if c.fresh(now) => Plan::Use(c.credentials.clone()),
            Some(c) if c.valid(now) => {
                if state.quiet_until.is_some_and(|t| now < t) {
                    Plan::Use(c.credentials.clone())
                } else {
                    Plan::RefreshAhead(c.credentials.clone())
                }
            }
            _ => Plan::Wait(state.generation),
        }
    }

    async fn get(&self) -> Result<Credentials> {
        match self.plan(SystemTime::now()) {
            Plan::Use(credentials) => Ok(credentials),
            Plan::RefreshAhead(current) => {
                // One refresh at a time: if one is in flight, go on with what is valid.
                let Ok(_guard) = self.refresh.try_lock() else {
                    return Ok(current);
                };
                // It may have finished between the plan and the lock.
                match self.plan(SystemTime::now()) {
                    Plan::Use(credentials) => Ok(credentials),
                    Plan::RefreshAhead(current) => self.refresh_ahead(current).await,
                    Plan::Wait(_) => self.refresh().await,
                }
            }
            Plan::Wait(seen) => {
                let _guard = self.refresh.lock().await;
                {
                    let state = self.state();
                    let now = SystemTime::now();
                    match &state.current {
                        Some(c) if c.valid(now) => return Ok(c.credentials.clone()),
                        _ => {}
                    }
                    // A refresh finished while this caller waited: its outcome is ours.
                    if state.generation != seen {
                        if let Some(failure) = &state.failure {
                            return Err(failure.to_credentials_error());
                        }
                        if let Some(c) = &state.current {
                            return Ok(c.credentials.clone());
                        }
                    }
                }
                self.refresh().await
            }
        }
    }

    /// Refreshes while `current` is still valid: a failure leaves `current` in use.
    async fn refresh_ahead(&self, current: Credentials) -> Result<Credentials> {
        match self.refresh().await {
            Ok(credentials) => Ok(credentials),
            Err(error) => {
                tracing::warn!(
                    %error,
                    retry_in_s = REFRESH_RETRY_DELAY.as_secs(),
                    "refreshing credentials ahead of expiry failed; using the current ones"
                );
                Ok(current)
            }
        }
    }

    /// Asks the inner provider (the caller holds the refresh lock) and records the outcome.
    async fn refresh(&self) -> Result<Credentials> {
        tracing::debug!(provider = ?self.inner, "refreshing credentials");
        let result = self.inner.provide_credentials().await;
        let now = SystemTime::now();
        let mut state = self.state();
        state.generation += 1;
        match result {
            Ok(credentials) => {
                tracing::debug!(expiry = ?credentials.expiry(), "credentials refreshed");
                state.current = Some(Cached::new(credentials.clone(), now, self.margin));
                state.failure = None;
                state.quiet_until = None;
                Ok(credentials)
            }
            Err(error) => {
                let error = error.to_credentials_error();
                state.failure = Some(error.to_credentials_error());
                state.quiet_until = now.checked_add(REFRESH_RETRY_DELAY);
                Err(error)
            }
        }
    }
}

impl ProvideCredentials for CachingProvider {
    fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
        Box::pin(self.get())
    }

    /// Forgets the cached credentials if they are `rejected` (not if a refresh has already
    /// replaced them): the next caller refreshes, one refresh for all callers as usual.
    fn credentials_rejected(&self, rejected: &Credentials) {
        let mut state = self.state();
        if state
            .current
            .as_ref()
            .is_some_and(|c| &c.credentials == rejected)
        {
            tracing::debug!("the API rejected the cached credentials: refreshing at the next call");
            state.current = None;
        }
        drop(state);
        self.inner.credentials_rejected(rejected);
    }
}

impl fmt::Debug for CachingProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachingProvider")
            .field("inner", &self.inner)
            .field("refresh_margin", &self.margin)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// Counts its calls; answers with keys numbered by call, expiring `lifetime` after
    /// the call (negative: already expired), or fails.
    #[derive(Debug, Default)]
    struct Counting {
        calls: AtomicUsize,
        lifetime_s: i64,
        fail: bool,
        delay_ms: u64,
    }

    impl ProvideCredentials for Arc<Counting> {
        fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
            Box::pin(async move {
                let n = self.calls.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(self.delay_ms)).await;
                if self.fail {
                    return Err(Error::credentials("counting", format!("failure {n}")));
                }
                let now = SystemTime::now();
                let expiry = if self.lifetime_s >= 0 {
                    now + Duration::from_secs(self.lifetime_s as u64)
                } else {
                    now - Duration::from_secs(self.lifetime_s.unsigned_abs())
                };
                Ok(Credentials::new(format!("pub-{n}"), "priv").with_expiry(expiry))
            })
        }
    }

    fn counting(lifetime_s: i64, fail: bool, delay_ms: u64) -> Arc<Counting> {
        Arc::new(Counting {
            lifetime_s,
            fail,
            delay_ms,
            ..Counting::default()
        })
    }

    #[test]
    fn refresh_time_is_the_margin_before_expiry_or_half_the_lifetime() {
        let t0 = UNIX_EPOCH + Duration::from_secs(1_000_000);
        let c = |secs| Credentials::new("p", "s").with_expiry(t0 + Duration::from_secs(secs));
        let margin = Duration::from_secs(300);
        let at = |secs| Cached::new(c(secs), t0, margin).refresh_at.unwrap();
        assert_eq!(at(3600), t0 + Duration::from_secs(3300));
        assert_eq!(at(400), t0 + Duration::from_secs(200));
        assert_eq!(at(0), t0);
        let never = Cached::new(Credentials::new("p", "s"), t0, margin);
        assert!(never.fresh(t0 + Duration::from_secs(1 << 40)) && never.valid(t0));
    }

    /// Rejected credentials are dropped only while they are the cached ones: a caller
    /// reporting old credentials after a refresh does not cause another.
    #[tokio::test]
    async fn rejected_credentials_are_dropped_if_still_cached() {
        let inner = counting(3600, false, 0);
        let cache = CachingProvider::new(Arc::clone(&inner));
        let first = cache.provide_credentials().await.unwrap();
        cache.credentials_rejected(&Credentials::new("pub-other", "priv"));
        assert_eq!(
            cache.provide_credentials().await.unwrap(),
            first,
            "not the cached ones"
        );
        cache.credentials_rejected(&first);
        let second = cache.provide_credentials().await.unwrap();
        assert_eq!(second.public_key(), "pub-1");
        cache.credentials_rejected(&first);
        assert_eq!(
            cache.provide_credentials().await.unwrap(),
            second,
            "already replaced"
        );
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn credentials_without_expiry_are_fetched_once() {
        let inner = Arc::new(Counting::default());
        #[derive(Debug)]
        struct NoExpiry(Arc<Counting>);
        impl ProvideCredentials for NoExpiry {
            fn provide_credentials(&self) -> ProvideCredentialsFuture<'_> {
                self.0.calls.fetch_add(1, Ordering::SeqCst);
                Box::pin(async { Ok(Credentials::new("p", "s")) })
            }
        }
        let cache = CachingProvider::new(NoExpiry(Arc::clone(&inner)));
        for _ in 0..5 {
            assert_eq!(cache.provide_credentials().await.unwrap().public_key(), "p");
        }
        assert_eq!(inner.calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn expired_credentials_are_refreshed_once_for_concurrent_callers() {
        let inner = counting(-10, false, 50);
        let cache = Arc::new(CachingProvider::new(Arc::clone(&inner)));
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let cache = Arc::clone(&cache);
                tokio::spawn(async move { cache.provide_credentials().await })
            })
            .collect();
        for t in tasks {
            // Everyone gets the outcome of the one refresh they waited for, even though
            // the provider answered with already-expired credentials.
            assert_eq!(t.await.unwrap().unwrap().public_key(), "pub-0");
        }
        assert_eq!(inner.calls.load(Ordering::SeqCst), 1);
        // A later call finds them expired and refreshes again.
        assert_eq!(
            cache.provide_credentials().await.unwrap().public_key(),
            "pub-1"
        );
    }

    #[tokio::test]
    async fn a_failed_refresh_is_every_waiters_error_and_is_not_cached() {
        let inner = counting(3600, true, 50);
        let cache = Arc::new(CachingProvider::new(Arc::clone(&inner)));
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let cache = Arc::clone(&cache);
                tokio::spawn(async move { cache.provide_credentials().await })
            })
            .collect();
        for t in tasks {
            let err = t.await.unwrap().unwrap_err();
            assert!(
                matches!(&err, Error::Credentials { provider, message, not_found: false }
                    if provider == "counting" && message == "failure 0"),
                "{err:?}"
            );
        }
        assert_eq!(inner.calls.load(Ordering::SeqCst), 1);
        assert!(cache.provide_credentials().await.is_err());
        assert_eq!(inner.calls.load(Ordering::SeqCst), 2);
    }
}
