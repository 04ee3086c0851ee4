//! The emulator misbehaves on request: HTML 5xx, truncated body, delay, throttling.

mod support;

use std::time::{Duration, Instant};

use support::{ACTION, call};
use tencentcloud_emulator::{Emulator, Fault, error_codes};

#[tokio::test]
async fn a_server_error_sends_an_html_page_with_the_status() {
    let emulator = Emulator::start().await.unwrap();
    emulator.inject(Fault::server_error(502).times(2));

    for _ in 0..2 {
        let reply = call(&emulator).send().await;
        assert_eq!(reply.status, 502);
        assert_eq!(
            reply.content_type.as_deref(),
            Some("text/html; charset=utf-8")
        );
        let page = String::from_utf8(reply.body.to_vec()).unwrap();
        assert!(page.contains("502 Bad Gateway"), "{page}");
        assert!(serde_json::from_str::<serde_json::Value>(&page).is_err());
    }
    call(&emulator).send().await.expect_success();

    emulator.inject(Fault::server_error(503));
    assert_eq!(call(&emulator).send().await.status, 503);
}

#[tokio::test]
async fn a_truncated_body_is_cut_json_with_a_matching_length() {
    let emulator = Emulator::start().await.unwrap();
    let full = call(&emulator).send().await;

    emulator.inject(Fault::TruncatedBody);
    let cut = call(&emulator).send().await;

    assert_eq!(cut.status, 200);
    assert_eq!(cut.content_length, Some(cut.body.len() as u64));
    assert!(cut.body.len() < full.body.len() && !cut.body.is_empty());
    assert!(full.body.starts_with(&cut.body[..20]));
    assert!(serde_json::from_slice::<serde_json::Value>(&cut.body).is_err());
}

#[tokio::test]
async fn a_delay_holds_the_answer_back() {
    let emulator = Emulator::start().await.unwrap();

    emulator.inject(Fault::Delay(Duration::from_millis(300)));
    let started = Instant::now();
    call(&emulator).send().await.expect_success();
    assert!(started.elapsed() >= Duration::from_millis(300));

    // A client that gives up sooner sees a timeout.
    emulator.inject(Fault::Delay(Duration::from_secs(30)));
    let mut impatient = call(&emulator);
    impatient.timeout = Some(Duration::from_millis(200));
    let error = impatient.try_send().await.unwrap_err();
    assert!(error.is_timeout(), "{error}");
}

#[tokio::test]
async fn throttling_applies_to_the_next_n_calls_only() {
    let emulator = Emulator::start().await.unwrap();
    emulator.inject(Fault::Throttle.times(3));

    for _ in 0..3 {
        call(&emulator)
            .send()
            .await
            .expect_error(error_codes::REQUEST_LIMIT_EXCEEDED);
    }
    call(&emulator).send().await.expect_success();

    let counters = emulator.counters();
    assert_eq!(counters.faults_injected, 3);
    assert_eq!(
        counters.throttled_by_quota, 0,
        "injected throttling is not the quota"
    );
}

#[tokio::test]
async fn faults_can_target_one_action() {
    let emulator = Emulator::start().await.unwrap();
    emulator.inject(Fault::Throttle.for_action(ACTION));
    emulator.inject(Fault::server_error(500).for_action("DescribeOther"));

    // A request for another action passes by the throttle, and takes its own fault.
    assert_eq!(
        call(&emulator).action("DescribeOther").send().await.status,
        500
    );
    call(&emulator)
        .send()
        .await
        .expect_error(error_codes::REQUEST_LIMIT_EXCEEDED);
    call(&emulator).send().await.expect_success();
}

#[tokio::test]
async fn pending_faults_can_be_cleared() {
    let emulator = Emulator::start().await.unwrap();
    emulator.inject(Fault::server_error(502).times(10));
    emulator.clear_faults();
    call(&emulator).send().await.expect_success();
    assert_eq!(emulator.counters().faults_injected, 0);
}

#[tokio::test]
async fn faults_apply_before_authentication() {
    let emulator = Emulator::start().await.unwrap();
    emulator.inject(Fault::Throttle);

    let mut unsigned = call(&emulator);
    unsigned.secret_key = "wrong".into();
    unsigned
        .send()
        .await
        .expect_error(error_codes::REQUEST_LIMIT_EXCEEDED);
}
