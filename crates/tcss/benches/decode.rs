//! Cost of reading the seed response of `DescribeK8sApiAbnormalEventInfo`: into the
//! generated types (as `RawResponse::decode` does), into `serde_json::Value` on the same
//! bytes for comparison, and the audit record held in the event's `Info`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;
use tencentcloud_tcss::audit::parse_audit_record;
use tencentcloud_tcss::model::DescribeK8sApiAbnormalEventInfoResponse;

/// The whole envelope the service answers with, from the spec's example.
const SEED: &[u8] =
    include_bytes!("../../../spec/tcss/v20201101/examples/DescribeK8sApiAbnormalEventInfo.json");

/// The envelope around the action's output, as the runtime reads it.
#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(rename = "Response")]
    response: T,
}

fn seed_response(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode_seed");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("typed", |b| {
        b.iter(|| {
            serde_json::from_slice::<Envelope<DescribeK8sApiAbnormalEventInfoResponse>>(black_box(
                SEED,
            ))
            .expect("the seed decodes")
            .response
        })
    });
    group.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(SEED)).expect("valid"))
    });
    group.finish();
}

fn audit_record(c: &mut Criterion) {
    let response =
        serde_json::from_slice::<Envelope<DescribeK8sApiAbnormalEventInfoResponse>>(SEED)
            .expect("the seed decodes")
            .response;
    let info = response.info.info;

    let mut group = c.benchmark_group("decode_audit_record");
    group.throughput(Throughput::Bytes(info.len() as u64));
    group.bench_function("typed", |b| {
        b.iter(|| parse_audit_record(black_box(&info)).expect("the seed's record parses"))
    });
    group.finish();
}

criterion_group!(benches, seed_response, audit_record);
criterion_main!(benches);
