//! Faults the emulator injects surface as their error classes, and throttling is retried.

mod common;

use std::time::Duration;

use tencentcloud_emulator::Fault;
use tencentcloud_runtime::{Error, RetryConfig};
use tencentcloud_tcss::Client;

fn client_without_retries(emulator: &tencentcloud_emulator::Emulator) -> Client {
    Client::new(
        common::config_for(emulator)
            .retry(RetryConfig::disabled())
            .build(),
    )
}

#[tokio::test]
async fn an_html_502_is_an_http_status_error_with_an_excerpt() {
    let emulator = common::emulator().await;
    emulator.inject(Fault::server_error(502));
    let client = client_without_retries(&emulator);

    let error = client
        .describe_k8s_api_abnormal_event_info()
        .id(1)
        .send()
        .await
        .unwrap_err();

    match &error {
        Error::HttpStatus {
            status, excerpt, ..
        } => {
            assert_eq!(status.as_u16(), 502);
            assert!(
                excerpt.contains("<html") || excerpt.contains("<!DOCTYPE"),
                "{excerpt}"
            );
        }
        other => panic!("expected an HTTP status error, got {other:?}"),
    }
    assert!(error.to_string().contains("502"), "{error}");
}

#[tokio::test]
async fn a_truncated_body_is_a_decode_error() {
    let emulator = common::emulator().await;
    emulator.inject(Fault::TruncatedBody);
    let client = client_without_retries(&emulator);

    let error = client
        .describe_k8s_api_abnormal_event_info()
        .id(1)
        .send()
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(
        std::error::Error::source(&error).is_some(),
        "the JSON error is chained"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let emulator = common::emulator().await;
    emulator.inject(Fault::Delay(Duration::from_secs(3)));
    let config = common::config_for(&emulator)
        .retry(RetryConfig::disabled())
        .timeout(Duration::from_millis(300))
        .build();
    let client = Client::new(config);

    let error = client
        .describe_k8s_api_abnormal_event_info()
        .id(1)
        .send()
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
}

#[tokio::test]
async fn throttling_is_retried_into_success() {
    let emulator = common::emulator().await;
    emulator.inject(Fault::Throttle.times(2));
    let client = common::client_for(&emulator);

    let response = client
        .describe_k8s_api_abnormal_event_info()
        .id(1)
        .send()
        .await;

    assert!(response.is_ok(), "{response:?}");
    let answers: Vec<_> = emulator
        .requests()
        .into_iter()
        .map(|logged| logged.answer.error_code)
        .collect();
    assert_eq!(
        answers,
        vec![
            Some("RequestLimitExceeded".to_owned()),
            Some("RequestLimitExceeded".to_owned()),
            None
        ]
    );
}

#[tokio::test]
async fn five_hundreds_are_retried_for_this_read_only_action() {
    let emulator = common::emulator().await;
    emulator.inject(Fault::server_error(503).times(2));
    let client = common::client_for(&emulator);

    let response = client
        .describe_k8s_api_abnormal_event_info()
        .id(1)
        .send()
        .await;

    assert!(response.is_ok(), "{response:?}");
    assert_eq!(emulator.requests().len(), 3);
}
