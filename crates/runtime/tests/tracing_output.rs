//! What a call reports through `tracing`: spans per call and per attempt, and no secret.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{FakeTransport, Reply, SERVICE, WRITE_ACTION};
use tencentcloud_runtime::{Client, Config, Credentials, RetryConfig};

/// Collects everything the subscriber writes.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(start_paused = true)]
async fn spans_name_service_action_attempt_and_request_id_but_no_secret() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let transport = FakeTransport::new(|number| match number {
        0 => Reply::error("RequestLimitExceeded", "first-id"),
        _ => Reply::ok("second-id"),
    });
    let config = Config::builder()
        .credentials(Credentials::new("AKID-trace", "trace-secret-key").with_token("trace-token"))
        .transport(transport)
        .retry(RetryConfig::new())
        .build();
    Client::new(&SERVICE, config)
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap();

    let output = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "tencentcloud.call",
        "service=\"tcss\"",
        "action=\"ModifyThing\"",
        "tencentcloud.attempt",
        "attempt=1",
        "attempt=2",
        "request_id=\"first-id\"",
        "request_id=\"second-id\"",
        "status=200",
        "latency_ms=",
        "retrying",
    ] {
        assert!(
            output.contains(expected),
            "missing {expected:?} in:\n{output}"
        );
    }
    assert!(!output.contains("trace-secret-key"), "{output}");
    assert!(!output.contains("trace-token"), "{output}");
}
