//! Helpers shared by the integration tests: a scripted in-process transport and a test
//! service description.

#![allow(dead_code)]

pub mod server;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use tencentcloud_runtime::{
    ActionSpec, BoxFuture, EndpointSpec, RequestQuota, ServiceSpec, Transport, TransportError,
};
use tokio::time::Instant;

/// A service description for tests; its domains are never contacted.
pub static SERVICE: ServiceSpec = ServiceSpec {
    name: "tcss",
    version: "2020-11-01",
    endpoints: EndpointSpec {
        international: "tcss.intl.tencentcloudapi.com",
        mainland: "tcss.tencentcloudapi.com",
        regional: "tcss.{region}.tencentcloudapi.com",
    },
};

/// A read-only action with a quota of 20 per second.
pub static READ_ACTION: ActionSpec = ActionSpec {
    name: "DescribeThings",
    read_only: true,
    quota: Some(RequestQuota { per_second: 20 }),
};

/// A writing action without a quota.
pub static WRITE_ACTION: ActionSpec = ActionSpec {
    name: "ModifyThing",
    read_only: false,
    quota: None,
};

/// What the fake transport does with one request.
pub enum Reply {
    /// Answers with this status and body after `latency`.
    Body {
        status: u16,
        body: String,
        latency: Duration,
    },
    /// Never answers.
    Hang,
    /// Fails to connect.
    Refused,
}

impl Reply {
    /// A 200 with a successful envelope.
    pub fn ok(request_id: &str) -> Reply {
        Reply::json(format!(
            r#"{{"Response": {{"RequestId": "{request_id}"}}}}"#
        ))
    }

    /// A 200 with `body`.
    pub fn json(body: impl Into<String>) -> Reply {
        Reply::Body {
            status: 200,
            body: body.into(),
            latency: Duration::ZERO,
        }
    }

    /// A 200 error envelope with `code`.
    pub fn error(code: &str, request_id: &str) -> Reply {
        Reply::json(format!(
            r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "scripted"}}, "RequestId": "{request_id}"}}}}"#
        ))
    }

    /// The same reply, answered after `latency`.
    pub fn after(self, latency: Duration) -> Reply {
        match self {
            Reply::Body { status, body, .. } => Reply::Body {
                status,
                body,
                latency,
            },
            other => other,
        }
    }
}

/// One request as the fake transport saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// When it arrived, on tokio's (possibly paused) clock.
    pub at: Instant,
    /// The request.
    pub request: http::Request<Bytes>,
}

type Script = dyn Fn(usize) -> Reply + Send + Sync;

/// A transport that answers from a script, given the request's number from 0, and records
/// every request.
#[derive(Clone)]
pub struct FakeTransport {
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Script>,
}

impl FakeTransport {
    pub fn new(script: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Self {
        FakeTransport {
            seen: Arc::default(),
            script: Arc::new(script),
        }
    }

    /// Every request seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Transport for FakeTransport {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async move {
            let number = {
                let mut seen = self.seen.lock().unwrap();
                seen.push(Seen {
                    at: Instant::now(),
                    request,
                });
                seen.len() - 1
            };

            match (self.script)(number) {
                Reply::Body {
                    status,
                    body,
                    latency,
                } => {
                    tokio::time::sleep(latency).await;
                    Ok(http::Response::builder()
                        .status(status)
                        .body(Bytes::from(body))
                        .unwrap())
                }
                Reply::Hang => std::future::pending().await,
                Reply::Refused => Err(TransportError::connect("connection refused")),
            }
        })
    }
}

/// The largest number of instants in any half-open window `[t, t + width)`.
pub fn most_in_any_window(instants: &[Instant], width: Duration) -> usize {
    let mut sorted = instants.to_vec();
    sorted.sort();
    let mut most = 0;
    let mut first = 0;
    for last in 0..sorted.len() {
        while sorted[last] - sorted[first] >= width {
            first += 1;
        }
        most = most.max(last - first + 1);
    }
    most
}

/// The value of header `name` of a request.
pub fn header<'a>(request: &'a http::Request<Bytes>, name: &str) -> Option<&'a str> {
    request
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap())
}
