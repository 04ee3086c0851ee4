//! The generated client over a scripted transport: what it sends, what it decodes, how it
//! rejects a request missing a required member, and how error codes are classified.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use tencentcloud_runtime::{BoxFuture, RetryConfig, Transport, TransportError};
use tencentcloud_tcss::{
    Client, CommonErrorCode, Config, DescribeK8sApiAbnormalEventInfoErrorCode as Code, Error,
    SERVICE,
};

/// Answers every request with one canned body and keeps the request bodies it saw.
#[derive(Clone)]
struct Scripted {
    answer: &'static str,
    seen: Arc<Mutex<Vec<Bytes>>>,
}

impl Transport for Scripted {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        self.seen.lock().unwrap().push(request.into_body());
        let answer = self.answer;
        Box::pin(async move { Ok(http::Response::new(Bytes::from_static(answer.as_bytes()))) })
    }
}

fn client(answer: &'static str) -> (Client, Arc<Mutex<Vec<Bytes>>>) {
    let transport = Scripted {
        answer,
        seen: Arc::default(),
    };
    let seen = transport.seen.clone();
    let config = Config::builder()
        .credentials_static("AKIDexample", "secret")
        .retry(RetryConfig::disabled())
        .quota_enabled(false)
        .transport(transport)
        .build();
    (Client::new(config), seen)
}

const EXAMPLE: &str =
    include_str!("../../../spec/tcss/v20201101/examples/DescribeK8sApiAbnormalEventInfo.json");

#[tokio::test]
async fn sends_the_id_exactly_and_decodes_the_answer() {
    let (client, seen) = client(EXAMPLE);

    let response = client
        .describe_k8s_api_abnormal_event_info()
        .id(u64::MAX)
        .send()
        .await
        .unwrap();

    assert_eq!(response.request_id, "8d8d41ab-6dfd-4f66-ad09-4a882485e733");
    assert_eq!(response.info.cluster_id, "cls-abhq0j4o-666");
    let bodies = seen.lock().unwrap();
    assert_eq!(bodies.len(), 1);
    assert_eq!(&bodies[0][..], br#"{"ID":18446744073709551615}"#);
}

#[tokio::test]
async fn a_missing_id_fails_before_anything_is_sent() {
    let (client, seen) = client(EXAMPLE);

    let error = client
        .describe_k8s_api_abnormal_event_info()
        .send()
        .await
        .unwrap_err();

    match &error {
        Error::MissingParameter { action, member } => {
            assert_eq!(*action, "DescribeK8sApiAbnormalEventInfo");
            assert_eq!(member, "ID");
        }
        other => panic!("expected a missing parameter, got {other:?}"),
    }
    assert!(seen.lock().unwrap().is_empty());
    assert_eq!(Code::of(&error), None);
}

#[tokio::test]
async fn an_error_answer_is_classified_by_category() {
    let (client, _) = client(
        r#"{"Response": {"Error": {"Code": "ResourceNotFound.EventNotFound",
            "Message": "no such event"}, "RequestId": "r-9"}}"#,
    );

    let error = client
        .describe_k8s_api_abnormal_event_info()
        .id(10)
        .send()
        .await
        .unwrap_err();

    assert_eq!(Code::of(&error), Some(Code::ResourceNotFound));
    let service = error.service_error().unwrap();
    assert_eq!(service.code, "ResourceNotFound.EventNotFound");
    assert_eq!(service.request_id, "r-9");
}

#[test]
fn codes_match_own_codes_first_then_common_ones_then_keep_the_rest() {
    let cases = [
        ("InternalError", Code::InternalError),
        ("InvalidParameter.BadId", Code::InvalidParameter),
        ("ResourceNotFound", Code::ResourceNotFound),
        (
            "AuthFailure.SignatureExpire",
            Code::Common(CommonErrorCode::AuthFailure),
        ),
        (
            "RequestLimitExceeded",
            Code::Common(CommonErrorCode::RequestLimitExceeded),
        ),
        (
            "SomethingNew.Entirely",
            Code::Unknown("SomethingNew.Entirely".to_owned()),
        ),
    ];
    for (code, expected) in cases {
        assert_eq!(Code::from_code(code), expected, "{code}");
    }

    assert_eq!(Code::InternalError.as_str(), "InternalError");
    assert_eq!(
        Code::Common(CommonErrorCode::AuthFailure).as_str(),
        "AuthFailure"
    );
    assert_eq!(Code::Unknown("X.Y".to_owned()).as_str(), "X.Y");
}

#[test]
fn the_service_constants_come_from_the_spec() {
    assert_eq!(SERVICE.name, "tcss");
    assert_eq!(SERVICE.version, "2020-11-01");
    assert_eq!(
        SERVICE.endpoints.international,
        "tcss.intl.tencentcloudapi.com"
    );
    assert_eq!(SERVICE.endpoints.mainland, "tcss.tencentcloudapi.com");
    assert_eq!(
        SERVICE.endpoints.regional,
        "tcss.{region}.tencentcloudapi.com"
    );

    let action = tencentcloud_tcss::DESCRIBE_K8S_API_ABNORMAL_EVENT_INFO;
    assert_eq!(action.name, "DescribeK8sApiAbnormalEventInfo");
    assert!(action.read_only);
    assert_eq!(action.quota.map(|q| q.per_second), Some(20));
}
