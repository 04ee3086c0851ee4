//! What the emulator received and how it answered, for tests to read back.

use std::collections::VecDeque;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use bytes::Bytes;
use serde_json::Value;

use crate::faults::Fault;
use crate::headers::header_value;

/// Headers whose values `Debug` hides.
const SECRET_HEADERS: &[&str] = &["authorization", "x-tc-token"];

/// One request as the emulator received it, and its answer.
///
/// `Debug` hides the values of `Authorization` and `X-TC-Token`; the fields themselves hold
/// them, so a test can assert on the token that arrived.
#[derive(Clone)]
#[non_exhaustive]
pub struct LoggedRequest {
    /// When the request arrived (the system clock, without the emulator's clock skew).
    pub received_at: SystemTime,
    /// The HTTP method.
    pub method: String,
    /// The path and query of the URL.
    pub uri: String,
    /// Every header, names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body exactly as received.
    pub raw_body: Bytes,
    /// The body parsed as JSON, when it is JSON.
    pub body: Option<Value>,
    /// What the emulator answered.
    pub answer: Answer,
}

impl LoggedRequest {
    /// The value of the first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_value(&self.headers, &name.to_ascii_lowercase())
    }

    /// `X-TC-Action`.
    pub fn action(&self) -> Option<&str> {
        self.header("x-tc-action")
    }

    /// `X-TC-Version`.
    pub fn version(&self) -> Option<&str> {
        self.header("x-tc-version")
    }

    /// `X-TC-Region`.
    pub fn region(&self) -> Option<&str> {
        self.header("x-tc-region")
    }

    /// `X-TC-Token`, the session token.
    pub fn token(&self) -> Option<&str> {
        self.header("x-tc-token")
    }

    /// `X-TC-Language`.
    pub fn language(&self) -> Option<&str> {
        self.header("x-tc-language")
    }

    /// `X-TC-Timestamp`, as sent.
    pub fn timestamp(&self) -> Option<&str> {
        self.header("x-tc-timestamp")
    }
}

impl fmt::Debug for LoggedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if SECRET_HEADERS.contains(&name.as_str()) {
                    "<redacted>"
                } else {
                    value
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("LoggedRequest")
            .field("received_at", &self.received_at)
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("answer", &self.answer)
            .finish_non_exhaustive()
    }
}

/// How the emulator answered one request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The `RequestId` of a JSON answer.
    pub request_id: Option<String>,
    /// `Error.Code` of an error answer.
    pub error_code: Option<String>,
    /// `Error.Message` of an error answer.
    pub error_message: Option<String>,
    /// The injected fault that shaped the answer, if any.
    pub fault: Option<Fault>,
    /// The body exactly as sent.
    pub body: Bytes,
}

impl Answer {
    /// Whether the answer was a complete success envelope.
    pub fn is_success(&self) -> bool {
        self.status == 200 && self.error_code.is_none() && self.fault != Some(Fault::TruncatedBody)
    }
}

/// Counts of what the emulator did since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Counters {
    /// Requests received.
    pub requests: u64,
    /// Requests answered with a success envelope.
    pub succeeded: u64,
    /// Requests answered with an error envelope, including throttling.
    pub failed: u64,
    /// Requests refused with `RequestLimitExceeded` because their SecretId went over the
    /// action's quota (injected throttling is not counted here).
    pub throttled_by_quota: u64,
    /// Requests that an injected fault applied to.
    pub faults_injected: u64,
}

/// The counters, updated without a lock.
#[derive(Debug, Default)]
pub(crate) struct AtomicCounters {
    pub(crate) requests: AtomicU64,
    pub(crate) succeeded: AtomicU64,
    pub(crate) failed: AtomicU64,
    pub(crate) throttled_by_quota: AtomicU64,
    pub(crate) faults_injected: AtomicU64,
}

impl AtomicCounters {
    /// Adds one to a counter.
    pub(crate) fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The current values.
    pub(crate) fn snapshot(&self) -> Counters {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        Counters {
            requests: read(&self.requests),
            succeeded: read(&self.succeeded),
            failed: read(&self.failed),
            throttled_by_quota: read(&self.throttled_by_quota),
            faults_injected: read(&self.faults_injected),
        }
    }
}

/// The most recent requests, oldest first, up to a capacity.
#[derive(Debug)]
pub(crate) struct RequestLog {
    entries: VecDeque<LoggedRequest>,
    capacity: usize,
}

impl RequestLog {
    /// A log that keeps the last `capacity` requests.
    pub(crate) fn new(capacity: usize) -> Self {
        RequestLog {
            entries: VecDeque::new(),
            capacity,
        }
    }

    /// Records a request, dropping the oldest when full.
    pub(crate) fn push(&mut self, entry: LoggedRequest) {
        if self.capacity == 0 {
            return;
        }
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// A copy of the entries, oldest first.
    pub(crate) fn entries(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    /// The newest entry.
    pub(crate) fn last(&self) -> Option<LoggedRequest> {
        self.entries.back().cloned()
    }

    /// Forgets every entry.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> LoggedRequest {
        LoggedRequest {
            received_at: SystemTime::UNIX_EPOCH,
            method: "POST".into(),
            uri: "/".into(),
            headers: vec![
                ("x-tc-action".into(), action.into()),
                ("x-tc-token".into(), "secret-session-token".into()),
                (
                    "authorization".into(),
                    "TC3-HMAC-SHA256 Credential=AKIDx/...".into(),
                ),
                ("x-tc-region".into(), "ap-guangzhou".into()),
            ],
            raw_body: Bytes::from_static(b"{}"),
            body: Some(Value::Object(Default::default())),
            answer: Answer {
                status: 200,
                request_id: Some("id".into()),
                error_code: None,
                error_message: None,
                fault: None,
                body: Bytes::new(),
            },
        }
    }

    #[test]
    fn accessors_read_the_common_headers_in_any_case() {
        let logged = entry("Describe");
        assert_eq!(logged.action(), Some("Describe"));
        assert_eq!(logged.header("X-TC-Region"), Some("ap-guangzhou"));
        assert_eq!(logged.token(), Some("secret-session-token"));
        assert_eq!(logged.language(), None);
    }

    #[test]
    fn debug_hides_token_and_authorization() {
        let shown = format!("{:?}", entry("Describe"));
        assert!(shown.contains("ap-guangzhou"), "{shown}");
        assert!(
            !shown.contains("secret-session-token") && !shown.contains("AKIDx"),
            "{shown}"
        );
    }

    #[test]
    fn log_keeps_the_newest_entries_up_to_its_capacity() {
        let mut log = RequestLog::new(2);
        for action in ["A", "B", "C"] {
            log.push(entry(action));
        }
        let actions: Vec<_> = log
            .entries()
            .iter()
            .map(|e| e.action().unwrap().to_owned())
            .collect();
        assert_eq!(actions, ["B", "C"]);
        assert_eq!(log.last().unwrap().action(), Some("C"));

        log.clear();
        assert!(log.entries().is_empty());
    }

    #[test]
    fn success_means_a_complete_envelope_without_error() {
        let mut answer = entry("A").answer;
        assert!(answer.is_success());
        answer.fault = Some(Fault::TruncatedBody);
        assert!(!answer.is_success());
        answer.fault = None;
        answer.error_code = Some("InvalidAction".into());
        assert!(!answer.is_success());
    }
}
