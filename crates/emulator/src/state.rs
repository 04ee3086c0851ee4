//! What one running emulator knows and remembers, shared by its connections.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::credentials::CredentialStore;
use crate::description::ServiceDescription;
use crate::faults::FaultQueue;
use crate::quota::QuotaTracker;
use crate::request_log::{AtomicCounters, RequestLog};
use crate::responses::ResponseBook;

/// The configuration and the mutable memory of one emulator.
#[derive(Debug)]
pub(crate) struct State {
    /// The service versions served.
    pub(crate) services: Vec<ServiceDescription>,
    /// The credentials accepted.
    pub(crate) credentials: CredentialStore,
    /// Seconds the emulator's clock runs ahead of the system clock (negative: behind).
    pub(crate) clock_skew_secs: i64,
    /// Whether quotas are enforced.
    pub(crate) enforce_quota: bool,
    /// Responses registered by tests.
    pub(crate) responses: Mutex<ResponseBook>,
    /// Faults waiting to be injected.
    pub(crate) faults: Mutex<FaultQueue>,
    /// Recent admissions per quota key.
    pub(crate) quota: Mutex<QuotaTracker>,
    /// Requests received.
    pub(crate) log: Mutex<RequestLog>,
    /// What happened, counted.
    pub(crate) counters: AtomicCounters,
}

impl State {
    /// The emulator's current time in Unix seconds, skew included.
    pub(crate) fn now_unix(&self) -> i64 {
        let since_epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX) + self.clock_skew_secs
    }
}

/// Locks a mutex, carrying on after a panic elsewhere: every critical section leaves its
/// data consistent, so a poisoned lock holds nothing half-written.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
