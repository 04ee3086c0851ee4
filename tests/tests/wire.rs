//! What reaches the wire: session token, region and language, and the exact signed request.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use tencentcloud_runtime::{
    BoxFuture, Config, Credentials, Language, RetryConfig, Transport, TransportError,
};
use tencentcloud_tcss::Client;

#[tokio::test]
async fn session_token_region_and_language_reach_the_emulator() {
    let emulator = common::emulator().await;
    let session = emulator.session_credentials().clone();
    let credentials = Credentials::new(session.secret_id(), session.secret_key())
        .with_token(session.token().expect("session credentials have a token"));
    let config = common::config_for(&emulator)
        .credentials(credentials)
        .region("ap-guangzhou")
        .language(Language::EnUs)
        .build();

    Client::new(config)
        .describe_k8s_api_abnormal_event_info()
        .id(10)
        .send()
        .await
        .expect("the emulator accepts the session credentials with their token");

    let logged = emulator.last_request().unwrap();
    assert_eq!(logged.token(), session.token());
    assert_eq!(logged.region(), Some("ap-guangzhou"));
    assert_eq!(logged.language(), Some("en-US"));
    assert_eq!(logged.action(), Some("DescribeK8sApiAbnormalEventInfo"));
    assert_eq!(logged.version(), Some("2020-11-01"));
}

#[tokio::test]
async fn without_a_region_no_region_header_is_sent() {
    let emulator = common::emulator().await;

    common::client_for(&emulator)
        .describe_k8s_api_abnormal_event_info()
        .id(10)
        .send()
        .await
        .unwrap();

    assert_eq!(emulator.last_request().unwrap().region(), None);
}

/// A transport that records the request and answers with the seed response.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<http::Request<Bytes>>>>,
}

impl Transport for Recorder {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        self.seen.lock().unwrap().push(request);
        let body = Bytes::from_static(br#"{"Response": {"RequestId": "fixed"}}"#);
        Box::pin(async move { Ok(http::Response::new(body)) })
    }
}

#[tokio::test]
async fn signed_request_for_a_fixed_clock_matches_its_snapshot() {
    let recorder = Recorder::default();
    let config = Config::builder()
        .credentials(Credentials::new("AKIDfixedexample", "fixed-example-key"))
        .region("ap-guangzhou")
        .transport(recorder.clone())
        .retry(RetryConfig::disabled())
        .clock(|| SystemTime::UNIX_EPOCH + Duration::from_secs(1_551_113_065))
        .build();

    Client::new(config)
        .describe_k8s_api_abnormal_event_info()
        .id(10)
        .send()
        .await
        .unwrap();

    let seen = recorder.seen.lock().unwrap();
    let request = &seen[0];
    let mut text = format!("{} {}\n", request.method(), request.uri());
    let mut headers: Vec<_> = request.headers().iter().collect();
    headers.sort_by_key(|(name, _)| name.as_str());
    for (name, value) in headers {
        text.push_str(&format!("{name}: {}\n", value.to_str().unwrap()));
    }
    text.push('\n');
    text.push_str(std::str::from_utf8(request.body()).unwrap());
    insta::assert_snapshot!("signed_request", text);
}
