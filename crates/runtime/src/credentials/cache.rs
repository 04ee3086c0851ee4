//! Keeping credentials between requests and refreshing them one caller at a time.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::{BoxFuture, Credentials, CredentialsError, ProvideCredentials};

/// How long before their expiry cached credentials are replaced by default.
pub(crate) const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// Caches another provider's credentials until shortly before they expire.
///
/// Credentials without an expiry are kept for good. When a refresh is due, one caller asks
/// the inner provider while the others wait and then share its result; a failed refresh is
/// not cached, so the next waiter tries again.
pub struct CachedCredentials {
    inner: Arc<dyn ProvideCredentials>,
    refresh_margin: Duration,
    state: Mutex<State>,
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct State {
    credentials: Option<Credentials>,
    /// Counts successful refreshes, so a waiter can tell that one finished while it waited.
    generation: u64,
}

impl CachedCredentials {
    /// Caches `inner`'s credentials, refreshing them five minutes before they expire.
    pub fn new(inner: impl ProvideCredentials + 'static) -> Self {
        CachedCredentials {
            inner: Arc::new(inner),
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            state: Mutex::new(State::default()),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// Refreshes credentials `margin` before they expire instead.
    pub fn with_refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// The cached credentials if they are still fresh, and the current generation.
    fn fresh(&self, now: SystemTime) -> (Option<Credentials>, u64) {
        let state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let fresh = state.credentials.as_ref().filter(|credentials| {
            credentials
                .expiry()
                .is_none_or(|expiry| now + self.refresh_margin < expiry)
        });
        (fresh.cloned(), state.generation)
    }

    async fn get(&self) -> Result<Credentials, CredentialsError> {
        let (fresh, seen) = self.fresh(SystemTime::now());
        if let Some(credentials) = fresh {
            return Ok(credentials);
        }

        let _refreshing = self.refresh.lock().await;

        {
            let state = self
                .state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if state.generation != seen
                && let Some(credentials) = &state.credentials
            {
                return Ok(credentials.clone());
            }
        }

        tracing::debug!("refreshing credentials");
        let credentials = self.inner.provide_credentials().await?;
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        state.credentials = Some(credentials.clone());
        state.generation += 1;
        Ok(credentials)
    }
}

impl fmt::Debug for CachedCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedCredentials")
            .field("refresh_margin", &self.refresh_margin)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for CachedCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Counts calls and the most that overlapped; each takes a while and returns credentials
    /// valid for `valid_for`.
    struct Counting {
        calls: Arc<AtomicUsize>,
        running: AtomicUsize,
        most_running: Arc<AtomicUsize>,
        valid_for: Option<Duration>,
        fail: bool,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
            Box::pin(async move {
                let call = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                let running = self.running.fetch_add(1, Ordering::SeqCst) + 1;
                self.most_running.fetch_max(running, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(50)).await;
                self.running.fetch_sub(1, Ordering::SeqCst);
                if self.fail {
                    return Err(CredentialsError::Provider {
                        message: "down".into(),
                        source: None,
                    });
                }
                let credentials = Credentials::new(format!("id-{call}"), "key");
                Ok(match self.valid_for {
                    Some(valid_for) => credentials.with_expiry(SystemTime::now() + valid_for),
                    None => credentials,
                })
            })
        }
    }

    struct Counters {
        calls: Arc<AtomicUsize>,
        most_running: Arc<AtomicUsize>,
    }

    fn cached(valid_for: Option<Duration>, fail: bool) -> (Arc<CachedCredentials>, Counters) {
        let counters = Counters {
            calls: Arc::new(AtomicUsize::new(0)),
            most_running: Arc::new(AtomicUsize::new(0)),
        };
        let provider = Counting {
            calls: counters.calls.clone(),
            running: AtomicUsize::new(0),
            most_running: counters.most_running.clone(),
            valid_for,
            fail,
        };
        (Arc::new(CachedCredentials::new(provider)), counters)
    }

    async fn call_concurrently(
        cache: &Arc<CachedCredentials>,
        callers: usize,
    ) -> Vec<Result<Credentials, CredentialsError>> {
        let tasks: Vec<_> = (0..callers)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move { cache.provide_credentials().await })
            })
            .collect();
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        results
    }

    #[tokio::test(start_paused = true)]
    async fn many_concurrent_callers_share_one_refresh() {
        let (cache, counters) = cached(None, false);

        let results = call_concurrently(&cache, 64).await;

        assert_eq!(counters.calls.load(Ordering::SeqCst), 1);
        assert_eq!(counters.most_running.load(Ordering::SeqCst), 1);
        assert!(
            results
                .iter()
                .all(|r| r.as_ref().unwrap().secret_id() == "id-1")
        );
        cache.provide_credentials().await.unwrap();
        assert_eq!(counters.calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn long_lived_credentials_are_kept() {
        let (cache, counters) = cached(Some(Duration::from_secs(3_600)), false);

        for _ in 0..5 {
            cache.provide_credentials().await.unwrap();
        }

        assert_eq!(counters.calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn credentials_near_expiry_are_refreshed_once_per_wave() {
        // Valid for one minute, inside the five-minute margin: always due for refresh.
        let (cache, counters) = cached(Some(Duration::from_secs(60)), false);

        let first = call_concurrently(&cache, 32).await;
        assert_eq!(counters.calls.load(Ordering::SeqCst), 1);
        assert!(
            first
                .iter()
                .all(|r| r.as_ref().unwrap().secret_id() == "id-1")
        );

        let second = cache.provide_credentials().await.unwrap();
        assert_eq!(second.secret_id(), "id-2");
        assert_eq!(counters.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn failures_are_not_cached_and_refreshes_never_overlap() {
        let (cache, counters) = cached(None, true);

        let results = call_concurrently(&cache, 8).await;

        assert!(results.iter().all(Result::is_err));
        // Nothing was cached, so every caller asked again, but never two at once.
        assert_eq!(counters.calls.load(Ordering::SeqCst), 8);
        assert_eq!(counters.most_running.load(Ordering::SeqCst), 1);
    }
}
