//! The per-SecretId, per-action request quota the service enforces.
//!
//! A request is admitted when fewer than the quota's number of requests were admitted in the
//! one second before it (a sliding window, so no burst at a window boundary slips through).
//! Rejected requests do not count. Times come from the caller, so tests can use any clock.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

/// The length of the quota window.
const WINDOW: Duration = Duration::from_secs(1);

/// Admission times of recent requests, per key.
#[derive(Debug, Default)]
pub(crate) struct QuotaTracker {
    windows: HashMap<QuotaKey, SlidingWindow>,
}

/// Whose requests share one quota: a SecretId calling one action of one service.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct QuotaKey {
    /// The signer.
    pub(crate) secret_id: String,
    /// The service name.
    pub(crate) service: String,
    /// The action name.
    pub(crate) action: String,
}

impl QuotaTracker {
    /// Admits (and records) a request at `now`, or refuses it when `per_second` requests were
    /// already admitted within the second before.
    pub(crate) fn try_admit(&mut self, key: QuotaKey, per_second: u32, now: Instant) -> bool {
        self.windows
            .entry(key)
            .or_default()
            .try_admit(per_second, now)
    }
}

/// The admission times within the last second for one key, oldest first.
#[derive(Debug, Default)]
struct SlidingWindow {
    admitted: VecDeque<Instant>,
}

impl SlidingWindow {
    fn try_admit(&mut self, per_second: u32, now: Instant) -> bool {
        while self
            .admitted
            .front()
            .is_some_and(|&at| now.duration_since(at) >= WINDOW)
        {
            self.admitted.pop_front();
        }

        if self.admitted.len() >= per_second as usize {
            return false;
        }
        self.admitted.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(secret_id: &str, action: &str) -> QuotaKey {
        QuotaKey {
            secret_id: secret_id.into(),
            service: "tcss".into(),
            action: action.into(),
        }
    }

    /// Offers requests at the given millisecond offsets and returns which were admitted.
    fn admit_at(per_second: u32, offsets_ms: &[u64]) -> Vec<bool> {
        let start = Instant::now();
        let mut window = SlidingWindow::default();
        offsets_ms
            .iter()
            .map(|ms| window.try_admit(per_second, start + Duration::from_millis(*ms)))
            .collect()
    }

    #[test]
    fn admits_up_to_the_quota_in_any_one_second() {
        let cases: &[(u32, &[u64], &[bool])] = &[
            (2, &[0, 0, 0], &[true, true, false]),
            (2, &[0, 500, 999], &[true, true, false]),
            (2, &[0, 500, 1000], &[true, true, true]),
            (
                2,
                &[0, 500, 1000, 1499, 1500],
                &[true, true, true, false, true],
            ),
            (
                2,
                &[0, 10, 900, 1005, 1010],
                &[true, true, false, true, true],
            ),
            (1, &[0, 999, 1000, 1000], &[true, false, true, false]),
            (0, &[0, 5000], &[false, false]),
        ];
        for (per_second, offsets, expected) in cases {
            assert_eq!(
                admit_at(*per_second, offsets),
                *expected,
                "quota {per_second}, {offsets:?}"
            );
        }
    }

    #[test]
    fn refused_requests_do_not_use_up_the_quota() {
        assert_eq!(
            admit_at(1, &[0, 100, 200, 1000]),
            [true, false, false, true]
        );
    }

    #[test]
    fn keys_have_separate_quotas() {
        let now = Instant::now();
        let mut tracker = QuotaTracker::default();

        assert!(tracker.try_admit(key("A", "Describe"), 1, now));
        assert!(!tracker.try_admit(key("A", "Describe"), 1, now));
        assert!(tracker.try_admit(key("B", "Describe"), 1, now));
        assert!(tracker.try_admit(key("A", "Modify"), 1, now));
    }
}
