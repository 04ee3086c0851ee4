//! The client with the real reqwest transport against a server the test starts on 127.0.0.1:
//! each error class, retries, and what reaches the wire.

mod common;

use std::error::Error as _;
use std::time::Duration;

use common::server::{Answer, Server};
use common::{READ_ACTION, SERVICE, WRITE_ACTION};
use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};
use tencentcloud_runtime::{
    Client, CommonErrorCode, Config, ConfigBuilder, Credentials, Endpoint, Error, Language,
    REQUEST_CLIENT, ReqwestTransport, RetryConfig, TransportErrorKind,
};

/// A configuration that talks to `url` directly, ignoring any proxy of the environment.
fn config(url: &str) -> ConfigBuilder {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    Config::builder()
        .credentials_static("AKID-local", "local-secret-key")
        .endpoint(Endpoint::url(url))
        .transport(ReqwestTransport::from_client(client))
        .retry(RetryConfig::new().with_base_backoff(Duration::from_millis(10)))
}

fn client(config: ConfigBuilder) -> Client {
    Client::new(&SERVICE, config.build())
}

#[tokio::test]
async fn html_502_is_an_http_status_error_with_an_excerpt() {
    let page = format!(
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<h1>502 Bad Gateway</h1>\n{}\n</body>\n</html>\n",
        "<p>upstream unavailable</p>\n".repeat(40)
    );
    let server = Server::start(move |_, _| Answer::new(502, "text/html", page.clone())).await;

    let error = client(config(&server.url).retry(RetryConfig::disabled()))
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    let Error::HttpStatus {
        status,
        excerpt,
        request_id,
        ..
    } = &error
    else {
        panic!("expected an HTTP status error, got {error:?}");
    };
    assert_eq!(status.as_u16(), 502);
    assert!(
        excerpt.starts_with("<html> <head><title>502 Bad Gateway</title></head>"),
        "{excerpt}"
    );
    assert!(
        excerpt.chars().count() <= 301,
        "{} characters",
        excerpt.chars().count()
    );
    assert_eq!(*request_id, None);
    assert!(
        error
            .to_string()
            .contains("failed with HTTP status 502 Bad Gateway"),
        "{error}"
    );
}

#[tokio::test]
async fn read_only_action_retries_a_502_into_success() {
    let server = Server::start(|number, _| match number {
        0 => Answer::new(502, "text/html", "<html>bad gateway</html>"),
        _ => Answer::json(r#"{"Response": {"RequestId": "after-502"}}"#),
    })
    .await;

    let response = client(config(&server.url))
        .call(&READ_ACTION, b"{}".to_vec())
        .await
        .unwrap();

    assert_eq!(response.request_id(), "after-502");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_the_request_id() {
    let server = Server::start(|_, _| {
        Answer::json(r#"{"Response": {"RequestId": "trunc-1", "Items": [{"Id": 1}, {"Id"#)
    })
    .await;

    let error = client(config(&server.url))
        .call(&READ_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_eq!(error.request_id(), Some("trunc-1"));
    assert!(error.to_string().contains(r#"{"Id"#), "{error}");
    assert!(
        error.source().is_some(),
        "the JSON parser's error is chained"
    );
    assert_eq!(server.received().len(), 1, "decode errors are not retried");
}

#[tokio::test]
async fn connection_closed_mid_body_is_a_dispatch_error_after_sending() {
    let server = Server::start(|_, _| {
        let mut answer = Answer::json(r#"{"Response": {"RequestId": "#);
        answer.missing_bytes = 100;
        answer
    })
    .await;

    let error = client(config(&server.url).retry(RetryConfig::disabled()))
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    assert!(
        matches!(error, Error::Dispatch { sent: true, .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("it may have reached the server"),
        "{error}"
    );
}

#[tokio::test]
async fn service_error_with_sub_code_keeps_code_message_and_request_id() {
    let server = Server::start(|_, _| {
        Answer::json(
            r#"{"Response": {"Error": {"Code": "ResourceNotFound.EventNotFound", "Message": "The event does not exist."}, "RequestId": "svc-1"}}"#,
        )
    })
    .await;

    let error = client(config(&server.url))
        .call(&READ_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    let service = error.service_error().expect("a service error");
    assert_eq!(service.code, "ResourceNotFound.EventNotFound");
    assert_eq!(service.message, "The event does not exist.");
    assert_eq!(service.request_id, "svc-1");
    assert_eq!(service.category(), "ResourceNotFound");
    assert_eq!(
        service.common_code(),
        Some(CommonErrorCode::ResourceNotFound)
    );
    assert_eq!(error.request_id(), Some("svc-1"));
    assert_eq!(server.received().len(), 1, "not-found is not retried");
}

#[tokio::test]
async fn unknown_codes_are_preserved() {
    let server = Server::start(|_, _| {
        Answer::json(
            r#"{"Response": {"Error": {"Code": "BrandNewCategory.Thing", "Message": "new"}, "RequestId": "svc-2"}}"#,
        )
    })
    .await;

    let error = client(config(&server.url))
        .call(&READ_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    let service = error.service_error().unwrap();
    assert_eq!(service.code, "BrandNewCategory.Thing");
    assert_eq!(service.common_code(), None);
}

#[tokio::test]
async fn throttling_then_success_is_retried_into_success() {
    let server = Server::start(|number, _| match number {
        0 => Answer::json(
            r#"{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}, "RequestId": "t-0"}}"#,
        ),
        _ => Answer::json(r#"{"Response": {"Total": 0, "RequestId": "t-1"}}"#),
    })
    .await;

    let response = client(config(&server.url))
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap();

    assert_eq!(response.request_id(), "t-1");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn slow_server_is_a_timeout() {
    let server = Server::start(|_, _| {
        let mut answer = Answer::json(r#"{"Response": {"RequestId": "late"}}"#);
        answer.delay = Duration::from_secs(5);
        answer
    })
    .await;

    let error = client(
        config(&server.url)
            .timeout(Duration::from_millis(200))
            .retry(RetryConfig::disabled()),
    )
    .call(&READ_ACTION, b"{}".to_vec())
    .await
    .unwrap_err();

    assert!(
        matches!(error, Error::Timeout { timeout, .. } if timeout == Duration::from_millis(200)),
        "{error:?}"
    );
}

#[tokio::test]
async fn refused_connection_is_a_dispatch_error_before_sending() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);

    let error = client(config(&url).retry(RetryConfig::disabled()))
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    let Error::Dispatch { sent, source, .. } = &error else {
        panic!("expected a dispatch error, got {error:?}");
    };
    assert!(!sent);
    assert_eq!(source.kind(), TransportErrorKind::Connect);
    assert!(error.to_string().contains("it was not sent"), "{error}");
}

#[tokio::test]
async fn token_region_language_and_api_headers_reach_the_wire_with_a_valid_signature() {
    let server =
        Server::start(|_, _| Answer::json(r#"{"Response": {"RequestId": "hdr-1"}}"#)).await;
    let credentials = Credentials::new("AKID-wire", "wire-secret-key").with_token("session-token");
    let body = r#"{"Id": 7, "Name": "测试"}"#;

    client(
        config(&server.url)
            .credentials(credentials)
            .region("ap-guangzhou")
            .language(Language::EnUs),
    )
    .call(&READ_ACTION, body.as_bytes().to_vec())
    .await
    .unwrap();

    let received = server.received();
    let request = &received[0];
    let host = server.url.trim_start_matches("http://");
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(request.body, body.as_bytes());
    let expected = [
        ("host", host),
        ("content-type", "application/json"),
        ("x-tc-action", "DescribeThings"),
        ("x-tc-version", "2020-11-01"),
        ("x-tc-region", "ap-guangzhou"),
        ("x-tc-token", "session-token"),
        ("x-tc-language", "en-US"),
        ("x-tc-requestclient", REQUEST_CLIENT),
    ];
    for (name, value) in expected {
        assert_eq!(request.header(name), Some(value), "{name}");
    }

    // Recompute the signature from what the server received, as the service does.
    let timestamp: i64 = request.header("x-tc-timestamp").unwrap().parse().unwrap();
    let canonical = CanonicalRequest::new(
        &request.method,
        &request.path,
        "",
        &[
            ("content-type", request.header("content-type").unwrap()),
            ("host", request.header("host").unwrap()),
        ],
        &request.body,
    );
    let scope = CredentialScope::new(timestamp, "tcss");
    let signature = sign::signature(
        "wire-secret-key",
        &scope,
        &StringToSign::new(timestamp, &scope, &canonical),
    );
    let authorization = sign::authorization("AKID-wire", &scope, "content-type;host", &signature);
    assert_eq!(
        request.header("authorization"),
        Some(authorization.as_str())
    );
}

#[tokio::test]
async fn region_and_token_are_absent_unless_set() {
    let server =
        Server::start(|_, _| Answer::json(r#"{"Response": {"RequestId": "hdr-2"}}"#)).await;

    client(config(&server.url))
        .call(&READ_ACTION, b"{}".to_vec())
        .await
        .unwrap();

    let request = &server.received()[0];
    for name in ["x-tc-region", "x-tc-token", "x-tc-language"] {
        assert_eq!(request.header(name), None, "{name}");
    }
}

#[tokio::test]
async fn no_secret_in_errors_or_debug_output() {
    let server = Server::start(|_, _| Answer::new(502, "text/html", "<html>bad</html>")).await;
    let config = config(&server.url)
        .credentials(Credentials::new("AKID-secret-test", "very-secret-key").with_token("tok-123"))
        .retry(RetryConfig::disabled())
        .build();

    let error = Client::new(&SERVICE, config.clone())
        .call(&WRITE_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();

    let printed = format!("{error} {error:?} {config:?}");
    assert!(!printed.contains("very-secret-key"), "{printed}");
    assert!(!printed.contains("tok-123"), "{printed}");
    let credentials = format!(
        "{:?}",
        Credentials::new("id", "very-secret-key").with_token("tok-123")
    );
    assert!(!credentials.contains("very-secret-key") && !credentials.contains("tok-123"));
}
