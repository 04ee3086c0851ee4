//! Retries through the client with a scripted transport, on tokio's paused clock.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::{FakeTransport, READ_ACTION, Reply, SERVICE, WRITE_ACTION, header};
use tencentcloud_runtime::{
    ActionSpec, BoxFuture, Client, CommonErrorCode, Config, Credentials, CredentialsError, Error,
    ProvideCredentials, RetryConfig,
};
use tokio::time::Instant;

/// Hands out `id-1`, `id-2`, … so each attempt's signature shows which credentials it used.
struct Rotating(AtomicUsize);

impl ProvideCredentials for Rotating {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let call = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move { Ok(Credentials::new(format!("id-{call}"), "key")) })
    }
}

fn client(transport: &FakeTransport, retry: RetryConfig) -> Client {
    let config = Config::builder()
        .credentials(Rotating(AtomicUsize::new(0)))
        .transport(transport.clone())
        .retry(retry)
        .quota_enabled(false)
        .timeout(Duration::from_secs(2))
        .build();
    Client::new(&SERVICE, config)
}

/// Makes the scripted reply of every attempt.
type MakeReply = fn() -> Reply;

fn retry() -> RetryConfig {
    RetryConfig::new()
        .with_max_attempts(3)
        .with_base_backoff(Duration::from_millis(100))
}

async fn attempts_for(action: &'static ActionSpec, reply: MakeReply) -> (usize, Error) {
    let transport = FakeTransport::new(move |_| reply());
    let error = client(&transport, retry())
        .call(action, b"{}".to_vec())
        .await
        .unwrap_err();
    (transport.seen().len(), error)
}

#[tokio::test(start_paused = true)]
async fn throttling_is_retried_into_success_with_fresh_signatures() {
    let transport = FakeTransport::new(|number| match number {
        0 => Reply::error("RequestLimitExceeded", "r0"),
        1 => Reply::error("RequestLimitExceeded.UinLimitExceeded", "r1"),
        _ => Reply::ok("r2"),
    });

    let response = client(&transport, retry())
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap();

    assert_eq!(response.request_id(), "r2");
    let authorizations: Vec<String> = transport
        .seen()
        .iter()
        .map(|seen| header(&seen.request, "authorization").unwrap().to_owned())
        .collect();
    assert_eq!(authorizations.len(), 3);
    for (attempt, authorization) in authorizations.iter().enumerate() {
        let credential = format!("Credential=id-{}/", attempt + 1);
        assert!(authorization.contains(&credential), "{authorization}");
    }
}

#[tokio::test(start_paused = true)]
async fn what_is_retried_depends_on_the_action_table() {
    // (reply, attempts for a read-only action, attempts for a writing action)
    let cases: &[(MakeReply, usize, usize)] = &[
        (|| Reply::error("InternalError", "r"), 3, 1),
        (|| Reply::error("InternalError.DbError", "r"), 3, 1),
        (|| Reply::error("RequestLimitExceeded", "r"), 3, 3),
        (|| Reply::error("ResourceNotFound.EventNotFound", "r"), 1, 1),
        (|| Reply::error("AuthFailure.SignatureFailure", "r"), 1, 1),
        (
            || Reply::Body {
                status: 502,
                body: "<html>bad</html>".into(),
                latency: Duration::ZERO,
            },
            3,
            1,
        ),
        (|| Reply::Refused, 3, 3),
        (|| Reply::Hang, 3, 1),
        (|| Reply::json("not json"), 1, 1),
    ];
    for (index, (reply, read_attempts, write_attempts)) in cases.iter().enumerate() {
        let (read, read_error) = attempts_for(&READ_ACTION, *reply).await;
        let (write, write_error) = attempts_for(&WRITE_ACTION, *reply).await;
        assert_eq!(read, *read_attempts, "case {index}: {read_error}");
        assert_eq!(write, *write_attempts, "case {index}: {write_error}");
    }
}

#[tokio::test(start_paused = true)]
async fn hanging_server_times_out() {
    let transport = FakeTransport::new(|_| Reply::Hang);
    let start = Instant::now();

    let error = client(&transport, RetryConfig::disabled())
        .call(&READ_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Timeout { timeout, .. } if timeout == Duration::from_secs(2)));
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    assert!(
        error.to_string().contains("got no response within 2s"),
        "{error}"
    );
}

#[tokio::test(start_paused = true)]
async fn disabled_retries_make_one_attempt() {
    let transport = FakeTransport::new(|_| Reply::error("RequestLimitExceeded", "r"));

    let error = client(&transport, RetryConfig::disabled())
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    assert_eq!(transport.seen().len(), 1);
    assert_eq!(
        error.service_error().unwrap().common_code(),
        Some(CommonErrorCode::RequestLimitExceeded)
    );
}

#[tokio::test(start_paused = true)]
async fn total_deadline_stops_retrying() {
    // Attempts time out after 2 s; the deadline of 3 s leaves room for a second, shortened
    // attempt and no third.
    let transport = FakeTransport::new(|_| Reply::Hang);
    let retry = RetryConfig::new()
        .with_max_attempts(10)
        .with_base_backoff(Duration::from_millis(100))
        .with_total_deadline(Some(Duration::from_secs(3)));
    let start = Instant::now();

    let error = client(&transport, retry)
        .call(&READ_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Timeout { .. }), "{error}");
    assert_eq!(transport.seen().len(), 2);
    assert!(
        start.elapsed() <= Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test(start_paused = true)]
async fn backoff_waits_stay_under_their_doubling_ceilings() {
    let transport = FakeTransport::new(|_| Reply::error("RequestLimitExceeded", "r"));
    let retry = RetryConfig::new()
        .with_max_attempts(5)
        .with_base_backoff(Duration::from_millis(100))
        .with_max_backoff(Duration::from_millis(300));

    client(&transport, retry)
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    let seen = transport.seen();
    assert_eq!(seen.len(), 5);
    let ceilings = [100, 200, 300, 300];
    for (pair, ceiling) in seen.windows(2).zip(ceilings) {
        let gap = pair[1].at - pair[0].at;
        assert!(
            gap <= Duration::from_millis(ceiling),
            "gap {gap:?} over {ceiling} ms"
        );
    }
}

#[test]
fn client_is_cheap_to_share() {
    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync_clone::<Client>();
    assert_send_sync_clone::<Config>();
}
