//! Starting, configuring and stopping emulators.

mod support;

use std::fs;
use std::path::PathBuf;

use serde_json::json;
use support::call;
use tencentcloud_emulator::{Emulator, ServiceDescription, StartError, error_codes};

/// A spec tree with one small service, written to a fresh temporary directory.
fn fixture_spec(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("emulator-spec-{name}-{}", std::process::id()));
    let version_dir = root.join("demo/v20240101");
    fs::create_dir_all(version_dir.join("examples")).unwrap();
    fs::write(
        version_dir.join("api.json"),
        json!({
            "metadata": {"apiVersion": "2024-01-01", "serviceShortName": "demo"},
            "actions": {"DescribeWidget": {"input": "DescribeWidgetRequest"}},
            "objects": {"DescribeWidgetRequest": {"members": [
                {"name": "Name", "type": "string", "member": "string", "required": true}
            ]}}
        })
        .to_string(),
    )
    .unwrap();
    fs::write(
        version_dir.join("service.json"),
        json!({"service": "demo", "version": "2024-01-01",
               "actions": {"DescribeWidget": {"quota_per_second": 5}}})
        .to_string(),
    )
    .unwrap();
    fs::write(
        version_dir.join("examples/DescribeWidget.json"),
        json!({"Response": {"Widget": {"Name": "w"}, "RequestId": "r"}}).to_string(),
    )
    .unwrap();
    root
}

#[tokio::test]
async fn url_points_at_the_bound_loopback_port() {
    let emulator = Emulator::start().await.unwrap();
    assert_eq!(
        emulator.url(),
        format!("http://127.0.0.1:{}", emulator.addr().port())
    );
    assert!(emulator.addr().ip().is_loopback());
    assert_ne!(emulator.addr().port(), 0);
}

#[tokio::test]
async fn the_embedded_spec_is_served() {
    let emulator = Emulator::start().await.unwrap();
    let services: Vec<(&str, &str)> = emulator
        .services()
        .iter()
        .map(|s| (s.name(), s.version()))
        .collect();
    assert_eq!(services, [("tcss", "2020-11-01")]);
    let actions: Vec<&str> = emulator.services()[0].action_names().collect();
    assert!(actions.contains(&support::ACTION), "{actions:?}");
}

#[tokio::test]
async fn dropping_the_emulator_stops_it() {
    let emulator = Emulator::start().await.unwrap();
    let url_call = call(&emulator);
    url_call.clone().send().await.expect_success();

    drop(emulator);
    tokio::task::yield_now().await;
    assert!(
        url_call.try_send().await.is_err(),
        "the port still answers after drop"
    );
}

#[tokio::test]
async fn shutdown_finishes_and_stops_listening() {
    let emulator = Emulator::start().await.unwrap();
    let url_call = call(&emulator);
    url_call.clone().send().await.expect_success();

    emulator.shutdown().await;
    assert!(
        url_call.try_send().await.is_err(),
        "the port still answers after shutdown"
    );
}

#[tokio::test]
async fn emulators_are_independent() {
    let first = Emulator::start().await.unwrap();
    let second = Emulator::start().await.unwrap();
    assert_ne!(first.url(), second.url());

    first.register_error(support::ACTION, "ResourceNotFound", "only in the first");
    call(&first).send().await.expect_error("ResourceNotFound");
    call(&second).send().await.expect_success();
    assert_eq!(second.counters().requests, 1);
}

#[tokio::test]
async fn a_fixed_port_can_be_chosen() {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = probe.local_addr().unwrap().port();
    drop(probe);

    let emulator = Emulator::builder().port(port).start().await.unwrap();
    assert_eq!(emulator.addr().port(), port);

    let taken = Emulator::builder().port(port).start().await.unwrap_err();
    assert!(matches!(taken, StartError::Bind { .. }), "{taken}");
    assert!(taken.to_string().contains(&port.to_string()), "{taken}");
}

#[tokio::test]
async fn a_spec_directory_replaces_the_embedded_spec() {
    let root = fixture_spec("replace");
    let emulator = Emulator::builder().spec_dir(&root).start().await.unwrap();

    let widget = call(&emulator)
        .action("DescribeWidget")
        .version("2024-01-01");
    let mut widget = widget.json(json!({"Name": "x"}));
    widget.service = "demo".into();
    let response = widget.clone().send().await.expect_success();
    assert_eq!(response["Widget"], json!({"Name": "w"}));

    let message = widget
        .json(json!({}))
        .send()
        .await
        .expect_error(error_codes::MISSING_PARAMETER);
    assert!(message.contains("`Name`"), "{message}");

    let tcss = call(&emulator).send().await;
    tcss.expect_error(error_codes::SIGNATURE_FAILURE);

    fs::remove_dir_all(root).unwrap();
}

#[tokio::test]
async fn a_loaded_service_can_be_added_to_the_embedded_ones() {
    let root = fixture_spec("add");
    let demo = ServiceDescription::load(&root.join("demo/v20240101")).unwrap();
    assert_eq!(demo.quota_per_second("DescribeWidget"), Some(5));

    let emulator = Emulator::builder().service(demo).start().await.unwrap();
    assert_eq!(emulator.services().len(), 2);
    call(&emulator).send().await.expect_success();

    fs::remove_dir_all(root).unwrap();
}

#[tokio::test]
async fn a_broken_spec_directory_fails_to_start_with_the_file_named() {
    let root = fixture_spec("broken");
    let api = root.join("demo/v20240101/api.json");
    fs::write(&api, "{ not json").unwrap();

    let error = Emulator::builder()
        .spec_dir(&root)
        .start()
        .await
        .unwrap_err();
    assert!(matches!(error, StartError::Spec(_)), "{error}");
    assert!(error.to_string().contains("api.json"), "{error}");

    let empty = std::env::temp_dir().join(format!("emulator-spec-empty-{}", std::process::id()));
    fs::create_dir_all(&empty).unwrap();
    let error = Emulator::builder()
        .spec_dir(&empty)
        .start()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no service.json"), "{error}");

    fs::remove_dir_all(root).unwrap();
    fs::remove_dir_all(empty).unwrap();
}

#[test]
fn starting_outside_a_runtime_is_an_error() {
    let start = Emulator::start();
    let outcome = futures_lite_block_on(start);
    assert!(matches!(outcome, Err(StartError::NoRuntime)), "{outcome:?}");
}

/// Polls a future to completion on this thread without any runtime.
fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::pin::pin;
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }

    let waker = Waker::from(Arc::new(Noop));
    let mut context = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}
