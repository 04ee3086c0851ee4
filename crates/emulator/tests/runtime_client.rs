//! The runtime's own client talks to the emulator: both sides of the signature agree.

mod support;

use serde_json::Value;
use tencentcloud_emulator::{Emulator, Fault};
use tencentcloud_runtime::{
    ActionSpec, Client, Config, Endpoint, EndpointSpec, Language, RequestQuota, ServiceSpec,
};

static TCSS: ServiceSpec = ServiceSpec {
    name: "tcss",
    version: "2020-11-01",
    endpoints: EndpointSpec {
        international: "tcss.intl.tencentcloudapi.com",
        mainland: "tcss.tencentcloudapi.com",
        regional: "tcss.{region}.tencentcloudapi.com",
    },
};

static DESCRIBE: ActionSpec = ActionSpec {
    name: support::ACTION,
    read_only: true,
    quota: Some(RequestQuota { per_second: 20 }),
};

fn client(emulator: &Emulator, secret_id: &str, secret_key: &str) -> Client {
    let config = Config::builder()
        .endpoint(Endpoint::url(emulator.url()))
        .credentials_static(secret_id, secret_key)
        .region("ap-guangzhou")
        .language(Language::EnUs)
        .build();
    Client::new(&TCSS, config)
}

#[tokio::test]
async fn a_runtime_call_gets_the_example() {
    let emulator = Emulator::start().await.unwrap();
    let credentials = emulator.credentials();
    let client = client(&emulator, credentials.secret_id(), credentials.secret_key());

    let raw = client
        .call(&DESCRIBE, br#"{"ID":10}"#.to_vec())
        .await
        .unwrap();
    let response: Value = raw.decode().unwrap();
    assert_eq!(response["Info"]["ClusterID"], "cls-abhq0j4o-666");

    let logged = emulator.last_request().unwrap();
    assert_eq!(logged.answer.request_id.as_deref(), Some(raw.request_id()));
    assert_eq!(logged.region(), Some("ap-guangzhou"));
    assert_eq!(logged.language(), Some("en-US"));
}

#[tokio::test]
async fn a_runtime_call_surfaces_the_emulator_error_with_its_request_id() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator, emulator.credentials().secret_id(), "wrong-key");

    let error = client
        .call(&DESCRIBE, br#"{"ID":10}"#.to_vec())
        .await
        .unwrap_err();
    let service_error = error.service_error().expect("a service error");
    assert_eq!(service_error.code, "AuthFailure.SignatureFailure");

    let logged = emulator.last_request().unwrap();
    assert_eq!(
        logged.answer.request_id.as_deref(),
        Some(service_error.request_id.as_str())
    );
}

#[tokio::test]
async fn the_runtime_retries_injected_throttling_into_success() {
    let emulator = Emulator::start().await.unwrap();
    let credentials = emulator.credentials();
    let client = client(&emulator, credentials.secret_id(), credentials.secret_key());
    emulator.inject(Fault::Throttle.times(2));

    client
        .call(&DESCRIBE, br#"{"ID":10}"#.to_vec())
        .await
        .unwrap();
    assert_eq!(emulator.counters().requests, 3);
}
