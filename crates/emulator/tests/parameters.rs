//! The emulator checks the action, the version and the parameters against the spec.

mod support;

use serde_json::json;
use support::call;
use tencentcloud_emulator::{Emulator, error_codes};

#[tokio::test]
async fn an_unknown_action_is_invalid() {
    let emulator = Emulator::start().await.unwrap();
    let message = call(&emulator)
        .action("DescribeNothing")
        .send()
        .await
        .expect_error(error_codes::INVALID_ACTION);
    assert!(message.contains("DescribeNothing"), "{message}");
}

#[tokio::test]
async fn a_wrong_version_does_not_exist() {
    let emulator = Emulator::start().await.unwrap();
    let message = call(&emulator)
        .version("2018-01-01")
        .send()
        .await
        .expect_error(error_codes::NO_SUCH_VERSION);
    assert!(message.contains("2018-01-01"), "{message}");
}

#[tokio::test]
async fn missing_common_headers_are_missing_parameters() {
    let emulator = Emulator::start().await.unwrap();

    let mut no_action = call(&emulator);
    no_action.action = None;
    let message = no_action
        .send()
        .await
        .expect_error(error_codes::MISSING_PARAMETER);
    assert!(message.contains("X-TC-Action"), "{message}");

    let mut no_version = call(&emulator);
    no_version.version = None;
    let message = no_version
        .send()
        .await
        .expect_error(error_codes::MISSING_PARAMETER);
    assert!(message.contains("X-TC-Version"), "{message}");
}

#[tokio::test]
async fn a_missing_id_is_a_missing_parameter() {
    let emulator = Emulator::start().await.unwrap();

    for body in [json!({}), json!({"Unrelated": 1})] {
        let message = call(&emulator)
            .json(body.clone())
            .send()
            .await
            .expect_error(error_codes::MISSING_PARAMETER);
        assert!(message.contains("`ID`"), "{body}: {message}");
    }

    let mut empty_body = call(&emulator);
    empty_body.body = Vec::new();
    empty_body
        .send()
        .await
        .expect_error(error_codes::MISSING_PARAMETER);
}

#[tokio::test]
async fn a_string_negative_or_fractional_id_is_invalid() {
    let emulator = Emulator::start().await.unwrap();

    for id in [json!("10"), json!(-1), json!(1.5), json!(null), json!([10])] {
        let message = call(&emulator)
            .json(json!({"ID": id}))
            .send()
            .await
            .expect_error(error_codes::INVALID_PARAMETER);
        assert!(message.contains("`ID`"), "{id}: {message}");
    }
}

#[tokio::test]
async fn an_unknown_parameter_is_named() {
    let emulator = Emulator::start().await.unwrap();
    let message = call(&emulator)
        .json(json!({"ID": 10, "Verbose": true}))
        .send()
        .await
        .expect_error(error_codes::UNKNOWN_PARAMETER);
    assert!(message.contains("`Verbose`"), "{message}");
}

#[tokio::test]
async fn the_largest_id_is_accepted() {
    let emulator = Emulator::start().await.unwrap();
    call(&emulator)
        .json(json!({"ID": u64::MAX}))
        .send()
        .await
        .expect_success();
}

#[tokio::test]
async fn a_body_that_is_not_a_json_object_is_an_invalid_request() {
    let emulator = Emulator::start().await.unwrap();

    for body in [&b"[1, 2]"[..], b"{\"ID\": 10", b"ID=10"] {
        let mut bad = call(&emulator);
        bad.body = body.to_vec();
        bad.send().await.expect_error(error_codes::INVALID_REQUEST);
    }

    let mut form = call(&emulator);
    form.content_type = "application/x-www-form-urlencoded".into();
    form.send().await.expect_error(error_codes::INVALID_REQUEST);
}

#[tokio::test]
async fn only_post_to_the_root_is_served() {
    let emulator = Emulator::start().await.unwrap();

    let mut get = call(&emulator);
    get.method = reqwest::Method::GET;
    get.send().await.expect_error(error_codes::INVALID_REQUEST);

    let mut elsewhere = call(&emulator);
    elsewhere.path = "/v1".into();
    elsewhere
        .send()
        .await
        .expect_error(error_codes::INVALID_REQUEST);
}

#[tokio::test]
async fn an_unknown_language_is_an_invalid_value() {
    let emulator = Emulator::start().await.unwrap();
    call(&emulator)
        .header("X-TC-Language", "en-US")
        .send()
        .await
        .expect_success();
    call(&emulator)
        .header("X-TC-Language", "fr-FR")
        .send()
        .await
        .expect_error(error_codes::INVALID_PARAMETER_VALUE);
}
