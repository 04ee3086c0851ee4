//! Cost of the TC3-HMAC-SHA256 signature of one request: the whole signature as the client
//! computes it, and its two halves (the canonical request with its hash, the HMAC chain).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tencentcloud_runtime::sign::{self, CanonicalRequest, CredentialScope, StringToSign};

/// The body of `DescribeK8sApiAbnormalEventInfo` with `ID` 10, as the client serializes it.
const BODY: &[u8] = br#"{"ID":10}"#;
const HOST: &str = "tcss.intl.tencentcloudapi.com";
const SECRET_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const TIMESTAMP: i64 = 1_729_594_845;

/// Everything the client does to sign one request, ending with the `Authorization` value.
fn authorization(body: &[u8], timestamp: i64) -> String {
    let canonical = CanonicalRequest::new(
        "POST",
        "/",
        "",
        &[("content-type", "application/json"), ("host", HOST)],
        body,
    );
    let scope = CredentialScope::new(timestamp, "tcss");
    let string_to_sign = StringToSign::new(timestamp, &scope, &canonical);
    let signature = sign::signature(SECRET_KEY, &scope, &string_to_sign);
    sign::authorization(SECRET_ID, &scope, canonical.signed_headers(), &signature)
}

fn signing(c: &mut Criterion) {
    c.bench_function("sign/one_request", |b| {
        b.iter(|| authorization(black_box(BODY), black_box(TIMESTAMP)))
    });

    c.bench_function("sign/canonical_request_and_hash", |b| {
        b.iter(|| {
            let canonical = CanonicalRequest::new(
                "POST",
                "/",
                "",
                &[("content-type", "application/json"), ("host", HOST)],
                black_box(BODY),
            );
            canonical.hash_hex()
        })
    });

    let canonical = CanonicalRequest::new(
        "POST",
        "/",
        "",
        &[("content-type", "application/json"), ("host", HOST)],
        BODY,
    );
    let scope = CredentialScope::new(TIMESTAMP, "tcss");
    let string_to_sign = StringToSign::new(TIMESTAMP, &scope, &canonical);
    c.bench_function("sign/hmac_chain", |b| {
        b.iter(|| sign::signature(black_box(SECRET_KEY), &scope, &string_to_sign))
    });
}

criterion_group!(benches, signing);
criterion_main!(benches);
