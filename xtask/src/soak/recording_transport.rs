//! The soak's transport: the real reqwest transport, plus the planned fault injected just
//! before a call's first attempt, plus a record of what every attempt met.
//!
//! The emulator hands a queued fault to whichever request it handles next, and a client
//! sends up to its quota at once, so the planned call is not always the one that meets the
//! fault. What each attempt met is therefore read from its answer rather than assumed: an
//! HTML 5xx page, a body that is not JSON, `RequestLimitExceeded`, or no answer before the
//! client gave up (the delay). Calls are told apart by their `ID`, which is the call index.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};

use bytes::Bytes;
use tencentcloud_emulator::Emulator;
use tencentcloud_runtime::{BoxFuture, ReqwestTransport, Transport, TransportError};

use super::plan::{FaultKind, FaultPlan};

/// What one attempt met, as its answer shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Met {
    /// A complete JSON answer without an error.
    Clean,
    /// One of the emulator's faults.
    Fault(FaultKind),
    /// Something no fault explains: another error code, a transport failure.
    Unexpected,
}

impl Met {
    fn encode(self) -> u8 {
        match self {
            Met::Clean => 1,
            Met::Fault(kind) => 2 + kind as u8,
            Met::Unexpected => 255,
        }
    }

    fn decode(value: u8) -> Option<Met> {
        match value {
            0 => None,
            1 => Some(Met::Clean),
            255 => Some(Met::Unexpected),
            kind => FaultKind::ALL
                .get(usize::from(kind - 2))
                .map(|&k| Met::Fault(k)),
        }
    }
}

/// What the attempts of one call met.
#[derive(Debug, Default)]
struct CallRecord {
    attempts: AtomicU32,
    /// Attempts that met each fault kind, in [`FaultKind::ALL`] order.
    faults: [AtomicU8; 4],
    /// Whether any attempt met something unexpected.
    unexpected: AtomicU8,
    /// What the last finished attempt met, encoded by [`Met::encode`]; 0 before any.
    last: AtomicU8,
}

impl CallRecord {
    fn note(&self, met: Met) {
        match met {
            Met::Fault(kind) => {
                self.faults[kind as usize].fetch_add(1, Ordering::Relaxed);
            }
            Met::Unexpected => self.unexpected.store(1, Ordering::Relaxed),
            Met::Clean => {}
        }
        self.last.store(met.encode(), Ordering::Relaxed);
    }
}

/// A summary of one call's attempts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSummary {
    /// Attempts sent.
    pub attempts: u32,
    /// Attempts that met each fault kind, for the kinds met at all.
    pub faults: Vec<(FaultKind, u8)>,
    /// Whether any attempt met something unexpected.
    pub unexpected: bool,
    /// What the last attempt met.
    pub last: Option<Met>,
}

/// The transport the soak's client uses; see the module documentation.
pub struct RecordingTransport {
    inner: ReqwestTransport,
    emulator: Arc<Emulator>,
    plan: FaultPlan,
    calls: Vec<CallRecord>,
}

impl RecordingTransport {
    /// Records up to `calls` calls and injects `plan`'s faults into `emulator`.
    pub fn new(
        inner: ReqwestTransport,
        emulator: Arc<Emulator>,
        plan: FaultPlan,
        calls: usize,
    ) -> Self {
        RecordingTransport {
            inner,
            emulator,
            plan,
            calls: (0..calls).map(|_| CallRecord::default()).collect(),
        }
    }

    /// What the attempts of call `index` met.
    pub fn summary(&self, index: usize) -> CallSummary {
        let record = &self.calls[index];
        CallSummary {
            attempts: record.attempts.load(Ordering::Relaxed),
            faults: FaultKind::ALL
                .into_iter()
                .map(|kind| (kind, record.faults[kind as usize].load(Ordering::Relaxed)))
                .filter(|&(_, count)| count > 0)
                .collect(),
            unexpected: record.unexpected.load(Ordering::Relaxed) != 0,
            last: Met::decode(record.last.load(Ordering::Relaxed)),
        }
    }
}

impl Transport for RecordingTransport {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let record = call_index(request.body()).and_then(|index| {
            let record = self.calls.get(index)?;
            let attempt = record.attempts.fetch_add(1, Ordering::Relaxed) + 1;
            if let (1, Some((_, fault))) = (attempt, self.plan.fault_for(index)) {
                self.emulator.inject(fault);
            }
            Some(record)
        });

        Box::pin(async move {
            // Dropped unfinished when the client stops waiting: that attempt met the delay.
            let mut pending = Pending {
                record,
                finished: false,
            };
            let result = self.inner.send(request).await;
            pending.finished = true;
            if let Some(record) = record {
                record.note(classify(&result));
            }
            result
        })
    }
}

/// An attempt in flight; notes the delay when dropped before its answer arrived.
struct Pending<'a> {
    record: Option<&'a CallRecord>,
    finished: bool,
}

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        if let (Some(record), false) = (self.record, self.finished) {
            record.note(Met::Fault(FaultKind::Delay));
        }
    }
}

/// The call index a request body carries as its `ID`.
fn call_index(body: &[u8]) -> Option<usize> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    usize::try_from(value.get("ID")?.as_u64()?).ok()
}

/// What an answer shows about the attempt.
fn classify(result: &Result<http::Response<Bytes>, TransportError>) -> Met {
    let Ok(response) = result else {
        return Met::Unexpected;
    };
    if response.status().is_server_error() {
        return Met::Fault(FaultKind::ServerError);
    }
    if !response.status().is_success() {
        return Met::Unexpected;
    }

    let Ok(body) = serde_json::from_slice::<serde_json::Value>(response.body()) else {
        return Met::Fault(FaultKind::TruncatedBody);
    };
    match body
        .pointer("/Response/Error/Code")
        .and_then(|code| code.as_str())
    {
        None => Met::Clean,
        Some("RequestLimitExceeded") => Met::Fault(FaultKind::Throttle),
        Some(_) => Met::Unexpected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &'static str) -> Result<http::Response<Bytes>, TransportError> {
        Ok(http::Response::builder()
            .status(status)
            .body(Bytes::from_static(body.as_bytes()))
            .unwrap())
    }

    #[test]
    fn answers_are_classified_by_what_they_show() {
        let cases = [
            (answer(200, r#"{"Response":{"RequestId":"r"}}"#), Met::Clean),
            (
                answer(502, "<html>bad gateway</html>"),
                Met::Fault(FaultKind::ServerError),
            ),
            (
                answer(200, r#"{"Response":{"Requ"#),
                Met::Fault(FaultKind::TruncatedBody),
            ),
            (
                answer(
                    200,
                    r#"{"Response":{"Error":{"Code":"RequestLimitExceeded"}}}"#,
                ),
                Met::Fault(FaultKind::Throttle),
            ),
            (
                answer(200, r#"{"Response":{"Error":{"Code":"AuthFailure"}}}"#),
                Met::Unexpected,
            ),
            (answer(404, ""), Met::Unexpected),
            (Err(TransportError::connect("refused")), Met::Unexpected),
        ];
        for (result, expected) in cases {
            assert_eq!(classify(&result), expected, "{result:?}");
        }
    }

    #[test]
    fn met_survives_its_encoding() {
        let all = [Met::Clean, Met::Unexpected]
            .into_iter()
            .chain(FaultKind::ALL.map(Met::Fault));
        for met in all {
            assert_eq!(Met::decode(met.encode()), Some(met));
        }
        assert_eq!(Met::decode(0), None);
    }

    #[test]
    fn the_call_index_is_the_id() {
        assert_eq!(call_index(br#"{"ID":42}"#), Some(42));
        assert_eq!(call_index(br#"{"Id":42}"#), None);
        assert_eq!(call_index(b"not json"), None);
    }
}
