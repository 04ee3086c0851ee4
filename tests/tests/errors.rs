//! Every error the emulator can answer surfaces as the matching typed error, with the
//! request ID the emulator gave it.

mod common;

use std::time::Duration;

use tencentcloud_emulator::{Credential, Emulator};
use tencentcloud_runtime::{ActionSpec, Client as RuntimeClient, Error, RetryConfig, ServiceSpec};
use tencentcloud_tcss::{
    CommonErrorCode, DESCRIBE_K8S_API_ABNORMAL_EVENT_INFO,
    DescribeK8sApiAbnormalEventInfoErrorCode as Code, SERVICE,
};

const ACTION: &str = "DescribeK8sApiAbnormalEventInfo";

/// The emulator's request ID of its last answer.
fn last_request_id(emulator: &Emulator) -> String {
    let logged = emulator
        .last_request()
        .expect("the emulator logged the call");
    logged
        .answer
        .request_id
        .expect("every API answer carries a request ID")
}

/// Checks that `error` is a service error with `code`, classified as `expected`, carrying the
/// emulator's request ID.
fn assert_service_error(emulator: &Emulator, error: &Error, code: &str, expected: Code) {
    let service = error
        .service_error()
        .unwrap_or_else(|| panic!("expected the service error {code}, got: {error}"));
    assert_eq!(service.code, code);
    assert!(!service.message.is_empty(), "{code} comes with a message");
    assert_eq!(Code::of(error), Some(expected), "{code}");
    assert_eq!(error.request_id(), Some(last_request_id(emulator).as_str()));
    assert_eq!(service.request_id, last_request_id(emulator));
    assert!(error.to_string().contains(code), "{error}");
}

/// A runtime client for `emulator` that sends raw bodies, to reach checks the generated
/// client's own validation would stop first.
fn raw_client(emulator: &Emulator, service: &'static ServiceSpec) -> RuntimeClient {
    let config = common::config_for(emulator)
        .retry(RetryConfig::disabled())
        .build();
    RuntimeClient::new(service, config)
}

async fn send_raw(emulator: &Emulator, body: &str) -> Error {
    raw_client(emulator, &SERVICE)
        .call(
            &DESCRIBE_K8S_API_ABNORMAL_EVENT_INFO,
            body.as_bytes().to_vec(),
        )
        .await
        .expect_err("the emulator rejects the body")
}

#[tokio::test]
async fn parameter_errors() {
    let emulator = common::emulator().await;

    let cases = [
        ("{}", "MissingParameter", CommonErrorCode::MissingParameter),
        (
            r#"{"ID": "10"}"#,
            "InvalidParameter",
            CommonErrorCode::InvalidParameter,
        ),
        (
            r#"{"ID": -1}"#,
            "InvalidParameter",
            CommonErrorCode::InvalidParameter,
        ),
        (
            r#"{"ID": 1, "Extra": 2}"#,
            "UnknownParameter",
            CommonErrorCode::UnknownParameter,
        ),
    ];
    for (body, code, common) in cases {
        let error = send_raw(&emulator, body).await;
        let expected = match code {
            "InvalidParameter" => Code::InvalidParameter,
            _ => Code::Common(common),
        };
        assert_service_error(&emulator, &error, code, expected);
    }
}

#[tokio::test]
async fn the_generated_client_refuses_a_missing_id_before_sending() {
    let emulator = common::emulator().await;
    let client = common::client_for(&emulator);

    let error = client
        .describe_k8s_api_abnormal_event_info()
        .send()
        .await
        .unwrap_err();

    assert!(matches!(error, Error::MissingParameter { .. }), "{error:?}");
    assert!(error.to_string().contains("ID"), "{error}");
    assert!(
        emulator.requests().is_empty(),
        "nothing reached the emulator"
    );
}

#[tokio::test]
async fn unknown_action_and_wrong_version() {
    static OTHER_VERSION: ServiceSpec = ServiceSpec {
        version: "2018-01-01",
        ..SERVICE
    };
    static UNKNOWN_ACTION: ActionSpec = ActionSpec {
        name: "DescribeNothing",
        read_only: true,
        quota: None,
    };
    let emulator = common::emulator().await;

    let error = raw_client(&emulator, &SERVICE)
        .call(&UNKNOWN_ACTION, b"{}".to_vec())
        .await
        .unwrap_err();
    assert_service_error(
        &emulator,
        &error,
        "InvalidAction",
        Code::Common(CommonErrorCode::InvalidAction),
    );

    let error = raw_client(&emulator, &OTHER_VERSION)
        .call(
            &DESCRIBE_K8S_API_ABNORMAL_EVENT_INFO,
            br#"{"ID": 1}"#.to_vec(),
        )
        .await
        .unwrap_err();
    assert_service_error(
        &emulator,
        &error,
        "NoSuchVersion",
        Code::Common(CommonErrorCode::NoSuchVersion),
    );
}

#[tokio::test]
async fn authentication_errors() {
    let emulator = common::emulator().await;
    let good = emulator.credentials().clone();
    let session = emulator.session_credentials().clone();
    let auth = Code::Common(CommonErrorCode::AuthFailure);

    let cases = [
        (
            Credential::new(good.secret_id(), "not-the-key"),
            "AuthFailure.SignatureFailure",
        ),
        (
            Credential::new("AKIDnobody", good.secret_key()),
            "AuthFailure.SecretIdNotFound",
        ),
        (
            Credential::new(session.secret_id(), session.secret_key()),
            "AuthFailure.TokenFailure",
        ),
        (
            session.clone().with_token("a-stale-token"),
            "AuthFailure.TokenFailure",
        ),
    ];
    for (credential, code) in cases {
        let mut credentials =
            tencentcloud_runtime::Credentials::new(credential.secret_id(), credential.secret_key());
        if let Some(token) = credential.token() {
            credentials = credentials.with_token(token);
        }
        let config = common::config_for(&emulator)
            .credentials(credentials)
            .build();
        let client = tencentcloud_tcss::Client::new(config);

        let error = client
            .describe_k8s_api_abnormal_event_info()
            .id(1)
            .send()
            .await
            .unwrap_err();

        assert_service_error(&emulator, &error, code, auth.clone());
    }
}

#[tokio::test]
async fn a_clock_six_minutes_off_is_signature_expire() {
    let emulator = Emulator::builder()
        .clock_skew_secs(360)
        .start()
        .await
        .unwrap();
    let client = common::client_for(&emulator);

    let error = client
        .describe_k8s_api_abnormal_event_info()
        .id(1)
        .send()
        .await
        .unwrap_err();

    assert_service_error(
        &emulator,
        &error,
        "AuthFailure.SignatureExpire",
        Code::Common(CommonErrorCode::AuthFailure),
    );
}

#[tokio::test]
async fn the_actions_own_codes_with_sub_codes() {
    let emulator = common::emulator().await;
    let client = tencentcloud_tcss::Client::new(
        common::config_for(&emulator)
            .retry(RetryConfig::disabled())
            .build(),
    );

    let cases = [
        ("ResourceNotFound.EventNotFound", Code::ResourceNotFound),
        ("ResourceNotFound", Code::ResourceNotFound),
        ("InternalError", Code::InternalError),
        ("InvalidParameter.IdOutOfRange", Code::InvalidParameter),
        (
            "FailedOperation.Something",
            Code::Common(CommonErrorCode::FailedOperation),
        ),
        (
            "BrandNewCategory.Thing",
            Code::Unknown("BrandNewCategory.Thing".to_owned()),
        ),
    ];
    for (code, expected) in cases {
        emulator.clear_responses();
        emulator.register_error(ACTION, code, "the test asked for this error");

        let error = client
            .describe_k8s_api_abnormal_event_info()
            .id(3)
            .send()
            .await
            .unwrap_err();

        assert_service_error(&emulator, &error, code, expected);
        assert_eq!(
            error.service_error().unwrap().message,
            "the test asked for this error"
        );
    }
}

#[tokio::test]
async fn internal_error_is_retried_for_this_read_only_action() {
    let emulator = common::emulator().await;
    emulator.register_error(ACTION, "InternalError", "try again");
    let client = common::client_for(&emulator);

    let started = tokio::time::Instant::now();
    let error = client
        .describe_k8s_api_abnormal_event_info()
        .id(3)
        .send()
        .await
        .unwrap_err();

    assert_eq!(Code::of(&error), Some(Code::InternalError));
    assert!(
        emulator.requests().len() > 1,
        "the read-only call was retried"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}
