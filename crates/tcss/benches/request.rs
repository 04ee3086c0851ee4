//! Cost of one `DescribeK8sApiAbnormalEventInfo` request before the network: building and
//! serializing the request and signing it, then a whole call through the generated client
//! with a transport that answers from memory (validation, serialization, credentials,
//! signing, headers, reading the envelope and decoding; no sockets, quota off).

use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};
use tencentcloud_runtime::{BoxFuture, Config, Endpoint, RetryConfig, Transport, TransportError};
use tencentcloud_tcss::Client;

const HOST: &str = "tcss.intl.tencentcloudapi.com";
const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const TIMESTAMP: i64 = 1_729_594_845;

/// The smallest successful answer, so the in-memory call spends its time on the request.
const ANSWER: &[u8] =
    br#"{"Response":{"Info":{},"RequestId":"8d8d41ab-6dfd-4f66-ad09-4a882485e733"}}"#;

/// Answers every request with [`ANSWER`] without looking at it.
struct InMemory;

impl Transport for InMemory {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        drop(black_box(request));
        Box::pin(async {
            Ok(http::Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(Bytes::from_static(ANSWER))
                .expect("a static response builds"))
        })
    }
}

/// What `send` does before the network, with the generated builder: check, serialize, sign.
fn build_serialize_sign(client: &Client, id: u64) -> String {
    let builder = client.describe_k8s_api_abnormal_event_info().id(id);
    let request = builder.as_request();
    request.validate().expect("ID is set");
    let body = serde_json::to_vec(request).expect("the request serializes");

    let canonical = CanonicalRequest::new(
        "POST",
        "/",
        "",
        &[("content-type", "application/json"), ("host", HOST)],
        &body,
    );
    let scope = CredentialScope::new(TIMESTAMP, "tcss");
    let string_to_sign = StringToSign::new(TIMESTAMP, &scope, &canonical);
    let signature = sign::signature(SECRET_KEY, &scope, &string_to_sign);
    sign::authorization(SECRET_ID, &scope, canonical.signed_headers(), &signature)
}

fn request(c: &mut Criterion) {
    let client = Client::new(
        Config::builder()
            .credentials_static(SECRET_ID, SECRET_KEY)
            .endpoint(Endpoint::International)
            .retry(RetryConfig::disabled())
            .quota_enabled(false)
            .clock(|| UNIX_EPOCH + Duration::from_secs(TIMESTAMP as u64))
            .transport(InMemory)
            .build(),
    );
    c.bench_function("request/build_serialize_sign", |b| {
        b.iter(|| build_serialize_sign(&client, black_box(10)))
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime builds");
    c.bench_function("request/client_call_in_memory", |b| {
        b.iter(|| {
            runtime
                .block_on(client.describe_k8s_api_abnormal_event_info().id(10).send())
                .expect("the in-memory call succeeds")
        })
    });
}

criterion_group!(benches, request);
criterion_main!(benches);
