//! When to try a failed call again, and how long to wait first.
//!
//! The decision is a pure function of the error and the action's read-only flag, and the
//! wait a pure function of the retry number and a random unit value, so both are tested by
//! tables; the client supplies the randomness and the clock.

use std::time::Duration;

use crate::error::Error;

/// How failed attempts are retried.
///
/// Every attempt is signed afresh. Retries stop after `max_attempts` attempts, or when the
/// next wait would end after `total_deadline` counted from the start of the call; an attempt
/// started before the deadline gets at most the time left as its timeout. Waiting for the
/// quota counts toward the deadline too: a call never outlives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    base_backoff: Duration,
    max_backoff: Duration,
    total_deadline: Option<Duration>,
}

impl Default for RetryConfig {
    /// Three attempts, waits of up to 100 ms, 200 ms, … capped at 5 s, within 60 s in all.
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            total_deadline: Some(Duration::from_secs(60)),
        }
    }
}

impl RetryConfig {
    /// The default policy; see [`RetryConfig::default`].
    pub fn new() -> Self {
        RetryConfig::default()
    }

    /// A single attempt, never retried.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        }
    }

    /// Sets the number of attempts, the first included; `0` is treated as `1`.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the longest wait before the first retry; later ones double it.
    pub fn with_base_backoff(mut self, base_backoff: Duration) -> Self {
        self.base_backoff = base_backoff;
        self
    }

    /// Caps the longest wait between attempts.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Sets the time after which no retry starts, counted from the start of the call;
    /// `None` for no limit beyond `max_attempts`.
    pub fn with_total_deadline(mut self, total_deadline: Option<Duration>) -> Self {
        self.total_deadline = total_deadline;
        self
    }

    /// The number of attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The longest wait before the first retry.
    pub fn base_backoff(&self) -> Duration {
        self.base_backoff
    }

    /// The cap on waits.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The time after which no retry starts.
    pub fn total_deadline(&self) -> Option<Duration> {
        self.total_deadline
    }

    /// Whether a failed attempt can be followed by another.
    pub fn is_enabled(&self) -> bool {
        self.max_attempts > 1
    }

    /// The wait before retry number `retry` (1 for the first retry), with full jitter:
    /// `unit` (uniform in `[0, 1)`) times the exponential ceiling `base * 2^(retry - 1)`,
    /// which is capped at the maximum.
    pub fn backoff(&self, retry: u32, unit: f64) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        let ceiling = self
            .base_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        ceiling.mul_f64(unit.clamp(0.0, 1.0))
    }
}

/// Whether an attempt that failed with `error` may be tried again.
///
/// Always retried: throttling (`RequestLimitExceeded` and its sub-codes, HTTP 429) and
/// connection failures before anything was sent. For read-only actions, which are safe to
/// repeat, also timeouts, connections lost after sending, HTTP 5xx and `InternalError`.
pub fn is_retryable(error: &Error, read_only: bool) -> bool {
    match error {
        Error::Service(service) => match service.category() {
            "RequestLimitExceeded" => true,
            "InternalError" => read_only,
            _ => false,
        },
        Error::Dispatch { sent: false, .. } => true,
        Error::Dispatch { sent: true, .. } | Error::Timeout { .. } => read_only,
        Error::HttpStatus { status, .. } => {
            *status == http::StatusCode::TOO_MANY_REQUESTS
                || (read_only && status.is_server_error())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;
    use crate::transport::TransportError;

    fn service(code: &str) -> Error {
        Error::Service(ServiceError {
            code: code.into(),
            message: String::new(),
            request_id: "r".into(),
        })
    }

    fn dispatch(sent: bool) -> Error {
        let source = if sent {
            TransportError::other("reset", true)
        } else {
            TransportError::connect("refused")
        };
        Error::Dispatch {
            action: "A",
            host: "h".into(),
            sent,
            source,
        }
    }

    fn status(code: u16) -> Error {
        Error::HttpStatus {
            action: "A",
            host: "h".into(),
            status: http::StatusCode::from_u16(code).unwrap(),
            request_id: None,
            excerpt: String::new(),
        }
    }

    #[test]
    fn decision_table() {
        let timeout = || Error::Timeout {
            action: "A",
            host: "h".into(),
            timeout: Duration::ZERO,
        };
        let decode = || Error::Decode {
            action: "A",
            reason: String::new(),
            request_id: None,
            excerpt: String::new(),
            source: None,
        };

        // (error, retried when read-only, retried when writing)
        let cases: Vec<(Error, bool, bool)> = vec![
            (service("RequestLimitExceeded"), true, true),
            (service("RequestLimitExceeded.UinLimitExceeded"), true, true),
            (
                service("RequestLimitExceeded.GlobalRegionUinLimitExceeded"),
                true,
                true,
            ),
            (service("InternalError"), true, false),
            (service("InternalError.DbError"), true, false),
            (service("ResourceNotFound.EventNotFound"), false, false),
            (service("AuthFailure.SignatureExpire"), false, false),
            (service("LimitExceeded"), false, false),
            (dispatch(false), true, true),
            (dispatch(true), true, false),
            (timeout(), true, false),
            (status(500), true, false),
            (status(502), true, false),
            (status(503), true, false),
            (status(429), true, true),
            (status(404), false, false),
            (status(400), false, false),
            (decode(), false, false),
            (Error::missing_parameter("A", "Id"), false, false),
        ];
        for (error, read_only, writing) in &cases {
            assert_eq!(is_retryable(error, true), *read_only, "read-only: {error}");
            assert_eq!(is_retryable(error, false), *writing, "writing: {error}");
        }
    }

    #[test]
    fn backoff_table() {
        let config = RetryConfig::new()
            .with_base_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(1_000));
        let cases: &[(u32, f64, u64)] = &[
            (1, 0.0, 0),
            (1, 0.5, 50),
            (1, 1.0, 100),
            (2, 1.0, 200),
            (3, 0.5, 200),
            (4, 1.0, 800),
            (5, 1.0, 1_000),
            (40, 1.0, 1_000),
            (2, 7.0, 200),
            (2, -1.0, 0),
        ];
        for (retry, unit, millis) in cases {
            assert_eq!(
                config.backoff(*retry, *unit),
                Duration::from_millis(*millis),
                "retry {retry} unit {unit}"
            );
        }
    }

    #[test]
    fn disabled_means_one_attempt() {
        assert!(!RetryConfig::disabled().is_enabled());
        assert_eq!(RetryConfig::new().with_max_attempts(0).max_attempts(), 1);
        assert!(RetryConfig::default().is_enabled());
    }
}
