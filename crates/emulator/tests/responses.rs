//! The emulator answers from the spec's example or from responses a test registered.

mod support;

use serde_json::{Value, json};
use support::{ACTION, call};
use tencentcloud_emulator::{Emulator, error_codes};

/// The example response of the action, as stored in spec/.
fn example() -> Value {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../spec/tcss/v20201101/examples/DescribeK8sApiAbnormalEventInfo.json"
    ));
    serde_json::from_str(text).unwrap()
}

#[tokio::test]
async fn the_example_answers_with_a_fresh_request_id() {
    let emulator = Emulator::start().await.unwrap();

    let first = call(&emulator).send().await;
    let response = first.expect_success();
    assert_eq!(first.content_type.as_deref(), Some("application/json"));

    let mut expected = example()["Response"].clone();
    let example_id = expected["RequestId"].as_str().unwrap().to_owned();
    expected["RequestId"] = response["RequestId"].clone();
    assert_eq!(response, expected);
    assert_eq!(response["Info"]["ClusterID"], "cls-abhq0j4o-666");
    assert_ne!(first.request_id(), example_id);

    let second = call(&emulator).send().await;
    assert_ne!(second.request_id(), first.request_id());
}

#[tokio::test]
async fn a_registered_response_replaces_the_example() {
    let emulator = Emulator::start().await.unwrap();
    emulator.register_response(ACTION, json!({"Info": {"ClusterID": "cls-registered"}}));

    let response = call(&emulator).send().await.expect_success();
    assert_eq!(response["Info"], json!({"ClusterID": "cls-registered"}));

    // A whole envelope works too, and its RequestId is replaced.
    emulator.register_response(
        ACTION,
        json!({"Response": {"Info": {"ClusterID": "cls-wrapped"}, "RequestId": "fixed"}}),
    );
    let reply = call(&emulator).send().await;
    assert_eq!(reply.expect_success()["Info"]["ClusterID"], "cls-wrapped");
    assert_ne!(reply.request_id(), "fixed");

    emulator.clear_responses();
    let response = call(&emulator).send().await.expect_success();
    assert_eq!(response["Info"]["ClusterID"], "cls-abhq0j4o-666");
}

#[tokio::test]
async fn a_response_per_parameter_value_beats_the_per_action_one() {
    let emulator = Emulator::start().await.unwrap();
    emulator.register_response(ACTION, json!({"Info": {"ClusterID": "cls-any"}}));
    emulator.register_response_for(ACTION, "ID", 7, json!({"Info": {"ClusterID": "cls-seven"}}));

    let cluster = |response: Value| response["Info"]["ClusterID"].as_str().unwrap().to_owned();
    let seven = call(&emulator)
        .json(json!({"ID": 7}))
        .send()
        .await
        .expect_success();
    let eight = call(&emulator)
        .json(json!({"ID": 8}))
        .send()
        .await
        .expect_success();
    assert_eq!(cluster(seven), "cls-seven");
    assert_eq!(cluster(eight), "cls-any");
}

#[tokio::test]
async fn a_registered_error_is_answered_as_a_service_error() {
    let emulator = Emulator::start().await.unwrap();
    emulator.register_response_for(
        ACTION,
        "ID",
        404,
        json!({"Error": {"Code": "ResourceNotFound", "Message": "No event 404."}}),
    );
    emulator.register_error(ACTION, "InternalError", "Something broke.");

    let missing = call(&emulator).json(json!({"ID": 404})).send().await;
    assert_eq!(missing.expect_error("ResourceNotFound"), "No event 404.");

    let broken = call(&emulator).send().await;
    assert_eq!(broken.expect_error("InternalError"), "Something broke.");
}

#[tokio::test]
async fn validation_still_runs_before_a_registered_response() {
    let emulator = Emulator::start().await.unwrap();
    emulator.register_response(ACTION, json!({"Info": {}}));
    call(&emulator)
        .json(json!({"ID": "x"}))
        .send()
        .await
        .expect_error(error_codes::INVALID_PARAMETER);
}

#[tokio::test]
async fn a_registered_value_that_is_not_an_object_is_reported() {
    let emulator = Emulator::start().await.unwrap();
    emulator.register_response(ACTION, json!(["not", "an", "object"]));

    let message = call(&emulator)
        .send()
        .await
        .expect_error(error_codes::INTERNAL_ERROR);
    assert!(message.contains(ACTION), "{message}");
}
