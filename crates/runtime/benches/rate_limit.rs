//! Cost of taking and giving back a quota slot, alone and with 64 tasks on two threads
//! taking slots of one limiter at once.
//!
//! Every measured batch uses a fresh limiter with exactly as many slots as the batch takes,
//! so no acquisition waits for a slot to cool down: the figures are the bookkeeping alone.
//! The process-wide registry lookup the client does before acquiring is measured apart.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use tencentcloud_runtime::{RateLimiter, RequestQuota, rate_limit};

/// Acquisitions per measured batch, and the slots of each fresh limiter.
const BATCH: u32 = 1024;
/// Tasks taking slots at once in the contended case.
const TASKS: u32 = 64;

fn fresh_limiter() -> Arc<RateLimiter> {
    Arc::new(RateLimiter::new(RequestQuota { per_second: BATCH }))
}

fn uncontended(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime builds");

    let mut group = c.benchmark_group("quota");
    group.throughput(Throughput::Elements(u64::from(BATCH)));
    group.bench_function("acquire_release/uncontended", |b| {
        b.iter_batched(
            fresh_limiter,
            |limiter| {
                runtime.block_on(async {
                    for _ in 0..BATCH {
                        drop(black_box(limiter.acquire().await));
                    }
                });
                limiter
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn contended(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .expect("a two-thread runtime builds");

    let mut group = c.benchmark_group("quota");
    group.throughput(Throughput::Elements(u64::from(BATCH)));
    group.bench_function("acquire_release/64_tasks", |b| {
        b.iter_batched(
            fresh_limiter,
            |limiter| {
                runtime.block_on(async {
                    let tasks: Vec<_> = (0..TASKS)
                        .map(|_| {
                            let limiter = Arc::clone(&limiter);
                            tokio::spawn(async move {
                                for _ in 0..BATCH / TASKS {
                                    drop(black_box(limiter.acquire().await));
                                }
                            })
                        })
                        .collect();
                    for task in tasks {
                        task.await.expect("an acquiring task finishes");
                    }
                });
                limiter
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn registry(c: &mut Criterion) {
    let quota = RequestQuota { per_second: 20 };
    c.bench_function("quota/registry_lookup", |b| {
        b.iter(|| {
            rate_limit::shared(
                black_box("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
                "tcss",
                "DescribeK8sApiAbnormalEventInfo",
                quota,
            )
        })
    });
}

criterion_group!(benches, uncontended, contended, registry);
criterion_main!(benches);
