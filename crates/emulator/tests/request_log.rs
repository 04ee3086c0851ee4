//! Tests can read back what the emulator received and how it answered.

mod support;

use std::time::SystemTime;

use serde_json::json;
use support::{ACTION, VERSION, call, is_request_id};
use tencentcloud_emulator::{Emulator, Fault, error_codes};

#[tokio::test]
async fn each_request_is_logged_with_its_headers_body_and_answer() {
    let emulator = Emulator::start().await.unwrap();
    let before = SystemTime::now();

    let session = emulator.session_credentials().clone();
    let reply = call(&emulator)
        .credential(&session)
        .header("X-TC-Region", "ap-guangzhou")
        .header("X-TC-Language", "en-US")
        .json(json!({"ID": 10}))
        .send()
        .await;
    reply.expect_success();

    let log = emulator.requests();
    assert_eq!(log.len(), 1);
    let logged = &log[0];
    assert!(logged.received_at >= before);
    assert_eq!(logged.method, "POST");
    assert_eq!(logged.uri, "/");
    assert_eq!(logged.action(), Some(ACTION));
    assert_eq!(logged.version(), Some(VERSION));
    assert_eq!(logged.region(), Some("ap-guangzhou"));
    assert_eq!(logged.language(), Some("en-US"));
    assert_eq!(logged.token(), session.token());
    assert!(logged.timestamp().is_some());
    assert!(
        logged
            .header("Authorization")
            .unwrap()
            .starts_with("TC3-HMAC-SHA256 Credential=")
    );
    assert_eq!(logged.body, Some(json!({"ID": 10})));
    assert_eq!(&logged.raw_body[..], br#"{"ID":10}"#);

    assert!(logged.answer.is_success());
    assert_eq!(logged.answer.status, 200);
    assert_eq!(
        logged.answer.request_id.as_deref(),
        Some(reply.request_id().as_str())
    );
    assert_eq!(logged.answer.body, reply.body);
    assert_eq!(logged.answer.fault, None);

    let shown = format!("{logged:?}");
    assert!(
        !shown.contains(session.token().unwrap()),
        "Debug leaks the token: {shown}"
    );
}

#[tokio::test]
async fn errors_and_faults_are_logged_with_what_was_answered() {
    let emulator = Emulator::start().await.unwrap();

    call(&emulator).action("DescribeNothing").send().await;
    emulator.inject(Fault::server_error(502));
    call(&emulator).send().await;

    let log = emulator.requests();
    assert_eq!(log.len(), 2);

    let invalid = &log[0].answer;
    assert_eq!(
        invalid.error_code.as_deref(),
        Some(error_codes::INVALID_ACTION)
    );
    assert!(
        invalid
            .error_message
            .as_deref()
            .unwrap()
            .contains("DescribeNothing")
    );
    assert!(is_request_id(invalid.request_id.as_deref().unwrap()));
    assert!(!invalid.is_success());

    let faulted = &log[1].answer;
    assert_eq!(faulted.status, 502);
    assert_eq!(faulted.fault, Some(Fault::server_error(502)));
    assert_eq!(faulted.request_id, None);

    assert_eq!(emulator.last_request().unwrap().answer, *faulted);
}

#[tokio::test]
async fn the_log_can_be_cleared_while_counters_keep_counting() {
    let emulator = Emulator::start().await.unwrap();
    call(&emulator).send().await;
    call(&emulator).json(json!({})).send().await;

    emulator.clear_requests();
    assert!(emulator.requests().is_empty());
    assert!(emulator.last_request().is_none());

    let counters = emulator.counters();
    assert_eq!(
        (counters.requests, counters.succeeded, counters.failed),
        (2, 1, 1)
    );
}

#[tokio::test]
async fn the_log_keeps_only_its_capacity() {
    let emulator = Emulator::builder().log_capacity(2).start().await.unwrap();
    for id in 1..=3 {
        call(&emulator).json(json!({"ID": id})).send().await;
    }
    let ids: Vec<_> = emulator
        .requests()
        .iter()
        .map(|r| r.body.clone().unwrap()["ID"].clone())
        .collect();
    assert_eq!(ids, [json!(2), json!(3)]);
    assert_eq!(emulator.counters().requests, 3);
}
